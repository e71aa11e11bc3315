// zfpy's compress_numpy (python/zfpy.pyx) over zfp_compress and zfp_write_header.
import {
  BitStream,
  compress as compressField,
  maximumSize,
  type WordBits,
  type ZfpConfig,
} from "@zfpjs/codec";
import { HEADER_FULL, writeHeader } from "@zfpjs/header";
import { type Bound, bindArguments, readOptions, type Signature } from "./args.js";
import { asMemoryError, describeValue, ZfpyRuntimeError, ZfpyTypeError } from "./errors.js";
import { type ArrayInput, checkArray, fieldOf } from "./input.js";
import { chooseMode, configOf, type ModeOptions, readModeValues } from "./parameters.js";

/** What to do with NaN and infinities in lossy modes (see @zfpjs/codec's `compress`). */
export type NonFinitePolicy = "error" | "as-c";

/** Options shared by {@link compress_numpy} and {@link compress}. */
export interface CompressCommonOptions extends ModeOptions {
  /**
   * Stream word size in bits: 64 (default) writes what zfp's default build and the zfpy wheels
   * write (the stream zero-padded to a multiple of 8 bytes); 8 writes Debian's zfpy bytes
   * exactly (no padding). The data bits are the same; any zfp decoder reads either.
   */
  wordBits?: WordBits;
  /**
   * NaN and infinities in a lossy mode: "error" (the codec's default) refuses them, since zfp
   * garbles such blocks; "as-c" writes the bytes zfp writes. Reversible mode stores them exactly.
   */
  nonFinite?: NonFinitePolicy;
}

/** Options of {@link compress_numpy}: zfpy's keyword arguments plus zfpjs' own. */
export interface CompressNumpyOptions extends CompressCommonOptions {
  /** Prepend a full zfp header (type, shape, mode), as zfpy does by default. Default true. */
  write_header?: boolean;
}

/** Options of {@link compress}: as {@link CompressNumpyOptions}, in camelCase. */
export interface CompressOptions extends CompressCommonOptions {
  /** Prepend a full zfp header (type, shape, mode). Default true. */
  writeHeader?: boolean;
}

function readWordBits(value: unknown): WordBits {
  if (value === undefined || value === null) return 64;
  if (value === 8 || value === 16 || value === 32 || value === 64) return value;
  throw new ZfpyTypeError(`wordBits must be 8, 16, 32 or 64, got ${describeValue(value)}`);
}

/**
 * Largest maximum-size stream buffer kept between calls (64 MiB: a float64 array of ~64 MB at
 * rate 64, or any array of the benchmark's sizes). Larger streams get a buffer of their own.
 */
const SCRATCH_LIMIT = 64 * 2 ** 20;

/** The all-zero stream buffer reused by compress calls, or null while one is in use. */
let scratch: Uint8Array | null = null;

/**
 * A zeroed buffer of `capacity` bytes to compress into: the shared scratch when it is large
 * enough (and free), a grown scratch when `capacity` is within {@link SCRATCH_LIMIT}, else a
 * buffer for this call only. Reusing it means a compress call allocates only the exact-size
 * stream it returns (issue 8: a fresh maximum-size buffer per call, then copied, left ~18 MB of
 * garbage for a 16 MB array and made the next calls pay for the garbage collections).
 */
function takeScratch(capacity: number): Uint8Array {
  const held = scratch;
  if (held !== null && held.length >= capacity) {
    // The whole scratch, not a view of `capacity` bytes (one object less per call, issue 13):
    // the stream ends where the blocks end, whatever room follows.
    scratch = null;
    return held;
  }
  if (capacity > SCRATCH_LIMIT) return new Uint8Array(capacity);
  scratch = null;
  return new Uint8Array(capacity);
}

/**
 * The first `size` bytes of `buffer` (from {@link takeScratch}) as a new exact-size array; the
 * scratch is zeroed where it was written and kept for the next call. Called only after a
 * successful compress: a call that throws drops its buffer (it may hold written bytes).
 */
function releaseScratch(buffer: Uint8Array, size: number): Uint8Array {
  if (buffer.length > SCRATCH_LIMIT) return size === buffer.length ? buffer : buffer.slice(0, size);
  const out = buffer.slice(0, size);
  // The stream writes nothing past size (it ends flushed to a word); zero a word more anyway.
  buffer.fill(0, 0, Math.min(buffer.length, size + 8));
  if (scratch === null || scratch.length < buffer.length) scratch = buffer;
  return out;
}

