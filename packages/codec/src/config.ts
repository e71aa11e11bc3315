// Compression parameters and their setters (mirrors the parameter functions of zfp's src/zfp.c).
//
// This is the "as C" layer: every setter computes exactly what the zfp_stream_set_* function of
// the same purpose computes, including C's conversions of out-of-range doubles (a NaN rate gives
// 0 bits, a negative rate wraps modulo 2^32, an infinite tolerance gives minexp -1). The zfpy
// facade and the CLI validate user input on top of these functions where they want to be stricter.
import { InvalidArgumentError, type WordBits, ZfpError } from "@zfpjs/bitstream";
import { powerOfTwo } from "./block-float.js";
import { smallInt } from "./small-int.js";

/**
 * The four numbers that steer zfp's block coder (zfp_stream's minbits, maxbits, maxprec,
 * minexp). `minbits`, `maxbits` and `maxprec` are unsigned 32-bit integers, `minexp` a signed
 * 32-bit integer; `minexp < -1074` selects the reversible (lossless) codec. Objects made by this
 * module are frozen.
 */
export interface ZfpConfig {
  /** Minimum number of bits per block (shorter blocks are padded with zeros). */
  readonly minbits: number;
  /** Maximum number of bits per block. */
  readonly maxbits: number;
  /** Maximum number of bit planes coded per block (1..64). */
  readonly maxprec: number;
  /** Smallest bit plane exponent coded; below -1074 selects reversible mode. */
  readonly minexp: number;
}

/** The scalar types zfp compresses. */
export type ScalarType = "int32" | "int64" | "float" | "double";

/** zfp_type codes, as in zfp.h and zfpy (`type_none` .. `type_double`). */
export const ZFP_TYPE = Object.freeze({ none: 0, int32: 1, int64: 2, float: 3, double: 4 } as const);

const TYPES_BY_CODE: readonly ScalarType[] = ["int32", "int64", "float", "double"];

/** The zfp_type code of a scalar type; `null` (zfpy's "none") gives 0. */
export function typeCode(type: ScalarType | null): number {
  if (type === null) return ZFP_TYPE.none;
  const code = TYPES_BY_CODE.indexOf(type) + 1;
  if (code === 0) {
    throw new InvalidParameterError(
      "type",
      `expected int32, int64, float, double or null, got ${String(type)}`,
    );
  }
  return code;
}

/** The scalar type of a zfp_type code 1..4; any other code throws {@link InvalidParameterError}. */
export function scalarTypeOf(code: number): ScalarType {
  const type = Number.isInteger(code) ? TYPES_BY_CODE[code - 1] : undefined;
  if (type === undefined) {
    throw new InvalidParameterError("type", `expected a zfp type code 1..4, got ${String(code)}`);
  }
  return type;
}

/** Default and smallest minbits (ZFP_MIN_BITS). */
export const ZFP_MIN_BITS = 1;
/** Default maxbits (ZFP_MAX_BITS): the largest block zfp can write (reversible 4D double). */
export const ZFP_MAX_BITS = 16658;
/** Default and largest maxprec (ZFP_MAX_PREC). */
export const ZFP_MAX_PREC = 64;
/** Default minexp (ZFP_MIN_EXP); any smaller minexp selects the reversible codec. */
export const ZFP_MIN_EXP = -1074;

/** Mode numbers of zfp_stream_compression_mode (zfp_mode). */
export const MODE_NULL = 0;
/** Expert mode: any valid parameter set that is none of the named modes (also the defaults). */
export const MODE_EXPERT = 1;
/** Fixed-rate mode: every block takes exactly maxbits bits. */
export const MODE_FIXED_RATE = 2;
/** Fixed-precision mode: maxprec bit planes per block. */
export const MODE_FIXED_PRECISION = 3;
/** Fixed-accuracy mode: bit planes down to 2^minexp. */
export const MODE_FIXED_ACCURACY = 4;
/** Reversible (lossless) mode. */
export const MODE_REVERSIBLE = 5;

/** A mode number 0..5. */
export type ZfpMode = 0 | 1 | 2 | 3 | 4 | 5;

/** Names of the modes, indexed by mode number. */
export type ModeName = "null" | "expert" | "fixed-rate" | "fixed-precision" | "fixed-accuracy" | "reversible";

