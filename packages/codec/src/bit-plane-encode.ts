// Embedded bit-plane encoder with bit budget (mirrors src/template/encode.c encode_ints); the
// shared state and transposition are in bit-plane.ts.

import { finishBlock8, type PlaneState, swapBlocks8 } from "./bit-plane.js";

/**
 * Completes the low words of 64-bit coefficients whose high words alone were computed: the coder
 * calls it once, when it reaches plane 31 (most blocks stop above it).
 */
export interface LowWords {
  fill(): void;
}

/** The stream operations the coder needs (BitStream provides them). */
interface BitWriter {
  writeBit(bit: number): number;
  writeBits(value: number, n: number): number;
  pad(n: number): void;
}

/**
 * Completes planes (k & ~7)..(k | 7) of every group (see toPlanes); `ready` is the lowest plane of
 * k's half (k & 31 scale) already complete, 32 when none; returns the new one.
 */
function finishPlanes(scratch: Int32Array, k: number, ready: number, groups: number): number {
  const r = k & 31;
  const half = k & 32;
  if (r >> 4 !== ready >> 4) {
    for (let g = 0; g < groups; g++) swapBlocks8(scratch, 64 * g + half + (r & 16));
  }
  const b = r & 24;
  for (let g = 0; g < groups; g++) finishBlock8(scratch, 64 * g + half + b);
  return b;
}

// Coefficients -> planes 32h..32h+31 (half h of each coefficient; rows beyond `size` are zero).
function toPlanes(
  scratch: Int32Array,
  block: Int32Array,
  perm: Uint8Array,
  words: number,
  size: number,
  groups: number,
  h: number,
): void {
  for (let g = 0; g < groups; g++) {
    const first = 32 * g;
    const count = Math.min(size - first, 32);
    const o = 64 * g + 32 * h;
    if (words === 1 && count === 32) {
      // Copy and swap the 16-row blocks in one pass.
      for (let r = 0; r < 16; r++) {
        const x = block[perm[first + r]];
        const y = block[perm[first + r + 16]];
        const t = ((x >>> 16) ^ y) & 0x0000ffff;
        scratch[o + r] = x ^ (t << 16);
        scratch[o + r + 16] = y ^ t;
      }
      continue;
    }
    if (count === 32) {
      // The same for half h of 64-bit coefficients (int64 3D rate 8 noisy compress 8-14% faster,
      // float64 3D tol1e-3 smooth 3-4%; a loop shared with the one above, the word count as a
      // variable, cost float32 3D compress 4%).
      for (let r = 0; r < 16; r++) {
        const x = block[2 * perm[first + r] + h];
        const y = block[2 * perm[first + r + 16] + h];
        const t = ((x >>> 16) ^ y) & 0x0000ffff;
        scratch[o + r] = x ^ (t << 16);
        scratch[o + r + 16] = y ^ t;
      }
      continue;
    }
    if (words === 1) for (let r = 0; r < count; r++) scratch[o + r] = block[perm[first + r]];
    else for (let r = 0; r < count; r++) scratch[o + r] = block[2 * perm[first + r] + h];
    for (let r = count; r < 32; r++) scratch[o + r] = 0;
    for (let k = o; k < o + 16; k++) {
      const t = ((scratch[k] >>> 16) ^ scratch[k + 16]) & 0x0000ffff;
      scratch[k] ^= t << 16;
      scratch[k + 16] ^= t;
    }
  }
}

// Position of the lowest one bit at or after position n in plane k (scratch words 64 g + k), or `size`.
function nextOne(scratch: Int32Array, k: number, n: number, size: number, groups: number): number {
  let g = n >> 5;
  let x = scratch[64 * g + k] & (-1 << (n & 31));
  while (x === 0) {
    if (++g >= groups) return size;
    x = scratch[64 * g + k];
  }
  return (g << 5) + (31 - Math.clz32(x & -x));
}

