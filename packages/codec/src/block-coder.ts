// One block through zfp's codecs for every type and mode (mirrors src/template/{encode,decode}{f,i}.c and rev{encode,decode}{f,}.c).
import type { BitStream } from "@zfpjs/bitstream";
import { decodePlanes, encodePlanes, LAST_DECODE } from "./bit-plane.js";
import { BitReader } from "./bit-reader.js";
import {
  blockExponent,
  doubleToInts,
  floatBlockExponent,
  floatPowerIndex,
  floatToInts,
  intsToDouble,
  intsToFloat,
  POWER_TABLE,
  powerIndex,
} from "./block-float.js";
import { fixedPrecision, InvalidParameterError, type ZfpConfig } from "./config.js";
import { fromNegabinary, NEGABINARY_MASK, toNegabinary } from "./negabinary.js";
import { PERMUTATIONS } from "./permutation.js";
import { planesNeeded, reinterpret, sameBits } from "./reversible.js";
import { type ScalarTraits, traitsOf } from "./traits.js";
import {
  forwardFloatsToNegabinary32,
  forwardTransform,
  forwardTransformToNegabinary32,
  inverseTransform,
  inverseTransformDouble,
  inverseTransformFromNegabinary32,
  inverseTransformToFloat,
  reversibleForwardTransform,
  reversibleInverseTransform,
} from "./transform.js";

const MAX_WORDS = 512; // 4^4 values of 64 bits

function checkParameter(name: string, value: unknown, low: number, high: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < low || value > high) {
    throw new InvalidParameterError(name, `expected an integer in ${low}..${high}, got ${String(value)}`);
  }
  return value;
}

// C's (uint)(a - b) for uint32 a and b.
function uintSub(a: number, b: number): number {
  return (a - b) >>> 0;
}

/**
 * Encodes and decodes single blocks for one scalar type, dimensionality and parameter set. All
 * scratch memory is allocated once per coder; a block costs no allocation.
 *
 * To encode: fill {@link values} (the block's values as 32-bit words, block index order, padded)
 * and call {@link encode}. To decode: call {@link decode}, then read {@link values}.
 */
export class BlockCoder {
  /**
   * Instances kept alive for the life of the module. V8 drops the hidden class (map) its
   * instances share once a full garbage collection finds none alive, and deoptimizes every
   * function compiled against it ("weak objects"): the next calls then run unoptimized until the
   * hot loops are compiled again (decompress of a 128^3 int32 field took 2x for two calls after
   * each full GC). Holding one instance keeps the map, and the compiled code, valid.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: held only to keep the instances' map alive
  private static readonly liveInstances: readonly BlockCoder[] = (
    ["int32", "int64", "float", "double"] as const
  ).map((type) => new BlockCoder(traitsOf(type), 3, fixedPrecision(16)));

  /** The block's values as 32-bit words (two per value for 64-bit types, low first). */
  readonly values = new Int32Array(MAX_WORDS);
  /** Values per block: 4^dims. */
  readonly size: number;
  private readonly traits: ScalarTraits;
  private readonly dims: number;
  private readonly words: 1 | 2;
  private readonly perm: Uint8Array;
  private readonly minbits: number;
  private readonly maxbits: number;
  private readonly maxprec: number;
  private readonly minexp: number;
  private readonly reversible: boolean;
  private readonly floats32: Float32Array;
  private readonly floats64: Float64Array;
  // The integers the transform and coder work on: `values` itself for integer types.
  private readonly ints: Int32Array;
  private readonly check = new Int32Array(MAX_WORDS);
  private readonly reader = new BitReader();
  // Lossy 64-bit blocks decoded through the double-precision inverse transform.
  private readonly wide = new Float64Array(256);
  private inWide = false;
  // decompress's output for float fields (full blocks go straight there), and its strides.
  private direct: Float32Array | null = null;
  private direct64: Float64Array | null = null;
  private sx = 0;
  private sy = 0;
  private sz = 0;
  private sw = 0;
  /** Element of the output where the next decoded block starts, or -1: values only. */
  directOrigin = -1;
  /** Whether the last {@link decodeFrom} stored the block in the output (not in values). */
  wroteDirect = false;
  // Float coders (lossy): decodeInts leaves the block converted to floats with floatScale,
  // which decodeFloats sets for each block.
  private readonly toFloat: boolean;
  private floatScale = 0;
  private readonly check32 = new Float32Array(this.check.buffer);
  private readonly check64 = new Float64Array(this.check.buffer);