const MODE_NAMES: readonly ModeName[] = [
  "null",
  "expert",
  "fixed-rate",
  "fixed-precision",
  "fixed-accuracy",
  "reversible",
];

/** The name of a mode number (`modeName(MODE_FIXED_RATE)` is "fixed-rate"). */
export function modeName(mode: number): ModeName {
  const name = Number.isInteger(mode) ? MODE_NAMES[mode] : undefined;
  if (name === undefined) throw new InvalidParameterError("mode", `expected a mode number 0..5, got ${mode}`);
  return name;
}

/** Parameters that zfp cannot use, or a value outside the range its C type can hold. */
export class InvalidParameterError extends ZfpError {
  /** The parameter at fault ("rate", "minbits", "maxprec", ...). */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super("InvalidParameter", `invalid ${parameter}: ${message}`);
    this.parameter = parameter;
  }
}

const UINT32 = 4294967296;
const TWO_63 = 2 ** 63;

// Small integers where they fit (see smallInt): configs of every mode then share one hidden class.
function makeConfig(minbits: number, maxbits: number, maxprec: number, minexp: number): ZfpConfig {
  return Object.freeze({
    minbits: smallInt(minbits),
    maxbits: smallInt(maxbits),
    maxprec: smallInt(maxprec),
    minexp: smallInt(minexp),
  });
}

function checkUint32(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value < UINT32)) {
    throw new InvalidParameterError(name, `expected an unsigned 32-bit integer, got ${String(value)}`);
  }
}

function checkInt32(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= -2147483648 && value <= 2147483647)) {
    throw new InvalidParameterError(name, `expected a signed 32-bit integer, got ${String(value)}`);
  }
}

/** How a value that is not what was expected reads in an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "an object without prototype";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/**
 * Throws unless `config` is an object whose four numbers fit C's types: {@link InvalidArgumentError}
 * for a non-object, {@link InvalidParameterError} for a field that is not such an integer.
 */
export function checkConfig(config: ZfpConfig): ZfpConfig {
  if (config === null || typeof config !== "object") {
    throw new InvalidArgumentError(`expected a ZfpConfig object, got ${describeValue(config)}`);
  }
  checkUint32("minbits", config.minbits);
  checkUint32("maxbits", config.maxbits);
  checkUint32("maxprec", config.maxprec);
  checkInt32("minexp", config.minexp);
  return config;
}

function checkDims(dims: number): void {
  if (dims !== 1 && dims !== 2 && dims !== 3 && dims !== 4) {
    throw new InvalidParameterError("dims", `expected 1, 2, 3 or 4, got ${String(dims)}`);
  }
}

/** The defaults of a new zfp stream: (1, 16658, 64, -1074), classified as expert mode. */
export const DEFAULT_CONFIG: ZfpConfig = makeConfig(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, ZFP_MIN_EXP);

const REVERSIBLE_CONFIG: ZfpConfig = makeConfig(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, ZFP_MIN_EXP - 1);

// C's `(uint)x` for an integer-valued double x on x86-64: truncation to int64 (NaN and
// |x| >= 2^63 give INT64_MIN), then the low 32 bits.
function doubleToUint32(x: number): number {
  if (!(x > -TWO_63 && x < TWO_63)) return 0;
  const t = Math.trunc(x);
  return t - Math.floor(t / UINT32) * UINT32;
}

/** Options of {@link fixedRate}. */
export interface FixedRateOptions {
  /**
   * Scalar type: float and double raise the block size to at least 9 and 12 bits (room for the
   * block exponent); int32, int64 and `null` (what zfpy passes, zfp_type_none) do not.
   */
  type: ScalarType | null;
  /** Dimensionality: a block holds 4^dims values. */
  dims: 1 | 2 | 3 | 4;
  /** Round the block size up to a multiple of the stream word size (write random access). */
  align?: boolean;
  /** Stream word size used by `align` (default 64, as zfp's default build; Debian's is 8). */
  wordBits?: WordBits;
}

