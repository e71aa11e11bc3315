// Property tests: lossless round trips, error bounds, exact fixed-rate sizes, maximumSize never too small.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldBlocks } from "../src/blocks.js";
import {
  BitStream,
  compress,
  compressToBytes,
  decompress,
  expert,
  type Field,
  fixedAccuracy,
  fixedRate,
  maximumSize,
  reversible,
  type ScalarType,
} from "../src/index.js";
import { arrayFromBytes, bytesOf, hex, makeArray } from "./support.js";

const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];
const BYTES: Record<ScalarType, number> = { int32: 4, int64: 8, float: 4, double: 8 };

/** A shape of 1 to 4 dimensions with sizes 1..9 (partial blocks everywhere). */
const shapeArb = fc
  .integer({ min: 1, max: 4 })
  .chain((dims) => fc.array(fc.integer({ min: 1, max: 9 }), { minLength: dims, maxLength: dims }));

function fieldOf(type: ScalarType, data: Field["data"], n: number[]): Field {
  return { type, data, nx: n[0], ny: n[1] ?? 0, nz: n[2] ?? 0, nw: n[3] ?? 0 };
}

/** Arbitrary bit patterns of `count` values of `type` (NaN payloads, infinities, subnormals included). */
function bitsArb(type: ScalarType, count: number) {
  return fc.uint8Array({ minLength: count * BYTES[type], maxLength: count * BYTES[type] });
}

/** `count` values of `type` from one sample of `bitsArb` with `seed`. */
function sampledData(type: ScalarType, count: number, seed: number): Field["data"] {
  return arrayFromBytes(type, fc.sample(bitsArb(type, count), { numRuns: 1, seed })[0]);
}

describe("given any bit patterns in any type and shape", () => {
  it("when compressing in reversible mode and decompressing, expect the same bits back", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        shapeArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer(),
        (type, n, style, seed) => {
          const count = n.reduce((a, b) => a * b, 1);
          // style 0: raw random bits; 1: a few distinct values (exact block-floating-point paths); 2: mostly zeros
          const bytes = fc.sample(bitsArb(type, count), { numRuns: 1, seed })[0];
          const data = arrayFromBytes(type, bytes);
          if (style === 1 && (data instanceof Float32Array || data instanceof Float64Array)) {
            for (let i = 0; i < count; i++) data[i] = ((bytes[i] % 17) - 8) * 0.25;
          }
          if (style === 2) new Uint8Array(data.buffer).fill(0, 0, (count - 1) * BYTES[type]);
          const field = fieldOf(type, data, n);
          const packed = compressToBytes(reversible(), field);
          const out = makeArray(type, count);
          decompress(new BitStream(packed), reversible(), { ...field, data: out });
          expect(hex(bytesOf(out))).toBe(hex(bytesOf(data)));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("given finite doubles and a tolerance", () => {
  it("when compressing in fixed-accuracy mode, expect every decoded value within the tolerance", () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.integer({ min: -20, max: 10 }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.integer(),
        (n, exponent, scale, seed) => {
          const count = n.reduce((a, b) => a * b, 1);
          const values = fc.sample(fc.double({ min: -1, max: 1, noNaN: true }), { numRuns: count, seed });
          const data = Float64Array.from(values, (v, i) => v * scale + Math.sin(i) * scale);
          const tolerance = 2 ** exponent;
          const config = fixedAccuracy(tolerance);
          const field = fieldOf("double", data, n);
          const out = new Float64Array(count);
          decompress(new BitStream(compressToBytes(config, field)), config, { ...field, data: out });
          for (let i = 0; i < count; i++) expect(Math.abs(out[i] - data[i])).toBeLessThanOrEqual(tolerance);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe("given fixed-rate mode with a rate at or above the type's header", () => {
  it("when compressing, expect exactly blocks * maxbits bits (rounded up to the word) and blocks at fixed offsets", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        shapeArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer(),
        (type, n, eighths, seed) => {
          const dims = n.length as 1 | 2 | 3 | 4;
          const count = n.reduce((a, b) => a * b, 1);
          const config = fixedRate(eighths / 8, { type, dims });
          const data = sampledData(type, count, seed);
          if (data instanceof Float32Array || data instanceof Float64Array) {
            for (let i = 0; i < count; i++) if (!Number.isFinite(data[i])) data[i] = i;
          }
          const field = fieldOf(type, data, n);
          const bits = fieldBlocks(field) * config.maxbits;
          expect(compressToBytes(config, field, { wordBits: 8 }).length).toBe(Math.ceil(bits / 8));
          expect(compressToBytes(config, field).length).toBe(Math.ceil(bits / 64) * 8);
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });
});

describe("given any parameters, including maxbits below a block's header", () => {
  it("when compressing random data behind a 148-bit header, expect maximumSize to suffice", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        shapeArb,
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(-1075, -1074, -30, 0),
        fc.integer(),
        (type, n, minbits, extra, maxprec, minexp, seed) => {
          const count = n.reduce((a, b) => a * b, 1);
          const config = expert(minbits, minbits + extra, maxprec, minexp);
          const data = sampledData(type, count, seed);
          const field = fieldOf(type, data, n);
          for (const wordBits of [8, 64] as const) {
            const capacity = maximumSize(config, field, wordBits);
            const stream = new BitStream(new Uint8Array(capacity), { wordBits });
            stream.pad(148);
            expect(() => compress(stream, config, field, { nonFinite: "as-c" })).not.toThrow();
          }
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
});
