import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { writeOutputFile } from "../src/output-file.js";
import { Progress } from "../src/progress.js";
import { rawValues } from "./inputs.js";
import { Capture, runCli } from "./run-cli.js";

const here = dirname(fileURLToPath(import.meta.url));
const io = () => ({ stdin: new Uint8Array(), stdout: new Capture(), stderr: new Capture(), env: {} });

describe("given the help and version options", () => {
  it("when run with --help, expect the overview on stdout and status 0", async () => {
    const run = io();
    expect(await main(["--help"], run)).toBe(0);
    expect(run.stdout.text()).toMatch(/zfpjs compress IN.npy/);
    expect(run.stdout.text()).toMatch(/Usage \(zfp-compatible\)/);
    expect(run.stderr.text()).toBe("");
  });
  it.each(["compress", "decompress", "info", "sample"])(
    "when run with %s --help, expect that command's help",
    async (command) => {
      const run = io();
      expect(await main([command, "--help"], run)).toBe(0);
      expect(run.stdout.text()).toMatch(new RegExp(`^Usage: zfpjs ${command} `));
      const viaHelp = io();
      expect(await main(["help", command], viaHelp)).toBe(0);
      expect(viaHelp.stdout.text()).toBe(run.stdout.text());
    },
  );
  it("when run with --version, expect the package version", async () => {
    const run = io();
    expect(await main(["--version"], run)).toBe(0);
    const { version } = JSON.parse(readFileSync(join(here, "../package.json"), "utf8"));
    expect(run.stdout.text()).toBe(`zfpjs ${version} (zfp 1.0.0 compatible)\n`);
  });
  it("when given a bad word size, expect the reason then the usage, status 1", async () => {
    const run = await runCli(["-W", "12", "-f"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^zfpjs: -W must be 8, 16, 32 or 64, not '12'\n\nzfpjs: zfp 1.0 compatible/);
  });
});

describe("given failures", () => {
  it("when decompression fails, expect an existing output file untouched and no temporary file", async () => {
    const stream = new Uint8Array(10).fill(0x55);
    const run = await runCli(["-f", "-1", "64", "-r", "8", "-z", "in", "-o", "out"], {
      in: stream,
      out: new TextEncoder().encode("old"),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("decompression failed\n");
    expect(new TextDecoder().decode(run.files.out)).toBe("old");
    expect(Object.keys(run.files).sort()).toEqual(["in", "out"]);
  });
  it("when a header claims far more values than the file can hold, expect a refusal before allocating", async () => {
    const bytes = new Uint8Array(64);
    const stream = new codec.BitStream(bytes);
    zfpHeader.writeHeader(stream, { type: "double", nx: 1024, ny: 1024, nz: 1024 }, codec.fixedPrecision(16));
    stream.flush();
    const run = await runCli(["-h", "-z", "forged", "-o", "out"], { forged: bytes });
    expect(run).toMatchObject({ status: 1, stderr: "decompression failed\n" });
    expect(Object.keys(run.files)).toEqual(["forged"]);
  });
  it("when ZFPJS_DEBUG is set, expect the cause's stack after the message", async () => {
    const stream = new Uint8Array(10).fill(0x55);
    const run = await runCli(
      ["-f", "-1", "64", "-r", "8", "-z", "in", "-o", "out"],
      { in: stream },
      undefined,
      { ZFPJS_DEBUG: "1" },
    );
    expect(run.stderr).toMatch(/^decompression failed\nTruncatedStreamError: stream truncated/);
  });
  it("when the target is a directory, expect a refusal; a new file written whole and no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zfpjs-atomic-"));
    try {
      const target = join(dir, "target");
      writeFileSync(join(dir, "keep"), "x");
      await expect(writeOutputFile(dir, [new Uint8Array(4)])).rejects.toThrow(/EISDIR/);
      await writeOutputFile(target, [new Uint8Array([1, 2]), new Uint8Array([3])]);
      expect([...readFileSync(target)]).toEqual([1, 2, 3]);
      expect(readdirSync(dir).sort()).toEqual(["keep", "target"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("given the progress bar", () => {
  const tty = () => Object.assign(new Capture(), { isTTY: true, columns: 60 });
  it("when stderr is a terminal and the input is large, expect a bar that is cleared at the end", () => {
    const stderr = tty();
    const progress = new Progress({ ...io(), stderr });
    progress.start("compressing", 64 * 1024 * 1024);
    progress.update(32 * 1024 * 1024);
    progress.done();
    const clear = "\r\u001b[K";
    const text = stderr.text();
    expect(text.startsWith(`${clear}compressing [`) && text.endsWith(`] 50%${clear}`)).toBe(true);
    expect(text.slice(clear.length + 13, -(clear.length + 5))).toMatch(/^#+\.+$/);
  });
  it("when quiet or not a terminal, expect nothing drawn", () => {
    for (const [stderr, quiet] of [
      [tty(), true],
      [new Capture(), false],
    ] as const) {
      const progress = new Progress({ ...io(), stderr }, { quiet });
      progress.start("compressing", 64 * 1024 * 1024);
      progress.update(64 * 1024 * 1024);
      progress.done();
      expect(stderr.text()).toBe("");
    }
  });
  it("when a run on a terminal ends, expect any progress line cleared before the summary line", async () => {
    const stderr = tty();
    const status = await main(["-f", "-1", "16", "-r", "8", "-i", "-"], {
      ...io(),
      stdin: rawValues("f32", 16),
      stderr,
    });
    expect(status).toBe(0);
    // a small run draws nothing unless the machine is so loaded that it takes over a second
    const text = stderr.text();
    const summary = text.split("\r\u001b[K").at(-1);
    expect(summary).toMatch(/^type=float nx=16 ny=1 nz=1 nw=1 raw=64 zfp=\d+ ratio=[\d.]+ rate=[\d.]+\n$/);
  });
});

describe("given the bin shim", () => {
  it("when run as a process, expect the exit status and stdout of main", () => {
    const bin = join(here, "../src/bin.ts");
    const run = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", bin, "--version"], {
      encoding: "utf8",
      cwd: join(here, ".."),
    });
    expect(run.stdout).toMatch(/^zfpjs \d+\.\d+\.\d+/);
    expect(run.status).toBe(0);
    const failed = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", bin, "-f"], {
      encoding: "utf8",
      cwd: join(here, ".."),
    });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/must specify/);
  });
});