/**
 * Fixed-rate mode, as zfp_stream_set_rate: `bits = (uint)floor(4^dims * rate + 0.5)` with C's
 * x86-64 conversion (negative and huge rates wrap modulo 2^32; NaN and infinities give 0), then
 * the per-type floor (float 9, double 12), then the optional word alignment (uint32 wrap), and
 * minbits = maxbits = bits, maxprec 64, minexp -1074.
 *
 * C's return value, the rate actually used, is `config.maxbits / 4 ** dims`.
 * Rates that give 0 bits or more than 16658 bits yield a config that is not classified as fixed
 * rate (see {@link compressionMode}), exactly as in C.
 *
 * @example
 * ```ts
 * fixedRate(1, { type: "float", dims: 1 }); // { minbits: 9, maxbits: 9, maxprec: 64, minexp: -1074 }
 * fixedRate(2.2, { type: "int32", dims: 2 }).maxbits; // 35
 * ```
 */
export function fixedRate(rate: number, options: FixedRateOptions): ZfpConfig {
  if (typeof rate !== "number") {
    throw new InvalidParameterError("rate", `expected a number, got ${describeValue(rate)}`);
  }
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(
      `expected fixedRate's options { type, dims }, got ${describeValue(options)}`,
    );
  }
  const { type, dims, align = false, wordBits = 64 } = options;
  checkDims(dims);
  const n = 1 << (2 * dims);
  let bits = doubleToUint32(Math.floor(n * rate + 0.5));
  const code = typeCode(type);
  if (code === ZFP_TYPE.float) bits = Math.max(bits, 1 + 8);
  else if (code === ZFP_TYPE.double) bits = Math.max(bits, 1 + 11);
  if (align) {
    if (wordBits !== 8 && wordBits !== 16 && wordBits !== 32 && wordBits !== 64) {
      throw new InvalidParameterError("wordBits", `expected 8, 16, 32 or 64, got ${String(wordBits)}`);
    }
    bits = (bits + wordBits - 1) % UINT32;
    bits -= bits % wordBits;
  }
  return makeConfig(bits, bits, ZFP_MAX_PREC, ZFP_MIN_EXP);
}

/**
 * Fixed-precision mode, as zfp_stream_set_precision: maxprec = min(precision, 64), where 0
 * means 64. Precision 64 (or 0, or more) equals the defaults and is therefore classified as
 * expert mode, as in C. C's return value is `config.maxprec`.
 *
 * @param precision an unsigned 32-bit integer (C's `uint`); anything else throws
 *   {@link InvalidParameterError}.
 */
export function fixedPrecision(precision: number): ZfpConfig {
  checkUint32("precision", precision);
  const maxprec = precision === 0 ? ZFP_MAX_PREC : Math.min(precision, ZFP_MAX_PREC);
  return makeConfig(ZFP_MIN_BITS, ZFP_MAX_BITS, maxprec, ZFP_MIN_EXP);
}

const scratch = new DataView(new ArrayBuffer(8));

/**
 * The exponent `e` that C's frexp reports for a positive double `x` (x = f * 2^e, 0.5 <= f < 1),
 * taken from the IEEE bits, so it is exact for subnormals; +Infinity gives 0 as glibc does.
 */
function frexpExponent(x: number): number {
  scratch.setFloat64(0, x);
  const high = scratch.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  if (biased === 0x7ff) return 0;
  if (biased !== 0) return biased - 1022;
  // Subnormal: x = m * 2^-1074 with m < 2^52; e = (index of m's top bit) - 1073.
  const mantissaHigh = high & 0xfffff;
  const top = mantissaHigh !== 0 ? 63 - Math.clz32(mantissaHigh) : 31 - Math.clz32(scratch.getUint32(4));
  return top - 1073;
}

/**
 * Fixed-accuracy mode, as zfp_stream_set_accuracy: for `tolerance > 0`, minexp =
 * floor(log2(tolerance)) (frexp's exponent minus one, exact for subnormal tolerances;
 * +Infinity gives -1 as glibc's frexp does); otherwise (0, negative, NaN) minexp = -1074,
 * which equals the defaults and so is classified as expert mode. minbits 1, maxbits 16658,
 * maxprec 64. C's return value is {@link accuracyOf} of the result (2^minexp), or 0.
 *
 * @example
 * ```ts
 * fixedAccuracy(1e-3).minexp; // -10
 * accuracyOf(fixedAccuracy(1e-3)); // 0.0009765625
 * ```
 */
