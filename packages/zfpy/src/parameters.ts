// zfpy's _set_compression_mode and its argument conversions (python/zfpy.pyx).
import {
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  reversible,
  type ScalarType,
  type WordBits,
  type ZfpConfig,
} from "@zfpjs/codec";
import { describeValue, ZfpyOverflowError, ZfpyTypeError, ZfpyValueError } from "./errors.js";

/**
 * The compression mode parameters of zfpy: set at most one of them (a negative value, `NaN`,
 * `undefined` or `null` means "not set"; -0 counts as set, as in Python). None set means
 * reversible (lossless) mode.
 */
export interface ModeOptions {
  /** Fixed-accuracy mode: absolute error tolerance (zfp_stream_set_accuracy). */
  tolerance?: number | null;
  /** Fixed-rate mode: bits per value (zfp_stream_set_rate, with the array's type). */
  rate?: number | null;
  /** Fixed-precision mode: bit planes per block (converted to a C int as zfpy does: truncated). */
  precision?: number | null;
}

/** The mode zfpy selects, by precedence: tolerance, then rate, then precision, else reversible. */
export type ModeChoice =
  | { readonly kind: "accuracy"; readonly tolerance: number }
  | { readonly kind: "rate"; readonly rate: number }
  | { readonly kind: "precision"; readonly precision: number }
  | { readonly kind: "reversible" };

// A C double argument: a number (Python also takes int and bool; JS has one number type).
function readDouble(name: string, value: unknown): number {
  if (value === undefined || value === null) return -1;
  if (typeof value !== "number") {
    throw new ZfpyTypeError(`${name} must be a real number, not ${describeValue(value)}`);
  }
  return value;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

// A C int argument, converted as Cython converts a Python float: truncated toward zero; NaN,
// infinities and values outside the int range raise as Python does.
function readInt(name: string, value: unknown): number {
  if (value === undefined || value === null) return -1;
  if (typeof value !== "number") {
    throw new ZfpyTypeError(`${name} must be an integer, not ${describeValue(value)}`);
  }
  if (Number.isNaN(value)) {
    throw new ZfpyValueError(`cannot convert float NaN to integer (${name} must be an integer)`);
  }
  if (!Number.isFinite(value)) {
    throw new ZfpyOverflowError(`cannot convert float infinity to integer (${name} must be an integer)`);
  }
  const truncated = Math.trunc(value);
  if (truncated < INT_MIN || truncated > INT_MAX) {
    throw new ZfpyOverflowError(
      `value too large to convert to int (${name} ${value} is outside ${INT_MIN}..${INT_MAX})`,
    );
  }
  return truncated + 0; // -0 becomes 0
}

/** tolerance, rate and precision converted as zfpy's arguments are (C double, double, int); -1 = unset. */
export interface ModeValues {
  readonly tolerance: number;
  readonly rate: number;
  readonly precision: number;
}

/**
 * Converts tolerance, rate and precision as Cython converts zfpy's arguments: numbers only,
 * precision truncated to a C int (NaN, infinities and values outside the int range raise).
 */
export function readModeValues(options: ModeOptions): ModeValues {
  return {
    tolerance: readDouble("tolerance", options.tolerance),
    rate: readDouble("rate", options.rate),
    precision: readInt("precision", options.precision),
  };
}

function show(name: string, value: number): string {
  return `${name}=${Object.is(value, -0) ? "-0" : String(value)}`;
}

/**
 * Picks the mode by zfpy's precedence: tolerance >= 0, then rate >= 0, then precision >= 0,
 * else reversible (-0 counts as set; NaN does not). With `onlyOne` (compress_numpy) more than
 * one parameter set is zfpy's ValueError; `_decompress` does not check.
 */
export function chooseMode(values: ModeValues, onlyOne: boolean): ModeChoice {
  const { tolerance, rate, precision } = values;
  if (onlyOne && (tolerance >= 0 ? 1 : 0) + (rate >= 0 ? 1 : 0) + (precision >= 0 ? 1 : 0) > 1) {
    const set: string[] = [];
    if (tolerance >= 0) set.push(show("tolerance", tolerance));
    if (rate >= 0) set.push(show("rate", rate));
    if (precision >= 0) set.push(show("precision", precision));
    throw new ZfpyValueError(`Only one of tolerance, rate, or precision can be set (got ${set.join(", ")})`);
  }
  if (tolerance >= 0) return { kind: "accuracy", tolerance };
  if (rate >= 0) return { kind: "rate", rate };
  if (precision >= 0) return { kind: "precision", precision };
  return { kind: "reversible" };
}

/**
 * The parameters of a mode choice, as zfpy's _set_compression_mode sets them, except that
 * fixed rate always receives the array's scalar type: zfpy passes zfp_type_none when
 * compressing, so rates below a float or double block's header (9 or 12 bits per block) are not
 * raised to it and zfp overruns zfpy's buffer. With the type, such rates are raised as zfp's
 * command-line tool raises them.
 */
export function configOf(
  choice: ModeChoice,
  type: ScalarType,
  dims: 1 | 2 | 3 | 4,
  wordBits: WordBits,
): ZfpConfig {
  // The last config of each mode is kept with its inputs: repeated calls with one setting (the
  // usual case, and what made small calls slow in issue 13) build no config. Configs are frozen.
  switch (choice.kind) {
    case "accuracy":
      if (!Object.is(choice.tolerance, last.tolerance)) {
        last.accuracy = fixedAccuracy(choice.tolerance);
        last.tolerance = choice.tolerance;
      }
      return last.accuracy;
    case "rate":
      if (
        !Object.is(choice.rate, last.rate) ||
        type !== last.rateType ||
        dims !== last.rateDims ||
        wordBits !== last.rateWordBits
      ) {
        last.fixedRate = fixedRate(choice.rate, { type, dims, align: false, wordBits });
        last.rate = choice.rate;
        last.rateType = type;
        last.rateDims = dims;
        last.rateWordBits = wordBits;
      }
      return last.fixedRate;
    case "precision":
      if (choice.precision !== last.precision) {
        last.fixedPrecision = fixedPrecision(choice.precision);
        last.precision = choice.precision;
      }
      return last.fixedPrecision;
    case "reversible":
      return reversible();
  }
}

/** The last config made for each mode, and what it was made from (see {@link configOf}). */
const last = {
  tolerance: -1, // never chosen: a mode's value is >= 0
  accuracy: reversible(),
  rate: -1,
  rateType: "float" as ScalarType,
  rateDims: 0,
  rateWordBits: 0,
  fixedRate: reversible(),
  precision: -1,
  fixedPrecision: reversible(),
};
