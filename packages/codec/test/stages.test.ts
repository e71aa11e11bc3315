// Unit tests of each stage on hand-checked blocks (the worked examples of the facts sheet, verified against zfp).

import { BitReader } from "@zfpjs/bitstream";
import { describe, expect, it } from "vitest";
import { finishBlock8, PlaneState, swapBlocks8 } from "../src/bit-plane.js";
import { decodePlanes } from "../src/bit-plane-decode.js";
import { encodePlanes } from "../src/bit-plane-encode.js";
import {
  blockExponent,
  doubleToInts,
  floatBlockExponent,
  floatToInts,
  intsToDouble,
  intsToFloat,
  powerOfTwo,
} from "../src/block-float.js";
import { BitStream } from "../src/index.js";
import { fromNegabinary, toNegabinary } from "../src/negabinary.js";
import { PERMUTATIONS } from "../src/permutation.js";
import { planesNeeded, reinterpret, sameBits } from "../src/reversible.js";
import { forwardTransform, reversibleForwardTransform } from "../src/transform-forward.js";
import {
  inverseTransform,
  inverseTransformFromNegabinary64,
  inverseTransformWide,
  reversibleInverseTransform,
  wideFromPairs,
} from "../src/transform-inverse.js";
import { decodePlanes as referenceDecode, encodePlanes as referenceEncode } from "./reference-bit-plane.js";
import { hex, pairToBigInt, seededRandom, setPairFromBigInt } from "./support.js";

const random = seededRandom(42);
const NB = 0xaaaaaaaa | 0; // negabinary mask
const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);
function randomInt64(): bigint {
  const kind = random();
  const hi = BigInt(Math.floor(random() * 4294967296));
  const lo = BigInt(Math.floor(random() * 4294967296));
  const v = BigInt.asIntN(64, (hi << 32n) | lo);
  if (kind < 0.2) return v >> 40n; // small values too
  if (kind < 0.3)
    return [0n, -1n, 1n, -(1n << 63n), (1n << 63n) - 1n, 0xffffffffn, -0x100000000n][
      Math.floor(random() * 7)
    ];
  return v;
}

describe("given zfp's coefficient order tables", () => {
  it("when generated for 2D, expect zfp's table", () => {
    expect(Array.from(PERMUTATIONS[2])).toEqual([0, 1, 4, 5, 2, 8, 6, 9, 3, 12, 10, 7, 13, 11, 14, 15]);
  });
  it("when checked for 1D to 4D, expect permutations of 0..4^d-1 starting with the DC coefficient", () => {
    for (let d = 1; d <= 4; d++) {
      const p = Array.from(PERMUTATIONS[d]);
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 4 ** d }, (_, i) => i));
      expect(p[0]).toBe(0);
    }
  });
});

