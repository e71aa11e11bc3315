// Embedded bit-plane coder with bit budget (mirrors src/template/encode.c encode_ints / decode.c decode_ints).
//
// `block` holds `size` unsigned P-bit coefficients (negabinary) in block index order, `words`
// 32-bit slots each (low first); coefficient i in coded order is block[perm[i]]. Planes P-1 down
// to P-planes are coded most significant first; a budget of `maxbits` bits may stop the block anywhere. The coefficients are first transposed into bit planes (plane
// k is a `size`-bit set whose bit i is bit k of coefficient i, stored in 32-bit words), so the coder
// works on whole words: verbatim runs are single writes and scans jump to the next one bit.

import { type BitReader, TruncatedStreamError } from "@zfpjs/bitstream";

/** The stream operations the coder needs (BitStream provides them). */
interface BitWriter {
  writeBit(bit: number): number;
  writeBits(value: number, n: number): number;
  pad(n: number): void;
}

// Verbatim bits above which decoding transposes planes instead of depositing bits one by one.
const TRANSPOSE_THRESHOLD = 256;

const NO_PERM = new Uint8Array(0);

// Where 1D decoding keeps its nibbles in the scratch (after the 64 x 8 plane words).
const NIBBLES = 64 * 8;

/**
 * The bit-plane coder's state, one per block coder: its scratch and what the last
 * {@link decodePlanes} found.
 */
export class PlaneState {
  /**
   * Plane k, word g (coefficients 32g..32g+31) is `scratch[64 * g + k]`; 1D decoding keeps plane
   * k's 4 bits as nibble k & 7 of `scratch[512 + (k >> 3)]`.
   */
  readonly scratch = new Int32Array(64 * 8 + 8);
  /** Coefficients (in coded order) found significant: 0 means every decoded coefficient is zero. */
  significant = 0;
  /** Lowest plane read: 32 or more means the low halves of 64-bit coefficients are all zero. */
  lowestPlane = 0;
}

/**
 * Transposes the 32x32 bit matrix a[o..o+31] in place: afterwards bit r of a[o+c] is the former
 * bit c of a[o+r]. Swaps off-diagonal blocks of 16 and 8 rows in memory, then finishes each group
 * of 8 rows in locals (blocks of 4, 2, 1). With `out`, row r goes to out[perm[first + r]]
 * instead of back to a[o + r].
 */
export function transpose32(
  a: Int32Array,
  o: number,
  out: Int32Array | null = null,
  perm: Uint8Array = NO_PERM,
  first = 0,
  shift = 0,
  h = 0,
): void {
  for (let k = o; k < o + 16; k++) {
    const t = ((a[k] >>> 16) ^ a[k + 16]) & 0x0000ffff;
    a[k] ^= t << 16;
    a[k + 16] ^= t;
  }
  swapBlocks8(a, o);
  swapBlocks8(a, o + 16);
  for (let r = 0; r < 32; r += 8) finishBlock8(a, o + r, out, perm, first + r, shift, h);
}

// Encoder's lazy transposition: toPlanes leaves each group's 32 rows after the swap of 16-row
// blocks; these finish the planes a block actually reaches (budgets often stop within the top 8).
// The swap of 8-row blocks on rows o..o+15.
function swapBlocks8(a: Int32Array, o: number): void {
  for (let k = o; k < o + 8; k++) {
    const t = ((a[k] >>> 8) ^ a[k + 8]) & 0x00ff00ff;
    a[k] ^= t << 8;
    a[k + 8] ^= t;
  }
}

