// One block through zfp's codecs for every type and mode (mirrors src/template/{encode,decode}{f,i}.c and rev{encode,decode}{f,}.c).
//
// Decoding is two stages with the state between them in a CodedBlock: decodeCoefficients reads a
// block's header and bit planes (sequential: each block starts where the last ended), reconstruct
// turns the coefficients into values (inverse transform, conversion, scatter) at any position of
// any field (independent per block, so it can run elsewhere or later).
import { BitReader, type BitStream, TruncatedStreamError } from "@zfpjs/bitstream";
import { PlaneState } from "./bit-plane.js";
import { decodePlanes4, decodePlanes16, decodePlanesGrouped } from "./bit-plane-decode.js";
import { encodePlanes, type LowWords } from "./bit-plane-encode.js";
import {
  blockExponent,
  doubleToIntsExact,
  fieldMaxBits,
  floatBlockExponent,
  floatPowerIndex,
  floatToIntsExact,
  intsToDouble,
  intsToFloat,
  POWER_TABLE,
  powerIndex,
} from "./block-float.js";
import { checkConfig, isReversible, type ZfpConfig } from "./config.js";
import type { FieldLayout } from "./field.js";
import { gatherBlock, scatterBlock, zeroBlock } from "./gather.js";
import { fromNegabinary, toNegabinary } from "./negabinary.js";
import { PERMUTATIONS } from "./permutation.js";
import { planesNeeded, planesOf32, reinterpret, sameBits } from "./reversible.js";
import { smallInt } from "./small-int.js";
import type { ScalarTraits } from "./traits.js";
import {
  forwardDoublesHigh64,
  forwardDoublesToNegabinary64,
  forwardFloatsToNegabinary32,
  forwardIntsToNegabinary32,
  forwardIntsToNegabinary64,
  forwardTransformToNegabinary64,
  reversibleForwardToNegabinary32,
  reversibleForwardTransform,
} from "./transform-forward.js";
import {
  inverseTransformFromNegabinary32,
  inverseTransformFromNegabinary64,
  inverseTransformToFloat,
  inverseTransformToInt32,
  inverseTransformWide,
  reversibleInverseTransform,
  wideFromPairs,
} from "./transform-inverse.js";

const MAX_WORDS = 512; // 4^4 values of 64 bits

/** A {@link CodedBlock} whose values are all zero (+0.0 for floats): nothing to reconstruct. */
export const BLOCK_ZERO = 0;
/** Lossy coefficients in negabinary; float blocks also carry their exponent. */
export const BLOCK_LOSSY = 1;
/** Reversible coefficients in negabinary; float blocks carry their exponent (exactly converted values). */
export const BLOCK_EXACT = 2;
/** Reversible coefficients in negabinary of float bit patterns (values stored as integers). */
export const BLOCK_RAW = 3;

/**
 * One block between the two decoding stages: what {@link BlockCoder.decodeCoefficients} read, and
 * all that {@link BlockCoder.reconstruct} needs. Reconstruction transforms the coefficients in
 * place, so a block is reconstructed once.
 */
export class CodedBlock {
  /** Coefficients in block index order, one 32-bit word per value (two for 64-bit types, low first). */
  readonly coefficients = new Int32Array(MAX_WORDS);
  /** BLOCK_ZERO, BLOCK_LOSSY, BLOCK_EXACT or BLOCK_RAW. */
  kind = BLOCK_ZERO;
  /** Block exponent of float blocks (lossy, exact). */
  emax = 0;
  /** Lowest bit plane read: 32 or more means the low halves of 64-bit coefficients are zero. */
  lowestPlane = 0;
}

// C's (uint)(a - b) for uint32 a and b.
function uintSub(a: number, b: number): number {
  return (a - b) >>> 0;
}

const NO_DOUBLES = new Float64Array(0);

/**
 * A double block whose coefficients' high words came from forwardDoublesHigh64: {@link fill} runs
 * the exact transform (forwardDoublesToNegabinary64, same high words) for the low words.
 */
