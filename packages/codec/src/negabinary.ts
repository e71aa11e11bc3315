// Negabinary conversion of block coefficients (mirrors src/template/encode.c int2uint / decode.c uint2int).
//
// NB(x) = (x + M) XOR M with M = 0xAAAA...AA (P bits), modulo 2^P; its inverse is (u XOR M) - M.
// zfp reorders and converts in one pass (fwd_order / inv_order); zfpjs converts in place here and
// lets the bit-plane coder read and write the coefficients through the order table.

const MASK = 0xaaaaaaaa;
const TWO_32 = 4294967296;

/** Converts the `size` values of `block` (`words` 32-bit slots each, low first) to negabinary, in place. */
export function toNegabinary(block: Int32Array, size: number, words: 1 | 2): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) block[i] = (block[i] + MASK) ^ MASK;
    return;
  }
  for (let i = 0; i < 2 * size; i += 2) {
    const sum = (block[i] >>> 0) + MASK;
    block[i] = sum ^ MASK;
    block[i + 1] = (block[i + 1] + MASK + (sum >= TWO_32 ? 1 : 0)) ^ MASK;
  }
}

/** The inverse of {@link toNegabinary}, in place. */
export function fromNegabinary(block: Int32Array, size: number, words: 1 | 2): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) block[i] = ((block[i] ^ MASK) - MASK) | 0;
    return;
  }
  for (let i = 0; i < 2 * size; i += 2) {
    const low = ((block[i] ^ MASK) >>> 0) - MASK;
    block[i] = low | 0;
    block[i + 1] = ((block[i + 1] ^ MASK) - MASK - (low < 0 ? 1 : 0)) | 0;
  }
}