// Options objects made once (issue 13: no object per call that is not needed).
const STREAM_OPTIONS = {
  8: Object.freeze({ wordBits: 8 }),
  16: Object.freeze({ wordBits: 16 }),
  32: Object.freeze({ wordBits: 32 }),
  64: Object.freeze({ wordBits: 64 }),
} as const;
const NON_FINITE_OPTIONS = {
  error: Object.freeze({ nonFinite: "error" }),
  "as-c": Object.freeze({ nonFinite: "as-c" }),
} as const;

const COMMON_KEYWORDS = ["tolerance", "rate", "precision", "wordBits", "nonFinite"] as const;

const COMPRESS_NUMPY: Signature = {
  fn: "compress_numpy",
  required: 1,
  positional: ["tolerance", "rate", "precision", "write_header"],
  nullable: ["write_header"],
  keywords: [...COMMON_KEYWORDS, "write_header"],
  hint: "compress_numpy(arr, { tolerance }) or zfpy's positional compress_numpy(arr, tolerance, rate, precision, write_header)",
};

const COMPRESS: Signature = {
  fn: "compress",
  required: 1,
  positional: [],
  keywords: [...COMMON_KEYWORDS, "writeHeader"],
  hint: "pass { tolerance }, { rate }, { precision } or nothing; compress_numpy takes zfpy's positional form",
};

function readNonFinite(value: unknown): NonFinitePolicy {
  if (value === undefined || value === null) return "error";
  if (value === "error" || value === "as-c") return value;
  throw new ZfpyTypeError(`nonFinite must be "error" or "as-c", got ${describeValue(value)}`);
}

