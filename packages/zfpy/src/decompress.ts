// zfpy's decompress_numpy and _decompress (python/zfpy.pyx) over zfp_read_header and zfp_decompress.
import {
  BitStream,
  decompress as decompressField,
  type Field,
  isZfpError,
  TruncatedStreamError,
  type ZfpConfig,
} from "@zfpjs/codec";
import { HEADER_FULL, type Header, readHeader } from "@zfpjs/header";
import ndarray from "ndarray";
import { type Bound, bindArguments, readOptions, type Signature } from "./args.js";
import {
  type Dtype,
  dtype_to_ztype,
  dtypeNameOfData,
  type ScalarTypeInfo,
  typeInfoOfData,
  typeInfoOfName,
  typeInfoOfScalar,
  typeInfoOfZtype,
  type ZfpyData,
  type ZType,
} from "./dtype.js";
import {
  asMemoryError,
  describeValue,
  isZfpyError,
  listText,
  ZfpyRuntimeError,
  ZfpyTypeError,
  ZfpyValueError,
} from "./errors.js";
import { type CheckedArray, checkArray, isStridedArray, type StridedArray, zfpGeometry } from "./input.js";
import { bytesOfMemory, isMemory } from "./memory.js";
import { chooseMode, configOf, type ModeOptions, readModeValues } from "./parameters.js";

/**
 * The default of `maxOutputBytes`: 1 GiB of decoded values. A stream of a few kilobytes can
 * declare gigabytes (all-zero blocks take one bit each); a larger array needs the option.
 */
export const DEFAULT_MAX_OUTPUT_BYTES = 2 ** 30;

/** Compressed bytes: a Uint8Array, any other typed array or DataView (its bytes), or an ArrayBuffer. */
export type CompressedInput = Uint8Array | ArrayBuffer | ArrayBufferView;

/** numpy's name of the values a typed array holds ("int64" for BigInt64Array). */
export type DtypeOfData<D> = D extends Int32Array
  ? "int32"
  : D extends BigInt64Array
    ? "int64"
    : D extends Float32Array
      ? "float32"
      : D extends Float64Array
        ? "float64"
        : never;

/**
 * The arrays this package returns: ndarray's `NdArray` over `D`, whose `dtype` is numpy's name
 * ("int64" where the ndarray package says "bigint64"). Views made from it with ndarray's methods
 * (`lo`, `hi`, `pick`, ...) are plain ndarrays and spell int64 "bigint64" again.
 */
export type ZfpyNdArray<D extends ZfpyData = ZfpyData> = Omit<ndarray.NdArray<D>, "dtype"> & {
  dtype: DtypeOfData<D>;
};

/** Options of {@link decompress_numpy} and {@link decompress}. */
export interface DecompressOptions {
  /**
   * Refuse, before allocating anything, streams whose decoded values would take more bytes
   * than this. Default {@link DEFAULT_MAX_OUTPUT_BYTES} (1 GiB); `Infinity` lifts the cap.
   * A forged or corrupt header cannot make the decoder allocate more.
   */
  maxOutputBytes?: number;
  /** Refuse streams declaring more values than this, before allocating (no default). */
  maxElements?: number;
  /**
   * The dtype the caller expects ("int32", "int64", "float32", "float64"): the result is typed
   * as that array (`NdArray<Float32Array>` for "float32"), and a stream holding another type is
   * refused with a ZfpyTypeError before anything is decoded.
   */
  dtype?: Dtype;
}

/** The decompressed array: an ndarray over a fresh (or the caller's) typed array, C order. */
export type DecompressedArray = ZfpyNdArray<ZfpyData>;