  constructor(traits: ScalarTraits, dims: number, config: ZfpConfig) {
    this.traits = traits;
    this.dims = dims;
    this.words = traits.words;
    this.size = 1 << (2 * dims);
    this.perm = PERMUTATIONS[dims];
    this.minbits = checkParameter("minbits", config.minbits, 0, 4294967295);
    this.maxbits = checkParameter("maxbits", config.maxbits, 0, 4294967295);
    this.maxprec = checkParameter("maxprec", config.maxprec, 0, 4294967295);
    this.minexp = checkParameter("minexp", config.minexp, -2147483648, 2147483647);
    this.reversible = config.minexp < -1074;
    this.ints = traits.isFloat ? new Int32Array(MAX_WORDS) : this.values;
    this.toFloat = traits.type === "float";
    this.floats32 = new Float32Array(this.values.buffer);
    this.floats64 = new Float64Array(this.values.buffer);
  }

  /** Encodes the block in {@link values}; returns the bits written. */
  encode(stream: BitStream): number {
    const traits = this.traits;
    if (!traits.isFloat) {
      return this.reversible
        ? this.encodeReversibleInts(stream, this.minbits, this.maxbits)
        : this.encodeInts(stream, this.minbits, this.maxbits, this.maxprec);
    }
    return this.reversible ? this.encodeReversibleFloats(stream) : this.encodeFloats(stream);
  }

  /** Decodes one block into {@link values}; returns the bits read (as zfp counts them). */
  decode(stream: BitStream): number {
    const reader = this.reader;
    reader.attach(stream);
    try {
      return this.decodeFrom(reader);
    } finally {
      reader.detach(stream);
    }
  }

  /**
   * Lets float and double blocks decoded with {@link directOrigin} >= 0 go straight into `out` (element
   * origin + i sx + j sy + k sz + l sw); {@link wroteDirect} then says whether one did.
   */
  setDirectOutput(out: Float32Array | Float64Array, sx: number, sy: number, sz: number, sw: number): void {
    if (out instanceof Float32Array) this.direct = out;
    else this.direct64 = out;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.sw = sw;
  }

  /** Decodes one block from `reader`'s position into {@link values}; returns the bits read. */
  decodeFrom(stream: BitReader): number {
    this.wroteDirect = false;
    const traits = this.traits;
    if (!traits.isFloat) {
      return this.reversible
        ? this.decodeReversibleInts(stream, this.minbits, this.maxbits)
        : this.decodeInts(stream, this.minbits, this.maxbits, this.maxprec);
    }
    return this.reversible ? this.decodeReversibleFloats(stream) : this.decodeFloats(stream);
  }

  // ---- lossy integer block (encode.c encode_block / decode.c decode_block) ----------------

  private encodeInts(stream: BitStream, minbits: number, maxbits: number, planes: number): number {
    const { ints, words, size } = this;
    if (words === 1) forwardTransformToNegabinary32(ints, this.dims);
    else {
      forwardTransform(ints, this.dims, words);
      toNegabinary(ints, size, words);
    }
    const bits = encodePlanes(stream, ints, this.perm, words, size, maxbits, planes);
    if (bits < minbits) {
      stream.pad(minbits - bits);
      return minbits;
    }
    return bits;
  }

