// Issue 12: inputs that are not regular files read sequentially, empty paths are refused as zfp
// refuses them, allocation failures are typed (zfp's message in the compatible mode), and the
// .npy decompress command caps its output. Issue 13: the CLI imports codec and header directly.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { describeWithOracle, runZfp } from "@zfpjs/tooling/oracle";
import { DEFAULT_MAX_OUTPUT_BYTES } from "@zfpjs/zfpy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli-io.js";
import { main } from "../src/main.js";
import { writeNpy } from "../src/npy.js";
import { rawValues } from "./inputs.js";
import { Capture } from "./run-cli.js";
import { bash, PACKAGE_DIR, quote, scratch, zeroStream, zfpjsShell } from "./safety-helpers.js";

const RAW = rawValues("f32", 64 * 64);
const NPY = Buffer.concat(
  writeNpy({
    dtype: "float32",
    shape: [64, 64],
    fortranOrder: false,
    data: new Float32Array(RAW.buffer as ArrayBuffer),
  }),
);
const COMPRESS = ["-f", "-2", "64", "64", "-r", "8"];

async function run(args: string[], cwd: string, extra: Partial<CliIo> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await main(args, { stdin: new Uint8Array(), stdout, stderr, env: {}, cwd, ...extra });
  return { status, stdout: stdout.bytes(), stderr: stderr.text() };
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

describe("given inputs that are pipes, FIFOs, /dev/stdin or process substitution (real processes)", () => {
  let ctx: { dir: string; cleanup: () => void };
  const file = (name: string) => new Uint8Array(readFileSync(join(ctx.dir, name)));
  let script: ReturnType<typeof bash>;
  beforeAll(async () => {
    ctx = scratch();
    writeFileSync(join(ctx.dir, "a.f32"), RAW);
    writeFileSync(join(ctx.dir, "a.npy"), NPY);
    // the same runs on regular files, in-process
    for (const args of [
      ["-q", "-i", "a.f32", ...COMPRESS, "-z", "ref.zfp"],
      ["-q", "-h", "-i", "a.f32", ...COMPRESS, "-z", "ref-h.zfp"],
      ["-q", "-h", "-z", "ref-h.zfp", "-o", "ref.raw"],
      ["compress", "-q", "a.npy", "-r", "8", "-o", "ref-npy.zfp"],
    ]) {
      expect((await run(args, ctx.dir)).status).toBe(0);
    }
    writeFileSync(
      join(ctx.dir, "ref-info.json"),
      (await run(["info", "ref-npy.zfp", "--json"], ctx.dir)).stdout,
    );
    expect(spawnSync("mkfifo", [join(ctx.dir, "in.fifo")]).status).toBe(0);
    // one bash run for all cases: each command's status is echoed in order
    // timeout: a reader that reopened a FIFO would wait for a writer forever
    const z = (args: string[]) => `timeout 60 ${zfpjsShell(args)}`;
    script = bash(
      [
        `cd ${quote(ctx.dir)}`,
        `cat a.f32 | ${z(["-q", "-i", "/dev/stdin", ...COMPRESS, "-z", "stdin.zfp"])}; echo $?`,
        `${z(["-q", "-h", "-z", "/dev/fd/3", "-o", "subst.raw"])} 3< <(cat ref-h.zfp); echo $?`,
        `${z(["-q", "-h", "-z"])} <(cat ref-h.zfp) -o procsub.raw; echo $?`,
        `${z(["compress", "-q", "-r", "8", "-o", "procsub-npy.zfp"])} <(cat a.npy); echo $?`,
        `cat ref-npy.zfp | ${z(["info", "/dev/stdin", "--json"])} > stdin-info.json; echo $?`,
        `(cat a.f32 > in.fifo &); ${z(["-q", "-i", "in.fifo", ...COMPRESS, "-z", "fifo.zfp"])}; echo $?`,
      ].join("\n"),
    );
  }, 120_000);
  afterAll(() => ctx.cleanup());

  it("when all run, expect status 0 each and nothing on stderr", () => {
    expect(script).toMatchObject({ stdout: "0\n0\n0\n0\n0\n0\n", stderr: "" });
  });
  it("when raw values come through `cat | -i /dev/stdin`, expect the regular file's stream", () => {
    expect(same(file("stdin.zfp"), file("ref.zfp"))).toBe(true);
  });
  it("when a stream comes through process substitution (-z <(cat f)), expect the regular file's values", () => {
    expect(same(file("procsub.raw"), file("ref.raw"))).toBe(true);
    expect(same(file("subst.raw"), file("ref.raw"))).toBe(true);
  });
  it("when a .npy comes through process substitution (compress <(cat f)), expect the regular file's stream", () => {
    expect(same(file("procsub-npy.zfp"), file("ref-npy.zfp"))).toBe(true);
  });
  it("when info reads /dev/stdin, expect the regular file's description", () => {
    expect(JSON.parse(readFileSync(join(ctx.dir, "stdin-info.json"), "utf8"))).toEqual(
      JSON.parse(readFileSync(join(ctx.dir, "ref-info.json"), "utf8")),
    );
  });
  it("when -i names a FIFO fed by a writer, expect the regular file's stream", () => {
    expect(same(file("fifo.zfp"), file("ref.zfp"))).toBe(true);
  });
});

describeWithOracle(
  "given empty path arguments (zfp's own answers)",
  () => {
    const compressed = (() => {
      const { dir, cleanup } = scratch();
      try {
        writeFileSync(join(dir, "a.f32"), RAW);
        spawnSync("zfp", ["-q", "-i", "a.f32", ...COMPRESS, "-z", "a.zfp"], { cwd: dir });
        return new Uint8Array(readFileSync(join(dir, "a.zfp")));
      } finally {
        cleanup();
      }
    })();
    it.each([
      ["-z ''", ["-i", "a.f32", ...COMPRESS, "-z", ""]],
      ["-o ''", ["-i", "a.f32", ...COMPRESS, "-o", ""]],
      ["-i ''", ["-i", "", ...COMPRESS, "-z", "out.zfp"]],
      ["-z '' as input", ["-z", "", ...COMPRESS, "-o", "out.raw"]],
      ["-o '' after -z", ["-z", "a.zfp", ...COMPRESS, "-o", ""]],
    ])("when given %s, expect zfp's status, message and files", async (_, args) => {
      const files = { "a.f32": RAW, "a.zfp": compressed };
      const theirs = runZfp(args, files);
      const { dir, cleanup } = scratch();
      try {
        for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
        const ours = await run(args, dir);
        expect({ status: ours.status, stderr: ours.stderr }).toEqual({
          status: theirs.status,
          stderr: theirs.stderr,
        });
        expect(readdirSync(dir).sort()).toEqual(Object.keys(theirs.files).sort());
      } finally {
        cleanup();
      }
    });
  },
  { zfp: true },
);

describe("given empty paths in the .npy commands", () => {
  it.each([
    ["compress ''", ["compress", ""], /^zfpjs compress: cannot read input '': no such file or directory\n$/],
    [
      "decompress ''",
      ["decompress", "", "-o", "x.npy"],
      /^zfpjs decompress: cannot read input '': no such file or directory\n$/,
    ],
    ["info ''", ["info", ""], /^zfpjs info: cannot read input '': no such file or directory\n$/],
  ])("when given %s, expect a refusal", async (_, args, message) => {
    const { dir, cleanup } = scratch();
    try {
      const result = await run(args, dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});

describeWithOracle(
  "given sizes no array can hold",
  () => {
    it("when -1 1000000000000000000 is asked for, expect zfp's words for a failed allocation", async () => {
      // zfp's malloc of 16 GiB may succeed (overcommit); of 4 EB it always fails
      const theirs = runZfp(["-i", "a.f32", "-f", "-1", "1000000000000000000", "-r", "8"], { "a.f32": RAW });
      expect(theirs).toMatchObject({ status: 1, stderr: "cannot allocate memory\n" });
      const { dir, cleanup } = scratch();
      try {
        writeFileSync(join(dir, "a.f32"), RAW);
        // zfpjs streams, so only a size beyond any address space fails as zfp's malloc does
        const ours = await run(["-i", "a.f32", "-f", "-1", "1000000000000000000", "-r", "8"], dir);
        expect({ status: ours.status, stderr: ours.stderr }).toEqual({ status: 1, stderr: theirs.stderr });
      } finally {
        cleanup();
      }
    });
  },
  { zfp: true },
);

describe("given an allocation that fails in a .npy command", () => {
  it("when reading the input runs out of memory, expect a typed out-of-memory line, not the engine's words", async () => {
    const stdin = {
      // biome-ignore lint/correctness/useYield: fails before the first chunk, as a huge read would
      async *[Symbol.asyncIterator]() {
        throw new RangeError("Array buffer allocation failed");
      },
    };
    const result = await run(["decompress", "-", "-o", "out.npy"], PACKAGE_DIR, { stdin });
    expect(result).toMatchObject({
      status: 1,
      stderr: "zfpjs: out of memory: Array buffer allocation failed\n",
    });
  });
});

describe("given streams that decode to more than the output cap", () => {
  let ctx: { dir: string; cleanup: () => void };
  beforeAll(() => {
    ctx = scratch();
    writeFileSync(join(ctx.dir, "bomb.zfp"), zeroStream(1024, 1024, 512)); // 2 GiB of floats
    writeFileSync(join(ctx.dir, "small.zfp"), zeroStream(64, 64, 64)); // 1 MiB of floats
    // a header alone, declaring 2^48 floats
    const huge = new Uint8Array(24);
    const stream = new codec.BitStream(huge);
    zfpHeader.writeHeader(
      stream,
      { type: "float", nx: 65536, ny: 65536, nz: 65536 },
      codec.fixedPrecision(16),
    );
    stream.flush();
    writeFileSync(join(ctx.dir, "huge.zfp"), huge);
  });
  afterAll(() => ctx.cleanup());
  it("when a 1 MiB stream declares 2 GiB over --max-output-bytes 1 GiB, expect a refusal before writing that names the size", async () => {
    expect(DEFAULT_MAX_OUTPUT_BYTES).toBe(2 ** 30);
    const result = await run(
      ["decompress", "bomb.zfp", "-o", "out.npy", "--max-output-bytes", String(DEFAULT_MAX_OUTPUT_BYTES)],
      ctx.dir,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `zfpjs decompress: the stream declares ${2 ** 31} bytes of output, more than the limit of ${2 ** 30} bytes; raise it with --max-output-bytes ${2 ** 31}\n`,
    );
    expect(readdirSync(ctx.dir).sort()).toEqual(["bomb.zfp", "huge.zfp", "small.zfp"]);
  });
  it("when a 1 MiB stream declares 2 GiB and no --max-output-bytes is given, expect the default 1 GiB cap to refuse it before writing", async () => {
    const result = await run(["decompress", "bomb.zfp", "-o", "out.npy"], ctx.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `zfpjs decompress: the stream declares ${2 ** 31} bytes of output, more than the limit of ${2 ** 30} bytes (the default, 1 GiB); raise it with --max-output-bytes ${2 ** 31}\n`,
    );
    expect(readdirSync(ctx.dir).sort()).toEqual(["bomb.zfp", "huge.zfp", "small.zfp"]);
  });
  it("when a header declares 1 PiB (more than the disk holds) over a raised limit's default, expect a refusal before writing", async () => {
    const result = await run(["decompress", "huge.zfp", "-o", "out.npy"], ctx.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `zfpjs decompress: the stream declares ${2 ** 50} bytes of output, more than the limit of ${2 ** 30} bytes (the default, 1 GiB); raise it with --max-output-bytes ${2 ** 50}\n`,
    );
    expect(readdirSync(ctx.dir).sort()).toEqual(["bomb.zfp", "huge.zfp", "small.zfp"]);
  });
  it("when --max-output-bytes is below or at a stream's output, expect a refusal below and the array at", async () => {
    const below = await run(
      ["decompress", "small.zfp", "-o", "below.npy", "--max-output-bytes", "1048575"],
      ctx.dir,
    );
    expect(below.status).toBe(1);
    expect(below.stderr).toMatch(
      /more than the limit of 1048575 bytes; raise it with --max-output-bytes 1048576/,
    );
    const at = await run(
      ["decompress", "small.zfp", "-q", "-o", "at.npy", "--max-output-bytes", "1048576"],
      ctx.dir,
    );
    expect(at.status).toBe(0);
    expect(readFileSync(join(ctx.dir, "at.npy")).length).toBeGreaterThan(1048576);
  });
  it("when --max-output-bytes is not a whole number, expect a refusal", async () => {
    const result = await run(["decompress", "small.zfp", "--max-output-bytes", "1e9"], ctx.dir);
    expect(result).toMatchObject({
      status: 1,
      stderr: "zfpjs decompress: --max-output-bytes must be a whole number of bytes, not '1e9'\n",
    });
  });
});

describe("given the CLI's sources (issue 13)", () => {
  it("when scanned, expect codec and header imported directly, never through zfpy's namespaces", () => {
    const dir = join(PACKAGE_DIR, "src");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@zfpjs\/zfpy"/g)) {
        expect(match[1], name).not.toMatch(/\b(codec|zfpHeader)\b/);
      }
      // zfp's limits come from the codec's constants (c-format and c-scan use IEEE's -1074)
      if (name.startsWith("compat")) expect(text, name).not.toMatch(/\b16658\b|-1074\b/);
    }
  });
});