/**
 * The typed array of a zfp type code or dtype name known at compile time (`type_float` or
 * "float32" give Float32Array); any other number or string gives the union {@link ZfpyData}.
 * "bigint64" (the ndarray package's name, which its views report) is read as "int64".
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

/** Options of {@link _decompress}: zfpy's keyword arguments plus `maxOutputBytes` and `maxElements`. */
export interface RawDecompressOptions extends ModeOptions {
  /**
   * Decompress into this instead of a new array: an ndarray whose dtype and shape must match
   * (zfpy's checks), or a typed array, DataView or ArrayBuffer whose bytes are viewed as the
   * type (exactly the needed size, aligned to the element size), as `out=ndarray.data` in zfpy.
   * Nothing is allocated then, so `maxOutputBytes` does not apply.
   */
  out?: OutInput | null;
  /** As {@link DecompressOptions.maxOutputBytes}: default 1 GiB of decoded values. */
  maxOutputBytes?: number;
  /** As {@link DecompressOptions.maxElements}. */
  maxElements?: number;
}

/** Options of {@link decompressHeaderless}: {@link _decompress}'s arguments in one object. */
export interface HeaderlessOptions<T extends number | string = ZType | Dtype> extends RawDecompressOptions {
  /** Scalar type: a zfp_type code (`type_float`, ...) or a dtype name ("float32", ...). */
  type: T;
  /** C-order shape, 1 to 4 sizes (leading zeros are ignored, as zfp's unused sizes). */
  shape: readonly number[];
}

const DECOMPRESS_NUMPY: Signature = {
  fn: "decompress_numpy",
  required: 1,
  positional: [],
  keywords: ["maxOutputBytes", "maxElements", "dtype"],
  hint: "zfpy's decompress_numpy takes only the bytes; zfpjs takes { maxOutputBytes, maxElements, dtype }",
};

const DECOMPRESS: Signature = { ...DECOMPRESS_NUMPY, fn: "decompress" };

const RAW_KEYWORDS = ["out", "tolerance", "rate", "precision", "maxOutputBytes", "maxElements"] as const;

const RAW_DECOMPRESS: Signature = {
  fn: "_decompress",
  required: 3,
  positional: ["out", "tolerance", "rate", "precision"],
  nullable: ["out"],
  keywords: RAW_KEYWORDS,
  hint: "pass { out, tolerance, rate, precision } or zfpy's positional _decompress(bytes, ztype, shape, out, tolerance, rate, precision)",
};

const HEADERLESS: Signature = {
  fn: "decompressHeaderless",
  required: 1,
  positional: [],
  keywords: ["type", "shape", ...RAW_KEYWORDS],
  hint: "pass { type, shape, ... }",
};

/** The bytes of compressed input, or zfpy's TypeError for anything else. */
export function readBytes(data: unknown): Uint8Array {
  if (data === null || data === undefined) {
    throw new ZfpyTypeError(
      `compressed_data cannot be ${String(data)} (expected a Uint8Array or ArrayBuffer)`,
    );
  }
  if (isMemory(data)) return bytesOfMemory(data, "compressed_data");
  throw new ZfpyTypeError(
    `compressed_data must be a Uint8Array, ArrayBuffer or ArrayBufferView, got ${describeValue(data)}`,
  );
}

/** The output caps of a call: bytes (default 1 GiB) and elements (none unless given). */
interface Caps {
  readonly maxOutputBytes: number;
  readonly maxElements: number;
}

function readCap(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (
    typeof value === "number" &&
    value >= 0 &&
    (Number.isInteger(value) || value === Number.POSITIVE_INFINITY)
  ) {
    return value;
  }
  throw new ZfpyTypeError(`${name} must be a non-negative integer or Infinity, got ${describeValue(value)}`);
}