// The last stages (blocks of 4, 2, 1) on rows b..b+7, stored back, or when `out` is given into
// out[perm[first + r]] instead (the decoder's scatter of 32-bit coefficients, without a round
// trip through the scratch).
function finishBlock8(
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

// Spreads the 8 low bits of x to bits 0, 4, 8, .., 28.
function spread(x: number): number {
  x = (x | (x << 12)) & 0x000f000f;
  x = (x | (x << 6)) & 0x03030303;
  return (x | (x << 3)) & 0x11111111;
}

// Gathers bits 0, 4, 8, .., 28 of x into its 8 low bits (the inverse of spread).
function unspread(x: number): number {
  x &= 0x11111111;
  x = (x | (x >>> 3)) & 0x03030303;
  x = (x | (x >>> 6)) & 0x000f000f;
  return (x | (x >>> 12)) & 0xff;
}

// Coefficients -> planes 32h..32h+31 (half h of each coefficient; rows beyond `size` are zero).
// 1D blocks only fill planes from `kmin` up (the coder reads no others).
function toPlanes(
  scratch: Int32Array,
  block: Int32Array,
  perm: Uint8Array,
  words: number,
  size: number,
  groups: number,
  h: number,
  kmin: number,
): void {
  if (size === 4) {
    // 1D: interleave the four coefficients' bits, 8 planes of 4 bits per 32-bit word.
    const a = block[perm[0] * words + h];
    const b = block[perm[1] * words + h];
    const c = block[perm[2] * words + h];
    const d = block[perm[3] * words + h];
    for (let j = Math.max(kmin - 32 * h, 0) >> 3; j < 4; j++) {
      const s = 8 * j;
      const w =
        spread((a >>> s) & 0xff) |
        (spread((b >>> s) & 0xff) << 1) |
        (spread((c >>> s) & 0xff) << 2) |
        (spread((d >>> s) & 0xff) << 3);
      const o = 32 * h + s;
      scratch[o] = w & 15;
      scratch[o + 1] = (w >>> 4) & 15;
      scratch[o + 2] = (w >>> 8) & 15;
      scratch[o + 3] = (w >>> 12) & 15;
      scratch[o + 4] = (w >>> 16) & 15;
      scratch[o + 5] = (w >>> 20) & 15;
      scratch[o + 6] = (w >>> 24) & 15;
      scratch[o + 7] = w >>> 28;
    }
    return;
  }
  if (size === 16) {
    // 2D: 16 rows; the first transposition stage on zero rows 16..31 only splits each row.
    const o = 32 * h;
    for (let r = 0; r < 16; r++) {
      const v = block[perm[r] * words + h];
      scratch[o + r] = v & 0xffff;
      scratch[o + r + 16] = v >>> 16;
    }
    return;
  }
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

// 1D blocks (4 coefficients): zfp's loops bit by bit, on a plane of 4 bits, gathering each
// plane's at most 11 bits (4 verbatim, 4 group tests, 3 scan bits) in a local word written
// once it holds more than 21 bits.
function encodePlanes4(
  scratch: Int32Array,
  stream: BitWriter,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  let bits = maxbits;
  let k = precision - 1;
  // Leading zero planes: one 0 bit (a failed group test) each.
  const skip = Math.min(zeroPlanes(block, words, 4), bits, k - kmin + 1);
  if (skip > 0) {
    stream.pad(skip);
    bits -= skip;
    k -= skip;
  }
  let half = -1; // lowest half whose planes are in scratch
  let n = 0;
  let acc = 0;
  let count = 0;
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 5 < half || half < 0) {
      half = k >> 5;
      toPlanes(scratch, block, perm, words, 4, 1, half, kmin);
    }
    let x = scratch[k];
    // verbatim bits of the n significant coefficients
    const m = Math.min(n, bits);
    bits -= m;
    acc |= (x & ((1 << m) - 1)) << count;
    count += m;
    x >>>= m;
    // group tests, each followed by a scan for the next one bit
    while (n < 4 && bits > 0) {
      bits--;
      if (x === 0) {
        count++;
        break;
      }
      acc |= 1 << count++;
      while (n < 3 && bits > 0) {
        bits--;
        const bit = x & 1;
        acc |= bit << count++;
        if (bit !== 0) break;
        x >>>= 1;
        n++;
      }
      x >>>= 1;
      n++;
    }
    if (count > 21) {
      stream.writeBits(acc, count);
      acc = 0;
      count = 0;
    }
  }
  stream.writeBits(acc, count);
  return maxbits - bits;
}