class PendingLowWords implements LowWords {
  private values: Float64Array = NO_DOUBLES;
  private scale = 0;
  private origin = 0;
  private sx = 0;
  private sy = 0;
  private sz = 0;
  private sw = 0;

  constructor(
    private readonly ints: Int32Array,
    private readonly dims: number,
  ) {}

  set(
    values: Float64Array,
    scale: number,
    origin: number,
    sx: number,
    sy: number,
    sz: number,
    sw: number,
  ): void {
    this.values = values;
    this.scale = scale;
    this.origin = origin;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.sw = sw;
  }

  fill(): void {
    const { values, ints, dims, scale, origin, sx, sy, sz, sw } = this;
    forwardDoublesToNegabinary64(values, ints, dims, scale, origin, sx, sy, sz, sw);
  }

  // Drops the reference to the field (pooled coders outlive the call).
  release(): void {
    this.values = NO_DOUBLES;
  }
}

/**
 * Encodes and decodes single blocks for one scalar type and dimensionality, with the parameters of
 * the last {@link configure}. All scratch memory belongs to the coder: a block costs no
 * allocation. Coders are pooled ({@link acquireCoder}), so a call on a small array builds none.
 */
export class BlockCoder {
  /** The block's values as 32-bit words (two per value for 64-bit types, low first), block order. */
  readonly values = new Int32Array(MAX_WORDS);
  /** The coder's own block for {@link decode}, and its reader (decompress's: no allocation per call). */
  readonly block = new CodedBlock();
  readonly reader = new BitReader();
  /** Values per block: 4^dims. */
  readonly size: number;
  readonly traits: ScalarTraits;
  readonly dims: 1 | 2 | 3 | 4;
  private readonly words: 1 | 2;
  private readonly perm: Uint8Array;
  private minbits = 0;
  private maxbits = 0;
  private maxprec = 0;
  private minexp = 0;
  private reversible = false;
  private readonly planeState = new PlaneState();
  private readonly floats32: Float32Array;
  private readonly floats64: Float64Array;
  // The integers the forward transform and coder work on: `values` itself for integer types.
  private readonly ints: Int32Array;
  private readonly check = new Int32Array(MAX_WORDS);
  private readonly check32: Float32Array;
  private readonly check64: Float64Array;
  // Lossy double blocks: the double-precision forward transform, and the exact one on demand.
  private readonly lifted = new Float64Array(64);
  private readonly pending: PendingLowWords;
  // Lossy 64-bit blocks decoded through the double-precision inverse transform.
  private readonly wide = new Float64Array(256);

  constructor(traits: ScalarTraits, dims: 1 | 2 | 3 | 4, config: ZfpConfig) {
    this.traits = traits;
    this.dims = dims;
    this.words = traits.words;
    this.size = 1 << (2 * dims);
    this.perm = PERMUTATIONS[dims];
    this.ints = traits.isFloat ? new Int32Array(MAX_WORDS) : this.values;
    this.floats32 = new Float32Array(this.values.buffer);
    this.floats64 = new Float64Array(this.values.buffer);
    this.check32 = new Float32Array(this.check.buffer);
    this.check64 = new Float64Array(this.check.buffer);
    this.pending = new PendingLowWords(this.ints, dims);
    this.configure(config);
  }

  /** Takes the parameters of `config` (validated: InvalidArgumentError, InvalidParameterError). */
  configure(config: ZfpConfig): void {
    checkConfig(config);
    // Small integers where they fit (see smallInt): one field representation for every config.
    this.minbits = smallInt(config.minbits);
    this.maxbits = smallInt(config.maxbits);
    this.maxprec = smallInt(config.maxprec);
    this.minexp = smallInt(config.minexp);
    this.reversible = isReversible(config);
  }

  // ---- encoding ----------------------------------------------------------------------------

