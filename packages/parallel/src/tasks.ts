// What a worker does with each task: only public calls of @zfpjs/codec and @zfpjs/zfpy.
import {
  BitStream,
  compress,
  decompress,
  type Field,
  isZfpError,
  maximumSize,
  NonFiniteValueError,
  type ScalarArray,
} from "@zfpjs/codec";
import { BlockSkimmer, traitsOf } from "@zfpjs/codec/blocks";
import { compress_numpy, decompress_numpy, ZfpyRuntimeError } from "@zfpjs/zfpy";
import { serializeError } from "./errors.js";
import type {
  CompressSlabTask,
  DecodeSlabTask,
  Reply,
  Request,
  Task,
  TaskResult,
  ZfpSizes,
} from "./protocol.js";

/**
 * A bit stream whose flush() is held back while `hold` is set: codec's compress ends with a flush
 * (zero padding to a word), which must not count as part of a slab's bits. As in
 * packages/cli/src/slabs.ts, consecutive slabs of whole block rows concatenate to the one-call
 * stream because zfp codes blocks in order with nothing between them (src/template/compress.c).
 */
class HeldStream extends BitStream {
  hold = true;

  override flush(): number {
    return this.hold ? 0 : super.flush();
  }
}

function fieldOf(type: Field["type"], data: ScalarArray, sizes: ZfpSizes): Field {
  return { type, data, nx: sizes[0], ny: sizes[1], nz: sizes[2], nw: sizes[3] };
}

/** Compresses a slab; returns its bits (zero-padded to 32-bit words) and their exact count. */
function compressSlab(task: CompressSlabTask): TaskResult {
  const field = fieldOf(task.type, task.data, task.sizes);
  const stream = new HeldStream(new Uint8Array(maximumSize(task.config, field, 32)), { wordBits: 32 });
  try {
    compress(stream, task.config, field, { nonFinite: task.nonFinite });
  } catch (error) {
    // The codec counts indices from the slab's first value; the caller's array starts earlier.
    if (error instanceof NonFiniteValueError) {
      throw new NonFiniteValueError(error.index + task.firstIndex, error.value);
    }
    throw error;
  }
  const bits = stream.wtell();
  stream.hold = false;
  stream.flush(); // commits the last partial word (zeros after the slab's bits)
  return { bytes: stream.bytes.subarray(0, Math.ceil(bits / 32) * 4), bits };
}

/** Decodes a slab from its first block's bit offset into a new array. */
function decodeSlab(task: DecodeSlabTask): TaskResult {
  let count = 1;
  for (const n of task.sizes) if (n > 0) count *= n;
  const data = new (traitsOf(task.type).array)(count);
  let start = task.startBit;
  if (task.skipBlocks > 0) {
    const first = Math.floor(start / 8);
    const dims = task.sizes.filter((n) => n > 0).length as 1 | 2 | 3 | 4;
    const skimmer = new BlockSkimmer(task.bytes.subarray(first), task.config, task.type, dims);
    start = first * 8 + skimmer.skip(start - first * 8, task.skipBlocks);
  }
  const stream = new BitStream(task.bytes);
  stream.rseek(start);
  try {
    decompress(stream, task.config, fieldOf(task.type, data, task.sizes));
  } catch (error) {
    // zfpy's wording for a stream that fails to decode (python/zfpy.pyx).
    if (isZfpError(error)) {
      throw new ZfpyRuntimeError(`error during zfp decompression: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return { data, shape: [] };
}

/** Runs one task and returns what it gives. */
export function runTask(task: Task): TaskResult {
  switch (task.op) {
    case "compressSlab":
      return compressSlab(task);
    case "decodeSlab":
      return decodeSlab(task);
    case "skimBlocks": {
      const skimmer = new BlockSkimmer(task.bytes, task.config, task.type, task.dims);
      return { bit: skimmer.skip(task.startBit, task.count) };
    }
    case "compressWhole": {
      const bytes = compress_numpy(task.array, task.options);
      return { bytes, bits: bytes.length * 8 };
    }
    case "decompressWhole": {
      const array = decompress_numpy(task.bytes, task.options);
      return { data: array.data as ScalarArray, shape: array.shape.slice() };
    }
  }
}

/** The memory a result's arrays own, to transfer rather than copy (never a shared buffer). */
function transferables(result: TaskResult): ArrayBuffer[] {
  if ("bit" in result) return [];
  const view = "bytes" in result ? result.bytes : result.data;
  return view.buffer instanceof ArrayBuffer ? [view.buffer] : [];
}

/** Handles one request: the reply and the buffers to transfer with it. */
export function handleRequest(request: Request): { reply: Reply; transfer: ArrayBuffer[] } {
  try {
    const result = runTask(request);
    return { reply: { id: request.id, ok: true, result }, transfer: transferables(result) };
  } catch (error) {
    return { reply: { id: request.id, ok: false, error: serializeError(error) }, transfer: [] };
  }
}
