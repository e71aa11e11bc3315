/**
 * @zfpjs/zfpy: zfpy's API (compress_numpy, decompress_numpy, _decompress, ...) for JavaScript,
 * over ndarray, giving zfpy's bytes and values. camelCase twins (compress, decompress,
 * decompressHeaderless, readHeader, ...) share the implementation.
 *
 * ```ts
 * import ndarray from "ndarray";
 * import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
 * const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const bytes = compress_numpy(a); // reversible (lossless), with a header
 * decompress_numpy(bytes).get(1, 2); // 6
 * ```
 *
 * The layers below are packages of their own: import @zfpjs/codec and @zfpjs/header directly.
 *
 * @packageDocumentation
 */
export {
  type CompressCommonOptions,
  type CompressNumpyOptions,
  type CompressOptions,
  compress,
  compress_numpy,
  type NonFinitePolicy,
} from "./compress.js";
export {
  HEADER_FULL,
  HEADER_MAGIC,
  HEADER_META,
  HEADER_MODE,
  mode_expert,
  mode_fixed_accuracy,
  mode_fixed_precision,
  mode_fixed_rate,
  mode_null,
  mode_reversible,
  type_double,
  type_float,
  type_int32,
  type_int64,
  type_none,
} from "./constants.js";
export {
  _decompress,
  type ArrayOfType,
  type CompressedInput,
  DEFAULT_MAX_OUTPUT_BYTES,
  type DecompressedArray,
  type DecompressOptions,
  type DtypeOfData,
  decompress,
  decompress_numpy,
  decompressHeaderless,
  type HeaderlessOptions,
  type OutInput,
  type RawDecompressOptions,
  type ZfpyNdArray,
} from "./decompress.js";
export {
  type Dtype,
  dtype_to_ztype,
  dtypeToZtype,
  type ZfpyData,
  type ZType,
  ztype_to_dtype,
  ztypeToDtype,
} from "./dtype.js";
export {
  isZfpyError,
  type PythonErrorName,
  type ZfpyError,
  type ZfpyErrorTag,
  ZfpyMemoryError,
  ZfpyOverflowError,
  ZfpyRuntimeError,
  ZfpyTypeError,
  ZfpyValueError,
} from "./errors.js";
export { type FullHeaderDescription, header, readHeader } from "./header.js";
export type { ArrayInput, StridedArray } from "./input.js";
export type { ModeOptions } from "./parameters.js";
export {
  type BuildIndexOptions,
  build_index,
  buildIndex,
  CompressedNdarray,
  decompress_preview,
  decompress_region,
  decompressPreview,
  decompressRegion,
  open_compressed,
  openCompressed,
  type RegionOptions,
  type StreamOptions,
} from "./region.js";
export {
  type ByteStream,
  type ByteStreamReader,
  compressStream,
  createStreamCompressor,
  createStreamDecompressor,
  decompressStream,
  type SlabSource,
  type StreamCompressOptions,
  type StreamCompressor,
  type StreamDecompressOptions,
  type StreamDecompressor,
  type StreamSlab,
} from "./stream.js";
