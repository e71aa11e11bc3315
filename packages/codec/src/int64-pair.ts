// Wrapping 64-bit integer arithmetic on pairs of 32-bit halves (C's int64 arithmetic in src/template/*.c).
//
// A 64-bit value number `i` of a buffer lives in two Int32Array slots: the low half at 2i and the
// high half at 2i+1 (little-endian, as a BigInt64Array or Float64Array over the same memory).
// Every operation wraps modulo 2^64 and shifts right arithmetically, as zfp's code does on x86-64.

const TWO_32 = 4294967296;

/** a[i] += a[j] (pairs, wrapping). */
export function addPair(a: Int32Array, i: number, j: number): void {
  const lo = a[2 * i] >>> 0;
  const sum = lo + (a[2 * j] >>> 0);
  a[2 * i] = sum | 0;
  a[2 * i + 1] = (a[2 * i + 1] + a[2 * j + 1] + (sum >= TWO_32 ? 1 : 0)) | 0;
}

/** a[i] -= a[j] (pairs, wrapping). */
export function subPair(a: Int32Array, i: number, j: number): void {
  const lo = a[2 * i] >>> 0;
  const other = a[2 * j] >>> 0;
  a[2 * i] = (lo - other) | 0;
  a[2 * i + 1] = (a[2 * i + 1] - a[2 * j + 1] - (lo < other ? 1 : 0)) | 0;
}

/** a[i] >>= 1 (arithmetic). */
export function sarPair(a: Int32Array, i: number): void {
  const hi = a[2 * i + 1];
  a[2 * i] = (a[2 * i] >>> 1) | (hi << 31);
  a[2 * i + 1] = hi >> 1;
}

/** a[i] <<= 1 (wrapping). */
export function shlPair(a: Int32Array, i: number): void {
  const lo = a[2 * i];
  a[2 * i + 1] = (a[2 * i + 1] << 1) | (lo >>> 31);
  a[2 * i] = lo << 1;
}

/** a[i] += a[j] >> 1 (arithmetic shift of a copy of a[j]; wrapping add). */
export function addHalfPair(a: Int32Array, i: number, j: number): void {
  const hi = a[2 * j + 1];
  const halfLo = ((a[2 * j] >>> 1) | (hi << 31)) >>> 0;
  const sum = (a[2 * i] >>> 0) + halfLo;
  a[2 * i] = sum | 0;
  a[2 * i + 1] = (a[2 * i + 1] + (hi >> 1) + (sum >= TWO_32 ? 1 : 0)) | 0;
}

/** a[i] -= a[j] >> 1 (arithmetic shift of a copy of a[j]; wrapping subtract). */
export function subHalfPair(a: Int32Array, i: number, j: number): void {
  const hi = a[2 * j + 1];
  const halfLo = ((a[2 * j] >>> 1) | (hi << 31)) >>> 0;
  const lo = a[2 * i] >>> 0;
  a[2 * i] = (lo - halfLo) | 0;
  a[2 * i + 1] = (a[2 * i + 1] - (hi >> 1) - (lo < halfLo ? 1 : 0)) | 0;
}

/** The pair a[i] as a bigint (tests and diagnostics only). */
export function pairToBigInt(a: Int32Array, i: number): bigint {
  return (BigInt(a[2 * i + 1]) << 32n) | BigInt(a[2 * i] >>> 0);
}

/** Stores a bigint (taken modulo 2^64) into the pair a[i] (tests and diagnostics only). */
export function setPairFromBigInt(a: Int32Array, i: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  a[2 * i] = Number(v & 0xffffffffn) | 0;
  a[2 * i + 1] = Number(v >> 32n) | 0;
}