// Leading all-zero planes of a block's coefficients (`words` 32-bit slots each; 32 * words when
// every coefficient is zero): while no coefficient is significant, each of them costs one 0 bit.
function zeroPlanes(block: Int32Array, words: number, size: number): number {
  let high = 0;
  let low = 0;
  if (words === 1) {
    for (let i = 0; i < size; i++) high |= block[i];
    return Math.clz32(high);
  }
  for (let i = 0; i < 2 * size; i += 2) {
    low |= block[i];
    high |= block[i + 1];
  }
  return high !== 0 ? Math.clz32(high) : 32 + Math.clz32(low);
}

// One plane of a block of `size` coefficients with an unlimited budget, zfp's loops bit by bit
// (encode.c encode_ints): x's low n bits verbatim, then the group tests and scans of x >>> n.
// Returns the bits (LSB first) | their count << 8 | the new n << 16 (sizes up to 4).
function planeCode(n: number, x: number, size: number): number {
  let out = 0;
  let len = 0;
  for (; len < n; len++) out |= ((x >>> len) & 1) << len;
  x >>>= n;
  for (; n < size; x >>>= 1, n++) {
    const test = x !== 0 ? 1 : 0;
    out |= test << len++;
    if (test === 0) break;
    for (; n < size - 1; x >>>= 1, n++) {
      out |= (x & 1) << len++;
      if ((x & 1) !== 0) break;
    }
  }
  return out | (len << 8) | (n << 16);
}

// planeCode of every (n, x) of 1D blocks, at 16 n + x, as code | its length << 16 | the new n
// << 24: one load a plane instead of zfp's loops (A/B in one process, best of 15-20: float64 1D
// tol1e-3 smooth compress -18%, noisy -25%, rate 8 -12%, float32 1D tol1e-3 -16%, int32 prec16
// -11%, int64 reversible -15%).
const PLANE4 = Int32Array.from({ length: 80 }, (_, i) => {
  const e = planeCode(i >> 4, i & 15, 4);
  return (e & 0xff) | (((e >>> 8) & 0xff) << 16) | ((e >>> 16) << 24);
});

// Two planes k, k - 1 of 1D blocks at 256 n + i, i's bits 2j + 1 and 2j bit k and bit k - 1 of
// coefficient j: their codes | the count << 16 | the new n << 24. (Halves the chain from n
// through the table load. Separate processes, best of 15 each, 3-4 processes: float64 1D
// tol1e-3 smooth compress -5 to -7%, noisy -12%, prec16 -6%, rate 8 smooth -5%, rate 8 noisy
// +-3%; int64 rate 8 noisy -19%. The budget cutting codes short replaced zfp's loop for the
// last planes.)
const PAIR4 = Int32Array.from({ length: 5 * 256 }, (_, i) => {
  let first = 0;
  let second = 0;
  for (let j = 0; j < 4; j++) {
    first |= ((i >>> (2 * j + 1)) & 1) << j;
    second |= ((i >>> (2 * j)) & 1) << j;
  }
  const e = planeCode(i >> 8, first, 4);
  const f = planeCode(e >>> 16, second, 4);
  const len = (e >>> 8) & 0xff;
  return (e & 0xff) | ((f & 0xff) << len) | ((len + ((f >>> 8) & 0xff)) << 16) | ((f >>> 16) << 24);
});