  private decodeInts(stream: BitReader, minbits: number, maxbits: number, planes: number): number {
    const { ints, words, size } = this;
    this.inWide = false;
    let bits = decodePlanes(stream, ints, this.perm, words, size, maxbits, planes);
    if (bits < minbits) {
      stream.skip(minbits - bits);
      bits = minbits;
    }
    // All-zero coefficients (decodePlanes zeroed them) transform to a zero block.
    if (LAST_DECODE[0] === 0) return bits;
    if (words === 2 && LAST_DECODE[1] >= 32) {
      // No plane below 32 was read: the coefficients are multiples of 2^32, which the exact
      // double-precision transform handles (see transform.ts); doubles are converted from
      // there by decodeFloats, int64 values go back to pairs here.
      const wide = this.wide;
      for (let i = 0; i < size; i++)
        wide[i] = (((ints[2 * i + 1] ^ NEGABINARY_MASK) - NEGABINARY_MASK) | 0) * 4294967296;
      inverseTransformDouble(wide, this.dims);
      this.inWide = true;
      if (!this.traits.isFloat) {
        for (let i = 0; i < size; i++) {
          const v = wide[i];
          const high = Math.floor(v * 2.3283064365386963e-10);
          ints[2 * i] = (v - high * 4294967296) | 0;
          ints[2 * i + 1] = high | 0;
        }
      }
      return bits;
    }
    if (words === 1) {
      if (this.toFloat) {
        if (this.direct !== null && this.directOrigin >= 0) {
          const { direct, directOrigin, sx, sy, sz, sw } = this;
          inverseTransformToFloat(ints, this.dims, direct, this.floatScale, directOrigin, sx, sy, sz, sw);
          this.wroteDirect = true;
        } else {
          inverseTransformToFloat(ints, this.dims, this.floats32, this.floatScale, 0, 1, 4, 16, 64);
        }
      } else inverseTransformFromNegabinary32(ints, this.dims);
      return bits;
    }
    fromNegabinary(ints, size, words);
    inverseTransform(ints, this.dims, words);
    return bits;
  }

  // ---- reversible integer block (revencode.c / revdecode.c) -------------------------------

  private encodeReversibleInts(stream: BitStream, minbits: number, maxbits: number): number {
    const { ints, words, size } = this;
    reversibleForwardTransform(ints, this.dims, words);
    toNegabinary(ints, size, words);
    const planes = Math.max(Math.min(planesNeeded(ints, size, words), this.maxprec), 1);
    const pbits = this.traits.pbits;
    stream.writeBits(planes - 1, pbits);
    const bits = pbits + encodePlanes(stream, ints, this.perm, words, size, uintSub(maxbits, pbits), planes);
    if (bits < minbits) {
      stream.pad(minbits - bits);
      return minbits;
    }
    return bits;
  }

  private decodeReversibleInts(stream: BitReader, minbits: number, maxbits: number): number {
    const { ints, words, size } = this;
    const pbits = this.traits.pbits;
    const planes = stream.readBits(pbits) + 1;
    let bits = pbits + decodePlanes(stream, ints, this.perm, words, size, uintSub(maxbits, pbits), planes);
    if (bits < minbits) {
      stream.skip(minbits - bits);
      bits = minbits;
    }
    if (LAST_DECODE[0] === 0) return bits;
    fromNegabinary(ints, size, words);
    reversibleInverseTransform(ints, this.dims, words);
    return bits;
  }

  // ---- lossy floating-point block (encodef.c / decodef.c) ---------------------------------

  private planesFor(emax: number): number {
    const p = (((emax - this.minexp) | 0) + 2 * (this.dims + 1)) | 0;
    return Math.min(this.maxprec, Math.max(0, p));
  }

  private toInts(emax: number): void {
    if (this.words === 1) floatToInts(this.floats32, this.ints, this.size, emax);
    else doubleToInts(this.floats64, this.ints, this.size, emax);
  }

  private exponent(): number {
    if (this.words === 1) return floatBlockExponent(this.values, this.floats32, this.size, this.traits.ebias);
    return blockExponent(this.floats64, this.size, this.traits.ebias);
  }

  private encodeFloats(stream: BitStream): number {
    const { ebits, ebias } = this.traits;
    const minbits = this.minbits;
    const emax = this.exponent();
    const planes = this.planesFor(emax);
    const e = planes > 0 ? emax + ebias : 0;
    if (e === 0) {
      stream.writeBit(0);
      if (minbits > 1) {
        stream.pad(minbits - 1);
        return minbits;
      }
      return 1;
    }
    const head = 1 + ebits;
    stream.writeBits(2 * e + 1, head);
    if (this.words === 1 && this.dims > 1) {
      // float blocks of 2D and more: conversion, transform and the count of leading zero planes
      // in one pass over the values (as toInts then encodeInts compute them).
      const ints = this.ints;
      const zeros = Math.clz32(
        forwardFloatsToNegabinary32(this.floats32, ints, this.dims, POWER_TABLE[floatPowerIndex(30 - emax)]),
      );
      const bits = encodePlanes(
        stream,
        ints,
        this.perm,
        1,
        this.size,
        uintSub(this.maxbits, head),
        planes,
        zeros,
      );
      const rest = minbits - Math.min(head, minbits);
      if (bits < rest) {
        stream.pad(rest - bits);
        return head + rest;
      }
      return head + bits;
    }
    this.toInts(emax);
    return (
      head + this.encodeInts(stream, minbits - Math.min(head, minbits), uintSub(this.maxbits, head), planes)
    );
  }