/**
 * Encodes the bit planes of the coefficients `block[perm[i]]`, i = 0..size-1, with a budget of `maxbits` bits (any non-negative number, e.g. a
 * wrapped uint32) and `planes` planes at most; returns the number of bits written. `zeros`, when
 * the caller knows it (blocks of 16 or more coefficients), is the number of leading all-zero planes.
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
): number {
  const scratch = state.scratch;
  if (size === 4) return encodePlanes4(scratch, stream, block, perm, words, maxbits, planes);
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
  if (k >= kmin && bits > 0) toPlanes(scratch, block, perm, words, size, groups, half, kmin);
  for (; bits > 0 && k >= kmin; k--) {
    // Once every coefficient is significant, the rest of the block is whole planes verbatim.
    if (n === size && size < 32) break;
    if (k >> 5 < half) {
      half = 0;
      ready = 32;
      toPlanes(scratch, block, perm, words, size, groups, 0, kmin);
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
  if (bits > 0 && k >= kmin) {
    // Small blocks: pack several planes of `size` bits into each write.
    const mask = (1 << size) - 1;
    let acc = 0;
    let count = 0;
    for (; bits > 0 && k >= kmin; k--) {
      if (k >> 5 < half) {
        half = 0;
        ready = 32;
        toPlanes(scratch, block, perm, words, size, groups, 0, kmin);
      }
      if ((k & 31) < ready) ready = finishPlanes(scratch, k, ready, groups);
      const c = Math.min(size, bits);
      bits -= c;
      if (count + c > 32) {
        stream.writeBits(acc, count);
        acc = 0;
        count = 0;
      }
      acc |= (scratch[k] & (c === size ? mask : (1 << c) - 1)) << count;
      count += c;
    }
    stream.writeBits(acc, count);
  }
  return maxbits - bits;
}

// 1D blocks: the inverse of encodePlanes4, one 32-bit window per plane (at most 11 bits used).
function decodePlanes4(
  state: PlaneState,
  stream: BitReader,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
): number {
  const scratch = state.scratch;
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const start = stream.pos;
  let p = start;
  for (let i = 0; i < 8; i++) scratch[NIBBLES + i] = 0;
  let bits = maxbits;
  let n = 0;
  let k = precision - 1;
  // Leading zero planes: a run of 0 bits (failed group tests).
  if (bits > 0 && k >= kmin) {
    const w = stream.window(p);
    let zeros = w === 0 ? 32 : 31 - Math.clz32(w & -w);
    if (zeros === 32) while (zeros < precision && stream.window(p + zeros) === 0) zeros += 32;
    const skip = Math.min(zeros, bits, k - kmin + 1);
    p += skip;
    bits -= skip;
    k -= skip;
  }
  // w holds the next `avail` bits; a plane uses at most 11, so refill below that.
  let w = 0;
  let avail = 0;
  // Nibbles of planes 8g..8g+7 gather in `nibbles` until the planes leave group g.
  let group = k >> 3;
  let nibbles = 0;
  for (; bits > 0 && k >= kmin; k--) {
    if (k >> 3 !== group) {
      scratch[NIBBLES + group] = nibbles;
      nibbles = 0;
      group = k >> 3;
    }
    if (avail < 11) {
      w = stream.window(p);
      avail = 32;
    }
    const m = Math.min(n, bits);
    bits -= m;
    let x = w & ((1 << m) - 1);
    w >>>= m;
    let used = m;
    while (n < 4 && bits > 0) {
      bits--;
      used++;
      const test = w & 1;
      w >>>= 1;
      if (test === 0) break;
      while (n < 3 && bits > 0) {
        bits--;
        used++;
        const bit = w & 1;
        w >>>= 1;
        if (bit !== 0) break;
        n++;
      }
      x |= 1 << n;
      n++;
    }
    nibbles |= x << ((k & 7) << 2);
    p += used;
    avail -= used;
  }
  if (group >= 0) scratch[NIBBLES + group] = nibbles;
  // Planes k+1..precision-1 were read (the others are zero nibbles): un-interleave them.
  for (let h = 0; h < words; h++) {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let j = Math.max(k + 1 - 32 * h, 0) >> 3; j < 4; j++) {
      const w = scratch[NIBBLES + 4 * h + j];
      const s = 8 * j;
      a |= unspread(w) << s;
      b |= unspread(w >>> 1) << s;
      c |= unspread(w >>> 2) << s;
      d |= unspread(w >>> 3) << s;
    }
    block[perm[0] * words + h] = a;
    block[perm[1] * words + h] = b;
    block[perm[2] * words + h] = c;
    block[perm[3] * words + h] = d;
  }
  const end = stream.end;
  if (p > end) throw new TruncatedStreamError(p, end);
  stream.pos = p;
  state.significant = n;
  state.lowestPlane = k + 1;
  return p - start;
}

/**
 * Decodes what {@link encodePlanes} wrote into `block` (coefficient i of the coded order goes to
 * block[perm[i]]); returns the bits read. When the budget ends
 * inside a scan, the coefficient reached gets its bit anyway, as zfp's decoder does. Reads the
 * stream's memory directly from its read position, then moves the position past the block; throws
 * {@link TruncatedStreamError} if the block needs bits beyond the end of the memory.
 */