// 1D blocks (4 coefficients): plane codes from PLANE4 and PAIR4 gathered in a local word written
// once it holds more than 18 bits.
function encodePlanes4(
  stream: BitWriter,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
  zeros: number,
  lowWords: LowWords | null,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  let bits = maxbits;
  let k = precision - 1;
  // Leading zero planes: one 0 bit (a failed group test) each.
  const skip = Math.min(zeros < 0 ? zeroPlanes(block, words, 4) : zeros, bits, k - kmin + 1);
  if (skip > 0) {
    stream.pad(skip);
    bits -= skip;
    k -= skip;
  }
  // The four coefficients' words of the current half, in coded order; plane k is gathered from
  // them on the fly (int32 1D prec16 smooth compress 22% faster than transposing in scratch,
  // float64 1D tol1e-3 noisy 15%, int64 1D rate 8 noisy 28%).
  let half = -1;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let n = 0;
  let acc = 0;
  let count = 0;
  // Each plane's code from PLANE4, or two planes' from PAIR4; the budget cuts the last code short
  // (zfp's loops only stop when it runs out, so what they write is a prefix of the code).
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 5 !== half) {
      half = k >> 5;
      if (half === 0 && lowWords !== null) lowWords.fill();
      a = block[perm[0] * words + half];
      b = block[perm[1] * words + half];
      c = block[perm[2] * words + half];
      d = block[perm[3] * words + half];
    }
    const s = k & 31;
    let e: number;
    if ((k & 1) !== 0 && k > kmin) {
      // Planes k and k - 1 (same word: k is odd) in one load.
      const t = s - 1;
      const i = ((a >>> t) & 3) | (((b >>> t) & 3) << 2) | (((c >>> t) & 3) << 4) | (((d >>> t) & 3) << 6);
      e = PAIR4[(n << 8) | i];
      k--;
    } else {
      const x = ((a >>> s) & 1) | (((b >>> s) & 1) << 1) | (((c >>> s) & 1) << 2) | (((d >>> s) & 1) << 3);
      e = PLANE4[(n << 4) | x];
    }
    let m = (e >>> 16) & 0xff;
    if (m > bits) m = bits;
    acc |= (e & ((1 << m) - 1)) << count;
    count += m;
    bits -= m;
    n = e >>> 24;
    if (count > 18) {
      stream.writeBits(acc, count);
      acc = 0;
      count = 0;
    }
  }
  stream.writeBits(acc, count);
  return maxbits - bits;
}

// Planes 16q..16q+15 of 16 coefficients (words 32-bit slots each) into scratch[16q..16q+15], a
// 16x16 bit transposition in locals: word i holds coefficient i's 16 bits in bytes 0 and 2 and
// coefficient i + 8's in bytes 1 and 3, so transposing the four 8x8 byte lanes at once (the
// steps of finishBlock8) leaves planes j and j + 8 in the halves of word j. (A/B in one process,
// best of 15-20, against toPlanes and finishPlanes' 32x32 stages: float64 2D tol1e-3 smooth
// compress -13%, rate 8 -10%, prec16 -9%, rate 8 noisy -17%; float32 2D tol1e-3 -12%, int32
// prec16 -20%.)
function planes16(scratch: Int32Array, block: Int32Array, perm: Uint8Array, words: number, q: number): void {
  const h = q >> 1;
  const shift = (q & 1) << 4;
  let a0 = rowPair(block[perm[0] * words + h], block[perm[8] * words + h], shift);
  let a1 = rowPair(block[perm[1] * words + h], block[perm[9] * words + h], shift);
  let a2 = rowPair(block[perm[2] * words + h], block[perm[10] * words + h], shift);
  let a3 = rowPair(block[perm[3] * words + h], block[perm[11] * words + h], shift);
  let a4 = rowPair(block[perm[4] * words + h], block[perm[12] * words + h], shift);
  let a5 = rowPair(block[perm[5] * words + h], block[perm[13] * words + h], shift);
  let a6 = rowPair(block[perm[6] * words + h], block[perm[14] * words + h], shift);
  let a7 = rowPair(block[perm[7] * words + h], block[perm[15] * words + h], shift);
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
  const o = q << 4;
  scratch[o] = a0 & 0xffff;
  scratch[o + 1] = a1 & 0xffff;
  scratch[o + 2] = a2 & 0xffff;
  scratch[o + 3] = a3 & 0xffff;
  scratch[o + 4] = a4 & 0xffff;
  scratch[o + 5] = a5 & 0xffff;
  scratch[o + 6] = a6 & 0xffff;
  scratch[o + 7] = a7 & 0xffff;
  scratch[o + 8] = a0 >>> 16;
  scratch[o + 9] = a1 >>> 16;
  scratch[o + 10] = a2 >>> 16;
  scratch[o + 11] = a3 >>> 16;
  scratch[o + 12] = a4 >>> 16;
  scratch[o + 13] = a5 >>> 16;
  scratch[o + 14] = a6 >>> 16;
  scratch[o + 15] = a7 >>> 16;
}

