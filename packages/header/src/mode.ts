// The 12- or 64-bit mode encoding of the compression parameters (mirrors zfp_stream_mode and
// zfp_stream_set_mode in zfp's src/zfp.c), on 32-bit halves, without BigInt.
import {
  compressionMode,
  expert,
  InvalidParameterError,
  MODE_FIXED_ACCURACY,
  MODE_FIXED_PRECISION,
  MODE_FIXED_RATE,
  MODE_REVERSIBLE,
  ZFP_MAX_BITS,
  ZFP_MAX_PREC,
  ZFP_MIN_BITS,
  ZFP_MIN_EXP,
  type ZfpConfig,
} from "@zfpjs/codec";
import { MODE_LONG_BITS, MODE_SHORT_BITS, MODE_SHORT_MAX } from "./constants.js";
import { InvalidModeError, show } from "./errors.js";

/**
 * A mode value as zfp_stream_mode returns it, in two unsigned 32-bit halves. A short mode
 * (`bits` 12) has `high` 0 and `low` in 0..4094; a long mode (`bits` 64) has 0xFFF in its low
 * 12 bits.
 */
export interface ModeValue {
  /** 12 (short form) or 64 (long form): the bits the header spends on it. */
  readonly bits: 12 | 64;
  /** Bits 0..31 of the value. */
  readonly low: number;
  /** Bits 32..63 of the value. */
  readonly high: number;
}

// Short codes: 0..2047 fixed rate, 2048..2175 fixed precision, 2176 reversible, 2177..4094 accuracy.
const PRECISION_BASE = 2048;
const REVERSIBLE_CODE = 2048 + 128;
const ACCURACY_BASE = 2048 + 128 + 1;
const MINEXP_BIAS = 16495;

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}

function short(low: number): ModeValue {
  return Object.freeze({ bits: MODE_SHORT_BITS, low, high: 0 });
}

/**
 * Checks that `config` holds what a zfp_stream can hold and what zfp can read back from a
 * header (a valid parameter set); throws {@link InvalidParameterError} otherwise.
 */
export function checkConfig(config: ZfpConfig): void {
  if (config === null || typeof config !== "object") {
    throw new InvalidParameterError("config", `expected a ZfpConfig object, got ${show(config)}`);
  }
  // expert() checks the C types and zfp_stream_set_params' rules.
  expert(config.minbits, config.maxbits, config.maxprec, config.minexp);
}

/**
 * The mode value zfp writes into a header for `config` (zfp_stream_mode): a 12-bit code for
 * fixed rate up to 2048 bits per block, fixed precision, fixed accuracy with minexp up to 843,
 * and reversible; otherwise the 64-bit form, whose fields are clamped (minbits and maxbits to
 * 1..32768, maxprec to 1..128, minexp to -16495..16272), so such parameters do not all survive
 * a round trip (see {@link configFromMode}).
 *
 * @example
 * ```ts
 * modeValue(fixedPrecision(8)); // { bits: 12, low: 2055, high: 0 }
 * modeValue(DEFAULT_CONFIG); // { bits: 64, low: 0x88000fff, high: 0x787afe08 }
 * ```
 */
export function modeValue(config: ZfpConfig): ModeValue {
  // A frozen config cannot change, so the last one's mode value is kept: repeated small calls
  // (issue 13) validate and encode the same config once.
  if (config === lastConfig) return lastMode;
  const mode = computeModeValue(config);
  if (Object.isFrozen(config)) {
    lastConfig = config;
    lastMode = mode;
  }
  return mode;
}

// Seeded with reversible mode's pair, so the first comparison never matches an invalid argument.
const REVERSIBLE_CONFIG = expert(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, ZFP_MIN_EXP - 1);
let lastConfig: ZfpConfig = REVERSIBLE_CONFIG;
let lastMode: ModeValue = short(REVERSIBLE_CODE);

function computeModeValue(config: ZfpConfig): ModeValue {
  checkConfig(config);
  const { minbits, maxbits, maxprec, minexp } = config;
  switch (compressionMode(config)) {
    case MODE_FIXED_RATE:
      if (maxbits <= 2048) return short(maxbits - 1);
      break;
    case MODE_FIXED_PRECISION:
      return short(maxprec - 1 + PRECISION_BASE);
    case MODE_FIXED_ACCURACY:
      if (minexp <= 843) return short(minexp - ZFP_MIN_EXP + ACCURACY_BASE);
      break;
    case MODE_REVERSIBLE:
      return short(REVERSIBLE_CODE);
  }
  const minbitsField = clamp(minbits, 1, 0x8000) - 1; // 15 bits at 12..26
  const maxbitsField = clamp(maxbits, 1, 0x8000) - 1; // 15 bits at 27..41
  const maxprecField = clamp(maxprec, 1, 0x80) - 1; // 7 bits at 42..48
  const minexpField = clamp(minexp + MINEXP_BIAS, 0, 0x7fff); // 15 bits at 49..63
  const low = (0xfff | (minbitsField << 12) | ((maxbitsField & 0x1f) << 27)) >>> 0;
  const high = ((maxbitsField >>> 5) | (maxprecField << 10) | (minexpField << 17)) >>> 0;
  return Object.freeze({ bits: MODE_LONG_BITS, low, high });
}

