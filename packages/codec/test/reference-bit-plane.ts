// Reference model of the embedded bit-plane coder (one bit at a time, no tricks), to cross-check src/bit-plane-encode.ts and src/bit-plane-decode.ts.
//
// `u` holds `size` unsigned P-bit coefficients in coded order, `words` 32-bit slots each (low
// first). Planes P-1 down to P-planes are coded most significant first; a budget of `maxbits`
// bits may stop the block anywhere. Bit k of coefficient i is (u[i*words + (k >> 5)] >>> (k & 31)) & 1.
import type { BitStream } from "../src/index.js";

/**
 * Encodes the bit planes of `u` with a budget of `maxbits` bits (any non-negative number, e.g. a
 * wrapped uint32) and `planes` planes at most; returns the number of bits written.
 */
export function encodePlanes(
  stream: BitStream,
  u: Int32Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const last = size - 1;
  let bits = maxbits;
  let n = 0;
  for (let k = precision - 1; bits > 0 && k >= kmin; k--) {
    const off = k >> 5;
    const shift = k & 31;
    // Coefficients already significant: their bit k verbatim (fewer if the budget ends here).
    const c = Math.min(n, bits);
    bits -= c;
    let i = 0;
    while (i < c) {
      const end = c - i > 32 ? i + 32 : c;
      let word = 0;
      for (let t = i; t < end; t++) word |= ((u[t * words + off] >>> shift) & 1) << (t - i);
      stream.writeBits(word, end - i);
      i = end;
    }
    // The rest: group tests, each followed by a unary scan to the next one bit.
    let j = n;
    while (bits > 0 && n < size) {
      while (j < size && ((u[j * words + off] >>> shift) & 1) === 0) j++;
      bits--;
      if (j === size) {
        stream.writeBit(0);
        break;
      }
      stream.writeBit(1);
      const stop = Math.min(j, last);
      let zeros = stop - n;
      if (zeros >= bits) {
        // The budget ends inside the scan.
        for (let left = bits; left > 0; left -= 32) stream.writeBits(0, Math.min(left, 32));
        bits = 0;
        break;
      }
      bits -= zeros;
      n = stop;
      if (n < last) {
        // zeros, then the one bit of coefficient j
        while (zeros >= 32) {
          stream.writeBits(0, 32);
          zeros -= 32;
        }
        if (zeros === 31) {
          stream.writeBits(0, 31);
          stream.writeBit(1);
        } else {
          stream.writeBits(1 << zeros, zeros + 1);
        }
        bits--;
      } else {
        // The last coefficient's one bit is implied.
        while (zeros > 0) {
          const m = Math.min(zeros, 32);
          stream.writeBits(0, m);
          zeros -= m;
        }
      }
      n++;
      j = n;
    }
  }
  return maxbits - bits;
}

/**
 * Decodes what {@link encodePlanes} wrote into `u` (cleared first); returns the bits read. When the
 * budget ends inside a scan, the coefficient reached gets its bit anyway, as zfp's decoder does.
 */
export function decodePlanes(
  stream: BitStream,
  u: Int32Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const last = size - 1;
  u.fill(0, 0, size * words);
  let bits = maxbits;
  let n = 0;
  for (let k = precision - 1; bits > 0 && k >= kmin; k--) {
    const off = k >> 5;
    const bit = 1 << (k & 31);
    const c = Math.min(n, bits);
    bits -= c;
    let i = 0;
    while (i < c) {
      const m = Math.min(c - i, 32);
      let word = stream.readBits(m);
      let t = i;
      while (word !== 0) {
        if (word & 1) u[t * words + off] |= bit;
        word >>>= 1;
        t++;
      }
      i += m;
    }
    while (bits > 0 && n < size) {
      bits--;
      if (stream.readBit() === 0) break;
      while (bits > 0 && n < last) {
        bits--;
        if (stream.readBit() !== 0) break;
        n++;
      }
      u[n * words + off] |= bit;
      n++;
    }
  }
  return maxbits - bits;
}
