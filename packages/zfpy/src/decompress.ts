// zfpy's decompress_numpy and _decompress (python/zfpy.pyx) over zfp_read_header and zfp_decompress.
import {
  asBytes,
  BitStream,
  decompress as decompressField,
  type Field,
  isZfpError,
  TruncatedStreamError,
  type ZfpConfig,
} from "@zfpjs/codec";
import { HEADER_FULL, readHeader } from "@zfpjs/header";
import ndarray from "ndarray";
import {
  type Dtype,
  dtype_to_ztype,
  dtypeNameOfData,
  type ScalarTypeInfo,
  typeInfoOfData,
  typeInfoOfScalar,
  typeInfoOfZtype,
  type ZfpyData,
  type ZType,
} from "./dtype.js";
import { describeValue, ZfpyRuntimeError, ZfpyTypeError, ZfpyValueError } from "./errors.js";
import { type CheckedArray, checkArray, isStridedArray, type StridedArray, zfpGeometry } from "./input.js";
import { chooseMode, configOf, type ModeOptions, readModeValues } from "./parameters.js";

/** The default of `maxElements`: 2^31 values (8 GiB of float32, 16 GiB of float64). */
export const DEFAULT_MAX_ELEMENTS = 2 ** 31;

/** Compressed bytes: a Uint8Array, any other typed array or DataView (its bytes), or an ArrayBuffer. */
export type CompressedInput = Uint8Array | ArrayBuffer | ArrayBufferView;

/** Options of {@link decompress_numpy} and {@link decompress}. */
export interface DecompressOptions {
  /**
   * Refuse streams whose header declares more values than this, before allocating anything.
   * Default 2^31. A forged or corrupt header cannot make the decoder allocate more.
   */
  maxElements?: number;
}

/** The decompressed array: an ndarray over a fresh (or the caller's) typed array, C order. */
export type DecompressedArray = ndarray.NdArray<ZfpyData>;

/**
 * The typed array of a zfp type code or dtype name known at compile time (`type_float` or
 * "float32" give Float32Array); any other number or string gives the union {@link ZfpyData}.
 */
export type ArrayOfType<T> = T extends 1 | "int32"
  ? Int32Array
  : T extends 2 | "int64" | "bigint64"
    ? BigInt64Array<ArrayBuffer>
    : T extends 3 | "float32"
      ? Float32Array
      : T extends 4 | "float64"
        ? Float64Array
        : ZfpyData;

/** Where `_decompress` writes: an ndarray (type and shape checked) or memory to view as the type. */
export type OutInput = ndarray.NdArray<ZfpyData> | StridedArray | ArrayBuffer | ArrayBufferView;

/** Options of {@link _decompress}: zfpy's keyword arguments plus `maxElements`. */
export interface RawDecompressOptions extends ModeOptions, DecompressOptions {
  /**
   * Decompress into this instead of a new array: an ndarray whose dtype and shape must match
   * (zfpy's checks), or a typed array, DataView or ArrayBuffer whose bytes are viewed as the
   * type (exactly the needed size, aligned to the element size), as `out=ndarray.data` in zfpy.
   */
  out?: OutInput | null;
}

/** Options of {@link decompressHeaderless}: {@link _decompress}'s arguments in one object. */
export interface HeaderlessOptions<T extends number | string = ZType | Dtype> extends RawDecompressOptions {
  /** Scalar type: a zfp_type code (`type_float`, ...) or a dtype name ("float32", ...). */
  type: T;
  /** C-order shape, 1 to 4 sizes (leading zeros are ignored, as zfp's unused sizes). */
  shape: readonly number[];
}

/** True for an ArrayBuffer, a SharedArrayBuffer or any view of one (typed array, DataView). */
function isMemory(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    Object.prototype.toString.call(value) === "[object SharedArrayBuffer]"
  );
}

