// The encoder transposes coefficients into bit planes lazily, 8 planes at a time (see
// finishPlanes in bit-plane-encode.ts): budgets ending in every 8-plane block, both halves of 64-bit
// coefficients, and starts after skipped zero planes must give the one-bit-at-a-time model's bits.
import { describe, expect, it } from "vitest";
import { PlaneState } from "../src/bit-plane.js";
import { encodePlanes } from "../src/bit-plane-encode.js";
import { floatToInts } from "../src/block-float.js";
import { BitStream } from "../src/index.js";
import { toNegabinary } from "../src/negabinary.js";
import { PERMUTATIONS } from "../src/permutation.js";
import { forwardFloatsToNegabinary32, forwardTransform } from "../src/transform-forward.js";
import { encodePlanes as referenceEncode } from "./reference-bit-plane.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("given the encoder's lazy bit-plane transposition", () => {
  it("when budgets stop in every 8-plane block of 2D, 3D and 4D blocks, expect the reference model's bits", () => {
    const random = lcg(8);
    for (const dims of [2, 3, 4]) {
      const size = 4 ** dims;
      const perm = PERMUTATIONS[dims];
      for (const words of [1, 2] as const) {
        for (let trial = 0; trial < 40; trial++) {
          // Top bit positions vary so coding starts in different 8-plane blocks after the skip.
          const top = 1 + Math.floor(random() * 32);
          const u = Int32Array.from({ length: size * words }, (_, i) =>
            words === 2 && i % 2 === 0 && random() < 0.5
              ? (random() * 4294967296) | 0
              : (Math.floor(random() * 4294967296) >>> (32 - top)) | 0,
          );
          const budget = 1 + Math.floor(random() * size * 40 * words);
          const planes = 1 + Math.floor(random() * 32 * words);
          const block = new Int32Array(size * words);
          for (let i = 0; i < size; i++)
            for (let h = 0; h < words; h++) block[perm[i] * words + h] = u[i * words + h];
          const fast = new BitStream(new Uint8Array(size * 8 * words + 64));
          const slow = new BitStream(new Uint8Array(size * 8 * words + 64));
          const used = encodePlanes(new PlaneState(), fast, block, perm, words, size, budget, planes);
          expect(referenceEncode(slow, u, words, size, budget, planes)).toBe(used);
          fast.flush();
          slow.flush();
          expect(toHex(fast.bytes), `dims ${dims} words ${words} trial ${trial}`).toBe(toHex(slow.bytes));
        }
      }
    }
  });
});

describe("given the fused float conversion and forward transform of the float encoder", () => {
  it("when converting random float blocks of 1 to 4 dimensions, also read in place from a strided field, expect floatToInts then the transform, and the OR", () => {
    const random = lcg(9);
    for (const dims of [1, 2, 3, 4]) {
      const size = 4 ** dims;
      for (let trial = 0; trial < 50; trial++) {
        const values = Float32Array.from({ length: size }, () => {
          const r = random();
          if (r < 0.02) return Number.NaN;
          if (r < 0.04) return (random() < 0.5 ? -1 : 1) * 3e38;
          return (random() * 2 - 1) * 2 ** Math.floor(random() * 20 - 10);
        });
        const emax = Math.floor(random() * 24 - 12);
        const scale = 2 ** (30 - emax);
        const expected = new Int32Array(size);
        floatToInts(values, expected, size, emax);
        forwardTransform(expected, dims, 1);
        toNegabinary(expected, size, 1);
        const actual = new Int32Array(size);
        const or = forwardFloatsToNegabinary32(values, actual, dims, scale, 0, 1, 4, 16, 64);
        expect(Array.from(actual), `dims ${dims} trial ${trial}`).toEqual(Array.from(expected));
        expect(or).toBe(expected.reduce((a, b) => a | b, 0));
        // The same block read in place from a larger field (x reversed, origin inside).
        const field = new Float32Array(3 + 5 * 4 ** 4);
        const [sx, sy, sz, sw] = [-1, 5, 20, 80];
        for (let i = 0; i < size; i++)
          field[3 + 3 + ((i >> 2) & 3) * sy + ((i >> 4) & 3) * sz + (i >> 6) * sw - (i & 3)] = values[i]!;
        const strided = new Int32Array(size);
        forwardFloatsToNegabinary32(field, strided, dims, scale, 6, sx, sy, sz, sw);
        expect(Array.from(strided), `dims ${dims} trial ${trial} in place`).toEqual(Array.from(expected));
      }
    }
  });
});