// Bits shift..shift+15 of x in bytes 0 and 2, of y in bytes 1 and 3 (see planes16).
function rowPair(x: number, y: number, shift: number): number {
  const a = x >>> shift;
  const b = y >>> shift;
  return (a & 0xff) | ((b & 0xff) << 8) | ((a & 0xff00) << 8) | ((b & 0xff00) << 16);
}

// Each byte b's one bits moved up by their rank (from 1): bit i of rank r to bit i + r; | the
// count of one bits << 16.
const SPREAD8 = Int32Array.from({ length: 256 }, (_, b) => {
  let out = 0;
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >>> i) & 1) out |= 1 << (i + ++r);
  return out | (r << 16);
});

// 2D blocks (16 coefficients: plane k is the 16-bit word scratch[k], transposed by planes16 16
// planes at a time): the group tests run on the
// plane word in a local, and the output gathers in a local word written 32 bits at a time (int32
// 2D prec16 noisy compress 15% faster than the general loop, rate 8 smooth 5%, float64 2D
// tol1e-3 smooth 6%). Appending v (m bits, nothing above them) is: acc |= v << count;
// count += m; when count reaches 32, the word is written and acc keeps v's bits that did not fit.
function encodePlanes16(
  scratch: Int32Array,
  stream: BitWriter,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
  zeros: number,
  lowWords: LowWords | null,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  let bits = maxbits;
  let k = precision - 1;
  // Leading zero planes: one 0 bit (a failed group test) each.
  const skip = Math.min(zeros < 0 ? zeroPlanes(block, words, 16) : zeros, bits, k - kmin + 1);
  if (skip > 0) {
    stream.pad(skip);
    bits -= skip;
    k -= skip;
  }
  let chunk = (k >> 4) + 1; // planes 16 chunk.. are in scratch
  let n = 0;
  let acc = 0;
  let count = 0;
  let v = 0;
  let m = 0;
  // While the budget holds a whole plane (47 bits at most) and some coefficient is not yet
  // significant, a plane's group tests and scans are computed without a loop: in the bits of
  // y = x >>> n, each one bit i (rank r, from 1) goes to position i + r (SPREAD8 by byte), each
  // group test is a one bit at 0 and just after each of those, the last a 0 (the failed test),
  // or nothing when coefficient 15 is reached (its own one bit is then implied too). (A/B in
  // one process, best of 15, against the loop below alone: float64 2D tol1e-3 noisy compress
  // -7%, smooth -4%, prec16 and rate 8 0%; int32 2D prec16 smooth -6%; float32 tol1e-3 -5%.)
  for (; bits >= 48 && k >= kmin && n < 16; k--) {
    if (k >> 4 < chunk) {
      chunk = k >> 4;
      if (chunk === 1 && lowWords !== null) lowWords.fill();
      planes16(scratch, block, perm, words, chunk);
    }
    const x = scratch[k];
    // verbatim bits of the n significant coefficients
    v = x & ((1 << n) - 1);
    acc |= v << count;
    count += n;
    if (count >= 32) {
      stream.writeBits(acc, 32);
      count -= 32;
      acc = count > 0 ? v >>> (n - count) : 0;
    }
    const y = x >>> n;
    const low = SPREAD8[y & 255];
    const high = SPREAD8[y >>> 8];
    const ones = (low >>> 16) + (high >>> 16);
    const spread = (low & 0xffff) | ((high & 0xffff) << (8 + (low >>> 16)));
    const top = 31 - Math.clz32(y); // -1 when y is 0: one 0 bit
    const next = n + top + 1;
    const reach = next === 16 ? 1 : 0;
    m = top + ones + 2 - 2 * reach;
    v = (spread | 1 | (spread << 1)) & ((1 << (m - 1 + reach)) - 1);
    bits -= n + m;
    n = next;
    acc |= v << count;
    count += m;
    if (count >= 32) {
      stream.writeBits(acc, 32);
      count -= 32;
      acc = count > 0 ? v >>> (m - count) : 0;
    }
  }
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 4 < chunk) {
      chunk = k >> 4;
      if (chunk === 1 && lowWords !== null) lowWords.fill();
      planes16(scratch, block, perm, words, chunk);
    }
    let x = scratch[k];
    // Coefficients already significant: their bit k verbatim (fewer if the budget ends here).
    m = Math.min(n, bits);
    bits -= m;
    v = x & ((1 << m) - 1);
    acc |= v << count;
    count += m;
    if (count >= 32) {
      stream.writeBits(acc, 32);
      count -= 32;
      acc = count > 0 ? v >>> (m - count) : 0;
    }
    x >>>= n;
    // The rest: group tests, each followed by a scan to the next one bit.
    while (bits > 0 && n < 16) {
      bits--;
      const zeros = 31 - Math.clz32(x & -x); // before the next one bit (31 when x is 0)
      if (x === 0) {
        // The test fails: one 0 bit, and the plane is done.
        v = 0;
        m = 1;
      } else if (zeros >= bits) {
        // The budget ends inside the scan: the test's one bit and `bits` zeros.
        v = 1;
        m = 1 + bits;
        bits = 0;
      } else if (n + zeros === 15) {
        // The last coefficient: the test's one bit and the zeros; its own one bit is implied.
        v = 1;
        m = 1 + zeros;
        bits -= zeros;
        n = 16;
      } else {
        // The test's one bit, the zeros, the coefficient's one bit.
        v = 1 | (2 << zeros);
        m = zeros + 2;
        bits -= zeros + 1;
        n += zeros + 1;
        x >>>= zeros + 1;
      }
      acc |= v << count;
      count += m;
      if (count >= 32) {
        stream.writeBits(acc, 32);
        count -= 32;
        acc = count > 0 ? v >>> (m - count) : 0;
      }
      if (v === 0) break; // the failed test
    }
    if (n === 16) {
      k--;
      break;
    }
  }
  // Every coefficient significant: the remaining planes verbatim, 16 bits each.
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 4 < chunk) {
      chunk = k >> 4;
      if (chunk === 1 && lowWords !== null) lowWords.fill();
      planes16(scratch, block, perm, words, chunk);
    }
    m = Math.min(16, bits);
    bits -= m;
    v = scratch[k] & ((1 << m) - 1);
    acc |= v << count;
    count += m;
    if (count >= 32) {
      stream.writeBits(acc, 32);
      count -= 32;
      acc = count > 0 ? v >>> (m - count) : 0;
    }
  }
  stream.writeBits(acc, count);
  return maxbits - bits;
}