function run(arr: unknown, options: Bound, header: boolean): Uint8Array {
  // zfpy's order: argument conversions, the None check, the parameter count, then the array.
  const values = readModeValues(options as ModeOptions);
  const wordBits = readWordBits(options.wordBits);
  const nonFinite = readNonFinite(options.nonFinite);
  if (arr === null || arr === undefined) checkArray(arr);
  const mode = chooseMode(values, true);
  // Views (broadcast ones included) go to the codec as they are: no copy of the values.
  const array = checkArray(arr);
  const dims = array.shape.length as 1 | 2 | 3 | 4;
  const config: ZfpConfig = configOf(mode, array.info.scalar, dims, wordBits);
  const field = fieldOf(array);
  const capacity = maximumSize(config, field, wordBits);
  // zfpy raises MemoryError here; absurd rates (1e10 bits per value) get here.
  let buffer: Uint8Array;
  try {
    buffer = takeScratch(capacity);
  } catch (error) {
    throw asMemoryError(
      error,
      capacity,
      `the compressed stream (${config.maxbits} bits per block at most, ${config.minbits} at least)`,
    );
  }
  const stream = new BitStream(buffer, STREAM_OPTIONS[wordBits]);
  if (header) {
    let bits = 0;
    try {
      bits = writeHeader(stream, field, config, HEADER_FULL);
    } catch (error) {
      throw new ZfpyRuntimeError(`Failed to write header to stream: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (bits === 0) throw new ZfpyRuntimeError("Failed to write header to stream");
  }
  let size: number;
  try {
    size = compressField(stream, config, field, NON_FINITE_OPTIONS[nonFinite]);
  } catch (error) {
    throw asMemoryError(error, capacity, "the compressor's working memory");
  }
  if (size === 0) {
    throw new ZfpyRuntimeError(
      "Failed to write to stream (the mode gives 0 bits per block and no header was written)",
    );
  }
  try {
    return releaseScratch(buffer, size);
  } catch (error) {
    throw asMemoryError(error, size, "the compressed bytes");
  }
}

/**
 * Compresses an array and returns the compressed bytes, as zfpy's `compress_numpy`.
 *
 * `arr` is an ndarray (any strides, negative and broadcast (0) ones included, any offset; never
 * copied), a bare typed array (1D), or `{ data, shape, stride?, offset? }`, holding Int32Array,
 * BigInt64Array, Float32Array or Float64Array data. Shapes are C order (last axis fastest) and are reversed into zfp's
 * (nx, ny, nz, nw) exactly as zfpy reverses them, so the bytes equal zfpy's for any layout.
 *
 * The mode is chosen by setting at most one of `tolerance` (fixed accuracy), `rate` (fixed
 * rate) or `precision` (fixed precision); a negative value means unset; none set means
 * reversible (lossless). A full header (type, shape, mode) is written first unless
 * `write_header` is false.
 *
 * Arguments bind as zfpy's: an options object (`{ tolerance: 1e-3 }`, Python's keywords), or
 * zfpy's positional form `compress_numpy(arr, tolerance, rate, precision, write_header)`
 * (`undefined` skips a slot; an options object may follow). An unknown option name is Python's
 * TypeError ("compress_numpy() got an unexpected keyword argument 'tolerence'"); so are `null`
 * in a positional number slot, more than five positional arguments, and a name given both ways.
 *
 * The bytes equal zfpy's (with `wordBits: 8`, Debian's zfpy exactly; with the default 64, the
 * zfpy wheels', i.e. zero-padded to a multiple of 8 bytes), with one deliberate difference:
 * fixed rates below a float or double block's header (rate < 9/4^d for float32, 12/4^d for
 * float64) are raised to it as zfp's command-line tool does, where zfpy overruns its buffer.
 *
 * Memory: the stream is written into one maximum-size buffer (zfp_stream_maximum_size) that the
 * module keeps between calls (zeroed again after each call; only buffers up to 64 MiB are kept,
 * larger ones are allocated per call), and the result is an exact-size copy that owns its
 * ArrayBuffer. A call therefore allocates only the bytes it returns; the price is one idle
 * buffer as large as the largest stream bound seen (64 MiB at most). Returning a view of a
 * per-call maximum-size buffer was rejected: it would pin up to 2x the input per result and give
 * callers a `.buffer` larger than the stream.
 *
 * @throws {ZfpyTypeError} not an array, unsupported dtype ("Unknown dtype: ..."), a parameter
 *   that is not a number, an unknown option name, arguments zfpy would not bind.
 * @throws {ZfpyValueError} more than one parameter set ("Only one of tolerance, rate, or
 *   precision can be set"), an empty array or zero-length axis, a view outside its data.
 * @throws {ZfpyRuntimeError} more than 4 dimensions (or 0), sizes the header cannot hold
 *   ("Failed to write header to stream"), a stream of 0 bytes ("Failed to write to stream").
 * @throws {ZfpyMemoryError} the stream buffer cannot be allocated (zfpy's MemoryError).
 *
 * @example
 * ```ts
 * import ndarray from "ndarray";
 * import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
 * const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const bytes = compress_numpy(a, { tolerance: 1e-3 });
 * decompress_numpy(bytes).shape; // [2, 3]
 * compress_numpy(a, -1, 8, -1, false); // zfpy's positional form: rate 8, no header
 * ```
 */
export function compress_numpy(
  arr: ArrayInput,
  tolerance?: number | null,
  rate?: number | null,
  precision?: number | null,
  write_header?: boolean | null,
  options?: CompressNumpyOptions,
): Uint8Array;
export function compress_numpy(
  arr: ArrayInput,
  tolerance?: number | null,
  rate?: number | null,
  precision?: number | null,
  options?: CompressNumpyOptions,
): Uint8Array;
export function compress_numpy(
  arr: ArrayInput,
  tolerance?: number | null,
  rate?: number | null,
  options?: CompressNumpyOptions,
): Uint8Array;
export function compress_numpy(
  arr: ArrayInput,
  tolerance?: number | null,
  options?: CompressNumpyOptions,
): Uint8Array;
export function compress_numpy(arr: ArrayInput, options?: CompressNumpyOptions): Uint8Array;
export function compress_numpy(arr: ArrayInput, ...rest: unknown[]): Uint8Array {
  const options = bindArguments(COMPRESS_NUMPY, rest);
  const write = options.write_header === undefined ? true : Boolean(options.write_header);
  return run(arr, options, write);
}

/**
 * camelCase twin of {@link compress_numpy}: the same implementation and bytes, with
 * `writeHeader` for `write_header`, and an options object only (no positional form).
 *
 * @throws {ZfpyTypeError} as {@link compress_numpy}, and for options that are not a plain
 *   object or hold an unknown name.
 *
 * @example
 * ```ts
 * const bytes = compress(new Float32Array([1, 2, 3, 4]), { precision: 16, wordBits: 8 });
 * ```
 */
export function compress(arr: ArrayInput, options?: CompressOptions): Uint8Array;
export function compress(arr: ArrayInput, ...rest: unknown[]): Uint8Array {
  const options = readOptions(COMPRESS, rest);
  const write = options.writeHeader === undefined ? true : Boolean(options.writeHeader);
  return run(arr, options, write);
}
