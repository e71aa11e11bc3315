// Random access in zfpy's style (zfpy itself has none): decompress_region, build_index,
// decompress_preview and open_compressed over @zfpjs/codec's region.ts and block-index.ts.
import {
  BitStream,
  type BlockIndex,
  type BlockStream,
  buildBlockIndex,
  type CacheStatistics,
  CompressedArray,
  decompressPreview as decodePreview,
  decompressRegion as decodeRegion,
  parseBlockIndex,
  RegionOutOfBoundsError,
  serializeBlockIndex,
} from "@zfpjs/codec";
import { HEADER_FULL, readHeader } from "@zfpjs/header";
import {
  type CompressedInput,
  DEFAULT_MAX_OUTPUT_BYTES,
  type DecompressedArray,
  readBytes,
  result,
} from "./decompress.js";
import {
  type Dtype,
  dtype_to_ztype,
  type ScalarTypeInfo,
  typeInfoOfScalar,
  typeInfoOfZtype,
  type ZfpyData,
  type ZType,
} from "./dtype.js";
import { describeValue, ZfpyTypeError, ZfpyValueError } from "./errors.js";
import { chooseMode, configOf, type ModeOptions, readModeValues } from "./parameters.js";

/**
 * Which stream: by default one with a full zfp header. For a header-less stream give `type` and
 * `shape` (C order) and the mode parameters it was written with, as {@link _decompress}.
 */
export interface StreamOptions extends ModeOptions {
  /** Header-less streams: scalar type, a zfp_type code or dtype name. */
  type?: ZType | Dtype | number | string;
  /** Header-less streams: C-order shape, 1 to 4 sizes. */
  shape?: readonly number[];
}

/** Options of {@link decompress_region}, {@link decompress_preview} and {@link open_compressed}. */
export interface RegionOptions extends StreamOptions {
  /**
   * The stream's index from {@link build_index} (its bytes). Variable-rate streams (precision,
   * accuracy, reversible) without one are skimmed once to find their blocks; fixed-rate streams
   * never need one.
   */
  index?: CompressedInput | null;
  /**
   * How the index is matched to the stream: "sample" (default) compares its length and a CRC-32
   * of 64 sampled 16-byte pieces; "full" a CRC-32 of every byte (costs a pass over the stream).
   */
  verifyIndex?: "sample" | "full";
}

/** Options of {@link build_index}. */
export interface BuildIndexOptions extends StreamOptions {
  /** K: one offset recorded every K blocks (default 64; 1..65536). Smaller K: bigger index, less skimming. */
  interval?: number;
}

interface LocatedStream {
  bytes: Uint8Array;
  stream: BlockStream;
  info: ScalarTypeInfo;
  /** C-order shape. */
  shape: number[];
}

function checkShape(shape: unknown): number[] {
  if (
    !Array.isArray(shape) ||
    shape.length < 1 ||
    shape.length > 4 ||
    !shape.every((n) => typeof n === "number" && Number.isSafeInteger(n) && n > 0)
  ) {
    throw new ZfpyValueError(`shape must be a list of 1 to 4 positive integers, got ${describeValue(shape)}`);
  }
  return shape as number[];
}

