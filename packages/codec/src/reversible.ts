// Reversible-mode helpers (mirrors src/template/revencode.c rev_precision and revencodef.c/revdecodef.c rev_fwd_reversible, rev_*_reinterpret).
//
// Values are 32-bit words, two per value for 64-bit types (low word first).

/**
 * Bit planes a reversible block needs: from the top (P-1) down to the lowest plane that holds a
 * one bit in any of the `size` negabinary coefficients, so P minus the trailing zeros of their OR
 * (0 when all are zero).
 */
export function planesNeeded(coefficients: Int32Array, size: number, words: 1 | 2): number {
  if (words === 1) {
    let or = 0;
    for (let i = 0; i < size; i++) or |= coefficients[i];
    return planesOf32(or);
  }
  let low = 0;
  let high = 0;
  for (let i = 0; i < 2 * size; i += 2) {
    low |= coefficients[i];
    high |= coefficients[i + 1];
  }
  if (low !== 0) return 64 - (31 - Math.clz32(low & -low));
  if (high !== 0) return 32 - (31 - Math.clz32(high & -high));
  return 0;
}

/** {@link planesNeeded} of 32-bit coefficients whose OR is `or`. */
export function planesOf32(or: number): number {
  return or === 0 ? 0 : 32 - (31 - Math.clz32(or & -or));
}

/** True when the first `count` words of `a` and `b` are equal: a bit-pattern comparison (-0.0 differs from +0.0, NaNs by payload). */
export function sameBits(a: Int32Array, b: Int32Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Reinterprets IEEE bit patterns as two's complement integers, `to` from `from`: negative patterns
 * get every bit but the sign flipped (XOR 0x7fff...ff), which turns sign-magnitude order into
 * integer order. The operation is its own inverse, so it also maps decoded integers back.
 */
export function reinterpret(from: Int32Array, to: Int32Array, size: number, words: 1 | 2): void {
  // Without branches: the sign (t >> 31, all ones or zero) selects the flip; noisy data
  // mispredicts a branch on it half the time.
  if (words === 1) {
    for (let i = 0; i < size; i++) {
      const t = from[i];
      to[i] = t ^ ((t >> 31) & 0x7fffffff);
    }
    return;
  }
  for (let i = 0; i < 2 * size; i += 2) {
    const high = from[i + 1];
    const sign = high >> 31;
    to[i] = from[i] ^ sign;
    to[i + 1] = high ^ (sign & 0x7fffffff);
  }
}