// 3D blocks (64 coefficients: plane k is the words scratch[k] (coefficients 0..31) and
// scratch[64 + k] (32..63)): encodePlanes16's loop on the two plane words in locals (float32 3D
// tol1e-3 smooth compress 7% faster than the general loop, rate 8 noisy 4%, reversible smooth
// 5%, float64 3D tol1e-3 smooth 4%). Scans of 31 zeros or more go to the stream directly
// (longScan) after the local word.
function encodePlanes64(
  scratch: Int32Array,
  stream: BitWriter,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
  zeros: number,
  lowWords: LowWords | null,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  let bits = maxbits;
  let k = precision - 1;
  // Leading zero planes: one 0 bit (a failed group test) each.
  const skip = Math.min(zeros < 0 ? zeroPlanes(block, words, 64) : zeros, bits, k - kmin + 1);
  if (skip > 0) {
    stream.pad(skip);
    bits -= skip;
    k -= skip;
  }
  let half = k >> 5;
  let ready = 32; // lowest complete plane of the half (k & 31 scale)
  if (k >= kmin && bits > 0) toPlanes(scratch, block, perm, words, 64, 2, half);
  let n = 0;
  let acc = 0;
  let count = 0;
  let v = 0;
  let m = 0;
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 5 < half) {
      half = 0;
      ready = 32;
      if (lowWords !== null) lowWords.fill();
      toPlanes(scratch, block, perm, words, 64, 2, 0);
    }
    if ((k & 31) < ready) ready = finishPlanes(scratch, k, ready, 2);
    const low = scratch[k];
    const high = scratch[64 + k];
    // Coefficients already significant: their bit k verbatim (fewer if the budget ends here).
    const c = Math.min(n, bits);
    bits -= c;
    if (c > 0) {
      m = Math.min(c, 32);
      v = m === 32 ? low : low & ((1 << m) - 1);
      acc |= v << count;
      count += m;
      if (count >= 32) {
        stream.writeBits(acc, 32);
        count -= 32;
        acc = count > 0 ? v >>> (m - count) : 0;
      }
      if (c > 32) {
        m = c - 32;
        v = m === 32 ? high : high & ((1 << m) - 1);
        acc |= v << count;
        count += m;
        if (count >= 32) {
          stream.writeBits(acc, 32);
          count -= 32;
          acc = count > 0 ? v >>> (m - count) : 0;
        }
      }
    }
    // The rest: group tests, each followed by a scan to the next one bit.
    while (bits > 0 && n < 64) {
      bits--;
      // The next one bit at or after n (64 when none).
      let j = 64;
      if (n < 32) {
        const t = low & (-1 << n);
        if (t !== 0) j = 31 - Math.clz32(t & -t);
        else if (high !== 0) j = 63 - Math.clz32(high & -high);
      } else {
        const t = high & (-1 << (n - 32));
        if (t !== 0) j = 63 - Math.clz32(t & -t);
      }
      const zeros = j - n;
      if (j === 64) {
        // The test fails: one 0 bit, and the plane is done.
        v = 0;
        m = 1;
      } else if (zeros < bits && zeros < 31 && j < 63) {
        // The usual case: the test's one bit, the zeros, the coefficient's one bit.
        v = 1 | (2 << zeros);
        m = zeros + 2;
        bits -= zeros + 1;
        n = j + 1;
      } else {
        // Long scans, the budget ending inside one, the last coefficient's implied bit: the
        // local word goes to the stream first.
        stream.writeBits(acc, count);
        acc = 0;
        count = 0;
        bits = longScan(stream, zeros, bits, j < 63);
        n = j + 1;
        continue;
      }
      acc |= v << count;
      count += m;
      if (count >= 32) {
        stream.writeBits(acc, 32);
        count -= 32;
        acc = count > 0 ? v >>> (m - count) : 0;
      }
      if (v === 0) break; // the failed test
    }
  }
  stream.writeBits(acc, count);
  return maxbits - bits;
}

