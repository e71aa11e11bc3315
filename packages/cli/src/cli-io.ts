// The process around a zfpjs run: standard streams, environment and working directory, given to
// `main` so tests can drive it in-process; plus file helpers that never leave partial output.
import { randomBytes } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** Something text and bytes can be written to: process.stdout and stderr, or a test buffer. */
export interface CliWritable {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): unknown;
  /** True on a terminal (process.stderr.isTTY); enables the progress bar. */
  isTTY?: boolean;
  /** Terminal width in characters, when known. */
  columns?: number;
}

/** Everything `main` needs from its process. */
export interface CliIo {
  /** Standard input: process.stdin, any async iterable of chunks, or all of its bytes. */
  stdin: AsyncIterable<Uint8Array | string> | Uint8Array;
  stdout: CliWritable;
  stderr: CliWritable;
  /** Environment variables (ZFPJS_DEBUG shows stack traces). */
  env: Record<string, string | undefined>;
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Values coded between two progress updates (default 2^22); tests use small slabs. */
  slabValues?: number;
}

/** Writes `chunk` and resolves once the stream has taken it (or rejects on a write error). */
export function writeTo(target: CliWritable, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const done = (error?: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolvePromise();
    };
    try {
      target.write(chunk, done);
    } catch (error) {
      done(error as Error);
    }
  });
}

/** All bytes of standard input. */
export async function readAllStdin(stdin: CliIo["stdin"]): Promise<Uint8Array> {
  if (stdin instanceof Uint8Array) return stdin;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** Resolves `path` against the run's working directory. */
export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd ?? process.cwd(), path);
}

/** Reads up to `length` bytes from the start of a file into `target` in chunks, reporting
 * progress; returns how many bytes were read (fewer when the file is shorter). */
export async function readFileInto(
  path: string,
  target: Uint8Array,
  onProgress?: (done: number) => void,
): Promise<number> {
  const handle = await open(path, "r");
  try {
    const CHUNK = 1 << 24;
    let offset = 0;
    while (offset < target.length) {
      const { bytesRead } = await handle.read(
        target,
        offset,
        Math.min(CHUNK, target.length - offset),
        offset,
      );
      if (bytesRead === 0) break;
      offset += bytesRead;
      onProgress?.(offset);
    }
    return offset;
  } finally {
    await handle.close();
  }
}

/** Reads a whole file. */
export async function readWholeFile(
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const error = new Error(
      `EISDIR: illegal operation on a directory, read '${path}'`,
    ) as NodeJS.ErrnoException;
    error.code = "EISDIR";
    throw error;
  }
  const target = new Uint8Array(info.size);
  const length = await readFileInto(path, target, (done) => onProgress?.(done, info.size));
  return length === target.length ? target : target.subarray(0, length);
}

/**
 * Writes `chunks` to a temporary file beside `path`, then renames it over `path`: the target is
 * either complete or untouched. The temporary file is removed on any failure.
 */
export async function writeFileAtomic(
  path: string,
  chunks: readonly Uint8Array[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.zfpjs-tmp`);
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temporary, "wx");
    const CHUNK = 1 << 24;
    let done = 0;
    for (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length; offset += CHUNK) {
        const piece = chunk.subarray(offset, Math.min(chunk.length, offset + CHUNK));
        let written = 0;
        while (written < piece.length) {
          const result = await handle.write(piece, written, piece.length - written);
          written += result.bytesWritten;
        }
        done += piece.length;
        onProgress?.(done, total);
      }
    }
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** A short reason for a file-system error, e.g. "no such file or directory". */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a component of the path is not a directory";
    case "ENOSPC":
      return "no space left on device";
    case "EROFS":
      return "read-only file system";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