  private decodeFloats(stream: BitReader): number {
    const { ebits, ebias } = this.traits;
    const minbits = this.minbits;
    if (stream.readBit() === 0) {
      this.values.fill(0, 0, this.size * this.words);
      if (minbits > 1) {
        stream.skip(minbits - 1);
        return minbits;
      }
      return 1;
    }
    const head = 1 + ebits;
    const emax = stream.readBits(ebits) - ebias;
    const planes = this.planesFor(emax);
    // Float blocks leave decodeInts already converted (floatScale: see inverseTransformToFloat).
    this.floatScale = POWER_TABLE[floatPowerIndex(emax - 30)];
    const bits =
      head + this.decodeInts(stream, minbits - Math.min(head, minbits), uintSub(this.maxbits, head), planes);
    if (LAST_DECODE[0] === 0) this.values.fill(0, 0, this.size * this.words);
    else if (this.words === 1) {
      // converted by decodeInts
    } else if (this.inWide) {
      // (double)int64 is exact for these values (at most 45 significant bits).
      const scale = POWER_TABLE[powerIndex(emax - 62)];
      const { wide, size } = this;
      const out = this.direct64;
      if (out !== null && this.directOrigin >= 0) {
        // Straight into the field, row by row (4^(dims-1) rows of 4 along x).
        const { directOrigin, sx, sy, sz, sw } = this;
        for (let r = 0; r < size >> 2; r++) {
          const o = directOrigin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw;
          out[o] = wide[4 * r] * scale;
          out[o + sx] = wide[4 * r + 1] * scale;
          out[o + 2 * sx] = wide[4 * r + 2] * scale;
          out[o + 3 * sx] = wide[4 * r + 3] * scale;
        }
        this.wroteDirect = true;
      } else {
        const floats64 = this.floats64;
        for (let i = 0; i < size; i++) floats64[i] = wide[i] * scale;
      }
    } else intsToDouble(this.ints, this.floats64, this.size, emax);
    return bits;
  }

  // ---- reversible floating-point block (revencodef.c / revdecodef.c) ----------------------

  private encodeReversibleFloats(stream: BitStream): number {
    const { ebits, ebias } = this.traits;
    const { size, words, ints, values, check } = this;
    const n = size * words;
    const emax = this.exponent();
    if (emax === -ebias) ints.fill(0, 0, n);
    else this.toInts(emax);
    // Exact when rebuilding every value gives the same bit pattern.
    if (emax === -ebias) check.fill(0, 0, n);
    else if (words === 1) intsToFloat(ints, this.check32, size, emax);
    else intsToDouble(ints, this.check64, size, emax);
    const exact = sameBits(check, values, n);
    const minbits = this.minbits;
    const maxbits = this.maxbits;
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

  private decodeReversibleFloats(stream: BitReader): number {
    const { ebits, ebias } = this.traits;
    const { size, words, ints, values } = this;
    const minbits = this.minbits;
    const maxbits = this.maxbits;
    if (stream.readBit() === 0) {
      // All +0.0. zfp's decoder would skip to minbits here although its encoder does not pad;
      // zfpjs follows the encoder so streams stay in sync (see DIFFERENCES.md).
      values.fill(0, 0, size * words);
      return 1;
    }
    if (stream.readBit() === 0) {
      const head = 2 + ebits;
      const emax = stream.readBits(ebits) - ebias;
      const bits =
        head + this.decodeReversibleInts(stream, minbits - Math.min(head, minbits), uintSub(maxbits, head));
      if (emax === -ebias) values.fill(0, 0, size * words);
      else if (words === 1) intsToFloat(ints, this.floats32, size, emax);
      else intsToDouble(ints, this.floats64, size, emax);
      return bits;
    }
    const bits = 2 + this.decodeReversibleInts(stream, minbits - Math.min(2, minbits), uintSub(maxbits, 2));
    reinterpret(ints, values, size, words);
    return bits;
  }
}