  /** Encodes the block in {@link values}; returns the bits written. */
  encode(stream: BitStream): number {
    if (!this.traits.isFloat) {
      return this.reversible
        ? this.encodeReversibleInts(stream, this.minbits, this.maxbits)
        : this.encodeInts(stream, this.minbits, this.maxbits, this.maxprec);
    }
    return this.reversible ? this.encodeReversibleFloats(stream) : this.encodeFloats(stream);
  }

  /**
   * Encodes the block of `field` whose first element is `origin` and that has cx*cy*cz*cw values
   * (a partial block is padded as zfp pads it); returns the bits written.
   */
  encodeBlock(
    stream: BitStream,
    field: FieldLayout,
    origin: number,
    cx: number,
    cy: number,
    cz: number,
    cw: number,
  ): number {
    const { sx, sy, sz, sw } = field;
    const dims = this.dims;
    if (
      !this.reversible &&
      cx === 4 &&
      (dims < 2 || cy === 4) &&
      (dims < 3 || cz === 4) &&
      (dims < 4 || cw === 4)
    ) {
      // Full lossy integer blocks, and float blocks of normal numbers, are read in place without
      // a gather (float ones take the exponent from the field's bit patterns), the values by the
      // transform's first pass (float32 3D rate 8 noisy compress 47.2 -> 45.5 ms CPU, 2D tol1e-3
      // noisy 3% less; float64 2D tol1e-3 smooth 5% less, 3D rate 8 noisy 7%; int32 1D prec16
      // smooth 9-12% less, 2D rate 8 smooth 1-3%; int64 1D rate 8 noisy 17%, 2D and 3D +-3%).
      if (!this.traits.isFloat) return this.encodeIntsAt(stream, field.words, origin, sx, sy, sz, sw);
      const max = fieldMaxBits(field.words, this.words, dims, origin, sx, sy, sz, sw);
      if (this.words === 1) {
        if (max >= 0x00800000 && max < 0x7f800000) {
          const emax = Math.max((max >>> 23) - 126, 1 - this.traits.ebias);
          return this.encodeFloats32(stream, emax, field.data as Float32Array, origin, sx, sy, sz, sw);
        }
      } else if (max >= 0x00100000 && max < 0x7ff00000) {
        const emax = Math.max((max >>> 20) - 1022, 1 - this.traits.ebias);
        return this.encodeFloats64(stream, emax, field.data as Float64Array, origin, sx, sy, sz, sw);
      }
    }
    gatherBlock(this.values, field.words, this.words, dims, origin, sx, sy, sz, sw, cx, cy, cz, cw);
    return this.encode(stream);
  }

  // lossy integer block (encode.c encode_block)
  private encodeInts(stream: BitStream, minbits: number, maxbits: number, planes: number): number {
    const { ints, words, size } = this;
    // 32-bit blocks: the transform's OR gives the leading zero planes (int32 2D rate 8 smooth
    // compress 4% faster, 3D prec16 noisy 9%, than encodePlanes counting them).
    let zeros = -1;
    if (words === 1) zeros = Math.clz32(forwardIntsToNegabinary32(ints, ints, this.dims, 0, 1, 4, 16, 64));
    else {
      // 64-bit blocks: the high words' OR gives them unless it is 0 (float64 2D tol1e-3 smooth
      // compress 5% faster, int64 2D rate 8 smooth 8%).
      const high = forwardTransformToNegabinary64(ints, this.dims);
      if (high !== 0) zeros = Math.clz32(high);
    }
    const bits = encodePlanes(this.planeState, stream, ints, this.perm, words, size, maxbits, planes, zeros);
    return this.padTo(stream, bits, minbits);
  }

  // A lossy int32 or int64 block read in place from `src` (words) at `origin` (strides sx, sy,
  // sz, sw).
  private encodeIntsAt(
    stream: BitStream,
    src: Int32Array,
    origin: number,
    sx: number,
    sy: number,
    sz: number,
    sw: number,
  ): number {
    const { ints, words } = this;
    let zeros: number;
    if (words === 1)
      zeros = Math.clz32(forwardIntsToNegabinary32(src, ints, this.dims, origin, sx, sy, sz, sw));
    else {
      const high = forwardIntsToNegabinary64(src, ints, this.dims, origin, sx, sy, sz, sw);
      zeros = high !== 0 ? Math.clz32(high) : -1;
    }
    const bits = encodePlanes(
      this.planeState,
      stream,
      ints,
      this.perm,
      words,
      this.size,
      this.maxbits,
      this.maxprec,
      zeros,
    );
    return this.padTo(stream, bits, this.minbits);
  }

