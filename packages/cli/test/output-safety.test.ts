// Issue 12: the CLI never harms what stands at an output path. Targets that are not plain files
// are written as zfp writes them (through symlinks, into devices and FIFOs, keeping hard links);
// plain files are replaced whole, keeping their mode and owner; signals and closed pipes leave
// nothing behind.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli-io.js";
import { main } from "../src/main.js";
import { writeNpy } from "../src/npy.js";
import { rawValues } from "./inputs.js";
import { Capture } from "./run-cli.js";
import {
  bash,
  describeAsRoot,
  IS_ROOT,
  quote,
  runUnprivileged,
  scratch,
  startZfpjs,
  UNPRIVILEGED,
  zeroStream,
  zfpjsShell,
} from "./safety-helpers.js";

const RAW = rawValues("f32", 64 * 64);
const NPY = Buffer.concat(
  writeNpy({
    dtype: "float32",
    shape: [64, 64],
    fortranOrder: false,
    data: new Float32Array(RAW.buffer as ArrayBuffer),
  }),
);

async function run(args: string[], cwd: string, extra: Partial<CliIo> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await main(args, { stdin: new Uint8Array(), stdout, stderr, env: {}, cwd, ...extra });
  return { status, stdout: stdout.bytes(), stderr: stderr.text() };
}

/** The commands that write an output path, each with the name of its output argument. */
const WRITERS: { name: string; args: (out: string) => string[] }[] = [
  { name: "zfp mode -z", args: (out) => ["-i", "a.f32", "-f", "-2", "64", "64", "-r", "8", "-z", out] },
  { name: "zfp mode -o", args: (out) => ["-i", "a.f32", "-f", "-2", "64", "64", "-r", "8", "-o", out] },
  { name: "compress -o", args: (out) => ["compress", "a.npy", "-r", "8", "-q", "-o", out] },
  { name: "decompress -o", args: (out) => ["decompress", "a.zfp", "-q", "-o", out] },
];

/** A directory with the inputs, and what each writer writes to a fresh path. */
async function prepare(): Promise<{ dir: string; cleanup: () => void; expected: Uint8Array[] }> {
  const { dir, cleanup } = scratch();
  writeFileSync(join(dir, "a.f32"), RAW);
  writeFileSync(join(dir, "a.npy"), NPY);
  expect((await run(["compress", "a.npy", "-r", "8", "-q", "-o", "a.zfp"], dir)).status).toBe(0);
  const expected: Uint8Array[] = [];
  for (const writer of WRITERS) {
    expect((await run(writer.args("fresh"), dir)).status).toBe(0);
    expected.push(readFileSync(join(dir, "fresh")));
  }
  return { dir, cleanup, expected };
}