// The group test's one bit and a scan of `zeros` zeros that is long (31 or more), ends the budget
// (`bits`, the budget after the test) or reaches the last coefficient (`notLast` false: its one
// bit is implied), written to the stream; returns the budget left.
function longScan(stream: BitWriter, zeros: number, bits: number, notLast: boolean): number {
  stream.writeBit(1);
  if (zeros >= bits) {
    // The budget ends inside the scan.
    for (let left = bits; left > 0; left -= 32) stream.writeBits(0, Math.min(left, 32));
    return 0;
  }
  let rest = zeros;
  while (rest >= 32) {
    stream.writeBits(0, 32);
    rest -= 32;
  }
  if (!notLast) {
    // The last coefficient's one bit is implied.
    if (rest > 0) stream.writeBits(0, rest);
    return bits - zeros;
  }
  // zeros, then the one bit of the coefficient
  if (rest === 31) {
    stream.writeBits(0, 31);
    stream.writeBit(1);
  } else {
    stream.writeBits(1 << rest, rest + 1);
  }
  return bits - zeros - 1;
}

/**
 * Encodes the bit planes of the coefficients `block[perm[i]]`, i = 0..size-1, with a budget of `maxbits` bits (any non-negative number, e.g. a
 * wrapped uint32) and `planes` planes at most; returns the number of bits written. `zeros`, when
 * the caller knows it (else -1), is the number of leading all-zero planes. `lowWords`, for blocks of 1
 * to 3 dimensions, completes the coefficients' low words when the coder first needs them.
 */
