// The messages between a pool and its workers. Typed arrays travel either as views of a
// SharedArrayBuffer (shared, no copy) or as transferred ArrayBuffers (moved, no copy).
import type { ScalarArray, ScalarType, ZfpConfig } from "@zfpjs/codec";
import type { CompressNumpyOptions, DecompressOptions, StridedArray } from "@zfpjs/zfpy";
import type { SerializedError } from "./errors.js";

/** Sizes in zfp's order (nx fastest), unused ones 0. */
export type ZfpSizes = readonly [number, number, number, number];

/** Compress one slab (whole block rows) into a partial stream with no padding counted. */
export interface CompressSlabTask {
  readonly op: "compressSlab";
  readonly type: ScalarType;
  readonly data: ScalarArray;
  readonly sizes: ZfpSizes;
  readonly config: ZfpConfig;
  readonly nonFinite: "error" | "as-c";
  /** Logical index of the slab's first value in the whole array (for error messages). */
  readonly firstIndex: number;
}

/**
 * Decode one slab whose first block starts `skipBlocks` blocks after bit `startBit` of `bytes`
 * (a block index records every K-th block; the blocks between are skimmed, not decoded).
 */
export interface DecodeSlabTask {
  readonly op: "decodeSlab";
  readonly type: ScalarType;
  readonly bytes: Uint8Array;
  readonly startBit: number;
  readonly skipBlocks: number;
  readonly sizes: ZfpSizes;
  readonly config: ZfpConfig;
}

/**
 * Skim `count` blocks from `startBit` of `bytes` (codec's BlockSkimmer: no value decoded) and
 * return the bit where the next block starts: how a variable-rate stream without an index is
 * cut into slabs.
 */
export interface SkimBlocksTask {
  readonly op: "skimBlocks";
  readonly type: ScalarType;
  readonly bytes: Uint8Array;
  readonly startBit: number;
  readonly count: number;
  readonly dims: 1 | 2 | 3 | 4;
  readonly config: ZfpConfig;
}

/** zfpy's compress_numpy on a whole array, in a worker. */
export interface CompressWholeTask {
  readonly op: "compressWhole";
  readonly array: StridedArray;
  readonly options: CompressNumpyOptions;
}

/** zfpy's decompress_numpy on a whole stream, in a worker. */
export interface DecompressWholeTask {
  readonly op: "decompressWhole";
  readonly bytes: Uint8Array;
  readonly options: DecompressOptions;
}

/** Any task a worker runs. */
export type Task =
  | CompressSlabTask
  | DecodeSlabTask
  | SkimBlocksTask
  | CompressWholeTask
  | DecompressWholeTask;

/** A request: a task with the id its reply carries. */
export type Request = Task & { readonly id: number };

/** What a task returns. */
export type TaskResult =
  | { readonly bytes: Uint8Array; readonly bits: number }
  | { readonly data: ScalarArray; readonly shape: number[] }
  | { readonly bit: number };

/** A worker's reply to one request. */
export type Reply =
  | { readonly id: number; readonly ok: true; readonly result: TaskResult }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };
