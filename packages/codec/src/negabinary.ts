// Negabinary conversion of block coefficients (mirrors src/template/encode.c int2uint / decode.c uint2int).
//
// NB(x) = (x + M) XOR M with M = 0xAAAA...AA (P bits), modulo 2^P; its inverse is (u XOR M) - M.
// zfp reorders and converts in one pass (fwd_order / inv_order); zfpjs converts in place here and
// lets the bit-plane coder read and write the coefficients through the order table.
// Everything stays in int32 arithmetic: M's 32-bit pattern as an int32, and 64-bit carries and
// borrows as unsigned comparisons turned into numbers (branch-free, as in transform-forward.ts and transform-inverse.ts).

/** 0xAAAAAAAA, the 32-bit negabinary mask, as an int32. */
export const NEGABINARY_MASK = 0xaaaaaaaa | 0;
const M = NEGABINARY_MASK;

/** Converts the `size` values of `block` (`words` 32-bit slots each, low first) to negabinary, in place. */
export function toNegabinary(block: Int32Array, size: number, words: 1 | 2): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) block[i] = ((block[i] + M) | 0) ^ M;
    return;
  }
  for (let i = 0; i < 2 * size; i += 2) {
    const low = block[i];
    const sum = (low + M) | 0;
    block[i] = sum ^ M;
    block[i + 1] = ((block[i + 1] + M + +(sum >>> 0 < low >>> 0)) | 0) ^ M;
  }
}

/** The inverse of {@link toNegabinary}, in place. */
export function fromNegabinary(block: Int32Array, size: number, words: 1 | 2): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) block[i] = ((block[i] ^ M) - M) | 0;
    return;
  }
  for (let i = 0; i < 2 * size; i += 2) {
    const low = block[i] ^ M;
    block[i] = (low - M) | 0;
    block[i + 1] = ((block[i + 1] ^ M) - M - +(low >>> 0 < M >>> 0)) | 0;
  }
}