export function decodePlanes(
  state: PlaneState,
  stream: BitReader,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
): number {
  const scratch = state.scratch;
  if (size === 4) return decodePlanes4(state, stream, block, perm, words, maxbits, planes);
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const last = size - 1;
  const start = stream.pos;
  let p = start;
  const groups = size > 32 ? size >> 5 : 1;
  let bits = maxbits;
  let n = 0;
  let k = precision - 1;
  let ones = 0; // verbatim bits read (a measure of the work left for depositing)
  // Leading zero planes: a run of 0 bits (failed group tests).
  if (bits > 0 && k >= kmin) {
    const w = stream.window(p);
    let zeros = w === 0 ? 32 : 31 - Math.clz32(w & -w);
    if (zeros === 32) while (zeros < precision && stream.window(p + zeros) === 0) zeros += 32;
    const skip = Math.min(zeros, bits, k - kmin + 1);
    for (let i = 0; i < skip; i++) for (let g = 0; g < groups; g++) scratch[64 * g + k - i] = 0;
    p += skip;
    bits -= skip;
    k -= skip;
  }
  const top = k; // highest plane that may hold a one bit
  for (; bits > 0 && k >= kmin; k--) {
    if (n === size && size < 32) break;
    const c = Math.min(n, bits);
    bits -= c;
    ones += c;
    // Verbatim bits of the significant coefficients: whole plane words (the rest zeroed).
    let first = 0;
    for (; first < c; first += 32) {
      let x = stream.window(p + first);
      if (c - first < 32) x &= (1 << (c - first)) - 1;
      scratch[2 * first + k] = x;
    }
    for (; first < size; first += 32) scratch[2 * first + k] = 0;
    p += c;
    // Group tests and scans from a local window: w holds the next `avail` bits (zeros above).
    let w = 0;
    let avail = 0;
    while (bits > 0 && n < size) {
      // group test
      if (avail === 0) {
        w = stream.window(p);
        avail = 32;
      }
      bits--;
      p++;
      avail--;
      const one = w & 1;
      w >>>= 1;
      if (one === 0) break;
      // unary scan: zeros up to the next one, at most `limit` bits
      const limit = Math.min(bits, last - n);
      let zeros: number;
      if (w !== 0) {
        zeros = 31 - Math.clz32(w & -w);
      } else {
        zeros = avail;
        while (zeros < limit) {
          const x = stream.window(p + zeros);
          if (x !== 0) {
            zeros += 31 - Math.clz32(x & -x);
            break;
          }
          zeros += 32;
        }
      }
      const used = zeros < limit ? zeros + 1 : limit;
      if (zeros >= limit) zeros = limit;
      p += used;
      bits -= used;
      if (used < avail) {
        w >>>= used;
        avail -= used;
      } else {
        w = 0;
        avail = 0;
      }
      n += zeros;
      scratch[64 * (n >> 5) + k] |= 1 << (n & 31);
      n++;
    }
  }
  if (bits > 0 && k >= kmin) {
    // Small blocks with every coefficient significant: whole planes of `size` bits, several per read.
    const mask = (1 << size) - 1;
    let w = 0;
    let left = 0;
    for (; bits > 0 && k >= kmin; k--) {
      const c = Math.min(size, bits);
      bits -= c;
      ones += c;
      if (left < c) {
        w = stream.window(p);
        left = 32;
      }
      scratch[k] = w & (c === size ? mask : (1 << c) - 1);
      w >>>= c;
      left -= c;
      p += c;
    }
  }
  // Planes k+1..precision-1 were read. Move them into the coefficients: by transposition when
  // there are many bits, else one one-bit at a time.
  if (ones >= TRANSPOSE_THRESHOLD) {
    for (let h = 0; h < words; h++) {
      const first = 32 * h;
      if (first + 31 <= k) {
        // no plane of this half was read
        for (let i = 0; i < size; i++) block[i * words + h] = 0;
        continue;
      }
      for (let g = 0; g < groups; g++) {
        const o = 64 * g + first;
        for (let plane = first; plane <= k; plane++) scratch[64 * g + plane] = 0;
        const base = 32 * g;
        const count = Math.min(size - base, 32);
        if (count === 32) {
          // 3D and 4D: the transposition's last stage stores straight into the block (decompress
          // measured faster than through the scratch by 10-12% for float32 3D at rate 8 and
          // reversible, 6-11% for float64 and 15% for int64).
          // Two call sites so that the 32-bit one inlines with shift and h constant (one site
          // with words - 1 measured 1-4% slower on float32 rate 8).
          if (words === 1) transpose32(scratch, o, block, perm, base);
          else transpose32(scratch, o, block, perm, base, 1, h);
          continue;
        }
        transpose32(scratch, o);
        if (words === 1) for (let r = 0; r < count; r++) block[perm[base + r]] = scratch[o + r];
        else for (let r = 0; r < count; r++) block[2 * perm[base + r] + h] = scratch[o + r];
      }
    }
  } else {
    block.fill(0, 0, size * words);
    // Only groups holding coefficients 0..n-1 have one bits, and only planes below the skipped ones.
    const used = (n + 31) >> 5;
    for (let plane = top; plane > k; plane--) {
      const off = plane >> 5;
      const bit = 1 << (plane & 31);
      for (let g = 0; g < used; g++) {
        let x = scratch[64 * g + plane];
        while (x !== 0) {
          const i = 32 * g + (31 - Math.clz32(x & -x));
          block[perm[i] * words + off] |= bit;
          x &= x - 1;
        }
      }
    }
  }
  const end = stream.end;
  if (p > end) throw new TruncatedStreamError(p, end);
  stream.pos = p;
  state.significant = n;
  state.lowestPlane = k + 1;
  return p - start;
}