  private padTo(stream: BitStream, bits: number, minbits: number): number {
    if (bits >= minbits) return bits;
    stream.pad(minbits - bits);
    return minbits;
  }

  // reversible integer block (revencode.c)
  private encodeReversibleInts(stream: BitStream, minbits: number, maxbits: number): number {
    const { ints, words, size } = this;
    let needed: number;
    let zeros = -1;
    if (words === 1) {
      // One pass for transform and negabinary, whose OR gives the planes needed and the leading
      // zero planes (with reinterpret without branches: float32 3D reversible compress 11% faster).
      const or = reversibleForwardToNegabinary32(ints, this.dims);
      needed = planesOf32(or);
      zeros = Math.clz32(or);
    } else {
      reversibleForwardTransform(ints, this.dims, words);
      toNegabinary(ints, size, words);
      needed = planesNeeded(ints, size, words);
    }
    const planes = Math.max(Math.min(needed, this.maxprec), 1);
    const pbits = this.traits.pbits;
    stream.writeBits(planes - 1, pbits);
    const coded = encodePlanes(
      this.planeState,
      stream,
      ints,
      this.perm,
      words,
      size,
      uintSub(maxbits, pbits),
      planes,
      zeros,
    );
    return this.padTo(stream, pbits + coded, minbits);
  }

  private planesFor(emax: number): number {
    const p = (((emax - this.minexp) | 0) + 2 * (this.dims + 1)) | 0;
    return Math.min(this.maxprec, Math.max(0, p));
  }

  private exponent(): number {
    if (this.words === 1) return floatBlockExponent(this.values, this.floats32, this.size, this.traits.ebias);
    return blockExponent(this.floats64, this.size, this.traits.ebias);
  }

  // lossy floating-point block (encodef.c)
  private encodeFloats(stream: BitStream): number {
    const emax = this.exponent();
    if (this.words === 1) return this.encodeFloats32(stream, emax, this.floats32, 0, 1, 4, 16, 64);
    return this.encodeFloats64(stream, emax, this.floats64, 0, 1, 4, 16, 64);
  }

  // The block's first bits: 0 when it codes no plane (returns 1), else 1 and the biased exponent
  // (returns 1 + ebits).
  private floatHead(stream: BitStream, emax: number, planes: number): number {
    const { ebits, ebias } = this.traits;
    const e = planes > 0 ? emax + ebias : 0;
    if (e === 0) {
      stream.writeBit(0);
      return 1;
    }
    stream.writeBits(2 * e + 1, 1 + ebits);
    return 1 + ebits;
  }

  // A lossy float block of exponent `emax` whose values are at `origin` of `values` (strides sx,
  // sy, sz, sw): conversion, transform and the count of leading zero planes in one pass.
  private encodeFloats32(
    stream: BitStream,
    emax: number,
    values: Float32Array,
    origin: number,
    sx: number,
    sy: number,
    sz: number,
    sw: number,
  ): number {
    const minbits = this.minbits;
    const planes = this.planesFor(emax);
    const head = this.floatHead(stream, emax, planes);
    if (head === 1) return this.padTo(stream, 1, minbits);
    const ints = this.ints;
    const scale = POWER_TABLE[floatPowerIndex(30 - emax)];
    const or = forwardFloatsToNegabinary32(values, ints, this.dims, scale, origin, sx, sy, sz, sw);
    const bits = encodePlanes(
      this.planeState,
      stream,
      ints,
      this.perm,
      1,
      this.size,
      uintSub(this.maxbits, head),
      planes,
      Math.clz32(or),
    );
    return head + this.padTo(stream, bits, minbits - Math.min(head, minbits));
  }

