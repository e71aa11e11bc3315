// Decoding one H5Z-ZFP chunk: a header-less zfp stream of the whole (padded) chunk, whose
// sizes and parameters the dataset's cd_values hold (H5Z-ZFP's H5Z_filter_zfp, decompression).
import { type BufferSource, decompressToArray, type ScalarArray } from "@zfpjs/codec";
import { parseCdValues } from "./cd-values.js";
import { ChunkMismatchError } from "./errors.js";

/** Options of {@link decodeChunk}. */
export interface DecodeChunkOptions {
  /**
   * The dataset's chunk shape, if the caller knows it: checked against the header's sizes by
   * H5Z-ZFP's rule (size-1 axes dropped, the rest in order), else {@link ChunkMismatchError}.
   */
  chunkShape?: readonly number[];
  /** The dataset's element size in bytes, if known: must be the zfp type's (4 or 8). */
  itemSize?: number;
}

const SIZES = { int32: 4, int64: 8, float: 4, double: 8 } as const;

/**
 * Decodes one chunk of an H5Z-ZFP dataset: `cdValues` are the filter's stored client data,
 * `bytes` the chunk as stored. Returns the whole chunk's values in C order (Int32Array,
 * BigInt64Array, Float32Array or Float64Array), edge chunks included at full size, as HDF5
 * expects from the filter.
 *
 * @example
 * ```ts
 * const values = decodeChunk(cdValues, chunkBytes, { chunkShape: [1, 64, 64] }); // Float32Array(4096)
 * ```
 */
export function decodeChunk(
  cdValues: ArrayLike<number>,
  bytes: BufferSource,
  options: DecodeChunkOptions = {},
): ScalarArray {
  const parameters = parseCdValues(cdValues);
  const { type, shape, nx, ny, nz, nw, config } = parameters;
  if (options.itemSize !== undefined && options.itemSize !== SIZES[type]) {
    throw new ChunkMismatchError(
      `element size ${options.itemSize}, but the zfp header says ${type} (${SIZES[type]} bytes)`,
    );
  }
  if (options.chunkShape !== undefined) {
    const kept = options.chunkShape.filter((n) => n !== 1);
    const expected = shape.length === 1 && shape[0] === 1 && kept.length === 0 ? [] : [...shape];
    if (kept.length !== expected.length || kept.some((n, i) => n !== expected[i])) {
      throw new ChunkMismatchError(
        `chunk shape [${options.chunkShape.join(", ")}] does not match the header's zfp sizes [${shape.join(", ")}]`,
      );
    }
  }
  // H5Z-ZFP writes 8-bit stream words; the stream ends where the chunk ends.
  return decompressToArray(bytes, config, { type, nx, ny, nz, nw }, { wordBits: 8 });
}