/** The stream's blocks: from its full header, or from `type`, `shape` and mode options. */
function locate(compressed_data: CompressedInput, options: StreamOptions): LocatedStream {
  const bytes = readBytes(compressed_data);
  if (options.type !== undefined || options.shape !== undefined) {
    const ztype = typeof options.type === "string" ? dtype_to_ztype(options.type) : options.type;
    const info = typeInfoOfZtype(ztype);
    if (!info) throw new ZfpyValueError(`Unsupported zfp_type ${describeValue(options.type)}`);
    const shape = checkShape(options.shape);
    const dims = shape.length as 1 | 2 | 3 | 4;
    const config = configOf(chooseMode(readModeValues(options), false), info.scalar, dims, 64);
    const [nx, ny, nz, nw] = [0, 1, 2, 3].map((k) => (k < dims ? shape[dims - 1 - k]! : 0)) as number[];
    return {
      bytes,
      info,
      shape,
      stream: { type: info.scalar, nx: nx!, ny: ny!, nz: nz!, nw: nw!, config, firstBit: 0 },
    };
  }
  let header: ReturnType<typeof readHeader>;
  try {
    header = readHeader(new BitStream(bytes), HEADER_FULL);
  } catch (error) {
    throw new ZfpyValueError(`Failed to read required zfp header: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const info = header?.type === undefined ? undefined : typeInfoOfScalar(header.type);
  if (!header?.bits || !info) throw new ZfpyValueError("Failed to read required zfp header");
  const stream: BlockStream = {
    type: info.scalar,
    nx: header.nx!,
    ny: header.ny!,
    nz: header.nz!,
    nw: header.nw!,
    config: header.config!,
    firstBit: header.bits,
  };
  const shape = [stream.nw, stream.nz, stream.ny, stream.nx].filter((n) => n > 0);
  return { bytes, info, shape, stream };
}

function readIndex(options: RegionOptions): BlockIndex | undefined {
  if (options.index === undefined || options.index === null) return undefined;
  return parseBlockIndex(readBytes(options.index));
}

// Refuses, before allocating, a whole-array result larger than zfpy's default output cap (1 GiB).
function checkWholeArray(shape: readonly number[], itemsize: number, what: string): void {
  const count = shape.reduce((p, n) => p * n, 1);
  if (count * itemsize > DEFAULT_MAX_OUTPUT_BYTES) {
    throw new ZfpyValueError(
      `${what} declares ${count} values (shape [${shape.join(", ")}]), ${count * itemsize} bytes decoded, more than the default maxOutputBytes (${DEFAULT_MAX_OUTPUT_BYTES}, 1 GiB); decode a region of it instead`,
    );
  }
}

function zfpOrder(name: string, coordinates: unknown): number[] {
  if (!Array.isArray(coordinates)) {
    throw new ZfpyTypeError(
      `${name} must be a list of C-order coordinates, got ${describeValue(coordinates)}`,
    );
  }
  return [...(coordinates as number[])].reverse();
}

/**
 * Decompresses only the box `start` (inclusive) to `stop` (exclusive) of a stream, C order as a
 * numpy slice `a[z0:z1, y0:y1, x0:x1]`, and returns an ndarray of shape `stop - start` whose
 * values equal the full decode's there, bit for bit. Only the blocks the box meets are decoded:
 * fixed-rate streams seek to them directly, other modes through `options.index` (from
 * {@link build_index}) or, without one, one skim over the stream.
 *
 * @throws {RegionOutOfBoundsError} (tag "RegionOutOfBounds") a box outside the array, or of the wrong length.
 * @throws {IndexMismatchError} (tag "IndexMismatch") an index built for another stream.
 * @throws {InvalidIndexError} (tag "InvalidIndex") index bytes that are not an index.
 * @throws {TruncatedStreamError} (tag "TruncatedStream") the stream ends before the blocks needed.
 * @throws {ZfpyValueError} "Failed to read required zfp header".
 *
 * @example
 * ```ts
 * const a = ndarray(Float64Array.from({ length: 60 }, (_, i) => i), [3, 4, 5]);
 * const bytes = compress_numpy(a, { rate: 16 });
 * decompress_region(bytes, [1, 0, 2], [3, 2, 5]).shape; // [2, 2, 3]
 * ```
 */
export function decompress_region(
  compressed_data: CompressedInput,
  start: readonly number[],
  stop: readonly number[],
  options: RegionOptions = {},
): DecompressedArray {
  const { bytes, stream } = locate(compressed_data, options);
  const region = { start: zfpOrder("start", start), stop: zfpOrder("stop", stop) };
  const data = decodeRegion(bytes, stream, region, {
    index: readIndex(options),
    verifyIndex: options.verifyIndex,
  }) as ZfpyData;
  return result(
    data,
    stop.map((s, a) => s - start[a]!),
  ) as DecompressedArray;
}

/**
 * Builds the block index of a stream by one skim over its blocks (no value is decoded) and
 * returns it serialised: a small side structure (format in @zfpjs/codec's README) bound to
 * this stream by its length and CRC-32. Save it beside the stream and pass it to
 * {@link decompress_region} as `index`.
 *
 * @throws {TruncatedStreamError} the stream ends inside a block.
 *
 * @example
 * ```ts
 * const bytes = compress_numpy(ndarray(new Float32Array(4096).map(Math.sin), [16, 16, 16]), { tolerance: 1e-3 });
 * const index = build_index(bytes);
 * decompress_region(bytes, [0, 0, 0], [4, 4, 4], { index }).shape; // [4, 4, 4]
 * ```
 */
export function build_index(compressed_data: CompressedInput, options: BuildIndexOptions = {}): Uint8Array {
  const { bytes, stream, shape, info } = locate(compressed_data, options);
  checkWholeArray(shape, info.itemsize, "the stream");
  return serializeBlockIndex(buildBlockIndex(bytes, stream, { interval: options.interval }));
}

/**
 * A coarse decode of a lossy stream: each block decoded from its top `planes` bit planes only
 * (1..64). For float and double the difference from the full decode is below
 * 2^(e - planes + 2d + 2) in a block whose values are below 2^e in magnitude (d: dimensions).
 * Fixed-rate streams decode in one pass; others need their index (or one skim).
 *
 * @example
 * ```ts
 * const bytes = compress_numpy(ndarray(new Float64Array(64).map(Math.cos), [8, 8]), { rate: 32 });
 * decompress_preview(bytes, 12).shape; // [8, 8]
 * ```
 */
export function decompress_preview(
  compressed_data: CompressedInput,
  planes: number,
  options: RegionOptions = {},
): DecompressedArray {
  const { bytes, stream, shape, info } = locate(compressed_data, options);
  checkWholeArray(shape, info.itemsize, "the stream");
  const data = decodePreview(bytes, stream, planes, {
    index: readIndex(options),
    verifyIndex: options.verifyIndex,
  }) as ZfpyData;
  return result(data, shape) as DecompressedArray;
}

/**
 * A read-only array over a compressed stream, in C order: `get(z, y, x)` decodes the value's
 * block once and keeps it in an LRU cache of `cacheBlocks` blocks; `slice(start, stop, out?)`
 * copies a box into a new ndarray or into `out` (a typed array of the box's size).
 */
export class CompressedNdarray {
  /** C-order shape. */
  readonly shape: readonly number[];
  /** numpy dtype name of the values. */
  readonly dtype: Dtype;
  private readonly array: CompressedArray;

  /** Use {@link open_compressed}. */
  constructor(array: CompressedArray, shape: readonly number[], dtype: Dtype) {
    this.array = array;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
  }

  /** The value at C-order indices (as many as dimensions). */
  get(...indices: number[]): number | bigint {
    if (indices.length !== this.shape.length) {
      throw new RegionOutOfBoundsError(
        `expected ${this.shape.length} indices for shape [${this.shape.join(", ")}], got ${indices.length}`,
      );
    }
    const [x, y, z, w] = [...indices].reverse();
    return this.array.get(x!, y, z, w);
  }

  /** The box `start` (inclusive) to `stop` (exclusive), C order, as an ndarray (over `out` when given). */
  slice(start: readonly number[], stop: readonly number[], out?: ZfpyData): DecompressedArray {
    const data = this.array.slice(
      { start: zfpOrder("start", start), stop: zfpOrder("stop", stop) },
      out,
    ) as ZfpyData;
    return result(
      data,
      stop.map((s, a) => s - start[a]!),
    ) as DecompressedArray;
  }

  /** Cache hits, misses and evictions so far. */
  get statistics(): CacheStatistics {
    return this.array.statistics;
  }
}

/**
 * Opens a compressed stream as a read-only array with a block cache (zfp's const_array).
 *
 * @example
 * ```ts
 * const bytes = compress_numpy(ndarray(Float64Array.from({ length: 100 }, (_, i) => i), [10, 10]));
 * const array = open_compressed(bytes, { cacheBlocks: 4 });
 * array.get(3, 7); // 37
 * ```
 */
export function open_compressed(
  compressed_data: CompressedInput,
  options: RegionOptions & { cacheBlocks?: number } = {},
): CompressedNdarray {
  const { bytes, stream, shape, info } = locate(compressed_data, options);
  const array = new CompressedArray(bytes, stream, {
    index: readIndex(options),
    verifyIndex: options.verifyIndex,
    cacheBlocks: options.cacheBlocks,
  });
  return new CompressedNdarray(array, shape, info.dtype);
}

/** camelCase twin of {@link decompress_region}. */
export const decompressRegion: typeof decompress_region = decompress_region;
/** camelCase twin of {@link build_index}. */
export const buildIndex: typeof build_index = build_index;
/** camelCase twin of {@link decompress_preview}. */
export const decompressPreview: typeof decompress_preview = decompress_preview;
/** camelCase twin of {@link open_compressed}. */
export const openCompressed: typeof open_compressed = open_compressed;
