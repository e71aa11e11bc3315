// Issue 14: runs that stream through many small slabs, from pipes, and fail midway.
import { readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli-io.js";
import { main } from "../src/main.js";
import { writeNpy } from "../src/npy.js";
import { rawValues } from "./inputs.js";
import { Capture } from "./run-cli.js";
import { scratch } from "./safety-helpers.js";

const RAW = rawValues("f64", 24 * 20);
const NPY = Buffer.concat(
  writeNpy({
    dtype: "float64",
    shape: [24, 20],
    fortranOrder: false,
    data: new Float64Array(RAW.buffer.slice(0) as ArrayBuffer),
  }),
);

async function run(args: string[], cwd: string, extra: Partial<CliIo> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await main(args, {
    stdin: new Uint8Array(),
    stdout,
    stderr,
    env: {},
    cwd,
    slabValues: 40, // 2 rows of 20 values: slabs of 4 rows, 6 slabs
    ...extra,
  });
  return { status, stdout: stdout.bytes(), stderr: stderr.text() };
}

/** An async iterable that yields `bytes` in pieces of `size`, as a pipe would. */
function pipe(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

describe("given runs that stream through many slabs", () => {
  let ctx: ReturnType<typeof scratch>;
  let stream: Buffer;
  let npyStream: Buffer;
  beforeAll(async () => {
    ctx = scratch();
    writeFileSync(join(ctx.dir, "a.f64"), RAW);
    writeFileSync(join(ctx.dir, "a.npy"), NPY);
    await run(["-d", "-2", "20", "24", "-p", "20", "-h", "-i", "a.f64", "-z", "a.zfp", "-q"], ctx.dir, {
      slabValues: 1 << 22,
    });
    stream = readFileSync(join(ctx.dir, "a.zfp"));
    await run(["compress", "a.npy", "-o", "a-npy.zfp", "--precision", "20", "-q"], ctx.dir, {
      slabValues: 1 << 22,
    });
    npyStream = readFileSync(join(ctx.dir, "a-npy.zfp"));
  });
  afterAll(() => ctx.cleanup());

  it("when the zfp mode compresses from a pipe in odd pieces with small slabs, expect the one-slab bytes on stdout", async () => {
    const result = await run(
      ["-d", "-2", "20", "24", "-p", "20", "-h", "-i", "-", "-z", "-", "-q"],
      ctx.dir,
      {
        stdin: pipe(RAW, 77),
      },
    );
    expect(result.status).toBe(0);
    expect(Buffer.compare(Buffer.from(result.stdout), stream)).toBe(0);
  });

  it("when the zfp mode decompresses a pipe in odd pieces, expect the bytes of a one-slab decode of the file", async () => {
    const piped = await run(["-h", "-z", "-", "-o", "-", "-q"], ctx.dir, { stdin: pipe(stream, 13) });
    const whole = await run(["-h", "-z", "a.zfp", "-o", "-", "-q"], ctx.dir, { slabValues: 1 << 22 });
    expect(piped.status).toBe(0);
    expect(piped.stdout.length).toBe(RAW.length);
    expect(Buffer.compare(Buffer.from(piped.stdout), Buffer.from(whole.stdout))).toBe(0);
  });

  it("when a .npy comes through a pipe with small slabs, expect the bytes of the file with one slab", async () => {
    const result = await run(["compress", "-", "-o", "-", "--precision", "20", "-q"], ctx.dir, {
      stdin: pipe(NPY, 100),
    });
    expect(result.status).toBe(0);
    expect(Buffer.compare(Buffer.from(result.stdout), npyStream)).toBe(0);
  });

  it("when a piped zfp-mode stream ends inside a later slab, expect decompression failed and no output file", async () => {
    // fixed rate: every block takes 16 x 16 bits, so no zero padding can stand in for the cut
    await run(["-d", "-2", "20", "24", "-r", "16", "-h", "-i", "a.f64", "-z", "r.zfp", "-q"], ctx.dir);
    const rate = readFileSync(join(ctx.dir, "r.zfp"));
    const cut = rate.subarray(0, Math.floor(rate.length * 0.7));
    const result = await run(["-h", "-z", "-", "-o", "cut.raw"], ctx.dir, { stdin: pipe(cut, 50) });
    expect(result).toMatchObject({ status: 1, stderr: "decompression failed\n" });
    expect(() => readFileSync(join(ctx.dir, "cut.raw"))).toThrow();
  });

  it("when a .npy stream ends inside a later slab, expect a typed line, and a symlink's target untouched", async () => {
    writeFileSync(join(ctx.dir, "target.npy"), "keep");
    symlinkSync("target.npy", join(ctx.dir, "link.npy"));
    writeFileSync(join(ctx.dir, "cut.zfp"), npyStream.subarray(0, Math.floor(npyStream.length * 0.7)));
    const result = await run(["decompress", "cut.zfp", "-o", "link.npy"], ctx.dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^zfpjs decompress: .*\n$/);
    expect(readlinkSync(join(ctx.dir, "link.npy"))).toBe("target.npy");
    expect(readFileSync(join(ctx.dir, "target.npy"), "utf8")).toBe("keep");
  });

  it("when a .npy stream decodes through a symlink, expect the target written after success", async () => {
    const result = await run(["decompress", "a-npy.zfp", "-o", "link2.npy", "-q"], ctx.dir, {});
    expect(result.status).toBe(0);
    writeFileSync(join(ctx.dir, "target2.npy"), "old");
    symlinkSync("target2.npy", join(ctx.dir, "link3.npy"));
    const linked = await run(["decompress", "a-npy.zfp", "-o", "link3.npy", "-q"], ctx.dir);
    expect(linked.status).toBe(0);
    expect(readlinkSync(join(ctx.dir, "link3.npy"))).toBe("target2.npy");
    expect(
      Buffer.compare(readFileSync(join(ctx.dir, "target2.npy")), readFileSync(join(ctx.dir, "link2.npy"))),
    ).toBe(0);
  });

  it("when -s runs with small slabs, expect the statistics of one slab", async () => {
    const args = ["-d", "-2", "20", "24", "-a", "1e-4", "-i", "a.f64", "-s"];
    const small = await run(args, ctx.dir);
    const one = await run(args, ctx.dir, { slabValues: 1 << 22 });
    expect(small.status).toBe(0);
    expect(small.stderr).toMatch(/ rmse=\S+ nrmse=\S+ maxe=\S+ psnr=\S+\n$/);
    expect(small.stderr).toBe(one.stderr);
  });
});

describe("given a terminal and an input of 32 MiB, streamed in 8 slabs", () => {
  const tty = () => Object.assign(new Capture(), { isTTY: true, columns: 80 });
  const shape = [2048, 4096]; // float32 zeros: 32 MiB, slabs of 2^20 values
  const zeros = new Uint8Array(shape[0]! * shape[1]! * 4);
  const npy = Buffer.concat(
    writeNpy({ dtype: "float32", shape, fortranOrder: false, data: new Float32Array(zeros.buffer) }),
  );
  let ctx: ReturnType<typeof scratch>;
  beforeAll(() => {
    ctx = scratch();
  });
  afterAll(() => ctx.cleanup());
  const percentages = (text: string) => [...text.matchAll(/\] (\d+)%/g)].map((m) => Number(m[1]));

  it("when each mode compresses and decompresses, expect a bar up to 100% and then the line cleared", async () => {
    const runs = [
      {
        label: "compressing",
        args: ["-f", "-2", "4096", "2048", "-p", "8", "-i", "-", "-z", "z.zfp"],
        stdin: zeros,
      },
      { label: "decompressing", args: ["-f", "-2", "4096", "2048", "-p", "8", "-z", "z.zfp", "-o", "z.f32"] },
      { label: "compressing", args: ["compress", "-", "-o", "n.zfp", "--precision", "8"], stdin: npy },
      { label: "decompressing", args: ["decompress", "n.zfp", "-o", "n.npy"] },
    ];
    for (const { label, args, stdin } of runs) {
      const stderr = tty();
      const result = await run(args, ctx.dir, {
        stderr,
        stdin: stdin ?? new Uint8Array(),
        slabValues: 1 << 20,
      });
      expect(result.status).toBe(0);
      const text = stderr.text();
      expect(text).toContain(`${label} [`);
      expect(percentages(text).at(-1)).toBe(100);
      // the bar cleared before the summary line
      const clear = "\r\u001b[K";
      const tail = text.slice(text.lastIndexOf(clear) + clear.length);
      expect(tail.endsWith("\n") && !tail.includes("%")).toBe(true);
    }
  }, 120_000);
});
