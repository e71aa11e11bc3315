// Embedded bit-plane decoder with bit budget (mirrors src/template/decode.c decode_ints); the
// shared state and transposition stages are in bit-plane.ts. 1D and 2D blocks (decodePlanes4,
// decodePlanes16) collect planes in byte lanes; 3D and 4D blocks (decodePlanes) in the plane
// scratch, then transpose them or deposit one bits.

import { BitReader, BitStream, TruncatedStreamError } from "@zfpjs/bitstream";
import { finishBlock8, PlaneState, swapBlocks8 } from "./bit-plane.js";
import { PERMUTATIONS } from "./permutation.js";

// A block reads at most 64 planes of 2 * 256 bits; a larger budget (maxbits is a uint32) is
// clamped to this so that `bits` stays an int32 in the hot loops (as a uint32 it was a tagged
// number and Math.min ran in doubles: measured decodeCoefficients 141 -> 115 ns a block on int32
// 1D rate 8, 737 -> 652 on float32 3D prec16, A/B in one process, best of 20-30).
const MAX_BUDGET = 1 << 30;

// Bit buffers are shifted with `(w >>> s) | 0`: a uint32 from `>>>` met int32 windows at the loop
// head and V8 kept the buffer in doubles (converted at every use); and lowest one bits are
// `x & (0 - x)`, since `-x` is a checked multiply that deoptimizes ('overflow') on 0x80000000.
// Measured decodeCoefficients float64 1D rate 8 102 -> 98 ns a block, float64 3D rate 8 1098 ->
// 1040, int64 3D rate 8 1445 -> 1345, 32-bit 3D within noise (A/B best of 15).

// Verbatim bits above which decoding transposes planes instead of depositing bits one by one.
// 128 since transposeOut32 (was 256: measured decodeCoefficients int32 3D tol1e-3 smooth 888 ->
// 751 ns a block, float32/float64 3D tol1e-3 and prec16 smooth within +-1.5%; 64 slowed float64
// 3D tol1e-3 smooth by 22%; A/B best of 15).
const TRANSPOSE_THRESHOLD = 128;
// Blocks whose significant coefficients are all among the first 16 (every 2D block) transpose
// only those 16 from fewer bits: measured decodeCoefficients int32 2D rate 8 510 -> 395 ns a
// block, float32 2D rate 8 758 -> 545, float32 3D prec16 627 -> 579, float64 3D prec16 591 -> 539,
// int32 2D prec16 unchanged (A/B best of 15-25; thresholds 16 and 32 within noise of each other,
// 0 doubled int32 2D prec16). Transposing one group of 32 for 3D blocks with 17-32 significant
// coefficients (thresholds 64-256) measured within noise and was dropped.
const TRANSPOSE16_THRESHOLD = 16;

// Byte b's even bits (2j, j = 0..3) reversed into a nibble (bit 3 - j): decodePlanes4's runs.
const EVEN_BITS_REVERSED = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  for (let j = 0; j < 4; j++) EVEN_BITS_REVERSED[b] |= ((b >> (2 * j)) & 1) << (3 - j);
}