  // encodeFloats32 for doubles: conversion fused into the transform's first pass.
  private encodeFloats64(
    stream: BitStream,
    emax: number,
    values: Float64Array,
    origin: number,
    sx: number,
    sy: number,
    sz: number,
    sw: number,
  ): number {
    const minbits = this.minbits;
    const planes = this.planesFor(emax);
    const head = this.floatHead(stream, emax, planes);
    if (head === 1) return this.padTo(stream, 1, minbits);
    const { ints, size, dims } = this;
    const scale = POWER_TABLE[powerIndex(62 - emax)];
    const budget = uintSub(this.maxbits, head);
    // The high words from the transform on doubles (forwardDoublesHigh64), unless one is too
    // close to call, and the low words only if the coder reaches plane 31 (`pending`). It does
    // not when the planes stop above 32 or the budget (each plane costs at least one bit) is 32
    // bits or less (float64 1D rate 8 compress -4 to -7%), and seldom with budgets below 16 bits
    // a value (float64 rate 8 compress, separate processes, median of 3 bests: 2D smooth 101.2
    // -> 91.9 ms CPU, noisy 71.9 -> 60.4, 3D smooth 88.4 -> 71.3, noisy 71.7 -> 55.5). Larger
    // budgets reach it often, and precision 48 without a budget was 11% slower through here.
    let high = 0;
    let low: LowWords | null = null;
    const certain = planes <= 32 || budget <= 32;
    if (dims <= 3 && (certain || budget < 16 * size)) {
      high = forwardDoublesHigh64(values, ints, this.lifted, dims, scale, origin, sx, sy, sz, sw);
      if (high !== 0 && !certain) {
        this.pending.set(values, scale, origin, sx, sy, sz, sw);
        low = this.pending;
      }
    }
    if (high === 0) high = forwardDoublesToNegabinary64(values, ints, dims, scale, origin, sx, sy, sz, sw);
    const bits = encodePlanes(
      this.planeState,
      stream,
      ints,
      this.perm,
      2,
      size,
      budget,
      planes,
      high !== 0 ? Math.clz32(high) : -1,
      low,
    );
    if (low !== null) this.pending.release();
    return head + this.padTo(stream, bits, minbits - Math.min(head, minbits));
  }

  // reversible floating-point block (revencodef.c)
  private encodeReversibleFloats(stream: BitStream): number {
    const { ebits, ebias } = this.traits;
    const { size, words, ints, values, check } = this;
    const n = size * words;
    const emax = this.exponent();
    // Exact when rebuilding every value gives the same bit pattern; the conversion stops at the
    // first value that differs (float32 3D reversible compress 3-4% faster than converting,
    // rebuilding and comparing whole blocks).
    let exact: boolean;
    if (emax === -ebias) {
      ints.fill(0, 0, n);
      check.fill(0, 0, n);
      exact = sameBits(check, values, n);
    } else if (words === 1) {
      exact = floatToIntsExact(this.floats32, values, ints, this.check32, check, size, emax);
    } else {
      exact = doubleToIntsExact(this.floats64, values, ints, this.check64, check, size, emax);
    }
    const { minbits, maxbits } = this;
    if (exact) {
      const e = emax + ebias;
      if (e === 0) {
        // All +0.0: one bit, and (as in zfp 1.0) no padding to minbits.
        stream.writeBit(0);
        return 1;
      }
      const head = 2 + ebits;
      stream.writeBits(1, 2);
      stream.writeBits(e, ebits);
      return (
        head + this.encodeReversibleInts(stream, minbits - Math.min(head, minbits), uintSub(maxbits, head))
      );
    }
    // Reinterpret the bit patterns as two's complement integers.
    reinterpret(values, ints, size, words);
    stream.writeBits(3, 2);
    return 2 + this.encodeReversibleInts(stream, minbits - Math.min(2, minbits), uintSub(maxbits, 2));
  }

  // ---- decoding, stage 1: header and bit planes ------------------------------------------

