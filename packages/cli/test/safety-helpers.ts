// Test helpers for the safety tests: the real `zfpjs` process, shell pipelines, streams that
// decode to large outputs, and root-only blocks that say when they are skipped.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { describeRequiring } from "@zfpjs/tooling/oracle";

const here = dirname(fileURLToPath(import.meta.url));
/** The package directory: `--import tsx` resolves from here. */
export const PACKAGE_DIR = join(here, "..");
/** tsx's loader by absolute URL, so the command runs from any working directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
/** The command line that runs zfpjs from source, for spawn (program first). */
export const ZFPJS = [process.execPath, "--conditions=source", "--import", TSX, join(here, "../src/bin.ts")];

/** A fresh temporary directory, removed by the returned function. */
export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-safety-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Quotes `text` for bash. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** The zfpjs command line as bash text, with `args` quoted. */
export function zfpjsShell(args: string[]): string {
  return [...ZFPJS, ...args].map(quote).join(" ");
}

/** Runs `script` with bash in the package directory; returns status, stdout and stderr. */
export function bash(script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("bash", ["-c", script], { cwd: PACKAGE_DIR, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts zfpjs with `args` (cwd: the package directory, so use absolute paths). */
export function startZfpjs(args: string[]) {
  return spawn(ZFPJS[0]!, [...ZFPJS.slice(1), ...args], {
    cwd: PACKAGE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * A float stream with a header whose blocks are all zero, at fixed precision: one bit per block
 * of 64 values, so `nx * ny * nz` floats come from a stream of about nx*ny*nz/512 bytes.
 */
export function zeroStream(nx: number, ny: number, nz: number): Uint8Array {
  const blocks = Math.ceil(nx / 4) * Math.ceil(ny / 4) * Math.ceil(nz / 4);
  const bytes = new Uint8Array(Math.ceil((32 + blocks / 8) / 8) * 8);
  const stream = new codec.BitStream(bytes);
  zfpHeader.writeHeader(stream, { type: "float", nx, ny, nz }, codec.fixedPrecision(16));
  stream.flush();
  return bytes;
}

/**
 * Runs zfpjs as an unprivileged user in `cwd`: as uid/gid 65534 (nobody) when the tests run as
 * root, else as the current user, so permission cases run everywhere, CI (root) included.
 */
export function runUnprivileged(args: string[], cwd: string): { status: number | null; stderr: string } {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const run = spawnSync(ZFPJS[0]!, [...ZFPJS.slice(1), ...args], { cwd, encoding: "utf8", ...asNobody });
  return { status: run.status, stderr: run.stderr };
}

/** The uid and gid runUnprivileged runs as. */
export const UNPRIVILEGED = process.getuid?.() === 0 ? 65534 : (process.getuid?.() ?? 0);

/** True when the tests run as root (device nodes, chown). */
export const IS_ROOT = process.getuid?.() === 0;

/**
 * `describe` for tests that need root. As root it is a plain describe; otherwise the block is
 * skipped with a visible message, and under CI=true a test fails instead (CI runs as root).
 */
export function describeAsRoot(name: string, body: () => void): void {
  describeRequiring(
    name,
    IS_ROOT ? undefined : "needs root: device nodes, FIFOs and ownership tests must run (CI runs as root)",
    body,
  );
}
