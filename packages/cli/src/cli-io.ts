// The process around a zfpjs run: standard streams, environment and working directory, given to
// `main` so tests can drive it in-process.
import { resolve } from "node:path";

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
  /** Values per slab of a streaming run (default: ZFPJS_SLAB_VALUES, else 2^22); tests use small slabs. */
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

/** Resolves `path` against the run's working directory. An empty path stays empty, so opening
 * it fails (ENOENT) as fopen("") does, instead of naming the working directory. */
export function resolvePath(io: CliIo, path: string): string {
  return path === "" ? "" : resolve(io.cwd ?? process.cwd(), path);
}

/** True for the engine's refusal to allocate (a RangeError such as "Array buffer allocation
 * failed" or "Invalid typed array length"), also when wrapped as another error's cause. */
export function isAllocationFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (
      e instanceof RangeError &&
      /allocation failed|invalid (typed )?array( buffer)? length/i.test(e.message)
    )
      return true;
  }
  return false;
}

/** True for a write to a closed pipe (EPIPE), also when wrapped as another error's cause. */
export function isBrokenPipe(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === "EPIPE") return true;
  }
  return false;
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