// 1D blocks: the inverse of encodePlanes4, one 32-bit window per plane (at most 11 bits used).
// Each plane's 4 bits go straight into the coefficients, kept in locals (a, b, c, d: low halves;
// ah..dh: high halves of 64-bit coefficients). Measured decodeCoefficients int32 1D rate 8 118 ->
// 85 ns a block, float64 1D rate 8 143 -> 103, int64 1D tol1e-3 330 -> 302 against gathering
// nibbles in the scratch and un-interleaving them (A/B best of 15, both orders). Planes go through
// a byte lane (as in decodePlanes16) instead of four bit deposits a plane: float64 1D prec16 noisy
// 161 -> 149, int64 1D tol1e-3 smooth 307 -> 280, float32 1D tol1e-3 smooth 115 -> 102, float64
// 1D rate 8 smooth unchanged (A/B best of 15).
export function decodePlanes4(
  state: PlaneState,
  stream: BitReader,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const start = stream.pos;
  let p = start;
  let bits = Math.min(maxbits, MAX_BUDGET) | 0;
  let n = 0;
  let k = precision - 1;
  // Leading zero planes: a run of 0 bits (failed group tests).
  if (bits > 0 && k >= kmin) {
    const w = stream.window(p);
    let zeros = w === 0 ? 32 : 31 - Math.clz32(w & (0 - w));
    if (zeros === 32) while (zeros < precision && stream.window(p + zeros) === 0) zeros += 32;
    const skip = Math.min(zeros, bits, k - kmin + 1);
    p += skip;
    bits -= skip;
    k -= skip;
  }
  // w holds the next `avail` bits; a plane uses at most 11, so refill below that.
  let w = 0;
  let avail = 0;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let ah = 0;
  let bh = 0;
  let ch = 0;
  let dh = 0;
  let s = 0;
  for (; bits > 0 && k >= kmin; k--) {
    if (avail < 11) {
      w = stream.window(p);
      avail = 32;
    }
    if (n === 1) {
      // One significant coefficient: while group tests fail a plane is its bit, then a 0 bit, so
      // the run of such planes in w (odd bits 0) is taken at once, in the plane's word only.
      // Measured decodeCoefficients float64 1D tol1e-3 smooth 103 -> 55 ns a block, prec16 136 ->
      // 63, rate 8 99 -> 63, float32 alike, int64 1D tol1e-3 smooth 343 -> 286 (blocks of smooth
      // fields: one plane, then a run of about 10); int32 1D rate 8 noisy +5-7% (A/B best of 25-31).
      const t = w & 0xaaaaaaaa;
      let q = t === 0 ? 16 : (31 - Math.clz32(t & (0 - t))) >> 1;
      q = Math.min(q, avail >> 1, bits >> 1, k - kmin + 1, k >= 32 ? k - 31 : k + 1);
      if (q > 0) {
        // Pending lanes (planes k + 1 and up) first, as the flush below.
        if (s !== 0) {
          const sh = (k + 1) & 31;
          if (k + 1 >= 32) {
            ah |= (s & 255) << sh;
            bh |= ((s >>> 8) & 255) << sh;
            ch |= ((s >>> 16) & 255) << sh;
            dh |= (s >>> 24) << sh;
          } else {
            a |= (s & 255) << sh;
            b |= ((s >>> 8) & 255) << sh;
            c |= ((s >>> 16) & 255) << sh;
            d |= (s >>> 24) << sh;
          }
          s = 0;
        }
        // Plane j's bit (bit 2j of w) to bit q - 1 - j of v, via a byte table (4 planes a byte).
        const v =
          ((EVEN_BITS_REVERSED[w & 255] << 12) |
            (EVEN_BITS_REVERSED[(w >>> 8) & 255] << 8) |
            (EVEN_BITS_REVERSED[(w >>> 16) & 255] << 4) |
            EVEN_BITS_REVERSED[w >>> 24]) >>>
          (16 - q);
        const lo = k - q + 1;
        if (k >= 32) ah |= v << (lo - 32);
        else a |= v << lo;
        const used = 2 * q;
        bits -= used;
        p += used;
        avail -= used;
        w = used === 32 ? 0 : (w >>> used) | 0;
        k = lo;
        continue;
      }
    }
    const m = Math.min(n, bits);
    bits -= m;
    let x = w & ((1 << m) - 1);
    w = (w >>> m) | 0;
    let used = m;
    while (n < 4 && bits > 0) {
      bits--;
      used++;
      const test = w & 1;
      w = (w >>> 1) | 0;
      if (test === 0) break;
      while (n < 3 && bits > 0) {
        bits--;
        used++;
        const bit = w & 1;
        w = (w >>> 1) | 0;
        if (bit !== 0) break;
        n++;
      }
      x |= 1 << n;
      n++;
    }
    p += used;
    avail -= used;
    // The plane into byte lanes (bit m of x to bit 8m), OR-ed into the coefficients every 8
    // planes and after the last.
    s = (s << 1) | (Math.imul(x, 0x00204081) & 0x01010101);
    if ((k & 7) === 0 || bits === 0 || k === kmin) {
      const sh = k & 31;
      if (k >= 32) {
        ah |= (s & 255) << sh;
        bh |= ((s >>> 8) & 255) << sh;
        ch |= ((s >>> 16) & 255) << sh;
        dh |= (s >>> 24) << sh;
      } else {
        a |= (s & 255) << sh;
        b |= ((s >>> 8) & 255) << sh;
        c |= ((s >>> 16) & 255) << sh;
        d |= (s >>> 24) << sh;
      }
      s = 0;
    }
  }
  if (words === 1) {
    block[perm[0]] = a;
    block[perm[1]] = b;
    block[perm[2]] = c;
    block[perm[3]] = d;
  } else {
    block[2 * perm[0]] = a;
    block[2 * perm[1]] = b;
    block[2 * perm[2]] = c;
    block[2 * perm[3]] = d;
    block[2 * perm[0] + 1] = ah;
    block[2 * perm[1] + 1] = bh;
    block[2 * perm[2] + 1] = ch;
    block[2 * perm[3] + 1] = dh;
  }
  const end = stream.end;
  if (p > end) throw new TruncatedStreamError(p, end);
  stream.pos = p;
  state.significant = n;
  state.lowestPlane = k + 1;
  return p - start;
}