  /**
   * Reads one block from `reader`'s position into `block` (its kind, exponent and coefficients);
   * returns the bits read, as zfp counts them. Throws TruncatedStreamError past the end.
   */
  decodeCoefficients(reader: BitReader, block: CodedBlock): number {
    if (!this.traits.isFloat) {
      const bits = this.reversible
        ? this.decodeReversibleInts(reader, block, this.minbits, this.maxbits)
        : this.decodePlanesOf(reader, block, this.minbits, this.maxbits, this.maxprec);
      block.kind =
        this.planeState.significant === 0 ? BLOCK_ZERO : this.reversible ? BLOCK_EXACT : BLOCK_LOSSY;
      return bits;
    }
    return this.reversible ? this.decodeReversibleFloats(reader, block) : this.decodeFloats(reader, block);
  }

  // Bit planes (decode.c decode_ints) padded to minbits; leaves what it found in planeState.
  private decodePlanesOf(
    reader: BitReader,
    block: CodedBlock,
    minbits: number,
    maxbits: number,
    planes: number,
  ): number {
    const state = this.planeState;
    const { words, size } = this;
    const bits =
      size === 4
        ? decodePlanes4(state, reader, block.coefficients, this.perm, words, maxbits, planes)
        : size === 16
          ? decodePlanes16(state, reader, block.coefficients, this.perm, words, maxbits, planes)
          : decodePlanesGrouped(state, reader, block.coefficients, this.perm, words, size, maxbits, planes);
    block.lowestPlane = state.lowestPlane;
    if (bits >= minbits) return bits;
    reader.skip(minbits - bits);
    return minbits;
  }

  // revdecode.c: the precision field, then the planes.
  private decodeReversibleInts(
    reader: BitReader,
    block: CodedBlock,
    minbits: number,
    maxbits: number,
  ): number {
    const pbits = this.traits.pbits;
    const planes = reader.readBits(pbits) + 1;
    const coded = this.decodePlanesOf(reader, block, 0, uintSub(maxbits, pbits), planes);
    const bits = pbits + coded;
    if (bits >= minbits) return bits;
    reader.skip(minbits - bits);
    return minbits;
  }

  // decodef.c
  private decodeFloats(reader: BitReader, block: CodedBlock): number {
    const { ebits, ebias } = this.traits;
    const minbits = this.minbits;
    // The flag bit and the exponent from one window, with readBit and readBits's checks (float64
    // and float32 1D rate 8 decodeCoefficients 94 -> 90 and 102 -> 97 ns a block, A/B best of 15).
    const p = reader.pos;
    const end = reader.end;
    if (p >= end) throw new TruncatedStreamError(p + 1, end);
    const w = reader.window(p);
    reader.pos = p + 1;
    if ((w & 1) === 0) {
      block.kind = BLOCK_ZERO;
      if (minbits <= 1) return 1;
      reader.skip(minbits - 1);
      return minbits;
    }
    const head = 1 + ebits;
    if (p + head > end) throw new TruncatedStreamError(p + head, end);
    reader.pos = p + head;
    const emax = ((w >>> 1) & ((1 << ebits) - 1)) - ebias;
    const rest = minbits - Math.min(head, minbits);
    const bits = this.decodePlanesOf(reader, block, rest, uintSub(this.maxbits, head), this.planesFor(emax));
    block.emax = emax;
    block.kind = this.planeState.significant === 0 ? BLOCK_ZERO : BLOCK_LOSSY;
    return head + bits;
  }

