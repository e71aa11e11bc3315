/**
 * @zfpjs/codec: zfp 1.0's block codec for int32, int64, float and double arrays in 1 to 4
 * dimensions, in every mode, byte-identical to LLNL's C library. Also re-exports
 * @zfpjs/bitstream, so upper layers need only this package.
 *
 * ```ts
 * import { BitStream, compress, decompress, fixedAccuracy, maximumSize, type Field } from "@zfpjs/codec";
 * const field: Field = { type: "double", data: new Float64Array(64).map(Math.sin), nx: 8, ny: 8, nz: 0, nw: 0 };
 * const config = fixedAccuracy(1e-6);
 * const stream = new BitStream(new Uint8Array(maximumSize(config, field)));
 * const bytes = compress(stream, config, field);
 * const out: Field = { ...field, data: new Float64Array(64) };
 * stream.rewind();
 * decompress(stream, config, out);
 * ```
 *
 * @packageDocumentation
 */
export * from "@zfpjs/bitstream";
export { BitReader } from "./bit-reader.js";
export { BlockCoder } from "./block-coder.js";
export {
  type BlockIndex,
  type BlockStream,
  buildBlockIndex,
  checkBlockIndex,
  DEFAULT_INDEX_INTERVAL,
  IndexMismatchError,
  InvalidIndexError,
  parseBlockIndex,
  serializeBlockIndex,
} from "./block-index.js";
export { BlockSkimmer } from "./block-skim.js";
export { type CompressOptions, compress, compressToBytes } from "./compress.js";
export * from "./config.js";
export { allocateArray, decompress, decompressToArray, type FieldShape } from "./decompress.js";
export { InvalidFieldError, NonFiniteValueError, UnsupportedTypeError } from "./errors.js";
export {
  type Field,
  type FieldLayout,
  fieldBlocks,
  fieldDims,
  fieldLayout,
  fieldSize,
  type ScalarArray,
} from "./field.js";
export { compressWithIndex, RunStream } from "./indexed-compress.js";
export { maximumBlockBits, maximumSize } from "./maximum-size.js";
export {
  type CacheStatistics,
  CompressedArray,
  decompressPreview,
  decompressRegion,
  fixedBlockBits,
  type RandomAccessOptions,
  type Region,
  RegionOutOfBoundsError,
} from "./region.js";
export { type ScalarTraits, traitsOf } from "./traits.js";