/** The bytes of compressed input, or zfpy's TypeError for anything else. */
export function readBytes(data: unknown): Uint8Array {
  if (data === null || data === undefined) {
    throw new ZfpyTypeError(
      `compressed_data cannot be ${String(data)} (expected a Uint8Array or ArrayBuffer)`,
    );
  }
  if (isMemory(data)) return asBytes(data);
  throw new ZfpyTypeError(
    `compressed_data must be a Uint8Array, ArrayBuffer or ArrayBufferView, got ${describeValue(data)}`,
  );
}

function readMaxElements(options: DecompressOptions): number {
  const value = options.maxElements;
  if (value === undefined || value === null) return DEFAULT_MAX_ELEMENTS;
  if (
    typeof value === "number" &&
    value >= 0 &&
    (Number.isInteger(value) || value === Number.POSITIVE_INFINITY)
  ) {
    return value;
  }
  throw new ZfpyTypeError(
    `maxElements must be a non-negative integer or Infinity, got ${describeValue(value)}`,
  );
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Sizes in zfp order (nx first), unused ones 0, from a C-order shape of 1..4 positive sizes. */
function zfpSizes(shape: readonly number[]): [number, number, number, number] {
  const d = shape.length;
  return [0, 1, 2, 3].map((k) => (k < d ? shape[d - 1 - k]! : 0)) as [number, number, number, number];
}

function lowerBoundBitsPerBlock(config: ZfpConfig): number {
  // Every block takes at least minbits bits (at least 1) and at most maxbits, except that the
  // reversible codec may end an all-zero block after 1 bit whatever minbits says.
  const floor = config.minexp < -1074 ? 1 : Math.max(config.minbits, 1);
  return Math.min(floor, config.maxbits);
}

/**
 * Refuses, before allocating anything, arrays larger than `maxElements` and streams too short to
 * hold one block of the mode's minimum size per block (fixed rate: exactly maxbits per block).
 */
function checkBeforeAllocating(
  shape: readonly number[],
  config: ZfpConfig,
  bytes: Uint8Array,
  startBits: number,
  maxElements: number,
  what: string,
): number {
  let count = 1;
  let blocks = 1;
  for (const n of shape) {
    count *= n;
    blocks *= Math.ceil(n / 4);
  }
  if (count > maxElements) {
    throw new ZfpyValueError(
      `${what} declares ${count} values (shape ${formatShape(shape)}), more than maxElements (${maxElements}); pass a larger maxElements to decompress it`,
    );
  }
  const required = startBits + blocks * lowerBoundBitsPerBlock(config);
  const available = bytes.length * 8;
  if (required > available) {
    const cause = new TruncatedStreamError(required, available);
    throw new ZfpyRuntimeError(
      `error during zfp decompression: ${blocks} blocks of shape ${formatShape(shape)} need at least ${Math.ceil(required / 8)} bytes, but the stream holds ${bytes.length} (truncated, or not this stream's parameters)`,
      { cause },
    );
  }
  return count;
}

function decodeInto(stream: BitStream, config: ZfpConfig, field: Field): void {
  let size: number;
  try {
    size = decompressField(stream, config, field);
  } catch (error) {
    if (isZfpError(error)) {
      throw new ZfpyRuntimeError(`error during zfp decompression: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (size === 0) throw new ZfpyRuntimeError("error during zfp decompression");
}

function contiguousField(info: ScalarTypeInfo, data: ZfpyData, shape: readonly number[]): Field {
  const [nx, ny, nz, nw] = zfpSizes(shape);
  return { type: info.scalar, data, nx, ny, nz, nw };
}

/**
 * Decompresses a stream that starts with a full zfp header, as zfpy's `decompress_numpy`, and
 * returns an ndarray over a fresh typed array of the stored type, C-ordered, whose shape is the
 * header's (nx, ny, nz, nw) reversed with unused sizes dropped (a header with nx = 2, ny = 4,
 * nz = 8 gives shape [8, 4, 2]). All parameters come from the header. Values equal zfpy's bit
 * for bit. Streams from zfpy, `zfp -h` and {@link compress_numpy} are read alike (any word size).
 *
 * @throws {ZfpyTypeError} `compressed_data` is not bytes.
 * @throws {ZfpyValueError} "Failed to read required zfp header" (the cause says why), or more
 *   values than `maxElements`.
 * @throws {ZfpyRuntimeError} "error during zfp decompression": the stream is truncated.
 *
 * @example
 * ```ts
 * const a = decompress_numpy(compress_numpy(new Int32Array([1, 2, 3])));
 * a.data; // Int32Array [1, 2, 3]
 * ```
 */
export function decompress_numpy(
  compressed_data: CompressedInput,
  options: DecompressOptions = {},
): DecompressedArray {
  const bytes = readBytes(compressed_data);
  const maxElements = readMaxElements(options);
  const stream = new BitStream(bytes);
  let header: ReturnType<typeof readHeader>;
  try {
    header = readHeader(stream, HEADER_FULL);
  } catch (error) {
    throw new ZfpyValueError(`Failed to read required zfp header: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!header?.bits) throw new ZfpyValueError("Failed to read required zfp header");
  const info = header.type === undefined ? undefined : typeInfoOfScalar(header.type);
  if (!info) throw new ZfpyValueError(`Unsupported zfp_type ${String(header.type)}`);
  const shape = [header.nw!, header.nz!, header.ny!, header.nx!].filter((n) => n > 0);
  const config = header.config!;
  const count = checkBeforeAllocating(shape, config, bytes, header.bits, maxElements, "the header");
  const data = new info.arrayType(count) as ZfpyData;
  decodeInto(stream, config, contiguousField(info, data, shape));
  return ndarray(data, shape);
}

/** zfpy's _validate_4d_list plus what zfpy leaves to chance: sizes must be integers >= 0. */
function readUserShape(shape: unknown): number[] {
  let list: unknown[];
  if (Array.isArray(shape)) list = shape;
  else if (
    shape !== null &&
    typeof shape === "object" &&
    typeof (shape as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  ) {
    list = Array.from(shape as Iterable<unknown>);
  } else {
    throw new ZfpyTypeError(`User-provided shape is not an iterable (got ${describeValue(shape)})`);
  }
  if (list.length > 4) {
    throw new ZfpyValueError(
      `User-provided shape has too many dimensions (up to 4 supported): ${formatShape(list as number[])}`,
    );
  }
  if (list.length === 0) throw new ZfpyValueError("User-provided shape needs at least one dimension");
  if (!list.every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0)) {
    throw new ZfpyValueError(
      `User-provided shape must hold non-negative integers, got [${list.map((n) => describeValue(n)).join(", ")}]`,
    );
  }
  const sizes = list as number[];
  // zfp's unused sizes are trailing zeros of (nx, ny, nz, nw), i.e. leading zeros of the C shape.
  const first = sizes.findIndex((n) => n > 0);
  if (first < 0 || sizes.indexOf(0, first) >= 0) {
    throw new ZfpyValueError(
      `User-provided shape ${formatShape(sizes)} has a zero-length axis: zfp cannot decompress an empty array (only leading zeros, zfp's unused sizes, are allowed)`,
    );
  }
  return sizes.slice(first);
}

function byteRange(value: unknown): { buffer: ArrayBufferLike; start: number; end: number } | undefined {
  if (ArrayBuffer.isView(value)) {
    return { buffer: value.buffer, start: value.byteOffset, end: value.byteOffset + value.byteLength };
  }
  if (isMemory(value)) return { buffer: value as ArrayBufferLike, start: 0, end: value.byteLength };
  if (isStridedArray(value)) return byteRange(value.data);
  return undefined;
}

function sharesMemory(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ra = byteRange(a);
  const rb = byteRange(b);
  return !!ra && !!rb && ra.buffer === rb.buffer && ra.start < rb.end && rb.start < ra.end;
}

function checkOutArray(out: StridedArray, info: ScalarTypeInfo, shape: readonly number[]): CheckedArray {
  const outInfo = typeInfoOfData(out.data);
  if (outInfo !== info) {
    throw new ZfpyValueError(
      `Out ndarray has dtype ${dtypeNameOfData(out.data)} but decompression is using ${info.dtype}. Use out=ndarray.data to avoid this check.`,
    );
  }
  const outShape = Array.isArray(out.shape) ? out.shape : [];
  if (outShape.length !== shape.length || outShape.some((n, axis) => n !== shape[axis])) {
    throw new ZfpyValueError(
      `Out ndarray has shape ${Array.isArray(out.shape) ? formatShape(out.shape) : describeValue(out.shape)} but decompression is using ${formatShape(shape)}. Use out=ndarray.data to avoid this check.`,
    );
  }
  const checked = checkArray(out);
  if (!checked.shape.every((n, axis) => n === 1 || checked.stride[axis] !== 0)) {
    throw new ZfpyValueError(
      `Out ndarray has a zero stride (stride ${formatShape(checked.stride)}): its elements overlap, so it cannot receive decompressed values`,
    );
  }
  return checked;
}

function viewOutBuffer(
  out: ArrayBuffer | ArrayBufferView,
  info: ScalarTypeInfo,
  shape: readonly number[],
  count: number,
): ZfpyData {
  const bytes = asBytes(out);
  if (bytes.byteLength % info.itemsize !== 0) {
    throw new ZfpyValueError(
      `buffer size must be a multiple of element size (out holds ${bytes.byteLength} bytes; ${info.dtype} values take ${info.itemsize})`,
    );
  }
  if (bytes.byteLength !== count * info.itemsize) {
    throw new ZfpyValueError(
      `cannot reshape array of size ${bytes.byteLength / info.itemsize} into shape ${formatShape(shape)} (out holds ${bytes.byteLength} bytes; ${count} ${info.dtype} values take ${count * info.itemsize})`,
    );
  }
  if (bytes.byteOffset % info.itemsize !== 0) {
    throw new ZfpyValueError(
      `out starts at byte offset ${bytes.byteOffset} of its buffer, not a multiple of the ${info.dtype} element size ${info.itemsize}`,
    );
  }
  return new info.arrayType(bytes.buffer as ArrayBuffer, bytes.byteOffset, count) as ZfpyData;
}

/**
 * Decompresses a stream without a header, as zfpy's `_decompress`: the caller gives the scalar
 * type (`type_float`, ...), the C-order shape and the mode parameters used to compress it
 * (`tolerance`, `rate` or `precision`, none for reversible; with zfpy's precedence and no
 * "only one" check). A header in the stream would be read as data.
 *
 * Without `out`, returns an ndarray over a new typed array. With `out` an ndarray, its dtype and
 * shape must match (zfpy's checks and messages) and it is filled through its own strides and
 * returned. With `out` a typed array, DataView or ArrayBuffer (zfpy's `out=ndarray.data`), its
 * bytes are viewed as the type and shape and an ndarray over them is returned.
 *
 * Rates are raised to a float or double block's header size as {@link compress_numpy} raises
 * them, so the streams of one decode with the other (zfpy's own pair disagrees there).
 *
 * @throws {ZfpyTypeError} `compressed_data` not bytes, shape not a list, `out` of another kind.
 * @throws {ZfpyValueError} "Cannot decompress in-place", "User-provided shape ...", "Unsupported
 *   zfp_type <z>", "Out ndarray has dtype/shape ...", an `out` buffer of the wrong size.
 * @throws {ZfpyRuntimeError} "error during zfp decompression": the stream is too short.
 *
 * @example
 * ```ts
 * const a = new Float64Array([1, 2, 3, 4, 5, 6]);
 * const bytes = compress_numpy(ndarray(a, [2, 3]), { write_header: false });
 * _decompress(bytes, type_double, [2, 3]).get(1, 2); // 6
 * ```
 */
export function _decompress<Z extends number>(
  compressed_data: CompressedInput,
  ztype: Z,
  shape: readonly number[],
  options: RawDecompressOptions = {},
): ndarray.NdArray<ArrayOfType<Z>> {
  const values = readModeValues(options);
  const maxElements = readMaxElements(options);
  const out = options.out ?? undefined;
  if (compressed_data === null || compressed_data === undefined) readBytes(compressed_data);
  if (out !== undefined && sharesMemory(compressed_data, out)) {
    throw new ZfpyValueError("Cannot decompress in-place (out shares memory with compressed_data)");
  }
  const sizes = readUserShape(shape);
  const bytes = readBytes(compressed_data);
  const info = typeInfoOfZtype(ztype);
  if (!info) {
    throw new ZfpyValueError(
      `Unsupported zfp_type ${describeZtype(ztype)} (expected 1 int32, 2 int64, 3 float, 4 double)`,
    );
  }
  const dims = sizes.length as 1 | 2 | 3 | 4;
  const config = configOf(chooseMode(values, false), info.scalar, dims, 64);
  let outArray: CheckedArray | undefined;
  if (out !== undefined) {
    if (isStridedArray(out)) outArray = checkOutArray(out, info, sizes);
    else if (!isMemory(out)) {
      throw new ZfpyTypeError(
        `out must be an ndarray, a typed array, a DataView or an ArrayBuffer, got ${describeValue(out)}`,
      );
    }
  }
  const count = checkBeforeAllocating(sizes, config, bytes, 0, maxElements, "the shape");
  const stream = new BitStream(bytes);
  if (outArray) {
    const g = zfpGeometry(outArray.shape, outArray.stride, outArray.offset);
    decodeInto(stream, config, { type: info.scalar, data: outArray.data, ...g });
    return out as ndarray.NdArray<ArrayOfType<Z>>;
  }
  const target =
    out === undefined
      ? (new info.arrayType(count) as ZfpyData)
      : viewOutBuffer(out as ArrayBuffer, info, sizes, count);
  decodeInto(stream, config, contiguousField(info, target, sizes));
  return ndarray(target, sizes) as ndarray.NdArray<ArrayOfType<Z>>;
}

function describeZtype(ztype: unknown): string {
  return typeof ztype === "number" ? String(ztype) : describeValue(ztype);
}

/**
 * camelCase twin of {@link _decompress}: decompresses a header-less stream given its type
 * (zfp_type code or dtype name), C-order shape and mode parameters. Same implementation.
 *
 * @example
 * ```ts
 * const bytes = compress(new Float32Array(16).fill(1), { rate: 8, writeHeader: false });
 * decompressHeaderless(bytes, { type: "float32", shape: [16], rate: 8 }).data; // Float32Array of 1s
 * ```
 */
export function decompressHeaderless<T extends number | string>(
  compressed: CompressedInput,
  options: HeaderlessOptions<T>,
): ndarray.NdArray<ArrayOfType<T>> {
  if (options === null || typeof options !== "object") {
    throw new ZfpyTypeError(`options must be an object with type and shape, got ${describeValue(options)}`);
  }
  const type: number = typeof options.type === "string" ? dtype_to_ztype(options.type) : options.type;
  return _decompress(compressed, type, options.shape, options) as ndarray.NdArray<ArrayOfType<T>>;
}

/**
 * camelCase twin of {@link decompress_numpy}: decompresses a stream with a full header.
 *
 * @example
 * ```ts
 * decompress(compress(new Float64Array([1, 2, 3]))).data; // Float64Array [1, 2, 3]
 * ```
 */
export function decompress(compressed: CompressedInput, options: DecompressOptions = {}): DecompressedArray {
  return decompress_numpy(compressed, options);
}