// 2D blocks: like decodePlanes4, one bit buffer across planes (w holds the next `avail` bits,
// zeros above; kept an int32 with `| 0`, as a uint32 it ran in doubles), and no transposition:
// each plane's 16 bits go, a nibble at a time, into byte lanes (s0..s3: coefficients 4m..4m+3 in
// bytes 0..3 of s_m, spread by one multiply), one bit per plane, and every 8 planes (and after the
// last) the lanes are OR-ed into the coefficients. Measured against the plane scratch and
// transpose16 (A/B in one process, best of 15): decodeCoefficients float64 2D tol1e-3 smooth
// 303 -> 171 ns a block, int64 2D rate 8 smooth 492 -> 285, int64 2D tol1e-3 smooth 659 -> 512,
// float32 2D rate 8 smooth 424 -> 317, int32 2D prec16 noisy 250 -> 161; blocks with every
// coefficient significant over ~20 planes lost (int32 2D tol1e-3 noisy 292 -> 327, int64 517 ->
// 568) until they took two planes a step (below); whole planes transposed after the 16th
// significant coefficient measured slower still.
export function decodePlanes16(
  state: PlaneState,
  stream: BitReader,
  block: Int32Array,
  perm: Uint8Array,
  words: 1 | 2,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const start = stream.pos;
  let p = start;
  let bits = Math.min(maxbits, MAX_BUDGET) | 0;
  let n = 0;
  let k = precision - 1;
  // Leading zero planes: a run of 0 bits (failed group tests).
  if (bits > 0 && k >= kmin) {
    const w = stream.window(p);
    let zeros = w === 0 ? 32 : 31 - Math.clz32(w & (0 - w));
    if (zeros === 32) while (zeros < precision && stream.window(p + zeros) === 0) zeros += 32;
    const skip = Math.min(zeros, bits, k - kmin + 1);
    p += skip;
    bits -= skip;
    k -= skip;
  }
  zeroWords(block, 16 * words);
  const shift = words - 1;
  let w = 0;
  let avail = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (; bits > 0 && k >= kmin; k--) {
    if (n === 16 && (k & 1) === 1 && k > kmin && bits >= 32) {
      // Every coefficient significant: planes k and k - 1 from one window, two at a time (odd k,
      // so both fall in one group of 8). Measured decodeCoefficients int32 2D tol1e-3 noisy 326
      // -> 250 ns a block, int64 594 -> 404, float32 2D prec16 noisy 251 -> 217 (A/B best of 15).
      const y = stream.window(p);
      p += 32;
      bits -= 32;
      w = 0;
      avail = 0;
      const z = y >>> 16;
      s0 =
        (s0 << 2) |
        (Math.imul(y & 15, 0x00408102) & 0x02020202) |
        (Math.imul(z & 15, 0x00204081) & 0x01010101);
      s1 =
        (s1 << 2) |
        (Math.imul((y >>> 4) & 15, 0x00408102) & 0x02020202) |
        (Math.imul((z >>> 4) & 15, 0x00204081) & 0x01010101);
      s2 =
        (s2 << 2) |
        (Math.imul((y >>> 8) & 15, 0x00408102) & 0x02020202) |
        (Math.imul((z >>> 8) & 15, 0x00204081) & 0x01010101);
      s3 =
        (s3 << 2) |
        (Math.imul((y >>> 12) & 15, 0x00408102) & 0x02020202) |
        (Math.imul(z >>> 12, 0x00204081) & 0x01010101);
      k--;
    } else {
      // Verbatim bits of the significant coefficients (at most 16).
      const c = Math.min(n, bits);
      bits -= c;
      if (avail < c) {
        w = stream.window(p);
        avail = 32;
      }
      let x = w & ((1 << c) - 1);
      w = (w >>> c) | 0;
      avail -= c;
      p += c;
      while (bits > 0 && n < 16) {
        // group test
        if (avail === 0) {
          w = stream.window(p);
          avail = 32;
        }
        bits--;
        p++;
        avail--;
        const one = w & 1;
        w = (w >>> 1) | 0;
        if (one === 0) break;
        // unary scan: zeros up to the next one, at most `limit` bits
        const limit = Math.min(bits, 15 - n);
        let zeros = zerosBefore(stream, p, w, avail, limit);
        const used = zeros < limit ? zeros + 1 : limit;
        if (zeros >= limit) zeros = limit;
        p += used;
        bits -= used;
        if (used < avail) {
          w = (w >>> used) | 0;
          avail -= used;
        } else {
          w = 0;
          avail = 0;
        }
        n += zeros;
        x |= 1 << n;
        n++;
      }
      // Bit m of the nibble to bit 8m (the shifted copies do not overlap, so nothing carries).
      s0 = (s0 << 1) | (Math.imul(x & 15, 0x00204081) & 0x01010101);
      if (n > 4) {
        s1 = (s1 << 1) | (Math.imul((x >>> 4) & 15, 0x00204081) & 0x01010101);
        if (n > 8) {
          s2 = (s2 << 1) | (Math.imul((x >>> 8) & 15, 0x00204081) & 0x01010101);
          if (n > 12) s3 = (s3 << 1) | (Math.imul(x >>> 12, 0x00204081) & 0x01010101);
        }
      }
    }
    if ((k & 7) === 0 || bits === 0 || k === kmin) {
      // Lanes hold planes k.. (at most 8, within one word): OR them in at bit k & 31.
      const off = k >> 5;
      const sh = k & 31;
      block[(perm[0] << shift) + off] |= (s0 & 255) << sh;
      block[(perm[1] << shift) + off] |= ((s0 >>> 8) & 255) << sh;
      block[(perm[2] << shift) + off] |= ((s0 >>> 16) & 255) << sh;
      block[(perm[3] << shift) + off] |= (s0 >>> 24) << sh;
      if (n > 4) {
        block[(perm[4] << shift) + off] |= (s1 & 255) << sh;
        block[(perm[5] << shift) + off] |= ((s1 >>> 8) & 255) << sh;
        block[(perm[6] << shift) + off] |= ((s1 >>> 16) & 255) << sh;
        block[(perm[7] << shift) + off] |= (s1 >>> 24) << sh;
        if (n > 8) {
          block[(perm[8] << shift) + off] |= (s2 & 255) << sh;
          block[(perm[9] << shift) + off] |= ((s2 >>> 8) & 255) << sh;
          block[(perm[10] << shift) + off] |= ((s2 >>> 16) & 255) << sh;
          block[(perm[11] << shift) + off] |= (s2 >>> 24) << sh;
          if (n > 12) {
            block[(perm[12] << shift) + off] |= (s3 & 255) << sh;
            block[(perm[13] << shift) + off] |= ((s3 >>> 8) & 255) << sh;
            block[(perm[14] << shift) + off] |= ((s3 >>> 16) & 255) << sh;
            block[(perm[15] << shift) + off] |= (s3 >>> 24) << sh;
          }
        }
      }
      s0 = 0;
      s1 = 0;
      s2 = 0;
      s3 = 0;
    }
  }
  const end = stream.end;
  if (p > end) throw new TruncatedStreamError(p, end);
  stream.pos = p;
  state.significant = n;
  state.lowestPlane = k + 1;
  return p - start;
}

