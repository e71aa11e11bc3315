// Walks a stream's blocks without reconstructing values, to find where each block starts (the
// bit layout of src/template/decode{f,i}.c, revdecode{f,}.c and decode.c's decode_ints, read
// only for its lengths: no transform, no negabinary, no coefficient is stored).
import { asBytes, type BufferSource, TruncatedStreamError } from "@zfpjs/bitstream";
import type { ScalarType, ZfpConfig } from "./config.js";
import { type ScalarTraits, traitsOf } from "./traits.js";

// Zero words after the data: one block never reads more than ZFP_MAX_BITS (16658) bits, so a
// block that starts inside the data reads at most this far past it before the end check.
const TAIL_WORDS = Math.ceil(16658 / 32) + 2;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Finds block boundaries in a zfp stream of one scalar type, dimensionality and parameter set by
 * reading only the bits that steer the decoder (exponents, precisions, group tests and the
 * positions of leading ones) and skipping the bit planes' verbatim bits in bulk. It walks the
 * variable-length blocks of the fixed-precision, fixed-accuracy, reversible and expert modes;
 * its offsets are those {@link decompress} reaches.
 *
 * @example
 * ```ts
 * const skimmer = new BlockSkimmer(bytes, fixedAccuracy(1e-3), "float", 3);
 * const third = skimmer.skip(0, 2); // bit offset of block 2 of a header-less stream
 * ```
 */
export class BlockSkimmer {
  /** Bits in the stream's data. */
  readonly availableBits: number;
  // The stream as little-endian 32-bit words (bit i of the stream is bit i % 32 of word i / 32),
  // followed by TAIL_WORDS zero words.
  private readonly words: Uint32Array;
  private readonly size: number;
  private readonly precision: number;
  private readonly ebits: number;
  private readonly ebias: number;
  private readonly pbits: number;
  private readonly isFloat: boolean;
  private readonly reversible: boolean;
  private readonly dims: number;
  private readonly minbits: number;
  private readonly maxbits: number;
  private readonly maxprec: number;
  private readonly minexp: number;
  private pos = 0;

  constructor(data: BufferSource, config: ZfpConfig, type: ScalarType, dims: 1 | 2 | 3 | 4) {
    const bytes = asBytes(data);
    const traits: ScalarTraits = traitsOf(type);
    this.words = new Uint32Array(Math.ceil(bytes.length / 4) + TAIL_WORDS);
    if (LITTLE_ENDIAN) new Uint8Array(this.words.buffer).set(bytes);
    else {
      const view = new DataView(this.words.buffer);
      for (let i = 0; i < bytes.length; i++) view.setUint8(i, bytes[i]!);
      for (let i = 0; i < this.words.length; i++) this.words[i] = view.getUint32(4 * i, true);
    }
    this.availableBits = bytes.length * 8;
    this.size = 1 << (2 * dims);
    this.dims = dims;
    this.precision = traits.precision;
    this.ebits = traits.ebits;
    this.ebias = traits.ebias;
    this.pbits = traits.pbits;
    this.isFloat = traits.isFloat;
    this.reversible = config.minexp < -1074;
    this.minbits = config.minbits;
    this.maxbits = config.maxbits;
    this.maxprec = config.maxprec;
    this.minexp = config.minexp;
  }

  /**
   * The bit offset `count` blocks after the block that starts at bit `start`. Throws
   * {@link TruncatedStreamError} when a block would end past the data.
   */
  skip(start: number, count: number): number {
    this.pos = start;
    for (let b = 0; b < count; b++) {
      if (!this.isFloat) {
        if (this.reversible) this.skimReversibleInts(this.minbits, this.maxbits);
        else this.skimInts(this.minbits, this.maxbits, this.maxprec);
      } else if (this.reversible) this.skimReversibleFloats();
      else this.skimFloats();
      if (this.pos > this.availableBits) throw new TruncatedStreamError(this.pos, this.availableBits);
    }
    return this.pos;
  }