/**
 * Decodes a mode value into the parameters zfp_stream_set_mode sets, or throws
 * {@link InvalidModeError} where it fails: short codes 2112..2175 (maxprec 65..128) and long
 * forms whose minbits exceed maxbits or whose maxprec exceeds 64. Accepts a {@link ModeValue},
 * a short code as a number, or a 64-bit value as a bigint.
 *
 * Accuracy mode stores only minexp, so a tolerance comes back as the power of two 2^minexp at
 * or below it; rate 0 comes back with minbits = maxbits = 1; the defaults come back unchanged.
 */
export function configFromMode(mode: ModeValue | number | bigint): ZfpConfig {
  const { low, high } = modeHalves(mode);
  // The last mode's config is kept (configs are frozen): a header read again builds none (issue 13).
  if (low === lastLow && high === lastHigh) return lastModeConfig;
  const config = decodeMode(low, high);
  lastLow = low;
  lastHigh = high;
  lastModeConfig = config;
  return config;
}

let lastLow = REVERSIBLE_CODE;
let lastHigh = 0;
let lastModeConfig: ZfpConfig = REVERSIBLE_CONFIG;

function decodeMode(low: number, high: number): ZfpConfig {
  if (high === 0 && low <= MODE_SHORT_MAX) {
    if (low < PRECISION_BASE) return expert(low + 1, low + 1, ZFP_MAX_PREC, ZFP_MIN_EXP);
    if (low < REVERSIBLE_CODE) {
      const maxprec = low + 1 - PRECISION_BASE;
      if (maxprec > ZFP_MAX_PREC) {
        throw new InvalidModeError(low, high, `short code ${low} means maxprec ${maxprec}, above 64`);
      }
      return expert(ZFP_MIN_BITS, ZFP_MAX_BITS, maxprec, ZFP_MIN_EXP);
    }
    if (low === REVERSIBLE_CODE) return expert(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, ZFP_MIN_EXP - 1);
    return expert(ZFP_MIN_BITS, ZFP_MAX_BITS, ZFP_MAX_PREC, low + ZFP_MIN_EXP - ACCURACY_BASE);
  }
  if ((low & 0xfff) !== 0xfff) {
    throw new InvalidModeError(low, high, "a long mode must have 0xfff in its low 12 bits");
  }
  const minbits = ((low >>> 12) & 0x7fff) + 1;
  const maxbits = ((low >>> 27) | ((high & 0x3ff) << 5)) + 1;
  const maxprec = ((high >>> 10) & 0x7f) + 1;
  const minexp = (high >>> 17) - MINEXP_BIAS;
  if (minbits > maxbits) {
    throw new InvalidModeError(low, high, `minbits ${minbits} exceeds maxbits ${maxbits}`);
  }
  if (maxprec > ZFP_MAX_PREC) {
    throw new InvalidModeError(low, high, `maxprec ${maxprec} is above 64`);
  }
  return expert(minbits, maxbits, maxprec, minexp);
}

/** The parameters a header round trip gives for `config`: configFromMode(modeValue(config)). */
export function headerConfig(config: ZfpConfig): ZfpConfig {
  return configFromMode(modeValue(config));
}

/** True when a header round trip returns exactly `config` (false for rate 0, clamped values, ...). */
export function survivesHeader(config: ZfpConfig): boolean {
  const back = headerConfig(config);
  return (
    back.minbits === config.minbits &&
    back.maxbits === config.maxbits &&
    back.maxprec === config.maxprec &&
    back.minexp === config.minexp
  );
}

/** A mode value as one unsigned 64-bit bigint (for display and tests; not for hot paths). */
export function modeToBigInt(mode: ModeValue): bigint {
  if (mode === null || typeof mode !== "object") {
    throw new InvalidModeError(0, 0, `expected a mode value { low, high, bits }, got ${show(mode)}`);
  }
  const { low, high } = modeHalves(mode);
  return (BigInt(high) << 32n) | BigInt(low);
}

function modeHalves(mode: ModeValue | number | bigint): { low: number; high: number } {
  if (typeof mode === "bigint") {
    if (mode < 0n || mode >= 1n << 64n) {
      throw new InvalidModeError(0, 0, `a mode value is an unsigned 64-bit integer, got ${mode}`);
    }
    return { low: Number(mode & 0xffffffffn), high: Number(mode >> 32n) };
  }
  if (typeof mode === "number") {
    if (!(Number.isInteger(mode) && mode >= 0 && mode <= MODE_SHORT_MAX)) {
      throw new InvalidModeError(0, 0, `a short mode is an integer 0..${MODE_SHORT_MAX}, got ${show(mode)}`);
    }
    return { low: mode, high: 0 };
  }
  if (mode === null || typeof mode !== "object") {
    throw new InvalidModeError(0, 0, `a mode is a ModeValue, a short code or a bigint, got ${show(mode)}`);
  }
  const { low, high } = mode;
  if (!(isUint32(low) && isUint32(high))) {
    throw new InvalidModeError(
      0,
      0,
      `mode halves must be unsigned 32-bit integers, got ${show(low)} and ${show(high)}`,
    );
  }
  return { low, high };
}

function isUint32(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}