export function encodePlanes(
  state: PlaneState,
  stream: BitWriter,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
  zeros = -1,
  lowWords: LowWords | null = null,
): number {
  const scratch = state.scratch;
  if (size === 4) return encodePlanes4(stream, block, perm, words, maxbits, planes, zeros, lowWords);
  if (size === 16)
    return encodePlanes16(scratch, stream, block, perm, words, maxbits, planes, zeros, lowWords);
  if (size === 64)
    return encodePlanes64(scratch, stream, block, perm, words, maxbits, planes, zeros, lowWords);
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const groups = size > 32 ? size >> 5 : 1;
  const last = size - 1;
  let bits = maxbits;
  let n = 0;
  let k = precision - 1;
  // Leading zero planes: one 0 bit (a failed group test) each.
  const skip = Math.min(zeros < 0 ? zeroPlanes(block, words, size) : zeros, bits, k - kmin + 1);
  if (skip > 0) {
    stream.pad(skip);
    bits -= skip;
    k -= skip;
  }
  // The current half's planes now; a 64-bit block's low half only once the coder gets there
  // (budgets and precisions often stop above plane 32).
  let half = k >> 5;
  let ready = 32; // lowest complete plane of the half (k & 31 scale)
  if (k >= kmin && bits > 0) toPlanes(scratch, block, perm, words, size, groups, half);
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 5 < half) {
      half = 0;
      ready = 32;
      toPlanes(scratch, block, perm, words, size, groups, 0);
    }
    if ((k & 31) < ready) ready = finishPlanes(scratch, k, ready, groups);
    // Coefficients already significant: their bit k verbatim (fewer if the budget ends here).
    const c = Math.min(n, bits);
    bits -= c;
    let g = 0;
    for (; 32 * g + 32 <= c; g++) stream.writeBits(scratch[64 * g + k], 32);
    if ((c & 31) !== 0) stream.writeBits(scratch[64 * g + k], c & 31);
    // The rest: group tests, each followed by a unary scan to the next one bit.
    while (bits > 0 && n < size) {
      const j = nextOne(scratch, k, n, size, groups);
      bits--;
      if (j === size) {
        stream.writeBit(0);
        break;
      }
      const stop = Math.min(j, last);
      let zeros = stop - n;
      if (zeros < bits && zeros < 30 && stop < last) {
        // The usual case in one write: the test's one bit, the zeros, coefficient j's one bit.
        stream.writeBits(1 | (2 << zeros), zeros + 2);
        bits -= zeros + 1;
        n = stop + 1;
        continue;
      }
      stream.writeBit(1);
      if (zeros >= bits) {
        // The budget ends inside the scan.
        for (let left = bits; left > 0; left -= 32) stream.writeBits(0, Math.min(left, 32));
        bits = 0;
        break;
      }
      bits -= zeros;
      n = stop;
      while (zeros >= 32) {
        stream.writeBits(0, 32);
        zeros -= 32;
      }
      if (n < last) {
        // zeros, then the one bit of coefficient j
        if (zeros === 31) {
          stream.writeBits(0, 31);
          stream.writeBit(1);
        } else {
          stream.writeBits(1 << zeros, zeros + 1);
        }
        bits--;
      } else if (zeros > 0) {
        // The last coefficient's one bit is implied.
        stream.writeBits(0, zeros);
      }
      n++;
    }
  }
  return maxbits - bits;
}
