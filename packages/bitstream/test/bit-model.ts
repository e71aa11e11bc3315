// Test helper: a plain bit-array model of zfp's bit stream (facts §1), the reference the
// property tests compare BitStream against. One bit per array element, no packing tricks.

/** The low `n` bits of a uint32 `value`, LSB first. */
export function bitsOf32(value: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i < 32 ? (value >>> i) & 1 : 0);
  return out;
}

/** The low `n` bits of `high * 2^32 + low`, LSB first. */
export function bitsOf64(low: number, high: number, n: number): number[] {
  return [...bitsOf32(low, Math.min(n, 32)), ...bitsOf32(high, Math.max(0, n - 32))];
}

/** The low `n` bits of a bigint (two's complement for negatives), LSB first. */
export function bitsOfBig(value: bigint, n: number): number[] {
  const v = BigInt.asUintN(64, value);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number((v >> BigInt(i)) & 1n));
  return out;
}

/** Bits of a byte array, LSB first within each byte. */
export function bitsOfBytes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const byte of bytes) for (let i = 0; i < 8; i++) out.push((byte >>> i) & 1);
  return out;
}

/** Bytes of a bit array (length a multiple of 8), LSB first within each byte. */
export function bytesOfBits(bits: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    out[i >>> 3]! |= bit << (i & 7);
  });
  return out;
}

/** Bits written as a string "1011..." in stream order, spaces ignored. */
export function bitsOfString(text: string): number[] {
  return [...text.replace(/\s+/g, "")].map((c) => (c === "1" ? 1 : 0));
}

/** Unsigned number from `bits` (LSB first, at most 53 of them). */
export function numberOfBits(bits: number[]): number {
  let value = 0;
  for (let i = bits.length - 1; i >= 0; i--) value = value * 2 + bits[i]!;
  return value;
}

/** Unsigned bigint from `bits` (LSB first). */
export function bigOfBits(bits: number[]): bigint {
  let value = 0n;
  for (let i = bits.length - 1; i >= 0; i--) value = (value << 1n) | BigInt(bits[i]!);
  return value;
}