describe("given an output path that is a plain file, a missing path or a special file any user has", () => {
  let ctx: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    ctx = await prepare();
  });
  afterAll(() => ctx.cleanup());

  WRITERS.forEach((writer, w) => {
    it(`when ${writer.name} replaces a file with mode 0640, expect the new bytes with mode 0640 and no temporary file`, async () => {
      const target = join(ctx.dir, `perm-${w}`);
      writeFileSync(target, "old");
      chmodSync(target, 0o640);
      expect((await run(writer.args(`perm-${w}`), ctx.dir)).status).toBe(0);
      expect(statSync(target).mode & 0o7777).toBe(0o640);
      expect(Buffer.from(readFileSync(target)).equals(Buffer.from(ctx.expected[w]!))).toBe(true);
      expect(readdirSync(ctx.dir).filter((name) => name.endsWith(".zfpjs-tmp"))).toEqual([]);
    });

    it(`when ${writer.name} writes /dev/null, expect status 0 and /dev/null still a device`, async () => {
      const before = statSync("/dev/null");
      expect((await run(writer.args("/dev/null"), ctx.dir)).status).toBe(0);
      const after = statSync("/dev/null");
      expect(after.isCharacterDevice()).toBe(true);
      expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
    });

    it(`when ${writer.name} writes through a symlink, expect the link kept and its target written`, async () => {
      writeFileSync(join(ctx.dir, `target-${w}.txt`), "precious");
      symlinkSync(`target-${w}.txt`, join(ctx.dir, `link-${w}`));
      expect((await run(writer.args(`link-${w}`), ctx.dir)).status).toBe(0);
      expect(lstatSync(join(ctx.dir, `link-${w}`)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(ctx.dir, `link-${w}`))).toBe(`target-${w}.txt`);
      const written = readFileSync(join(ctx.dir, `target-${w}.txt`));
      expect(Buffer.from(written).equals(Buffer.from(ctx.expected[w]!))).toBe(true);
    });

    it(`when ${writer.name} writes a hard-linked file, expect both names to keep one inode with the new bytes`, async () => {
      const original = join(ctx.dir, `hl-orig-${w}`);
      writeFileSync(original, "keep");
      linkSync(original, join(ctx.dir, `hl-link-${w}`));
      const inode = statSync(original).ino;
      expect((await run(writer.args(`hl-link-${w}`), ctx.dir)).status).toBe(0);
      expect(statSync(join(ctx.dir, `hl-link-${w}`)).ino).toBe(inode);
      expect(statSync(original).nlink).toBe(2);
      expect(Buffer.from(readFileSync(original)).equals(Buffer.from(ctx.expected[w]!))).toBe(true);
    });

    it(`when ${writer.name} writes a FIFO with a reader, expect the reader to receive the bytes and the FIFO kept`, async () => {
      const fifo = join(ctx.dir, `fifo-${w}`);
      expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
      const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
      const chunks: Buffer[] = [];
      reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
      const closed = once(reader, "close"); // before the run: head may leave first
      const status = await run(writer.args(`fifo-${w}`), ctx.dir);
      await closed;
      expect(status.status).toBe(0);
      expect(Buffer.concat(chunks).equals(Buffer.from(ctx.expected[w]!))).toBe(true);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    });

    it(`when ${writer.name} is given an empty output path, expect a refusal and nothing written`, async () => {
      const before = readdirSync(ctx.dir).sort();
      const result = await run(writer.args(""), ctx.dir);
      expect(result.status).toBe(1);
      expect(result.stderr).not.toBe("");
      expect(readdirSync(ctx.dir).sort()).toEqual(before);
    });
  });

  it("when -z names /dev/stdout and stdout is a pipe, expect the stream through the pipe (a real process)", () => {
    // a pipe made by bash: Node's own child stdio are sockets, which /dev/stdout cannot reopen
    const args = ["-q", "-i", "a.f32", "-f", "-2", "64", "64", "-r", "8", "-z", "/dev/stdout"];
    const result = bash(
      `cd ${quote(ctx.dir)} && ${zfpjsShell(args)} | cat > piped.zfp; echo "\${PIPESTATUS[0]}"`,
    );
    expect(result).toMatchObject({ stdout: "0\n", stderr: "" });
    const piped = readFileSync(join(ctx.dir, "piped.zfp"));
    expect(Buffer.from(piped).equals(Buffer.from(ctx.expected[0]!))).toBe(true);
  });

  it("when the output is a directory, expect zfp's message and the directory untouched", async () => {
    mkdirSync(join(ctx.dir, "adir"));
    const result = await run(WRITERS[0]!.args("adir"), ctx.dir);
    expect(result).toMatchObject({ status: 1, stderr: "cannot create compressed file\n" });
    expect(statSync(join(ctx.dir, "adir")).isDirectory()).toBe(true);
  });
});

