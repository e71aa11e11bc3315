// Embedded bit-plane coder with bit budget (mirrors src/template/encode.c encode_ints / decode.c decode_ints).
//
// `block` holds `size` unsigned P-bit coefficients (negabinary) in block index order, `words`
// 32-bit slots each (low first); coefficient i in coded order is block[perm[i]]. Planes P-1 down
// to P-planes are coded most significant first; a budget of `maxbits` bits may stop the block anywhere. The coefficients are first transposed into bit planes (plane
// k is a `size`-bit set whose bit i is bit k of coefficient i, stored in 32-bit words), so the coder
// works on whole words: verbatim runs are single writes and scans jump to the next one bit.
//
// This file holds the coder's state and stages of the 32x32 bit transposition (swap 16-row
// blocks, swapBlocks8, then finishBlock8 on each 8 rows): the encoder's lazy transposition and the
// decoder's 16-row one use them; the decoder's 32-row one is transposeOut32 in
// bit-plane-decode.ts, with the stages in one function. bit-plane-encode.ts and
// bit-plane-decode.ts hold the two coders. 2D and 1D blocks decode without transposition (byte
// lanes).

const NO_PERM = new Uint8Array(0);

/**
 * The bit-plane coder's state, one per block coder: its scratch and what the last
 * decodePlanes (bit-plane-decode.ts) found.
 */
export class PlaneState {
  /**
   * Plane k, word g (coefficients 32g..32g+31) is `scratch[64 * g + k]` (64 planes, 8 groups).
   */
  readonly scratch = new Int32Array(64 * 8);
  /** Coefficients (in coded order) found significant: 0 means every decoded coefficient is zero. */
  significant = 0;
  /** Lowest plane read: 32 or more means the low halves of 64-bit coefficients are all zero. */
  lowestPlane = 0;
}

// Encoder's lazy transposition: toPlanes leaves each group's 32 rows after the swap of 16-row
// blocks; these finish the planes a block actually reaches (budgets often stop within the top 8).
// The swap of 8-row blocks on rows o..o+15.
export function swapBlocks8(a: Int32Array, o: number): void {
  for (let k = o; k < o + 8; k++) {
    const t = ((a[k] >>> 8) ^ a[k + 8]) & 0x00ff00ff;
    a[k] ^= t << 8;
    a[k + 8] ^= t;
  }
}

// The last stages (blocks of 4, 2, 1) on rows b..b+7, stored back, or when `out` is given into
// out[perm[first + r]] instead (the decoder's scatter of 32-bit coefficients, without a round
// trip through the scratch).
export function finishBlock8(
  a: Int32Array,
  b: number,
  out: Int32Array | null = null,
  perm: Uint8Array = NO_PERM,
  first = 0,
  shift = 0,
  h = 0,
): void {
  let a0 = a[b];
  let a1 = a[b + 1];
  let a2 = a[b + 2];
  let a3 = a[b + 3];
  let a4 = a[b + 4];
  let a5 = a[b + 5];
  let a6 = a[b + 6];
  let a7 = a[b + 7];
  let t = ((a0 >>> 4) ^ a4) & 0x0f0f0f0f;
  a0 ^= t << 4;
  a4 ^= t;
  t = ((a1 >>> 4) ^ a5) & 0x0f0f0f0f;
  a1 ^= t << 4;
  a5 ^= t;
  t = ((a2 >>> 4) ^ a6) & 0x0f0f0f0f;
  a2 ^= t << 4;
  a6 ^= t;
  t = ((a3 >>> 4) ^ a7) & 0x0f0f0f0f;
  a3 ^= t << 4;
  a7 ^= t;
  t = ((a0 >>> 2) ^ a2) & 0x33333333;
  a0 ^= t << 2;
  a2 ^= t;
  t = ((a1 >>> 2) ^ a3) & 0x33333333;
  a1 ^= t << 2;
  a3 ^= t;
  t = ((a4 >>> 2) ^ a6) & 0x33333333;
  a4 ^= t << 2;
  a6 ^= t;
  t = ((a5 >>> 2) ^ a7) & 0x33333333;
  a5 ^= t << 2;
  a7 ^= t;
  t = ((a0 >>> 1) ^ a1) & 0x55555555;
  a0 ^= t << 1;
  a1 ^= t;
  t = ((a2 >>> 1) ^ a3) & 0x55555555;
  a2 ^= t << 1;
  a3 ^= t;
  t = ((a4 >>> 1) ^ a5) & 0x55555555;
  a4 ^= t << 1;
  a5 ^= t;
  t = ((a6 >>> 1) ^ a7) & 0x55555555;
  a6 ^= t << 1;
  a7 ^= t;
  if (out === null) {
    a[b] = a0;
    a[b + 1] = a1;
    a[b + 2] = a2;
    a[b + 3] = a3;
    a[b + 4] = a4;
    a[b + 5] = a5;
    a[b + 6] = a6;
    a[b + 7] = a7;
    return;
  }
  // Decoding: rows b..b+7 are coefficients first..first+7 of the coded order (half h of 2^shift words).
  out[(perm[first] << shift) + h] = a0;
  out[(perm[first + 1] << shift) + h] = a1;
  out[(perm[first + 2] << shift) + h] = a2;
  out[(perm[first + 3] << shift) + h] = a3;
  out[(perm[first + 4] << shift) + h] = a4;
  out[(perm[first + 5] << shift) + h] = a5;
  out[(perm[first + 6] << shift) + h] = a6;
  out[(perm[first + 7] << shift) + h] = a7;
}