function readCaps(options: Bound): Caps {
  return {
    maxOutputBytes: readCap("maxOutputBytes", options.maxOutputBytes, DEFAULT_MAX_OUTPUT_BYTES),
    maxElements: readCap("maxElements", options.maxElements, Number.POSITIVE_INFINITY),
  };
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

function lowerBoundBitsPerBlock(config: ZfpConfig): number {
  // Every block takes at least minbits bits (at least 1) and at most maxbits, except that the
  // reversible codec may end an all-zero block after 1 bit whatever minbits says.
  const floor = config.minexp < -1074 ? 1 : Math.max(config.minbits, 1);
  return Math.min(floor, config.maxbits);
}

/**
 * Refuses, before allocating anything: outputs above the caps (`allocates` false when the caller
 * gave `out`: then only maxElements applies), modes that decode nothing (maxbits 0), and streams
 * too short to hold one block of the mode's minimum size per block (fixed rate: maxbits each).
 */
function checkBeforeAllocating(
  shape: readonly number[],
  info: ScalarTypeInfo,
  config: ZfpConfig,
  bytes: Uint8Array,
  startBits: number,
  caps: Caps,
  allocates: boolean,
  what: string,
): number {
  let count = 1;
  let blocks = 1;
  for (const n of shape) {
    count *= n;
    blocks *= Math.ceil(n / 4);
  }
  if (count > caps.maxElements) {
    throw new ZfpyValueError(
      `${what} declares ${count} values (shape ${formatShape(shape)}), more than maxElements (${caps.maxElements}); pass a larger maxElements to decompress it`,
    );
  }
  const outputBytes = count * info.itemsize;
  if (allocates && outputBytes > caps.maxOutputBytes) {
    const cap =
      caps.maxOutputBytes === DEFAULT_MAX_OUTPUT_BYTES
        ? `the default maxOutputBytes (${DEFAULT_MAX_OUTPUT_BYTES}, 1 GiB)`
        : `maxOutputBytes (${caps.maxOutputBytes})`;
    throw new ZfpyValueError(
      `${what} declares ${count} ${info.dtype} values (shape ${formatShape(shape)}), ${outputBytes} bytes decoded, more than ${cap}; pass { maxOutputBytes: ${outputBytes} } (or Infinity) to decompress it`,
    );
  }
  if (config.maxbits === 0) {
    throw new ZfpyRuntimeError(
      "error during zfp decompression: the parameters give 0 bits per block (maxbits 0), so no block can be decoded",
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
  } catch (raised) {
    const error = asMemoryError(raised, 0, "the decoder's working memory");
    if (isZfpError(error) && !isZfpyError(error)) {
      throw new ZfpyRuntimeError(`error during zfp decompression: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (size === 0) throw new ZfpyRuntimeError("error during zfp decompression");
}

/** A C-ordered field of `shape` (sizes reversed into zfp's nx..nw, unused ones 0) over `data`. */
function contiguousField(info: ScalarTypeInfo, data: ZfpyData, shape: readonly number[]): Field {
  const d = shape.length;
  return {
    type: info.scalar,
    data,
    nx: d > 0 ? shape[d - 1]! : 0,
    ny: d > 1 ? shape[d - 2]! : 0,
    nz: d > 2 ? shape[d - 3]! : 0,
    nw: d > 3 ? shape[d - 4]! : 0,
  };
}

/** A new zeroed array of `count` values, or zfpy's MemoryError. */
function allocateValues(info: ScalarTypeInfo, count: number): ZfpyData {
  try {
    return new info.arrayType(count) as ZfpyData;
  } catch (error) {
    throw asMemoryError(error, count * info.itemsize, `${count} ${info.dtype} values`);
  }
}

/** An ndarray over a result, its dtype spelt as numpy spells it ("int64", not "bigint64"). */
export function result<D extends ZfpyData>(data: D, shape: number[]): ZfpyNdArray<D> {
  const array = ndarray(data, shape);
  if (data instanceof BigInt64Array) {
    Object.defineProperty(array, "dtype", {
      value: "int64",
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }
  return array as unknown as ZfpyNdArray<D>;
}

function readDtypeOption(value: unknown): ScalarTypeInfo | undefined {
  if (value === undefined || value === null) return undefined;
  const info = typeof value === "string" ? typeInfoOfName(value) : undefined;
  if (!info) {
    throw new ZfpyTypeError(
      `dtype must be "int32", "int64", "float32" or "float64", got ${describeValue(value)}`,
    );
  }
  return info;
}

/** The C-order shape of a full header's sizes: (nw, nz, ny, nx) without the unused (0) ones. */
function shapeOfHeader(header: Header): number[] {
  const { nx, ny, nz, nw } = header as Required<Header>;
  if (nw > 0) return [nw, nz, ny, nx];
  if (nz > 0) return [nz, ny, nx];
  if (ny > 0) return [ny, nx];
  return [nx];
}

function decodeWithHeader(fn: string, compressed_data: unknown, options: Bound): DecompressedArray {
  const bytes = readBytes(compressed_data);
  const caps = readCaps(options);
  const expected = readDtypeOption(options.dtype);
  const stream = new BitStream(bytes);
  let header: Header;
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
  if (expected && expected !== info) {
    throw new ZfpyTypeError(
      `${fn}(): the stream holds ${info.dtype} values, not the ${expected.dtype} asked for with { dtype: "${expected.dtype}" }`,
    );
  }
  const shape = shapeOfHeader(header);
  const config = header.config!;
  const count = checkBeforeAllocating(shape, info, config, bytes, header.bits, caps, true, "the header");
  const data = allocateValues(info, count);
  decodeInto(stream, config, contiguousField(info, data, shape));
  return result(data, shape);
}

/**
 * Decompresses a stream that starts with a full zfp header, as zfpy's `decompress_numpy`, and
 * returns an ndarray over a fresh typed array of the stored type, C-ordered, whose shape is the
 * header's (nx, ny, nz, nw) reversed with unused sizes dropped (a header with nx = 2, ny = 4,
 * nz = 8 gives shape [8, 4, 2]). All parameters come from the header. Values equal zfpy's bit
 * for bit. Streams from zfpy, `zfp -h` and {@link compress_numpy} are read alike (any word size).
 *
 * Decoded output is capped at 1 GiB by default ({@link DEFAULT_MAX_OUTPUT_BYTES}): a stream of a
 * few kilobytes can declare gigabytes. Raise the cap with `{ maxOutputBytes }` (`Infinity` lifts
 * it). With `{ dtype: "float32" }` (or another dtype) the result is typed as that array, so
 * `a.get(0, 0) * 2` type-checks, and a stream of another type is refused.
 *
 * @throws {ZfpyTypeError} `compressed_data` is not bytes (or is a detached buffer), options that
 *   are not a plain object or hold an unknown name, a stream of another type than `dtype`.
 * @throws {ZfpyValueError} "Failed to read required zfp header" (the cause says why), or more
 *   decoded bytes than `maxOutputBytes` (or values than `maxElements`).
 * @throws {ZfpyRuntimeError} "error during zfp decompression": the stream is truncated.
 * @throws {ZfpyMemoryError} the output cannot be allocated (zfpy's MemoryError).
 *
 * @example
 * ```ts
 * const a = decompress_numpy(compress_numpy(new Int32Array([1, 2, 3])));
 * a.data; // Int32Array [1, 2, 3]
 * const f = decompress_numpy(compress_numpy(new Float32Array([1, 2])), { dtype: "float32" });
 * f.get(1) * 2; // 4: f is ZfpyNdArray<Float32Array>
 * ```
 */
export function decompress_numpy<D extends Dtype>(
  compressed_data: CompressedInput,
  options: DecompressOptions & { dtype: D },
): ZfpyNdArray<ArrayOfType<D>>;
export function decompress_numpy(
  compressed_data: CompressedInput,
  options?: DecompressOptions,
): DecompressedArray;
export function decompress_numpy(compressed_data: CompressedInput, ...rest: unknown[]): DecompressedArray {
  return decodeWithHeader("decompress_numpy", compressed_data, readOptions(DECOMPRESS_NUMPY, rest));
}

/** Array.isArray, false for a revoked Proxy instead of a throw. */
function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** True when `value[Symbol.iterator]` is a function; false when reading it throws (a Proxy trap). */
function hasIterator(value: object): boolean {
  try {
    return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
  } catch {
    return false;
  }
}

/** At most this many items of an iterable shape are read: an endless one cannot hang the call. */
const SHAPE_READ_LIMIT = 5;

/** zfpy's _validate_4d_list plus what zfpy leaves to chance: sizes must be integers >= 0. */
function readUserShape(shape: unknown): number[] {
  let list: unknown[];
  let more = false;
  if (isArray(shape)) {
    try {
      // Copied (holes kept as holes), at most SHAPE_READ_LIMIT items: a Proxy's traps run here once.
      const length = shape.length;
      list = [];
      for (let k = 0; k < Math.min(length, SHAPE_READ_LIMIT); k++) if (k in shape) list[k] = shape[k];
      list.length = Math.min(length, SHAPE_READ_LIMIT);
      more = length > SHAPE_READ_LIMIT;
    } catch (error) {
      throw new ZfpyTypeError(
        `User-provided shape could not be read: ${error instanceof Error ? error.message : describeValue(error)}`,
        { cause: error },
      );
    }
  } else if (shape !== null && typeof shape === "object" && hasIterator(shape)) {
    list = [];
    try {
      for (const item of shape as Iterable<unknown>) {
        if (list.length === SHAPE_READ_LIMIT) {
          more = true;
          break;
        }
        list.push(item);
      }
    } catch (error) {
      if (isZfpyError(error)) throw error;
      throw new ZfpyTypeError(
        `User-provided shape could not be iterated: ${error instanceof Error ? error.message : describeValue(error)}`,
        { cause: error },
      );
    }
  } else {
    throw new ZfpyTypeError(`User-provided shape is not an iterable (got ${describeValue(shape)})`);
  }
  if (list.length > 4 || more) {
    throw new ZfpyValueError(
      `User-provided shape has too many dimensions (up to 4 supported): ${listText(list)}${more ? " and more" : ""}`,
    );
  }
  if (list.length === 0) throw new ZfpyValueError("User-provided shape needs at least one dimension");
  const sizes: number[] = [];
  for (let k = 0; k < list.length; k++) {
    const n = k in list ? list[k] : undefined;
    if (!(k in list) || typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw new ZfpyValueError(
        `User-provided shape must hold non-negative integers (numbers), got ${listText(list)}`,
      );
    }
    sizes.push(n);
  }
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
      `Out ndarray has shape ${Array.isArray(out.shape) ? listText(out.shape) : describeValue(out.shape)} but decompression is using ${formatShape(shape)}. Use out=ndarray.data to avoid this check.`,
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
  const bytes = bytesOfMemory(out, "out");
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

function decodeHeaderless(
  compressed_data: unknown,
  ztype: unknown,
  shape: unknown,
  options: Bound,
): ZfpyNdArray<ZfpyData> | OutInput {
  const values = readModeValues(options as ModeOptions);
  const caps = readCaps(options);
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
    if (isMemory(out)) {
      // viewed below, once the sizes are checked
    } else if (isStridedArray(out)) {
      outArray = checkOutArray(out, info, sizes);
    } else {
      throw new ZfpyTypeError(
        `out must be an ndarray, a typed array, a DataView or an ArrayBuffer, got ${describeValue(out)}`,
      );
    }
  }
  const count = checkBeforeAllocating(sizes, info, config, bytes, 0, caps, out === undefined, "the shape");
  const stream = new BitStream(bytes);
  if (outArray) {
    const g = zfpGeometry(outArray.shape, outArray.stride, outArray.offset);
    decodeInto(stream, config, { type: info.scalar, data: outArray.data, ...g });
    return out as OutInput;
  }
  const target =
    out === undefined ? allocateValues(info, count) : viewOutBuffer(out as ArrayBuffer, info, sizes, count);
  decodeInto(stream, config, contiguousField(info, target, sizes));
  return result(target, sizes);
}

/**
 * Decompresses a stream without a header, as zfpy's `_decompress`: the caller gives the scalar
 * type (`type_float`, ...), the C-order shape and the mode parameters used to compress it
 * (`tolerance`, `rate` or `precision`, none for reversible; with zfpy's precedence and no
 * "only one" check). A header in the stream would be read as data.
 *
 * Arguments bind as zfpy's: an options object (`{ out, tolerance, rate, precision }`, Python's
 * keywords) or zfpy's positional form `_decompress(bytes, ztype, shape, out, tolerance, rate,
 * precision)` (`null` for `out` is Python's None; an options object may follow). Unknown option
 * names are Python's TypeError ("_decompress() got an unexpected keyword argument 'x'").
 *
 * Without `out`, returns an ndarray over a new typed array, typed after `ztype` when it is a
 * constant (`type_float` gives `ZfpyNdArray<Float32Array>`). With `out` an ndarray, its dtype
 * and shape must match (zfpy's checks and messages) and it is filled through its own strides and
 * returned. With `out` a typed array, DataView or ArrayBuffer (zfpy's `out=ndarray.data`), its
 * bytes are viewed as the type and shape and an ndarray over them is returned. Without `out`,
 * decoded output is capped at 1 GiB unless `maxOutputBytes` says more.
 *
 * Rates are raised to a float or double block's header size as {@link compress_numpy} raises
 * them, so the streams of one decode with the other (zfpy's own pair disagrees there).
 *
 * @throws {ZfpyTypeError} `compressed_data` not bytes, shape not a list, `out` of another kind,
 *   a detached buffer, arguments zfpy would not bind.
 * @throws {ZfpyValueError} "Cannot decompress in-place", "User-provided shape ...", "Unsupported
 *   zfp_type <z>", "Out ndarray has dtype/shape ...", an `out` buffer of the wrong size, more
 *   decoded bytes than `maxOutputBytes`.
 * @throws {ZfpyRuntimeError} "error during zfp decompression": the stream is too short, or the
 *   parameters give 0 bits per block.
 * @throws {ZfpyMemoryError} the output cannot be allocated (zfpy's MemoryError).
 *
 * @example
 * ```ts
 * const a = new Float64Array([1, 2, 3, 4, 5, 6]);
 * const bytes = compress_numpy(ndarray(a, [2, 3]), { write_header: false });
 * _decompress(bytes, type_double, [2, 3]).get(1, 2) * 2; // 12
 * const out = ndarray(new Float64Array(6), [2, 3]);
 * _decompress(bytes, type_double, [2, 3], out); // fills and returns out, as zfpy does
 * ```
 */
export function _decompress<Z extends number>(
  compressed_data: CompressedInput,
  ztype: Z,
  shape: readonly number[],
  options?: RawDecompressOptions,
): ZfpyNdArray<ArrayOfType<Z>>;
export function _decompress<Z extends number, O extends OutInput>(
  compressed_data: CompressedInput,
  ztype: Z,
  shape: readonly number[],
  out: O,
  tolerance?: number | null,
  rate?: number | null,
  precision?: number | null,
  options?: RawDecompressOptions,
): O extends ndarray.NdArray<ZfpyData> | StridedArray ? O : ZfpyNdArray<ArrayOfType<Z>>;
export function _decompress<Z extends number>(
  compressed_data: CompressedInput,
  ztype: Z,
  shape: readonly number[],
  out?: null,
  tolerance?: number | null,
  rate?: number | null,
  precision?: number | null,
  options?: RawDecompressOptions,
): ZfpyNdArray<ArrayOfType<Z>>;
export function _decompress(
  compressed_data: CompressedInput,
  ztype: number,
  shape: unknown,
  ...rest: unknown[]
) {
  return decodeHeaderless(compressed_data, ztype, shape, bindArguments(RAW_DECOMPRESS, rest));
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
): ZfpyNdArray<ArrayOfType<T>>;
export function decompressHeaderless(compressed: CompressedInput, ...rest: unknown[]) {
  if (rest[0] === undefined) {
    throw new ZfpyTypeError("decompressHeaderless() needs options with type and shape, got undefined");
  }
  const options = readOptions(HEADERLESS, rest);
  const type = typeof options.type === "string" ? dtype_to_ztype(options.type) : options.type;
  return decodeHeaderless(compressed, type, options.shape, options);
}

/**
 * camelCase twin of {@link decompress_numpy}: decompresses a stream with a full header.
 *
 * @example
 * ```ts
 * decompress(compress(new Float64Array([1, 2, 3]))).data; // Float64Array [1, 2, 3]
 * ```
 */
export function decompress<D extends Dtype>(
  compressed: CompressedInput,
  options: DecompressOptions & { dtype: D },
): ZfpyNdArray<ArrayOfType<D>>;
export function decompress(compressed: CompressedInput, options?: DecompressOptions): DecompressedArray;
export function decompress(compressed: CompressedInput, ...rest: unknown[]): DecompressedArray {
  return decodeWithHeader("decompress", compressed, readOptions(DECOMPRESS, rest));
}