describe("given permissions as an unprivileged user (as nobody when run by root: a real process)", () => {
  let ctx: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    ctx = await prepare();
    chmodSync(ctx.dir, 0o755);
    for (const name of readdirSync(ctx.dir)) chmodSync(join(ctx.dir, name), 0o644);
  });
  afterAll(() => ctx.cleanup());
  const own = (path: string) => {
    if (IS_ROOT) chownSync(path, UNPRIVILEGED, UNPRIVILEGED);
  };
  const compressTo = (out: string) => ["-q", "-i", "../a.f32", "-f", "-2", "64", "64", "-r", "8", "-z", out];

  it("when the target is a read-only file in a writable directory, expect fopen's refusal and the file kept", () => {
    const dir = join(ctx.dir, "writable");
    mkdirSync(dir);
    own(dir);
    writeFileSync(join(dir, "readonly.zfp"), "keep");
    own(join(dir, "readonly.zfp"));
    chmodSync(join(dir, "readonly.zfp"), 0o444);
    const result = runUnprivileged(compressTo("readonly.zfp"), dir);
    expect(result).toMatchObject({ status: 1, stderr: "cannot create compressed file\n" });
    expect(readFileSync(join(dir, "readonly.zfp"), "utf8")).toBe("keep");
    expect(readdirSync(dir)).toEqual(["readonly.zfp"]);
  });

  it("when the target is a writable file in a directory that allows no new file, expect it written in place, as zfp", () => {
    const dir = join(ctx.dir, "locked");
    mkdirSync(dir, 0o755); // owned by the test's user: no new files for the unprivileged one
    writeFileSync(join(dir, "out.zfp"), "old");
    own(join(dir, "out.zfp"));
    chmodSync(join(dir, "out.zfp"), 0o644);
    if (!IS_ROOT) chmodSync(dir, 0o555);
    const inode = statSync(join(dir, "out.zfp")).ino;
    const result = runUnprivileged(compressTo("out.zfp"), dir);
    if (!IS_ROOT) chmodSync(dir, 0o755);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(statSync(join(dir, "out.zfp")).ino).toBe(inode);
    expect(Buffer.from(readFileSync(join(dir, "out.zfp"))).equals(Buffer.from(ctx.expected[0]!))).toBe(true);
  });
});

describeAsRoot("given output paths only root can set up (device nodes, other owners)", () => {
  let ctx: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    ctx = await prepare();
  });
  afterAll(() => ctx.cleanup());

  WRITERS.forEach((writer, w) => {
    it(`when ${writer.name} writes a device node (mknod c 1 3), expect the node kept`, async () => {
      const node = join(ctx.dir, `null-${w}`);
      expect(spawnSync("mknod", [node, "c", "1", "3"]).status).toBe(0);
      expect((await run(writer.args(`null-${w}`), ctx.dir)).status).toBe(0);
      const info = lstatSync(node);
      expect(info.isCharacterDevice()).toBe(true);
      expect(info.rdev).toBe(statSync("/dev/null").rdev);
    });

    it(`when ${writer.name} replaces a file owned by uid 65534 with mode 0640, expect owner and mode kept`, async () => {
      const target = join(ctx.dir, `owned-${w}`);
      writeFileSync(target, "old");
      chmodSync(target, 0o640);
      chownSync(target, 65534, 65534);
      expect((await run(writer.args(`owned-${w}`), ctx.dir)).status).toBe(0);
      const info = statSync(target);
      expect([info.uid, info.gid, info.mode & 0o7777]).toEqual([65534, 65534, 0o640]);
      expect(Buffer.from(readFileSync(target)).equals(Buffer.from(ctx.expected[w]!))).toBe(true);
    });
  });
});

