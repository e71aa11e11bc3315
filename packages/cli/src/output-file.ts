// Writing an output path without harming what stands there. zfp (utils/zfp.c) opens the path with
// fopen(path, "wb"): it writes through symlinks, into devices and FIFOs, and keeps the inode of a
// hard-linked file. zfpjs does the same for every such target, and only where the path is missing
// or a plain regular file with one link writes a temporary file beside it and renames it over
// the path (the file is then complete or untouched), keeping the old file's mode and owner; where
// the directory allows no new file but the file is writable, it too is written in place, as zfp.
import { randomBytes } from "node:crypto";
import { constants, rmSync } from "node:fs";
import { access, type FileHandle, lstat, open, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

/** Why an output could not be written: opening it ("create") or writing its bytes ("write"). */
export class OutputFileError extends Error {
  readonly tag = "OutputFile";
  constructor(
    readonly phase: "create" | "write",
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(
      `cannot ${phase} '${path}': ${(options.cause as Error)?.message ?? String(options.cause)}`,
      options,
    );
    this.name = "OutputFileError";
  }
}

/** How a path is written: replaced through a temporary file, or opened and written in place. */
export type OutputMethod = "replace" | "in-place";

/** The method for `path` (already resolved): "replace" only for a missing path or a regular file
 * with one link; a directory is refused as fopen refuses it. */
export async function outputMethod(path: string): Promise<OutputMethod> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && path !== "") return "replace";
    throw new OutputFileError("create", path, { cause: error });
  }
  if (info.isDirectory()) {
    const error = Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
      code: "EISDIR",
    });
    throw new OutputFileError("create", path, { cause: error });
  }
  return info.isFile() && info.nlink === 1 ? "replace" : "in-place";
}

/**
 * Writes `chunks` to `path` (resolved), choosing the method with {@link outputMethod}. Throws
 * {@link OutputFileError}; a failed replacement leaves the old file and no temporary file.
 */
export async function writeOutputFile(
  path: string,
  chunks: readonly Uint8Array[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const writer = await openOutputWriter(path);
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  try {
    for (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length; offset += PIECE) {
        await writer.write(chunk.subarray(offset, Math.min(chunk.length, offset + PIECE)));
        onProgress?.(writer.bytesWritten, total);
      }
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** Pieces of at most 16 MiB, so progress and signals get a turn. */
const PIECE = 1 << 24;

/**
 * An output being written as its bytes come (a streaming run): {@link write} appends,
 * {@link commit} makes the output final, {@link abort} removes every trace of the run and leaves
 * the path as it was. Errors are {@link OutputFileError}s.
 */
export interface OutputWriter {
  /** Bytes written so far. */
  readonly bytesWritten: number;
  /** Appends `chunk` (fully written before the promise resolves). */
  write(chunk: Uint8Array): Promise<void>;
  /** Finishes the output: renames the temporary file over the path, or copies the spool into it. */
  commit(): Promise<void>;
  /** Drops the output: removes the temporary or spool file; never throws. */
  abort(): Promise<void>;
}

/**
 * Opens `path` (resolved) for a streaming write. A missing path or a plain file with one link is
 * written to a temporary file beside it, renamed over it by commit (mode and owner kept). Any
 * other regular file (through a symlink, hard-linked, or in a directory that allows no new file)
 * is kept intact until commit: the bytes go to a spool file in the same directory as the
 * temporary file would (or the system's temporary directory) and commit copies them into the
 * target in place, keeping its inode. Devices, FIFOs and sockets are written directly, as zfp
 * writes them. SIGINT and SIGTERM remove temporary and spool files.
 */
export async function openOutputWriter(path: string): Promise<OutputWriter> {
  if ((await outputMethod(path)) === "replace") {
    const writer = await openReplacement(path);
    if (writer) return writer;
  }
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) {
    await access(path, constants.W_OK).catch((error) => {
      throw new OutputFileError("create", path, { cause: error });
    });
    return openSpooled(path);
  }
  return openDirect(path);
}

/** Appends to `handle`, counting bytes and wrapping failures as write errors of `path`. */
function appender(handle: FileHandle, path: string) {
  let written = 0;
  return {
    get bytesWritten() {
      return written;
    },
    async write(chunk: Uint8Array): Promise<void> {
      try {
        await writeFully(handle, chunk);
      } catch (error) {
        throw new OutputFileError("write", path, { cause: error });
      }
      written += chunk.length;
    },
  };
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const result = await handle.write(chunk, done, chunk.length - done, null);
    done += result.bytesWritten;
  }
}

/** fopen(path, "wb") and fwrite, for devices and FIFOs: follows symlinks, truncates. */
async function openDirect(path: string): Promise<OutputWriter> {
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw new OutputFileError("create", path, { cause: error });
  }
  const out = appender(handle, path);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    get bytesWritten() {
      return out.bytesWritten;
    },
    write: (chunk) => out.write(chunk),
    commit: async () => {
      try {
        await close();
      } catch (error) {
        throw new OutputFileError("write", path, { cause: error });
      }
    },
    abort: () => close().catch(() => undefined),
  };
}

