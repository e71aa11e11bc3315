// Block-floating-point conversion (mirrors src/template/encodef.c exponent_block/fwd_cast and decodef.c inv_cast).
//
// Exponents come from IEEE bits, powers of two are built from bits, and every operation is one C
// performs in the scalar type: for float, products of a float and a power of two are exact in
// double, so rounding once to float (Float32Array stores, Math.fround) reproduces C's float math.

const TWO_63 = 2 ** 63;
const bits64 = new Float64Array(1);
const words64 = new Int32Array(bits64.buffer);

function powerOfTwoFromBits(k: number): number {
  if (k >= -1022) {
    words64[0] = 0;
    words64[1] = (k + 1023) << 20;
    return bits64[0];
  }
  words64[0] = 0;
  words64[1] = (k + 52 + 1023) << 20; // 2^(k+52), normal
  return bits64[0] * 2.220446049250313e-16; // times 2^-52: exact subnormal
}

// 2^k for k = -1074..1023 at index k + 1075, built once from IEEE bits; index 0 holds 0 (below
// the range) and the last index Infinity (above it). Hot loops index it directly with
// powerIndex / floatPowerIndex, which return small integers: a double returned from a call
// that is not inlined would be allocated on the heap, once per block.
const POWERS = Float64Array.from({ length: 1023 + 1074 + 3 }, (_, i) =>
  i === 0 ? 0 : i === 1023 + 1074 + 2 ? Number.POSITIVE_INFINITY : powerOfTwoFromBits(i - 1075),
);

/** Index of 2^k (C's ldexp(1, k)) in {@link POWER_TABLE}. */
export function powerIndex(k: number): number {
  return k > 1023 ? 1023 + 1074 + 2 : k < -1074 ? 0 : k + 1075;
}

/** Index of 2^k rounded to float (C's ldexpf(1, k)) in {@link POWER_TABLE}. */
export function floatPowerIndex(k: number): number {
  return k >= 128 ? 1023 + 1074 + 2 : k < -149 ? 0 : k + 1075;
}

/** The powers of two, indexed by {@link powerIndex} and {@link floatPowerIndex}. */
export const POWER_TABLE: Float64Array = POWERS;

/** 2^k as a double: exact for -1074 <= k <= 1023, Infinity above, 0 below (C's ldexp(1, k)). */
export function powerOfTwo(k: number): number {
  return POWERS[powerIndex(k)];
}

/** 2^k rounded to float, as C's ldexpf(1, k): Infinity for k >= 128, 0 for k <= -150. */
export function floatPowerOfTwo(k: number): number {
  return POWERS[floatPowerIndex(k)];
}

/**
 * zfp's common block exponent: the frexp exponent of the largest |value| (scanned in order, so a
 * NaN never wins and an infinity gives glibc's 0), raised to at least 1 - ebias; `-ebias` when
 * every value is zero or NaN.
 */
export function blockExponent(values: Float32Array | Float64Array, size: number, ebias: number): number {
  let max = 0;
  for (let i = 0; i < size; i++) {
    const a = Math.abs(values[i]);
    if (max < a) max = a;
  }
  if (max === 0) return -ebias;
  bits64[0] = max;
  const biased = (words64[1] >>> 20) & 0x7ff;
  const e = biased === 0x7ff ? 0 : biased - 1022;
  return Math.max(e, 1 - ebias);
}

/**
 * {@link blockExponent} of a float block from its bit patterns (`bits`, the same memory as
 * `values`): for finite values the order of |v| is the integer order of the patterns without
 * their sign, so the largest normal magnitude gives the exponent directly. Blocks whose largest
 * pattern is an infinity, NaN, subnormal or zero take the general path.
 */
export function floatBlockExponent(
  bits: Int32Array,
  values: Float32Array,
  size: number,
  ebias: number,
): number {
  let max = 0;
  for (let i = 0; i < size; i++) {
    max = maxOf(max, bits[i] & 0x7fffffff);
  }
  if (max >= 0x7f800000 || max < 0x00800000) return blockExponent(values, size, ebias);
  return Math.max((max >>> 23) - 126, 1 - ebias);
}

// The larger of a, b in 0..2^31-1 without a branch (Math.max compiles to one, which noisy data
// mispredicts about half the time).
function maxOf(a: number, b: number): number {
  const d = (a - b) | 0;
  return (a - (d & (d >> 31))) | 0;
}

/**
 * The largest high word without its sign over the full block of a float or double field (`words`
 * 1 or 2 per value) at element `origin`, read in place (as the exponent scans a gathered block).
 * Float: from 0x00800000 to 0x7f7fffff the block exponent is (max >>> 23) - 126; double: from
 * 0x00100000 to 0x7fefffff, (max >>> 20) - 1022. Other values (zeros, subnormals, infinities, NaN)
 * take the general path.
 */