  // revdecodef.c
  private decodeReversibleFloats(reader: BitReader, block: CodedBlock): number {
    const { ebits, ebias } = this.traits;
    const { minbits, maxbits } = this;
    if (reader.readBit() === 0) {
      // All +0.0. zfp's decoder would skip to minbits here although its encoder does not pad;
      // zfpjs follows the encoder so streams stay in sync (see DIFFERENCES.md).
      block.kind = BLOCK_ZERO;
      return 1;
    }
    if (reader.readBit() === 0) {
      const head = 2 + ebits;
      const emax = reader.readBits(ebits) - ebias;
      const bits = this.decodeReversibleInts(
        reader,
        block,
        minbits - Math.min(head, minbits),
        uintSub(maxbits, head),
      );
      block.emax = emax;
      block.kind = emax === -ebias || this.planeState.significant === 0 ? BLOCK_ZERO : BLOCK_EXACT;
      return head + bits;
    }
    const bits = this.decodeReversibleInts(
      reader,
      block,
      minbits - Math.min(2, minbits),
      uintSub(maxbits, 2),
    );
    block.kind = this.planeState.significant === 0 ? BLOCK_ZERO : BLOCK_RAW;
    return 2 + bits;
  }

  // ---- decoding, stage 2: values ---------------------------------------------------------

  /**
   * Turns `block`'s coefficients into values (inverse transform, conversion) and stores the
   * cx*cy*cz*cw of them that lie in `field` at element `origin`; `field` null leaves all 4^d values
   * in {@link values} instead. Consumes the coefficients.
   */
  reconstruct(
    block: CodedBlock,
    field: FieldLayout | null,
    origin: number,
    cx: number,
    cy: number,
    cz: number,
    cw: number,
  ): void {
    const { dims, size, words } = this;
    const coefficients = block.coefficients;
    const kind = block.kind;
    // Full blocks of lossy floats, int32 and (reconstructWide) int64 go straight into the field
    // (no pass through values and scatter; for int32 measured reconstruction 1D rate 8 54 -> 49 ns
    // a block, 2D 134 -> 106, 3D 564 -> 433, whole decompress 2D -15%, 3D -7%; float32 within
    // noise; A/B best of 15-25).
    const full =
      field !== null &&
      kind === BLOCK_LOSSY &&
      cx === 4 &&
      (dims < 2 || cy === 4) &&
      (dims < 3 || cz === 4) &&
      (dims < 4 || cw === 4);
    const direct = full && this.traits.isFloat;
    let out = this.values; // what to scatter
    if (kind === BLOCK_ZERO) {
      // Zeros straight into the field (int64 2D prec16 smooth, all zero blocks, decompress
      // 19.7 -> 13.8 ms CPU, 1D 44.0 -> 28.7, 3D 9.6 -> 7.4; A/B best of 20).
      if (field !== null) {
        const { sx, sy, sz, sw } = field;
        zeroBlock(field.words, words, dims, origin, sx, sy, sz, sw, cx, cy, cz, cw);
        return;
      }
      out.fill(0, 0, size * words);
    } else if (kind === BLOCK_LOSSY) {
      // wideFromPairs also takes small-valued blocks with lower planes (int64 3D rate 8 smooth
      // decompress 77.2 -> 73.1 ms CPU, 2D 92.3 -> 91.4, A/B best of 20).
      if (
        words === 2 &&
        (block.lowestPlane >= 32 || wideFromPairs(coefficients, dims, block.lowestPlane, this.wide))
      ) {
        if (full) {
          this.reconstructWide(block, field, origin);
          return;
        }
        this.reconstructWide(block, null, 0);
      } else if (this.traits.isFloat) {
        if (words === 1) {
          // The power's index, not the double: a double passed to a call that is not inlined is
          // a heap number, 16 bytes a block.
          const power = floatPowerIndex(block.emax - 30);
          if (direct) {
            const { sx, sy, sz, sw } = field;
            inverseTransformToFloat(
              coefficients,
              dims,
              field.data as Float32Array,
              power,
              origin,
              sx,
              sy,
              sz,
              sw,
            );
            return;
          }
          inverseTransformToFloat(coefficients, dims, this.floats32, power, 0, 1, 4, 16, 64);
        } else {
          inverseTransformFromNegabinary64(coefficients, dims);
          intsToDouble(coefficients, this.floats64, size, block.emax);
        }
      } else {
        if (words === 1) {
          if (full) {
            const { sx, sy, sz, sw } = field;
            inverseTransformToInt32(coefficients, dims, field.words, origin, sx, sy, sz, sw);
            return;
          }
          inverseTransformFromNegabinary32(coefficients, dims);
        } else {
          inverseTransformFromNegabinary64(coefficients, dims);
        }
        out = coefficients;
      }
    } else {
      fromNegabinary(coefficients, size, words);
      reversibleInverseTransform(coefficients, dims, words);
      if (kind === BLOCK_RAW) reinterpret(coefficients, out, size, words);
      else if (!this.traits.isFloat) out = coefficients;
      else if (words === 1) intsToFloat(coefficients, this.floats32, size, block.emax);
      else intsToDouble(coefficients, this.floats64, size, block.emax);
    }
    if (field === null) {
      if (out !== this.values) this.values.set(out.subarray(0, size * words));
      return;
    }
    const { sx, sy, sz, sw } = field;
    scatterBlock(out, field.words, words, dims, origin, sx, sy, sz, sw, cx, cy, cz, cw);
  }

