// Coefficient reordering and negabinary conversion (mirrors src/template/encode.c fwd_order/int2uint, decode.c inv_order/uint2int).
//
// NB(x) = (x + M) XOR M with M = 0xAAAA...AA (P bits), modulo 2^P; its inverse is (u XOR M) - M.

const MASK = 0xaaaaaaaa;
const TWO_32 = 4294967296;

/** u[i] = NB(block[perm[i]]) for i < size; values have `words` 32-bit slots (low first). */
export function forwardOrder(
  u: Int32Array,
  block: Int32Array,
  perm: Uint8Array,
  size: number,
  words: 1 | 2,
): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) u[i] = (block[perm[i]] + MASK) ^ MASK;
    return;
  }
  for (let i = 0; i < size; i++) {
    const j = 2 * perm[i];
    const sum = (block[j] >>> 0) + MASK;
    u[2 * i] = sum ^ MASK;
    u[2 * i + 1] = (block[j + 1] + MASK + (sum >= TWO_32 ? 1 : 0)) ^ MASK;
  }
}

/** block[perm[i]] = NB^-1(u[i]) for i < size: the inverse of {@link forwardOrder}. */
export function inverseOrder(
  block: Int32Array,
  u: Int32Array,
  perm: Uint8Array,
  size: number,
  words: 1 | 2,
): void {
  if (words === 1) {
    for (let i = 0; i < size; i++) block[perm[i]] = ((u[i] ^ MASK) - MASK) | 0;
    return;
  }
  for (let i = 0; i < size; i++) {
    const j = 2 * perm[i];
    const low = ((u[2 * i] ^ MASK) >>> 0) - MASK;
    block[j] = low | 0;
    block[j + 1] = ((u[2 * i + 1] ^ MASK) - MASK - (low < 0 ? 1 : 0)) | 0;
  }
}