export function fieldMaxBits(
  bits: Int32Array,
  words: number,
  dims: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
): number {
  const rows = 1 << (2 * (dims - 1));
  const step = words * sx;
  let max = 0;
  for (let r = 0; r < rows; r++) {
    const o = words * (origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw) + words - 1;
    max = maxOf(max, bits[o] & 0x7fffffff);
    max = maxOf(max, bits[o + step] & 0x7fffffff);
    max = maxOf(max, bits[o + 2 * step] & 0x7fffffff);
    max = maxOf(max, bits[o + 3 * step] & 0x7fffffff);
  }
  return max;
}

/**
 * Float block to 32-bit integers: trunc(v * 2^(30 - emax)) computed in float; NaN and products of
 * magnitude 2^31 or more become -2^31 (x86's integer indefinite).
 */
export function floatToInts(values: Float32Array, ints: Int32Array, size: number, emax: number): void {
  const scale = POWERS[floatPowerIndex(30 - emax)];
  for (let i = 0; i < size; i++) {
    const t = values[i] * scale;
    ints[i] = t < 2147483648 && t > -2147483648 ? t | 0 : -2147483648;
  }
}

/**
 * Double block to 64-bit integers (pairs of slots, low first): trunc(v * 2^(62 - emax)); NaN and
 * products of magnitude 2^63 or more become -2^63.
 */
export function doubleToInts(values: Float64Array, ints: Int32Array, size: number, emax: number): void {
  const scale = POWERS[powerIndex(62 - emax)];
  for (let i = 0; i < size; i++) storeInt64(ints, 2 * i, values[i] * scale);
}

/** C's (int64)t on x86-64 as the pair ints[i] (low), ints[i + 1] (high): NaN and |t| >= 2^63 give -2^63. */
export function storeInt64(ints: Int32Array, i: number, t: number): void {
  if (t < TWO_63 && t > -TWO_63) {
    const whole = Math.trunc(t);
    const high = Math.floor(whole * 2.3283064365386963e-10);
    ints[i] = (whole - high * 4294967296) | 0;
    ints[i + 1] = high | 0;
  } else {
    ints[i] = 0;
    ints[i + 1] = -2147483648;
  }
}

/**
 * {@link floatToInts} that also rebuilds each value as {@link intsToFloat} does (into `check32`,
 * whose words are `check`) and compares its bit pattern with the original (`bits`, the words of
 * `values`): returns false at the first difference (the integers are then incomplete), true when
 * the block converts exactly (reversible mode's test).
 */
export function floatToIntsExact(
  values: Float32Array,
  bits: Int32Array,
  ints: Int32Array,
  check32: Float32Array,
  check: Int32Array,
  size: number,
  emax: number,
): boolean {
  const scale = POWERS[floatPowerIndex(30 - emax)];
  const back = POWERS[floatPowerIndex(emax - 30)];
  for (let i = 0; i < size; i++) {
    const t = values[i] * scale;
    const n = t < 2147483648 && t > -2147483648 ? t | 0 : -2147483648;
    ints[i] = n;
    check32[i] = Math.fround(n) * back;
    if (check[i] !== bits[i]) return false;
  }
  return true;
}

/** {@link floatToIntsExact} for doubles ({@link doubleToInts}, {@link intsToDouble}). */
export function doubleToIntsExact(
  values: Float64Array,
  bits: Int32Array,
  ints: Int32Array,
  check64: Float64Array,
  check: Int32Array,
  size: number,
  emax: number,
): boolean {
  const scale = POWERS[powerIndex(62 - emax)];
  const back = POWERS[powerIndex(emax - 62)];
  for (let i = 0; i < size; i++) {
    storeInt64(ints, 2 * i, values[i] * scale);
    check64[i] = (ints[2 * i + 1] * 4294967296 + (ints[2 * i] >>> 0)) * back;
    if (check[2 * i] !== bits[2 * i] || check[2 * i + 1] !== bits[2 * i + 1]) return false;
  }
  return true;
}

/** 32-bit integers back to floats: float(int) * 2^(emax - 30) in float. */
export function intsToFloat(ints: Int32Array, values: Float32Array, size: number, emax: number): void {
  const scale = POWERS[floatPowerIndex(emax - 30)];
  for (let i = 0; i < size; i++) values[i] = Math.fround(ints[i]) * scale;
}

/** 64-bit integers (pairs) back to doubles: double(int) * 2^(emax - 62), each step rounded once. */
export function intsToDouble(ints: Int32Array, values: Float64Array, size: number, emax: number): void {
  const scale = POWERS[powerIndex(emax - 62)];
  for (let i = 0; i < size; i++) values[i] = (ints[2 * i + 1] * 4294967296 + (ints[2 * i] >>> 0)) * scale;
}
