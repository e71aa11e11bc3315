// Test helper: runs zfpjs's main in-process in a temporary directory, like runZfp runs zfp.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliWritable } from "../src/cli-io.js";
import { main } from "../src/main.js";

/** A writable that keeps everything written to it. */
export class Capture implements CliWritable {
  chunks: Uint8Array[] = [];
  isTTY?: boolean;
  columns?: number;
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
    this.chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
    callback?.();
    return true;
  }
  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** What a zfpjs run produced. */
export interface CliRun {
  status: number;
  stdout: Uint8Array;
  stderr: string;
  files: Record<string, Uint8Array>;
}

/** Runs `zfpjs args` in a fresh directory holding `files`; returns status, output and files. */
export async function runCli(
  args: string[],
  files: Record<string, Uint8Array> = {},
  stdin: Uint8Array = new Uint8Array(0),
  env: Record<string, string> = {},
  slabValues?: number,
): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-cli-"));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const stdout = new Capture();
    const stderr = new Capture();
    const status = await main(args, { stdin, stdout, stderr, env, cwd: dir, slabValues });
    const out: Record<string, Uint8Array> = {};
    for (const name of readdirSync(dir)) out[name] = new Uint8Array(readFileSync(join(dir, name)));
    return { status, stdout: stdout.bytes(), stderr: stderr.text(), files: out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