export function fixedAccuracy(tolerance: number): ZfpConfig {
  if (typeof tolerance !== "number") {
    throw new InvalidParameterError("tolerance", `expected a number, got ${describeValue(tolerance)}`);
  }
  const minexp = tolerance > 0 ? frexpExponent(tolerance) - 1 : ZFP_MIN_EXP;
  return makeConfig(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, minexp);
}

/** Reversible (lossless) mode, as zfp_stream_set_reversible: (1, 16658, 64, -1075). */
export function reversible(): ZfpConfig {
  return REVERSIBLE_CONFIG;
}

/**
 * Expert mode, as zfp_stream_set_params: the four numbers as given. Throws
 * {@link InvalidParameterError} where C's function fails (minbits > maxbits, or maxprec outside
 * 1..64), and for values C's types cannot hold (minbits, maxbits, maxprec must be unsigned
 * 32-bit integers, minexp a signed 32-bit integer). Nothing else is checked, as in C: maxbits
 * may be below a block's header and minbits above 16658.
 */
export function expert(minbits: number, maxbits: number, maxprec: number, minexp: number): ZfpConfig {
  checkUint32("minbits", minbits);
  checkUint32("maxbits", maxbits);
  checkUint32("maxprec", maxprec);
  checkInt32("minexp", minexp);
  if (minbits > maxbits) {
    throw new InvalidParameterError("minbits", `minbits (${minbits}) must not exceed maxbits (${maxbits})`);
  }
  if (!(maxprec >= 1 && maxprec <= ZFP_MAX_PREC)) {
    throw new InvalidParameterError("maxprec", `expected 1..${ZFP_MAX_PREC}, got ${maxprec}`);
  }
  return makeConfig(minbits, maxbits, maxprec, minexp);
}

/**
 * Classifies a parameter set as zfp_stream_compression_mode does, testing in this order:
 * invalid (null), exactly the defaults (expert), fixed rate, fixed precision, fixed accuracy,
 * reversible, otherwise expert.
 */
export function compressionMode(config: ZfpConfig): ZfpMode {
  const { minbits, maxbits, maxprec, minexp } = checkConfig(config);
  if (minbits > maxbits || !(maxprec > 0 && maxprec <= 64)) return MODE_NULL;
  if (
    minbits === ZFP_MIN_BITS &&
    maxbits === ZFP_MAX_BITS &&
    maxprec === ZFP_MAX_PREC &&
    minexp === ZFP_MIN_EXP
  ) {
    return MODE_EXPERT;
  }
  if (
    minbits === maxbits &&
    maxbits >= 1 &&
    maxbits <= ZFP_MAX_BITS &&
    maxprec >= ZFP_MAX_PREC &&
    minexp === ZFP_MIN_EXP
  ) {
    return MODE_FIXED_RATE;
  }
  if (minbits <= ZFP_MIN_BITS && maxbits >= ZFP_MAX_BITS) {
    if (maxprec >= 1 && minexp === ZFP_MIN_EXP) return MODE_FIXED_PRECISION;
    if (maxprec >= ZFP_MAX_PREC) return minexp >= ZFP_MIN_EXP ? MODE_FIXED_ACCURACY : MODE_REVERSIBLE;
  }
  return MODE_EXPERT;
}

/** True when the parameters select the reversible (lossless) codec: minexp < -1074. */
export function isReversible(config: ZfpConfig): boolean {
  return checkConfig(config).minexp < ZFP_MIN_EXP;
}

/** zfp_stream_rate: maxbits / 4^dims in fixed-rate mode, else 0. */
export function rateOf(config: ZfpConfig, dims: 1 | 2 | 3 | 4): number {
  checkDims(dims);
  return compressionMode(config) === MODE_FIXED_RATE ? config.maxbits / (1 << (2 * dims)) : 0;
}

/** zfp_stream_precision: maxprec in fixed-precision mode, else 0. */
export function precisionOf(config: ZfpConfig): number {
  return compressionMode(config) === MODE_FIXED_PRECISION ? config.maxprec : 0;
}

/** zfp_stream_accuracy: 2^minexp in fixed-accuracy mode (Infinity above 2^1023), else 0. */
export function accuracyOf(config: ZfpConfig): number {
  return compressionMode(config) === MODE_FIXED_ACCURACY ? powerOfTwo(config.minexp) : 0;
}