function temporaryBeside(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.${suffix}`);
}

/**
 * A temporary file beside `path`, renamed over it by commit, with the old file's mode and owner.
 * Undefined, having created nothing, when `path` is a writable file in a directory where no file
 * may be created: zfp writes such a file in place, and so does the caller.
 */
async function openReplacement(path: string): Promise<OutputWriter | undefined> {
  const old = await lstat(path).catch(() => undefined);
  // fopen would refuse a file the process may not write; a rename must not replace it either.
  if (old)
    await access(path, constants.W_OK).catch((error) => {
      throw new OutputFileError("create", path, { cause: error });
    });
  const temporary = temporaryBeside(path, "zfpjs-tmp");
  // guarded before it exists, so no signal can fall between its creation and the guard
  const release = guardTemporary(temporary);
  let handle: FileHandle;
  try {
    handle = await open(temporary, "wx", old ? old.mode & 0o777 : 0o666);
  } catch (error) {
    release();
    const code = (error as NodeJS.ErrnoException).code;
    if (old && (code === "EACCES" || code === "EPERM" || code === "EROFS")) return undefined;
    throw new OutputFileError("create", path, { cause: error });
  }
  const out = appender(handle, path);
  const { abort, keep } = disposable(handle, temporary, release);
  return {
    get bytesWritten() {
      return out.bytesWritten;
    },
    write: (chunk) => out.write(chunk),
    commit: async () => {
      let phase: "create" | "write" = "write";
      try {
        if (old) {
          // chown first: it clears set-id bits, which chmod then restores. Only root (or the owner
          // keeping its own uid) may chown; elsewhere the new file keeps the writer's ownership.
          await handle.chown(old.uid, old.gid).catch(() => undefined);
          await handle.chmod(old.mode & 0o7777);
        }
        await handle.close();
        phase = "create";
        await rename(temporary, path);
        keep();
      } catch (error) {
        await abort();
        throw new OutputFileError(phase, path, { cause: error });
      }
    },
    abort,
  };
}

/**
 * A regular file written in place (a symlink's target, a hard-linked file, a file in a directory
 * that allows no new file): the bytes wait in a spool file and commit copies them into `path`,
 * so a run that fails midway leaves the file as it was.
 */
async function openSpooled(path: string): Promise<OutputWriter> {
  let spool = temporaryBeside(path, "zfpjs-spool");
  let release = guardTemporary(spool);
  let handle: FileHandle;
  try {
    handle = await open(spool, "wx+", 0o600);
  } catch {
    release();
    spool = join(tmpdir(), `zfpjs-${randomBytes(6).toString("hex")}.spool`);
    release = guardTemporary(spool);
    try {
      handle = await open(spool, "wx+", 0o600);
    } catch (error) {
      release();
      throw new OutputFileError("create", path, { cause: error });
    }
  }
  const out = appender(handle, path);
  const { abort } = disposable(handle, spool, release);
  return {
    get bytesWritten() {
      return out.bytesWritten;
    },
    write: (chunk) => out.write(chunk),
    commit: async () => {
      let target: FileHandle;
      try {
        target = await open(path, "w");
      } catch (error) {
        await abort();
        throw new OutputFileError("create", path, { cause: error });
      }
      try {
        const piece = new Uint8Array(Math.min(PIECE, Math.max(1, out.bytesWritten)));
        for (let position = 0; position < out.bytesWritten; ) {
          const { bytesRead } = await handle.read(piece, 0, piece.length, position);
          if (bytesRead === 0) throw new Error("the spool file ended early");
          await writeFully(target, piece.subarray(0, bytesRead));
          position += bytesRead;
        }
        await target.close();
      } catch (error) {
        await target.close().catch(() => undefined);
        await abort();
        throw new OutputFileError("write", path, { cause: error });
      }
      await abort();
    },
    abort,
  };
}

/**
 * The end of a temporary or spool file: `abort` closes and removes it (once, however often it is
 * called); `keep` says it was renamed into place, so nothing is left to remove.
 */
function disposable(
  handle: FileHandle,
  file: string,
  release: () => void,
): { abort: () => Promise<void>; keep: () => void } {
  let settled = false;
  return {
    abort: async () => {
      if (settled) return;
      settled = true;
      await handle.close().catch(() => undefined);
      await rm(file, { force: true }).catch(() => undefined);
      release();
    },
    keep: () => {
      settled = true;
      release();
    },
  };
}

/** Temporary files being written; removed if SIGINT or SIGTERM ends the process meanwhile. */
const temporaries = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  for (const path of temporaries) rmSync(path, { force: true });
  // The shell's convention for a process ended by a signal: 128 + its number.
  process.exit(signal === "SIGINT" ? 130 : 143);
}

/** Registers `path` for removal on SIGINT/SIGTERM; the handlers exist only while a temporary file
 * does, so a run that is computing still stops at once with the signal's default action. */
function guardTemporary(path: string): () => void {
  if (temporaries.size === 0) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  temporaries.add(path);
  return () => {
    temporaries.delete(path);
    if (temporaries.size === 0) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}
