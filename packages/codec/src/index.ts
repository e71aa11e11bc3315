/**
 * @zfpjs/codec: zfp 1.0's block codec for int32, int64, float and double arrays in 1 to 4
 * dimensions, in every mode, byte-identical to LLNL's C library. Also re-exports what callers
 * need of @zfpjs/bitstream (BitStream, the shared errors), so upper layers need only this
 * package. Block-level stages for sibling packages are in `@zfpjs/codec/blocks`.
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
export {
  asBytes,
  BitStream,
  type BitStreamOptions,
  type BufferSource,
  BufferTooSmallError,
  InvalidArgumentError,
  isZfpError,
  TruncatedStreamError,
  type WordBits,
  ZfpError,
  type ZfpErrorTags,
} from "@zfpjs/bitstream";
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
export { type CompressOptions, compress, compressToBytes } from "./compress.js";
export {
  accuracyOf,
  compressionMode,
  DEFAULT_CONFIG,
  expert,
  type FixedRateOptions,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidParameterError,
  isReversible,
  MODE_EXPERT,
  MODE_FIXED_ACCURACY,
  MODE_FIXED_PRECISION,
  MODE_FIXED_RATE,
  MODE_NULL,
  MODE_REVERSIBLE,
  type ModeName,
  modeName,
  precisionOf,
  rateOf,
  reversible,
  type ScalarType,
  scalarTypeOf,
  typeCode,
  ZFP_MAX_BITS,
  ZFP_MAX_PREC,
  ZFP_MIN_BITS,
  ZFP_MIN_EXP,
  ZFP_TYPE,
  type ZfpConfig,
  type ZfpMode,
} from "./config.js";
export { type DecompressOptions, decompress, decompressToArray } from "./decompress.js";
export {
  AllocationError,
  InvalidFieldError,
  NonFiniteValueError,
  OutputTooLargeError,
  UnsupportedTypeError,
} from "./errors.js";
export { type Field, type FieldShape, fieldDims, fieldSize, type ScalarArray } from "./field.js";
export {
  type DecodedSlab,
  fieldSlab,
  SlabCompressor,
  type SlabCompressorOptions,
  SlabDecompressor,
  type SlabDecompressorOptions,
} from "./incremental.js";
export { compressWithIndex } from "./indexed-compress.js";
export { checkDecodable, DEFAULT_MAX_BYTES, type DecodableOptions } from "./limits.js";
export { maximumSize } from "./maximum-size.js";
export {
  type CacheStatistics,
  CompressedArray,
  decompressPreview,
  decompressRegion,
  type RandomAccessOptions,
  type Region,
  RegionOutOfBoundsError,
} from "./region.js";