  // Lossy 64-bit blocks with no plane below 15 + 2 dims read: the coefficients are multiples of
  // 2^(15 + 2 dims), which the exact double-precision transform handles (transform-inverse.ts
  // inverseTransformWide; measured against the transform on pairs, int64 3D rate 8 noisy, lowest
  // planes 30-33, decompress 61.8 -> 57.6 ms CPU, 2D 59.7 -> 57.1, A/B best of 15), its
  // last pass storing the values into the field (when `field` is given, a full block) or into
  // values (block order).
  private reconstructWide(block: CodedBlock, field: FieldLayout | null, origin: number): void {
    const toDoubles = this.traits.isFloat;
    // (double)int64 is exact for these values (at most 48 significant bits).
    const scale = POWER_TABLE[powerIndex(block.emax - 62)];
    if (field === null) {
      inverseTransformWide(
        block.coefficients,
        this.dims,
        block.lowestPlane < 32, // converted by wideFromPairs
        this.wide,
        toDoubles,
        this.floats64,
        this.values,
        scale,
        0,
        1,
        4,
        16,
        64,
      );
      return;
    }
    const { sx, sy, sz, sw } = field;
    inverseTransformWide(
      block.coefficients,
      this.dims,
      block.lowestPlane < 32,
      this.wide,
      toDoubles,
      toDoubles ? (field.data as Float64Array) : this.floats64,
      field.words,
      scale,
      origin,
      sx,
      sy,
      sz,
      sw,
    );
  }

  /** Decodes one block from `reader` into {@link values} (both stages); returns the bits read. */
  decode(reader: BitReader): number {
    const bits = this.decodeCoefficients(reader, this.block);
    this.reconstruct(this.block, null, 0, 4, 4, 4, 4);
    return bits;
  }
}

// Free coders by type and dimensionality (index 4 * type index + dims - 1).
const POOL: BlockCoder[][] = Array.from({ length: 16 }, () => []);
const TYPE_INDEX = { int32: 0, int64: 1, float: 2, double: 3 } as const;

/**
 * A coder for `traits` and `dims` with `config`'s parameters, from the pool when one is free
 * (building one, eight typed arrays, was 36% of a call on a 4^3 float32 array in issue 13's profile). Give it back with
 * {@link releaseCoder}; a coder not given back is simply collected.
 */
export function acquireCoder(traits: ScalarTraits, dims: 1 | 2 | 3 | 4, config: ZfpConfig): BlockCoder {
  const free = POOL[4 * TYPE_INDEX[traits.type] + dims - 1];
  const coder = free.pop();
  if (coder === undefined) return new BlockCoder(traits, dims, config);
  try {
    coder.configure(config);
  } catch (error) {
    free.push(coder);
    throw error;
  }
  return coder;
}

/** Returns a coder from {@link acquireCoder} to the pool. */
export function releaseCoder(coder: BlockCoder): void {
  const free = POOL[4 * TYPE_INDEX[coder.traits.type] + coder.dims - 1];
  if (free.length < 4) free.push(coder);
}