// The unary scan after a passed group test: the zero bits before the next one bit, read on past
// the window `w` (the next `avail` bits at p) while fewer than `limit` were found; callers clamp
// the count to `limit`.
function zerosBefore(stream: BitReader, p: number, w: number, avail: number, limit: number): number {
  if (w !== 0) return 31 - Math.clz32(w & (0 - w));
  let zeros = avail;
  while (zeros < limit) {
    const x = stream.window(p + zeros);
    if (x !== 0) return zeros + 31 - Math.clz32(x & (0 - x));
    zeros += 32;
  }
  return zeros;
}

// Zeroing in a loop measured 17% faster decoding of int32 2D prec16 blocks (112 -> 93 ns), 2.5%
// on float32 3D; fill (a runtime call) stays 2.4% faster from 128 words (float64 3D).
function zeroWords(block: Int32Array, count: number): void {
  if (count > 64) block.fill(0, 0, count);
  else {
    for (let i = 0; i < count; i += 4) {
      block[i] = 0;
      block[i + 1] = 0;
      block[i + 2] = 0;
      block[i + 3] = 0;
    }
  }
}

// transpose32 (bit-plane.ts) with its last stages in a loop of this function, and each row r
// stored to out[(perm[first + r] << shift) + h]: one call per 32 planes of a group instead of
// four calls of finishBlock8, too large to be inlined (measured decodeCoefficients float32 3D
// rate 8 956 -> 898 ns a block, reversible 942 -> 852, int64 3D rate 8 1390 -> 1316, tol1e-3
// 1555 -> 1416; A/B best of 15). With `split` (1..31, 64-bit coefficients), rows are planes
// split..split+31 and each goes to both words of its coefficient, shifted into place.
function transposeOut32(
  a: Int32Array,
  o: number,
  out: Int32Array,
  perm: Uint8Array,
  first: number,
  shift: number,
  h: number,
  split: number,
): void {
  for (let k = o; k < o + 16; k++) {
    const t = ((a[k] >>> 16) ^ a[k + 16]) & 0x0000ffff;
    a[k] ^= t << 16;
    a[k + 16] ^= t;
  }
  for (let k = o; k < o + 8; k++) {
    let t = ((a[k] >>> 8) ^ a[k + 8]) & 0x00ff00ff;
    a[k] ^= t << 8;
    a[k + 8] ^= t;
    t = ((a[k + 16] >>> 8) ^ a[k + 24]) & 0x00ff00ff;
    a[k + 16] ^= t << 8;
    a[k + 24] ^= t;
  }
  for (let r = 0; r < 32; r += 8) {
    const b = o + r;
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
    const f = first + r;
    if (split === 0) {
      out[(perm[f] << shift) + h] = a0;
      out[(perm[f + 1] << shift) + h] = a1;
      out[(perm[f + 2] << shift) + h] = a2;
      out[(perm[f + 3] << shift) + h] = a3;
      out[(perm[f + 4] << shift) + h] = a4;
      out[(perm[f + 5] << shift) + h] = a5;
      out[(perm[f + 6] << shift) + h] = a6;
      out[(perm[f + 7] << shift) + h] = a7;
    } else {
      // Rows are planes split..split+31 of 64-bit coefficients: both words of each.
      const rest = 32 - split;
      let i = 2 * perm[f];
      out[i] = a0 << split;
      out[i + 1] = a0 >>> rest;
      i = 2 * perm[f + 1];
      out[i] = a1 << split;
      out[i + 1] = a1 >>> rest;
      i = 2 * perm[f + 2];
      out[i] = a2 << split;
      out[i + 1] = a2 >>> rest;
      i = 2 * perm[f + 3];
      out[i] = a3 << split;
      out[i + 1] = a3 >>> rest;
      i = 2 * perm[f + 4];
      out[i] = a4 << split;
      out[i + 1] = a4 >>> rest;
      i = 2 * perm[f + 5];
      out[i] = a5 << split;
      out[i + 1] = a5 >>> rest;
      i = 2 * perm[f + 6];
      out[i] = a6 << split;
      out[i + 1] = a6 >>> rest;
      i = 2 * perm[f + 7];
      out[i] = a7 << split;
      out[i + 1] = a7 >>> rest;
    }
  }
}

