// Reading input paths. Every read is sequential (no positions), so pipes, FIFOs, /dev/stdin,
// character devices and process substitution (/dev/fd/N) read as zfp reads them with fread.
import { type FileHandle, open } from "node:fs/promises";

const CHUNK = 1 << 24;

/** Opens `path` (resolved) for reading. A directory opens, as with fopen; reading it then fails
 * (EISDIR), which zfp reports as a read error. */
export function openInput(path: string): Promise<FileHandle> {
  return open(path, "r");
}

/** Reads from `handle` until `target` is full or the input ends; returns the bytes read. */
export async function readInto(
  handle: FileHandle,
  target: Uint8Array,
  onProgress?: (done: number) => void,
): Promise<number> {
  let offset = 0;
  while (offset < target.length) {
    const { bytesRead } = await handle.read(target, offset, Math.min(CHUNK, target.length - offset), null);
    if (bytesRead === 0) break;
    offset += bytesRead;
    onProgress?.(offset);
  }
  return offset;
}

/** Reads up to `target.length` bytes of the file at `path` into `target`; returns how many. */
export async function readFileInto(
  path: string,
  target: Uint8Array,
  onProgress?: (done: number) => void,
): Promise<number> {
  const handle = await openInput(path);
  try {
    return await readInto(handle, target, onProgress);
  } finally {
    await handle.close();
  }
}

/** Reads the whole file at `path` (resolved); see {@link readAll}. */
export async function readWholeFile(
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const handle = await openInput(path);
  try {
    return await readAll(handle, onProgress);
  } finally {
    await handle.close();
  }
}

/**
 * Reads all of `handle`. A regular file is read into one buffer of its size; anything else (a
 * pipe, a device) is read in growing chunks until it ends, as zfp reads compressed input.
 */
export async function readAll(
  handle: FileHandle,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const info = await handle.stat();
  if (!info.isFile()) return readToEnd(handle);
  const target = new Uint8Array(info.size);
  const length = await readInto(handle, target, (done) => onProgress?.(done, info.size));
  return length === target.length ? target : target.subarray(0, length);
}

/** Everything `handle` yields until end of input, for inputs whose size is unknown. */
async function readToEnd(handle: FileHandle): Promise<Uint8Array> {
  let buffer = new Uint8Array(1 << 16);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const grown = new Uint8Array(Math.min(buffer.length * 2, buffer.length + (1 << 28)));
      grown.set(buffer);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}

/** A sequential source of bytes: a file handle, standard input, or bytes in memory. */
export interface ByteSource {
  /** Fills `target` from the input until it is full or the input ends; returns the bytes read. */
  read(target: Uint8Array): Promise<number>;
  /** Releases the input (closes a file handle). */
  close(): Promise<void>;
}

/** A {@link ByteSource} over an open file handle, read sequentially (pipes and devices too). */
export function handleSource(handle: FileHandle): ByteSource {
  return {
    read: (target) => readInto(handle, target),
    close: () => handle.close().catch(() => undefined),
  };
}

/** A {@link ByteSource} over standard input (an async iterable of chunks, or its bytes): holds at
 * most one chunk beyond what was asked for. */
export function iterableSource(input: AsyncIterable<Uint8Array | string> | Uint8Array): ByteSource {
  if (input instanceof Uint8Array) {
    let offset = 0;
    return {
      read: async (target) => {
        const length = Math.min(target.length, input.length - offset);
        target.set(input.subarray(offset, offset + length));
        offset += length;
        return length;
      },
      close: async () => undefined,
    };
  }
  const iterator = input[Symbol.asyncIterator]();
  let rest: Uint8Array = new Uint8Array(0);
  let ended = false;
  return {
    read: async (target) => {
      let filled = 0;
      while (filled < target.length) {
        if (rest.length === 0) {
          if (ended) break;
          const step = await iterator.next();
          if (step.done) {
            ended = true;
            break;
          }
          rest = typeof step.value === "string" ? new TextEncoder().encode(step.value) : step.value;
          continue;
        }
        const length = Math.min(rest.length, target.length - filled);
        target.set(rest.subarray(0, length), filled);
        rest = rest.subarray(length);
        filled += length;
      }
      return filled;
    },
    close: async () => {
      await iterator.return?.();
    },
  };
}