describe("given the decorrelating transforms", () => {
  it("when lifting the 1D block of the worked example, expect [335544320, -134217728, 0, 0]", () => {
    const block = Int32Array.from([0x08000000, 0x10000000, 0x18000000, 0x20000000]);
    forwardTransform(block, 1, 1);
    expect(Array.from(block)).toEqual([335544320, -134217728, 0, 0]);
  });

  it("when the 64-bit lift meets values that fit 32 bits without overflow, expect the 32-bit lift's results", () => {
    for (let d = 1; d <= 4; d++) {
      const size = 4 ** d;
      const small = Int32Array.from({ length: size }, () => Math.floor(random() * 2 ** 28) - 2 ** 27);
      const pairs = new Int32Array(2 * size);
      small.forEach((v, i) => {
        setPairFromBigInt(pairs, i, BigInt(v));
      });
      forwardTransform(small, d, 1);
      forwardTransform(pairs, d, 2);
      expect(Array.from({ length: size }, (_, i) => pairToBigInt(pairs, i))).toEqual(
        Array.from(small, BigInt),
      );
      inverseTransform(small, d, 1);
      inverseTransform(pairs, d, 2);
      expect(Array.from({ length: size }, (_, i) => pairToBigInt(pairs, i))).toEqual(
        Array.from(small, BigInt),
      );
    }
  });

  it("when lifting full-range 64-bit values, expect C's wrapping int64 results (BigInt model of the lifts)", () => {
    const w64 = (v: bigint) => BigInt.asIntN(64, v);
    const forward = (v: bigint[]) => {
      let [x, y, z, w] = v as [bigint, bigint, bigint, bigint];
      x = w64(x + w) >> 1n;
      w = w64(w - x);
      z = w64(z + y) >> 1n;
      y = w64(y - z);
      x = w64(x + z) >> 1n;
      z = w64(z - x);
      w = w64(w + y) >> 1n;
      y = w64(y - w);
      w = w64(w + (y >> 1n));
      y = w64(y - (w >> 1n));
      return [x, y, z, w];
    };
    const inverse = (v: bigint[]) => {
      let [x, y, z, w] = v as [bigint, bigint, bigint, bigint];
      y = w64(y + (w >> 1n));
      w = w64(w - (y >> 1n));
      y = w64(y + w);
      w = w64(w64(w << 1n) - y);
      z = w64(z + x);
      x = w64(w64(x << 1n) - z);
      y = w64(y + z);
      z = w64(w64(z << 1n) - y);
      w = w64(w + x);
      x = w64(w64(x << 1n) - w);
      return [x, y, z, w];
    };
    for (let trial = 0; trial < 2000; trial++) {
      const values = [randomInt64(), randomInt64(), randomInt64(), randomInt64()];
      const block = new Int32Array(8);
      values.forEach((v, i) => {
        setPairFromBigInt(block, i, v);
      });
      const inverseBlock = block.slice();
      forwardTransform(block, 1, 2);
      expect([0, 1, 2, 3].map((i) => pairToBigInt(block, i))).toEqual(forward(values));
      inverseTransform(inverseBlock, 1, 2);
      expect([0, 1, 2, 3].map((i) => pairToBigInt(inverseBlock, i))).toEqual(inverse(values));
    }
  });

  it("when inverting 64-bit negabinary blocks of multiples of 2^32 in doubles, expect C's wrapped int64 results exactly", () => {
    // High halves from every range: small, near the int32 limits (so sums wrap), and random.
    const extremes = [0, 1, -1, 2147483647, -2147483648, 1073741824, -1073741825];
    for (let trial = 0; trial < 400; trial++) {
      const d = 1 + (trial % 4);
      const size = 4 ** d;
      const pairs = new Int32Array(2 * size);
      const negabinary = new Int32Array(2 * size);
      for (let i = 0; i < size; i++) {
        const pick = random();
        const high =
          pick < 0.3
            ? extremes[Math.floor(random() * extremes.length)]!
            : pick < 0.6
              ? Math.floor((random() - 0.5) * 2 ** (8 + (trial % 20)))
              : Math.floor(random() * 4294967296) | 0;
        pairs[2 * i + 1] = high;
        negabinary[2 * i + 1] = ((high + NB) ^ NB) | 0;
      }
      inverseTransform(pairs, d, 2);
      // As doubles (scale 1) and as pairs, both in block order.
      const doubles = new Float64Array(size);
      const ints = new Int32Array(2 * size);
      const scratch = new Float64Array(size);
      inverseTransformWide(negabinary.slice(), d, false, scratch, true, doubles, ints, 1, 0, 1, 4, 16, 64);
      inverseTransformWide(negabinary.slice(), d, false, scratch, false, doubles, ints, 1, 0, 1, 4, 16, 64);
      for (let i = 0; i < size; i++) {
        expect(BigInt(doubles[i]), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
        expect(pairToBigInt(ints, i), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
      }
    }
  });

  it("when inverting 64-bit negabinary blocks of multiples of 2^L (15 + 2 dims <= L < 32) in doubles, expect the pair transform's results exactly", () => {
    const extremes = [0, 1, -1, 0x7fffffff, -0x80000000, 0x55555555, -0x55555556, 0x2aaaaaaa];
    for (let trial = 0; trial < 800; trial++) {
      const d = 1 + (trial % 4);
      const size = 4 ** d;
      const lowest = 15 + 2 * d + Math.floor(random() * (17 - 2 * d));
      const negabinary = new Int32Array(2 * size);
      for (let i = 0; i < size; i++) {
        const pick = random();
        const high =
          pick < 0.3
            ? extremes[Math.floor(random() * extremes.length)]!
            : pick < 0.6
              ? Math.floor(random() * 2 ** (trial % 32))
              : Math.floor(random() * 4294967296) | 0;
        const low = pick < 0.2 ? -1 : Math.floor(random() * 4294967296) | 0;
        negabinary[2 * i] = (low >>> lowest) << lowest; // no plane below `lowest`
        negabinary[2 * i + 1] = high;
      }
      const pairs = negabinary.slice();
      inverseTransformFromNegabinary64(pairs, d);
      const doubles = new Float64Array(size);
      const ints = new Int32Array(2 * size);
      const scratch = new Float64Array(size);
      expect(wideFromPairs(negabinary, d, lowest, scratch)).toBe(true);
      inverseTransformWide(negabinary.slice(), d, true, scratch, true, doubles, ints, 1, 0, 1, 4, 16, 64);
      wideFromPairs(negabinary, d, lowest, scratch);
      inverseTransformWide(negabinary.slice(), d, true, scratch, false, doubles, ints, 1, 0, 1, 4, 16, 64);
      for (let i = 0; i < size; i++) {
        expect(BigInt(doubles[i]), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
        expect(pairToBigInt(ints, i), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
      }
    }
  });

  it("when inverting small 64-bit negabinary blocks that wideFromPairs admits in doubles, expect the pair transform's results exactly", () => {
    let taken = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const d = 1 + (trial % 4);
      const size = 4 ** d;
      const top = Math.floor(random() * 64);
      const lowest = Math.floor(random() * (top + 1));
      // Random digits on planes lowest..top, all ones in some values (the largest magnitudes).
      const keep = (plane: number) => (plane >= lowest && plane <= top ? 1 : 0);
      const negabinary = new Int32Array(2 * size);
      for (let i = 0; i < size; i++) {
        const ones = random() < 0.2;
        for (let plane = 0; plane < 64; plane++) {
          if (keep(plane) && (ones || random() < 0.5)) negabinary[2 * i + (plane >> 5)]! |= 1 << (plane & 31);
        }
      }
      const scratch = new Float64Array(size);
      if (!wideFromPairs(negabinary, d, lowest, scratch)) continue;
      taken++;
      const pairs = negabinary.slice();
      inverseTransformFromNegabinary64(pairs, d);
      const doubles = new Float64Array(size);
      const ints = new Int32Array(2 * size);
      const converted = lowest < 32;
      inverseTransformWide(
        negabinary.slice(),
        d,
        converted,
        scratch,
        true,
        doubles,
        ints,
        1,
        0,
        1,
        4,
        16,
        64,
      );
      wideFromPairs(negabinary, d, lowest, scratch);
      inverseTransformWide(
        negabinary.slice(),
        d,
        converted,
        scratch,
        false,
        doubles,
        ints,
        1,
        0,
        1,
        4,
        16,
        64,
      );
      for (let i = 0; i < size; i++) {
        expect(BigInt(doubles[i]), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
        expect(pairToBigInt(ints, i), `trial ${trial} value ${i}`).toBe(pairToBigInt(pairs, i));
      }
    }
    expect(taken).toBeGreaterThan(500);
  });

  it("when applying the lossy transform and its inverse, expect the input back within a few units", () => {
    for (let d = 1; d <= 4; d++) {
      const input = Int32Array.from({ length: 4 ** d }, () => Math.floor(random() * 2 ** 29) - 2 ** 28);
      const block = input.slice();
      forwardTransform(block, d, 1);
      inverseTransform(block, d, 1);
      for (let i = 0; i < input.length; i++)
        expect(Math.abs(block[i] - input[i])).toBeLessThanOrEqual(16 * d);
    }
  });

  it("when applying the reversible transform to full-range values, expect an exact inverse (32 and 64 bits)", () => {
    for (let d = 1; d <= 4; d++) {
      const input = Int32Array.from({ length: 4 ** d }, () => Math.floor(random() * 4294967296) | 0);
      const block = input.slice();
      reversibleForwardTransform(block, d, 1);
      expect(block).not.toEqual(input);
      reversibleInverseTransform(block, d, 1);
      expect(block).toEqual(input);
      const wide = Int32Array.from({ length: 2 * 4 ** d }, () => Math.floor(random() * 4294967296) | 0);
      const copy = wide.slice();
      reversibleForwardTransform(copy, d, 2);
      reversibleInverseTransform(copy, d, 2);
      expect(copy).toEqual(wide);
    }
  });

  it("when applying the reversible lift to [1, 2, 3, 4], expect [1, 1, 0, 0]", () => {
    const block = Int32Array.from([1, 2, 3, 4]);
    reversibleForwardTransform(block, 1, 1);
    expect(Array.from(block)).toEqual([1, 1, 0, 0]);
  });
});

describe("given negabinary conversion", () => {
  it("when converting 1 and -134217728, expect 0x00000001 and 0x08000000", () => {
    const u = Int32Array.from([1, -134217728]);
    toNegabinary(u, 2, 1);
    expect(Array.from(u, (x) => x >>> 0)).toEqual([1, 0x08000000]);
  });
  it("when converting random 32- and 64-bit values and back, expect them unchanged and the 64-bit form to match (x + M) ^ M", () => {
    const x32 = Int32Array.from({ length: 16 }, () => Math.floor(random() * 4294967296) | 0);
    const u32 = x32.slice();
    toNegabinary(u32, 16, 1);
    for (let i = 0; i < 16; i++) expect(u32[i]).toBe(((x32[i] + 0xaaaaaaaa) ^ 0xaaaaaaaa) | 0);
    fromNegabinary(u32, 16, 1);
    expect(u32).toEqual(x32);
    const x64 = new Int32Array(32);
    const values = Array.from({ length: 16 }, randomInt64);
    values.forEach((v, i) => {
      setPairFromBigInt(x64, i, v);
    });
    const u64 = x64.slice();
    toNegabinary(u64, 16, 2);
    const mask = 0xaaaaaaaaaaaaaaaan;
    for (let i = 0; i < 16; i++) {
      const want = BigInt.asUintN(64, (BigInt.asUintN(64, values[i]) + mask) ^ mask);
      expect(BigInt.asUintN(64, pairToBigInt(u64, i))).toBe(want);
    }
    fromNegabinary(u64, 16, 2);
    expect(u64).toEqual(x64);
  });
});

function bitString(bytes: Uint8Array, bits: number): string {
  let out = "";
  for (let i = 0; i < bits; i++) out += (bytes[i >> 3] >> (i & 7)) & 1;
  return out;
}

describe("given the embedded bit-plane coder", () => {
  it("when coding the worked example's coefficients with 8 planes, expect its 19 bits", () => {
    const stream = new BitStream(new Uint8Array(16));
    const u = Int32Array.from([0x14000000, 0x08000000, 0, 0]);
    expect(encodePlanes(new PlaneState(), stream, u, IDENTITY, 1, 4, 100, 8)).toBe(19);
    stream.flush();
    expect(bitString(stream.bytes, 19)).toBe("000" + "110" + "0110" + "100" + "000" + "000");
  });

  it("when the budget ends inside a scan, expect the decoder to set the bit of the coefficient it reached (zfp's speculative bit)", () => {
    // Plane 31: group test 1, then scan zeros for coefficients 0 and 1; the budget (3 bits) ends there.
    const stream = new BitStream(new Uint8Array(8));
    const u = Int32Array.from([0, 0, 0, -2147483648]);
    expect(encodePlanes(new PlaneState(), stream, u, IDENTITY, 1, 4, 3, 32)).toBe(3);
    stream.flush();
    expect(bitString(stream.bytes, 3)).toBe("100");
    stream.rewind();
    const decoded = new Int32Array(4);
    const reader = new BitReader();
    reader.attach(stream);
    expect(decodePlanes(new PlaneState(), reader, decoded, IDENTITY, 1, 4, 3, 32)).toBe(3);
    expect(reader.pos).toBe(3);
    // The scan stopped at coefficient 2 (after two zeros): that one gets bit 31.
    expect(Array.from(decoded, (x) => x >>> 0)).toEqual([0, 0, 0x80000000, 0]);
  });

  it("when round-tripping random coefficients with random budgets, expect the bits used to agree and full budgets to be exact", () => {
    for (let trial = 0; trial < 300; trial++) {
      const words = (trial % 2 === 0 ? 1 : 2) as 1 | 2;
      const size = 4 ** (1 + (trial % 4));
      const u = Int32Array.from({ length: size * words }, () =>
        random() < 0.5 ? 0 : (Math.floor(random() * 4294967296) >>> Math.floor(random() * 32)) | 0,
      );
      const budget = random() < 0.5 ? 1e9 : Math.floor(random() * 3000);
      const planes = 1 + Math.floor(random() * 32 * words);
      const stream = new BitStream(new Uint8Array(40000));
      const used = encodePlanes(new PlaneState(), stream, u, IDENTITY, words, size, budget, planes);
      stream.flush();
      stream.rewind();
      const out = new Int32Array(size * words);
      const reader = new BitReader();
      reader.attach(stream);
      expect(decodePlanes(new PlaneState(), reader, out, IDENTITY, words, size, budget, planes)).toBe(used);
      expect(reader.pos).toBe(used);
      if (budget === 1e9 && planes === 32 * words) expect(out).toEqual(u);
    }
  });
});

describe("given block-floating-point conversion", () => {
  it("when finding the block exponent, expect frexp's exponent, NaN ignored, +inf giving 0, subnormals lifted, zeros -ebias", () => {
    expect(blockExponent(Float32Array.from([1, 2, 3, 4]), 4, 127)).toBe(3);
    expect(blockExponent(Float32Array.from([Number.NaN, 0.5, 0, 0]), 4, 127)).toBe(0);
    expect(blockExponent(Float32Array.from([Number.NEGATIVE_INFINITY, 1e30, 0, 0]), 4, 127)).toBe(0);
    expect(blockExponent(Float32Array.from([1e-40, 0, 0, 0]), 4, 127)).toBe(-126);
    expect(blockExponent(Float64Array.from([5e-324, 0, 0, 0]), 4, 1023)).toBe(-1022);
    expect(blockExponent(Float64Array.from([-0, Number.NaN, 0, 0]), 4, 1023)).toBe(-1023);
    expect(blockExponent(Float64Array.from([-0.75, 0, 0, 0]), 4, 1023)).toBe(0);
  });

  it("when finding a float block's exponent from its bit patterns, expect blockExponent's answer for every kind of value", () => {
    const specials = [
      0,
      -0,
      1e-40,
      -1e-45,
      1.17549435e-38,
      3.4e38,
      -1,
      0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -Infinity,
    ];
    for (let trial = 0; trial < 2000; trial++) {
      const values = Float32Array.from({ length: 16 }, () => {
        const pick = random();
        if (pick < 0.2) return specials[Math.floor(random() * specials.length)];
        return (random() - 0.5) * 2 ** Math.floor(random() * 300 - 150);
      });
      const bits = new Int32Array(values.buffer);
      expect(floatBlockExponent(bits, values, 16, 127), `trial ${trial}`).toBe(
        blockExponent(values, 16, 127),
      );
    }
  });

  it("when building powers of two, expect exact values down to 2^-1074 and 0 / Infinity beyond", () => {
    for (let k = -1074; k <= 1023; k++) expect(powerOfTwo(k)).toBe(2 ** k);
    expect(powerOfTwo(-1075)).toBe(0);
    expect(powerOfTwo(1024)).toBe(Number.POSITIVE_INFINITY);
  });

  it("when casting the worked example block, expect [2^27, 2^28, 3*2^27, 2^29] and back", () => {
    const ints = new Int32Array(4);
    floatToInts(Float32Array.from([1, 2, 3, 4]), ints, 4, 3);
    expect(Array.from(ints)).toEqual([0x08000000, 0x10000000, 0x18000000, 0x20000000]);
    const values = new Float32Array(4);
    intsToFloat(ints, values, 4, 3);
    expect(Array.from(values)).toEqual([1, 2, 3, 4]);
  });

  it("when casting a float block whose scale overflows (emax <= -98), expect every integer to be -2^31", () => {
    const ints = new Int32Array(4);
    floatToInts(Float32Array.from([1e-30, 0, -1e-31, 2e-31]), ints, 4, -99);
    expect(Array.from(ints)).toEqual([-2147483648, -2147483648, -2147483648, -2147483648]);
  });

  it("when casting doubles, expect trunc(v * 2^(62 - emax)) as two's complement halves and NaN as -2^63", () => {
    const values = Float64Array.from([-0.75, 0.123456789, Number.NaN, -1e-20]);
    const ints = new Int32Array(8);
    doubleToInts(values, ints, 4, 0);
    const want = [-0.75, 0.123456789].map((v) => BigInt(Math.trunc(v * 2 ** 62)));
    expect(pairToBigInt(ints, 0)).toBe(want[0]);
    expect(pairToBigInt(ints, 1)).toBe(want[1]);
    expect(pairToBigInt(ints, 2)).toBe(-(1n << 63n));
    expect(pairToBigInt(ints, 3)).toBe(BigInt(Math.trunc(-1e-20 * 2 ** 62)));
    const back = new Float64Array(4);
    intsToDouble(ints, back, 4, 0);
    expect(back[0]).toBe(-0.75);
    expect(back[2]).toBe(-2);
  });
});

describe("given the word-wise bit-plane coder and a one-bit-at-a-time reference model", () => {
  it("when coding random coefficients with random budgets and plane limits, expect identical bits and decoded values", () => {
    for (let trial = 0; trial < 600; trial++) {
      const words = (trial % 2 === 0 ? 1 : 2) as 1 | 2;
      const size = 4 ** (1 + (trial % 4));
      const u = Int32Array.from({ length: size * words }, () =>
        random() < 0.4 ? 0 : (Math.floor(random() * 4294967296) >>> Math.floor(random() * 32)) | 0,
      );
      const budget = random() < 0.3 ? 4294967290 : Math.floor(random() * 4000);
      const planes = 1 + Math.floor(random() * 32 * words);
      const fast = new BitStream(new Uint8Array(40000));
      const slow = new BitStream(new Uint8Array(40000));
      // The fast coder reads coefficient i at block[perm[i]]; the model takes them in coded order.
      const perm = PERMUTATIONS[1 + (trial % 4)];
      const block = new Int32Array(size * words);
      for (let i = 0; i < size; i++)
        for (let h = 0; h < words; h++) block[perm[i] * words + h] = u[i * words + h];
      const used = encodePlanes(new PlaneState(), fast, block, perm, words, size, budget, planes);
      expect(referenceEncode(slow, u, words, size, budget, planes)).toBe(used);
      expect(fast.wtell(), `trial ${trial}`).toBe(used);
      expect(slow.wtell(), `trial ${trial}`).toBe(used);
      fast.flush();
      slow.flush();
      const end = Math.ceil(used / 8) + 8;
      expect(hex(fast.bytes.subarray(0, end)), `trial ${trial}`).toBe(hex(slow.bytes.subarray(0, end)));
      fast.rewind();
      slow.rewind();
      const decoded = new Int32Array(size * words);
      const b = new Int32Array(size * words);
      const reader = new BitReader();
      reader.attach(fast);
      expect(decodePlanes(new PlaneState(), reader, decoded, perm, words, size, budget, planes)).toBe(used);
      expect(reader.pos).toBe(used);
      expect(referenceDecode(slow, b, words, size, budget, planes)).toBe(used);
      const a = new Int32Array(size * words);
      for (let i = 0; i < size; i++)
        for (let h = 0; h < words; h++) a[i * words + h] = decoded[perm[i] * words + h];
      expect(hex(new Uint8Array(a.buffer)), `trial ${trial}`).toBe(hex(new Uint8Array(b.buffer)));
    }
  });

  it("when transposing a 32x32 bit matrix by its stages, expect bit r of row c to be the former bit c of row r", () => {
    const a = Int32Array.from({ length: 32 }, () => Math.floor(random() * 4294967296) | 0);
    const t = a.slice();
    // The 16-row swap (as the encoder's toPlanes does it inline), then the stages of bit-plane.ts.
    for (let k = 0; k < 16; k++) {
      const x = ((t[k] >>> 16) ^ t[k + 16]) & 0x0000ffff;
      t[k] ^= x << 16;
      t[k + 16] ^= x;
    }
    swapBlocks8(t, 0);
    swapBlocks8(t, 16);
    for (let r = 0; r < 32; r += 8) finishBlock8(t, r);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) expect((t[c] >>> r) & 1).toBe((a[r] >>> c) & 1);
  });
});

describe("given reversible mode's helpers", () => {
  it("when counting planes, expect P minus the trailing zeros of the coefficients' OR (the worked example needs 32)", () => {
    expect(planesNeeded(Int32Array.from([1, 1, 0, 0]), 4, 1)).toBe(32);
    expect(planesNeeded(Int32Array.from([0, 0, 8, 0]), 4, 1)).toBe(29);
    expect(planesNeeded(new Int32Array(4), 4, 1)).toBe(0);
    expect(planesNeeded(Int32Array.from([0, -2147483648, 0, 0]), 2, 2)).toBe(1);
    expect(planesNeeded(Int32Array.from([4, 0, 0, 0]), 2, 2)).toBe(62);
  });

  it("when reinterpreting IEEE patterns, expect integers in the floats' order and the same patterns back", () => {
    const ordered = Float32Array.from([
      Number.NEGATIVE_INFINITY,
      -2,
      -1e-45,
      -0,
      0,
      1e-45,
      1.5,
      Number.POSITIVE_INFINITY,
    ]);
    const bits = new Int32Array(ordered.buffer);
    const ints = new Int32Array(8);
    reinterpret(bits, ints, 8, 1);
    for (let i = 1; i < 8; i++) expect(ints[i]).toBeGreaterThan(ints[i - 1]);
    const back = new Int32Array(8);
    reinterpret(ints, back, 8, 1);
    expect(back).toEqual(bits);
    const doubles = Float64Array.from([-3, -0, 0, 5e-324, 7]);
    const words = new Int32Array(doubles.buffer);
    const pairs = new Int32Array(10);
    reinterpret(words, pairs, 5, 2);
    const values = [0, 1, 2, 3, 4].map((i) => pairToBigInt(pairs, i));
    for (let i = 1; i < 5; i++) expect(values[i] > values[i - 1]).toBe(true);
    const again = new Int32Array(10);
    reinterpret(pairs, again, 5, 2);
    expect(again).toEqual(words);
  });

  it("when comparing bit patterns, expect -0.0 and +0.0 to differ and equal NaN payloads to match", () => {
    const a = new Int32Array(new Float32Array([-0, 1]).buffer);
    const b = new Int32Array(new Float32Array([0, 1]).buffer);
    expect(sameBits(a, b, 2)).toBe(false);
    expect(sameBits(a, a.slice(), 2)).toBe(true);
  });
});