describe("given a signal during a long write (a real process, 256 MiB of output)", () => {
  // zfp-compatible decompression of all-zero blocks: 64 Mi floats from a 128 KiB stream
  for (const [signal, status] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`when ${signal} arrives while the temporary file is written, expect it removed and status ${status}`, async () => {
      const { dir, cleanup } = scratch();
      try {
        writeFileSync(join(dir, "bomb.zfp"), zeroStream(512, 512, 256));
        // Stop the child as soon as its temporary file appears, so the signal lands mid-write
        // however loaded the machine is; a run that finishes first is tried again.
        let outcome: { code: number | null; signal: NodeJS.Signals | null; files: string[] } | undefined;
        for (let attempt = 0; attempt < 5 && !outcome; attempt++) {
          const child = startZfpjs(["-q", "-h", "-z", join(dir, "bomb.zfp"), "-o", join(dir, "out.raw")]);
          const exited = once(child, "exit");
          let caught = false;
          let finished = false;
          exited.then(() => {
            finished = true;
          });
          while (!finished) {
            if (readdirSync(dir).some((name) => name.endsWith(".zfpjs-tmp"))) {
              child.kill("SIGSTOP");
              caught = readdirSync(dir).some((name) => name.endsWith(".zfpjs-tmp"));
              child.kill(signal);
              child.kill("SIGCONT");
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          const [code, gotSignal] = (await exited) as [number | null, NodeJS.Signals | null];
          if (caught) outcome = { code, signal: gotSignal, files: readdirSync(dir).sort() };
          else spawnSync("rm", ["-f", join(dir, "out.raw")]);
        }
        expect(outcome, "the temporary file was never seen mid-write in 5 runs").toBeDefined();
        expect(outcome).toEqual({ code: status, signal: null, files: ["bomb.zfp"] });
      } finally {
        cleanup();
      }
    }, 120_000);
  }
});

describe("given a reader that closes the pipe early (a real pipe to head -c 10)", () => {
  let ctx: { dir: string; cleanup: () => void };
  beforeAll(() => {
    ctx = scratch();
    writeFileSync(join(ctx.dir, "small.zfp"), zeroStream(128, 128, 64)); // 4 MiB of output
  });
  afterAll(() => ctx.cleanup());
  it.each([
    ["decompress", ["decompress", "small.zfp", "-o", "-"]],
    ["zfp mode -o -", ["-h", "-z", "small.zfp", "-o", "-"]],
  ])(
    "when %s writes to it, expect 10 bytes read, nothing on stderr and status 141 (SIGPIPE's)",
    (_, args) => {
      const result = bash(
        `cd ${quote(ctx.dir)} && ${zfpjsShell(args)} 2>err.txt | head -c 10 | wc -c; echo "status=\${PIPESTATUS[0]}"; cat err.txt`,
      );
      expect(result.stdout).toBe("10\nstatus=141\n");
    },
  );
});

describe("given a FIFO whose reader leaves early (head -c 10 on the FIFO)", () => {
  let ctx: { dir: string; cleanup: () => void };
  beforeAll(() => {
    ctx = scratch();
    writeFileSync(join(ctx.dir, "small.zfp"), zeroStream(128, 128, 64)); // 4 MiB of output
  });
  afterAll(() => ctx.cleanup());
  it.each([
    ["decompress -o fifo", (out: string) => ["decompress", "small.zfp", "-q", "-o", out]],
    ["zfp mode -o fifo", (out: string) => ["-q", "-h", "-z", "small.zfp", "-o", out]],
  ])("when %s writes to it, expect nothing on stderr and status 141, the FIFO kept", async (name, args) => {
    const fifo = join(ctx.dir, name.replace(/\W/g, "_"));
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = spawn("head", ["-c", "10", fifo], { stdio: ["ignore", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const closed = once(reader, "close"); // before the run: head may leave first
    const result = await run(args(fifo), ctx.dir);
    await closed;
    expect({ status: result.status, stderr: result.stderr, read: Buffer.concat(chunks).length }).toEqual({
      status: 141,
      stderr: "",
      read: 10,
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe("given binary output to a terminal", () => {
  let ctx: Awaited<ReturnType<typeof prepare>>;
  beforeAll(async () => {
    ctx = await prepare();
  });
  afterAll(() => ctx.cleanup());
  const tty = () => Object.assign(new Capture(), { isTTY: true });
  it.each([
    ["decompress", ["decompress", "a.zfp", "-o", "-"]],
    ["compress", ["compress", "a.npy", "-r", "8", "-o", "-"]],
  ])(
    "when %s -o - meets a terminal, expect a refusal that names --force, and --force to write",
    async (_, args) => {
      const stdout = tty();
      const refused = await run(args, ctx.dir, { stdout });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/refusing to write binary .* to a terminal.*--force/);
      expect(stdout.bytes().length).toBe(0);
      const forced = tty();
      expect((await run([...args, "--force"], ctx.dir, { stdout: forced })).status).toBe(0);
      expect(forced.bytes().length).toBeGreaterThan(0);
    },
  );
});
