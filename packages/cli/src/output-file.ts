// Writing an output path without harming what stands there. zfp (utils/zfp.c) opens the path with
// fopen(path, "wb"): it writes through symlinks, into devices and FIFOs, and keeps the inode of a
// hard-linked file. zfpjs does the same for every such target, and only where the path is missing
// or a plain regular file with one link writes a temporary file beside it and renames it over
// the path (the file is then complete or untouched), keeping the old file's mode and owner; where
// the directory allows no new file but the file is writable, it too is written in place, as zfp.
import { randomBytes } from "node:crypto";
import { constants, rmSync } from "node:fs";
import { access, type FileHandle, lstat, open, rename, rm } from "node:fs/promises";
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
  if ((await outputMethod(path)) === "in-place" || !(await replaceFile(path, chunks, onProgress)))
    await writeInPlace(path, chunks, onProgress);
}

/** fopen(path, "wb") and fwrite: follows symlinks, truncates, keeps the inode. */
async function writeInPlace(
  path: string,
  chunks: readonly Uint8Array[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw new OutputFileError("create", path, { cause: error });
  }
  try {
    await writeChunks(handle, chunks, onProgress);
  } catch (error) {
    throw new OutputFileError("write", path, { cause: error });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * A temporary file beside `path` renamed over it, with the old file's mode and owner. Returns
 * false, having written nothing, when `path` is a writable file in a directory where no file may
 * be created: zfp writes such a file in place, and so does the caller.
 */
async function replaceFile(
  path: string,
  chunks: readonly Uint8Array[],
  onProgress?: (done: number, total: number) => void,
): Promise<boolean> {
  const old = await lstat(path).catch(() => undefined);
  // fopen would refuse a file the process may not write; a rename must not replace it either.
  if (old)
    await access(path, constants.W_OK).catch((error) => {
      throw new OutputFileError("create", path, { cause: error });
    });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.zfpjs-tmp`);
  // guarded before it exists, so no signal can fall between its creation and the guard
  const release = guardTemporary(temporary);
  let handle: FileHandle;
  try {
    handle = await open(temporary, "wx", old ? old.mode & 0o777 : 0o666);
  } catch (error) {
    release();
    const code = (error as NodeJS.ErrnoException).code;
    if (old && (code === "EACCES" || code === "EPERM" || code === "EROFS")) return false;
    throw new OutputFileError("create", path, { cause: error });
  }
  let phase: "create" | "write" = "write";
  try {
    await writeChunks(handle, chunks, onProgress);
    if (old) {
      // chown first: it clears set-id bits, which chmod then restores. Only root (or the owner
      // keeping its own uid) may chown; elsewhere the new file keeps the writer's ownership.
      await handle.chown(old.uid, old.gid).catch(() => undefined);
      await handle.chmod(old.mode & 0o7777);
    }
    await handle.close();
    phase = "create";
    await rename(temporary, path);
    return true;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new OutputFileError(phase, path, { cause: error });
  } finally {
    release();
  }
}

/** Writes every chunk fully, in pieces of at most 16 MiB so progress and signals get a turn. */
async function writeChunks(
  handle: FileHandle,
  chunks: readonly Uint8Array[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const PIECE = 1 << 24;
  let done = 0;
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += PIECE) {
      const piece = chunk.subarray(offset, Math.min(chunk.length, offset + PIECE));
      let written = 0;
      while (written < piece.length) {
        const result = await handle.write(piece, written, piece.length - written, null);
        written += result.bytesWritten;
      }
      done += piece.length;
      onProgress?.(done, total);
    }
  }
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