  // 32 bits from bit `p` (p may exceed 2^32: `& 31` keeps the low bits of any safe integer).
  private peek(p: number): number {
    const s = p & 31;
    const i = (p - s) / 32;
    const low = this.words[i]! >>> s;
    return s === 0 ? low : (low | (this.words[i + 1]! << (32 - s))) >>> 0;
  }

  private readBits(n: number): number {
    const value = n === 32 ? this.peek(this.pos) : this.peek(this.pos) & ((1 << n) - 1);
    this.pos += n;
    return value >>> 0;
  }

  // The embedded coder's bits (decode_ints / decode_many_ints): `budget` bits at most (a
  // wrapped uint32 means none), planes precision-1 down to precision-planes. Returns bits used.
  private skimPlanes(budget: number, planes: number): number {
    const size = this.size;
    const kmin = planes < this.precision ? this.precision - planes : 0;
    let r = budget;
    let n = 0;
    let pos = this.pos;
    for (let k = this.precision; k-- > kmin && r > 0; ) {
      if (n === size) {
        // Every coefficient is significant: the remaining planes are verbatim bits only.
        const rest = Math.min(r, (k - kmin + 1) * size);
        pos += rest;
        r -= rest;
        break;
      }
      const c = Math.min(n, r);
      pos += c;
      r -= c;
      while (r > 0 && n < size) {
        // Group test: is any of the coefficients n.. significant in this plane? One window
        // holds the test bit and the first 31 bits of the scan that follows it (skimming 128^3
        // float streams: 20 % less CPU time than a read for each).
        const window = this.peek(pos);
        pos++;
        r--;
        if ((window & 1) === 0) break;
        // Scan for the next leading one among at most m bits (the last coefficient's is implied).
        const m = Math.min(r, size - 1 - n);
        let t = Math.min(m, 31);
        let w = t < 31 ? (window >>> 1) & ((1 << t) - 1) : window >>> 1;
        if (w !== 0) t = 31 - Math.clz32(w & -w);
        while (w === 0 && t < m) {
          const chunk = Math.min(m - t, 32);
          w = this.peek(pos + t);
          if (chunk < 32) w &= (1 << chunk) - 1;
          t += w !== 0 ? 31 - Math.clz32(w & -w) : chunk;
        }
        if (t < m) {
          // A one at position t ends the scan: t zeros and the one.
          pos += t + 1;
          r -= t + 1;
          n += t + 1;
        } else {
          pos += m;
          r -= m;
          n += m + 1;
        }
      }
    }
    this.pos = pos;
    return budget - r;
  }

  private skimInts(minbits: number, maxbits: number, planes: number): void {
    const bits = this.skimPlanes(maxbits, planes);
    if (bits < minbits) this.pos += minbits - bits;
  }

  private skimReversibleInts(minbits: number, maxbits: number): void {
    const pbits = this.pbits;
    const planes = this.readBits(pbits) + 1;
    const bits = pbits + this.skimPlanes((maxbits - pbits) >>> 0, planes);
    if (bits < minbits) this.pos += minbits - bits;
  }

  private skimFloats(): void {
    const minbits = this.minbits;
    if (this.readBits(1) === 0) {
      if (minbits > 1) this.pos += minbits - 1;
      return;
    }
    const head = 1 + this.ebits;
    const emax = this.readBits(this.ebits) - this.ebias;
    // As the decoder's precision: int32 arithmetic, then clamped to [0, maxprec].
    const p = (((emax - this.minexp) | 0) + 2 * (this.dims + 1)) | 0;
    const planes = Math.min(this.maxprec, Math.max(0, p));
    this.skimInts(minbits - Math.min(head, minbits), (this.maxbits - head) >>> 0, planes);
  }

  private skimReversibleFloats(): void {
    const { minbits, maxbits } = this;
    if (this.readBits(1) === 0) return; // all +0.0: one bit, never padded (see DIFFERENCES.md)
    if (this.readBits(1) === 0) {
      const head = 2 + this.ebits;
      this.pos += this.ebits;
      this.skimReversibleInts(minbits - Math.min(head, minbits), (maxbits - head) >>> 0);
      return;
    }
    this.skimReversibleInts(minbits - Math.min(2, minbits), (maxbits - 2) >>> 0);
  }
}