// 2D blocks: the transposition of planes a[o..o+31] (16 bits each) into coefficients
// out[(perm[c] << shift) + h], c = 0..15. Only the 16 rows that hold coefficients are built: the
// swap of 16-row blocks reduces to a merge, since the planes have no bits above 15.
function transpose16(
  a: Int32Array,
  o: number,
  out: Int32Array,
  perm: Uint8Array,
  shift: number,
  h: number,
): void {
  for (let r = o; r < o + 16; r++) a[r] |= a[r + 16] << 16;
  swapBlocks8(a, o);
  finishBlock8(a, o, out, perm, 0, shift, h);
  finishBlock8(a, o + 8, out, perm, 8, shift, h);
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
  if (size === 4) return decodePlanes4(state, stream, block, perm, words, maxbits, planes);
  if (size === 16) return decodePlanes16(state, stream, block, perm, words, maxbits, planes);
  return decodePlanesGrouped(state, stream, block, perm, words, size, maxbits, planes);
}

// decodePlanes for 3D and 4D blocks (groups of 32 coefficients). The block coder calls the three
// decoders itself, by size (float64 1D rate 8 decodeCoefficients 97 -> 92 ns a block, int64 54 ->
// 47, int32 1D rate 8 noisy 86 -> 78; A/B best of 15-21).
export function decodePlanesGrouped(
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
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const last = size - 1;
  const start = stream.pos;
  let p = start;
  const groups = size >> 5; // 3D and 4D blocks: 2 or 8 groups of 32 coefficients
  let bits = Math.min(maxbits, MAX_BUDGET) | 0;
  let n = 0;
  let k = precision - 1;
  let ones = 0; // verbatim bits read (a measure of the work left for depositing)
  // Leading zero planes: a run of 0 bits (failed group tests).
  if (bits > 0 && k >= kmin) {
    const w = stream.window(p);
    let zeros = w === 0 ? 32 : 31 - Math.clz32(w & (0 - w));
    if (zeros === 32) while (zeros < precision && stream.window(p + zeros) === 0) zeros += 32;
    const skip = Math.min(zeros, bits, k - kmin + 1);
    for (let i = 0; i < skip; i++) for (let g = 0; g < groups; g++) scratch[64 * g + k - i] = 0;
    p += skip;
    bits -= skip;
    k -= skip;
  }
  const top = k; // highest plane that may hold a one bit
  for (; bits > 0 && k >= kmin; k--) {
    const c = Math.min(n, bits);
    bits -= c;
    ones += c;
    // Verbatim bits of the significant coefficients: whole plane words (the rest zeroed).
    // Group tests and scans then read from a local window: w holds the next `avail` bits (zeros
    // above); fewer than 32 verbatim bits leave the rest of their window in it (one window read a
    // plane instead of two: measured decodeCoefficients float32 3D prec16 592 -> 533 ns a block,
    // rate 8 -12%, int32 2D rate 8 423 -> 332; A/B best of 20, both orders).
    let w = 0;
    let avail = 0;
    let first = 0;
    if (c < 32) {
      const x = stream.window(p);
      scratch[k] = x & ((1 << c) - 1);
      w = (x >>> c) | 0;
      avail = 32 - c;
      first = 32;
    } else {
      for (; first < c; first += 32) {
        let x = stream.window(p + first);
        if (c - first < 32) x &= (1 << (c - first)) - 1;
        scratch[2 * first + k] = x;
      }
    }
    for (; first < size; first += 32) scratch[2 * first + k] = 0;
    p += c;
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
      w = (w >>> 1) | 0;
      if (one === 0) break;
      // unary scan: zeros up to the next one, at most `limit` bits
      const limit = Math.min(bits, last - n);
      let zeros = zerosBefore(stream, p, w, avail, limit);
      const used = zeros < limit ? zeros + 1 : limit;
      if (zeros >= limit) zeros = limit;
      p += used;
      bits -= used;
      if (used < avail) {
        w = (w >>> used) | 0;
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
  // Planes k+1..precision-1 were read. Move them into the coefficients: by transposition when
  // there are many bits, else one one-bit at a time.
  if (n <= 16 && ones >= TRANSPOSE16_THRESHOLD) {
    // Only coefficients 0..15 (coded order) can be nonzero: 3D or 4D blocks with few significant
    // coefficients.
    zeroWords(block, size * words);
    for (let h = 0; h < words; h++) {
      const first = 32 * h;
      if (first + 31 <= k) continue;
      for (let plane = first; plane <= k; plane++) scratch[plane] = 0;
      transpose16(scratch, first, block, perm, words - 1, h);
    }
  } else if (ones >= TRANSPOSE_THRESHOLD && words === 2 && k < 31 && top >= 32 && top - k <= 32) {
    // 64-bit blocks whose planes read (at most 32) straddle the halves: one transposition of
    // planes k+1..k+32 a group, split into both words (transposeOut32's `split`) instead of one
    // a half (measured decodeCoefficients int64 3D rate 8 smooth 1369 -> 954 ns a block, noisy
    // 990 -> 716; A/B best of 15).
    for (let g = 0; g < groups; g++)
      transposeOut32(scratch, 64 * g + k + 1, block, perm, 32 * g, 1, 0, k + 1);
  } else if (ones >= TRANSPOSE_THRESHOLD) {
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
        // The transposition's last stage stores straight into the block (decompress measured
        // faster than through the scratch by 10-12% for float32 3D at rate 8 and reversible,
        // 6-11% for float64 and 15% for int64).
        transposeOut32(scratch, o, block, perm, 32 * g, words - 1, h, 0);
      }
    }
  } else {
    zeroWords(block, size * words);
    // Only groups holding coefficients 0..n-1 have one bits, and only planes below the skipped ones.
    // Group-major with a shift for the word index: measured 1-5% faster decodeCoefficients on
    // float32/float64 3D prec16 than plane-major with a multiply (A/B best of 20, both orders).
    const used = (n + 31) >> 5;
    const shift = words - 1;
    for (let g = 0; g < used; g++) {
      for (let plane = top; plane > k; plane--) {
        let x = scratch[64 * g + plane];
        if (x === 0) continue;
        const off = plane >> 5;
        const bit = 1 << (plane & 31);
        do {
          const i = 32 * g + (31 - Math.clz32(x & (0 - x)));
          block[(perm[i] << shift) + off] |= bit;
          x &= x - 1;
        } while (x !== 0);
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

// Every path of decodePlanesGrouped runs once at load, in the interpreter, so that each of its tests and
// calls has type feedback before the function is optimized. A site without feedback made the
// optimized code deoptimize when a new kind of block first reached it, and in some processes the
// same optimized code then deoptimized there again at every such block (500-3200 'Insufficient
// type feedback' deopts of decodePlanes in 3 of 12 runs of a process decoding float32, then
// float64, int32 and int64 3D blocks in four modes, then float32; none in 14 runs with this;
// hoisting the path tests out of && only moved the storm to the next site). Costs about 0.6 ms at
// load (and compiles what the first 3D block would), and 0-2% on float32 3D decompress in a
// process that decodes nothing else (A/B best of 15). 3D blocks only: warming the 1D and 2D
// decoders too had them inlined into decodePlanes (their call sites then had feedback) and
// float32 3D rate 8 decompress took 1.68x. Blocks of random bits: [ones per byte from AND (> 0)
// or OR (< 0) of that many random bytes, leading zero bits, words, planes, budget], each taking
// the path named beside it.
const WARM_UP = [
  [5, 0, 1, 16, 100], // one-bit deposits, more than 16 significant
  [6, 0, 2, 64, 100], // no one bit (leading zeros past a window)
  [5, 0, 1, 64, 300], // transposeOut32
  [4, 0, 1, 16, 100], // transpose16
  [5, 0, 2, 16, 100], // 64-bit: one-bit deposits, high words
  [5, 30, 2, 64, 100], // one-bit deposits, both words
  [5, 0, 2, 64, 300], // transposeOut32, high words
  [5, 30, 2, 64, 300], // transposeOut32, both words
  [5, 0, 2, 64, 600], // transposeOut32 straddling the words
  [4, 0, 2, 16, 100], // transpose16, high words
  [3, 30, 2, 64, 100], // transpose16, both words
] as const;

function warmUp(): void {
  const state = new PlaneState();
  const reader = new BitReader();
  const block = new Int32Array(512);
  const bytes = new Uint8Array(128);
  for (const [mix, zeros, words, planes, maxbits] of WARM_UP) {
    let seed = 1;
    for (let i = 0; i < 128; i++) {
      let byte = mix > 0 ? 255 : 0;
      for (let j = 0; j < Math.abs(mix); j++) {
        seed = (Math.imul(seed, 1103515245) + 12345) | 0;
        byte = mix > 0 ? byte & (seed >>> 16) : byte | (seed >>> 16);
      }
      bytes[i] = 8 * i + 8 <= zeros ? 0 : 8 * i < zeros ? byte & 255 & (255 << (zeros & 7)) : byte;
    }
    reader.attach(new BitStream(bytes));
    decodePlanesGrouped(state, reader, block, PERMUTATIONS[3], words, 64, maxbits, planes);
    reader.drop();
  }
}
warmUp();
