// NaN, infinities, -0.0, subnormals and tiny blocks: C's x86-64 bytes with nonFinite "as-c", refusal by default.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BitStream,
  compress,
  compressToBytes,
  decompress,
  type Field,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  isZfpError,
  NonFiniteValueError,
  reversible,
  type ZfpConfig,
} from "../src/index.js";
import { arrayFromBytes, bytesOf, decodeZfpyStream, expectZfpyStream, hex } from "./support.js";

type FloatType = "float" | "double";

/** A block of values; strings give raw IEEE bit patterns in hex (NaN payloads). */
type Value = number | string;
const BLOCKS: { name: string; values: Value[]; shape: number[] }[] = [
  { name: "NaN first", values: [Number.NaN, 1, 2, 3], shape: [4] },
  { name: "+inf first", values: [Number.POSITIVE_INFINITY, 1, 2, 3], shape: [4] },
  { name: "-inf with zeros", values: [Number.NEGATIVE_INFINITY, 0.5, 0, 0], shape: [4] },
  { name: "NaN and zeros", values: [Number.NaN, 0, 0, 0], shape: [4] },
  { name: "all NaN", values: [Number.NaN, Number.NaN, Number.NaN, Number.NaN], shape: [4] },
  { name: "-0.0 in a block", values: [-0, 1.5, 2, 3.25], shape: [4] },
  { name: "all -0.0", values: [-0, -0, -0, -0], shape: [4] },
  { name: "all +0.0", values: [0, 0, 0, 0, 0, 0], shape: [6] },
  { name: "tiny (float scale overflow)", values: [1e-30, 2e-31, 0, -3e-30], shape: [4] },
  { name: "subnormal maximum", values: [1e-40, 0, 0, 0], shape: [4] },
  { name: "2^-98", values: [2 ** -98, 0, 0, 0], shape: [4] },
  { name: "2^-99", values: [2 ** -99, 2 ** -100, 0, 0], shape: [4] },
  { name: "double tiny", values: [1e-300, 1e-310, 0, 0], shape: [4] },
  { name: "2^-962 and 2^-961", values: [2 ** -962, 2 ** -961, -(2 ** -963), 0], shape: [4] },
  { name: "smallest subnormals", values: [5e-324, -5e-324, 1e-45, 0], shape: [4] },
  { name: "largest magnitudes", values: [3.4e38, -3.4e38, 1.7e308, 1], shape: [4] },
  { name: "quiet NaN with payload", values: ["7fc12345", 1, "ffc00001", 2], shape: [4] },
  { name: "signaling NaN", values: ["7f800001", -1, 0.25, "7ff0000000000001"], shape: [4] },
  {
    name: "2D block with NaN and inf inside",
    values: [1, 2, 3, 4, 5, Number.NaN, 7, 8, 9, 10, Number.POSITIVE_INFINITY, 12, 13, 14, 15],
    shape: [3, 5],
  },
];

function makeValues(type: FloatType, values: Value[]): Float32Array | Float64Array {
  const out = type === "float" ? new Float32Array(values.length) : new Float64Array(values.length);
  const words = new Uint32Array(out.buffer);
  values.forEach((v, i) => {
    if (typeof v === "number") {
      out[i] = v;
    } else if (type === "float") {
      words[i] = v.length === 8 ? Number.parseInt(v, 16) : 0x7fc00000;
    } else if (v.length === 16) {
      words[2 * i] = Number.parseInt(v.slice(8), 16);
      words[2 * i + 1] = Number.parseInt(v.slice(0, 8), 16);
    } else {
      // a float NaN pattern in a double block: use the double quiet NaN with the same low payload
      words[2 * i] = Number.parseInt(v, 16) & 0xfffff;
      words[2 * i + 1] = 0x7ff80000;
    }
  });
  return out;
}

const MODES: { name: string; zfpy: Record<string, string>; config: (dims: 1 | 2) => ZfpConfig }[] = [
  { name: "precision 20", zfpy: { precision: "20" }, config: () => fixedPrecision(20) },
  { name: "rate 16", zfpy: { rate: "16" }, config: (dims) => fixedRate(16, { type: null, dims }) },
  { name: "tolerance 1e-3", zfpy: { tolerance: "1e-3" }, config: () => fixedAccuracy(1e-3) },
  { name: "tolerance 0", zfpy: { tolerance: "0" }, config: () => fixedAccuracy(0) },
  { name: "reversible", zfpy: {}, config: () => reversible() },
];

interface Case {
  type: FloatType;
  block: (typeof BLOCKS)[number];
  mode: (typeof MODES)[number];
  data: Float32Array | Float64Array;
  compressed?: OracleResponse;
  decoded?: OracleResponse;
}

const cases: Case[] = [];
for (const type of ["float", "double"] as const)
  for (const block of BLOCKS)
    for (const mode of MODES) cases.push({ type, block, mode, data: makeValues(type, block.values) });

function fieldFor(c: Case, data: Float32Array | Float64Array): Field {
  const [a, b] = c.block.shape;
  return b === undefined
    ? { type: c.type, data, nx: a!, ny: 0, nz: 0, nw: 0 }
    : { type: c.type, data, nx: b, ny: a!, nz: 0, nw: 0 };
}

describeWithOracle("special values against zfpy", () => {
  beforeAll(() => {
    const dtype = (t: FloatType) => (t === "float" ? "float32" : "float64") as "float32" | "float64";
    const compressed = askZfpy(
      cases.map((c) => ({
        op: "compress" as const,
        dtype: dtype(c.type),
        shape: c.block.shape,
        data: toBase64(c.data),
        write_header: false,
        ...c.mode.zfpy,
      })),
    );
    cases.forEach((c, i) => {
      c.compressed = compressed[i];
    });
    const decoded = askZfpy(
      cases.map((c) => ({
        op: "_decompress" as const,
        bytes: (c.compressed as { bytes: string }).bytes ?? "",
        ztype: c.type === "float" ? 3 : 4,
        shape: c.block.shape,
        ...c.mode.zfpy,
      })),
    );
    cases.forEach((c, i) => {
      c.decoded = decoded[i];
    });
  });

  for (const type of ["float", "double"] as const) {
    describe(`given ${type} blocks with special values`, () => {
      for (const mode of MODES) {
        it(`when compressing in ${mode.name} with nonFinite "as-c", expect zfpy's bytes and zfpy's decoded bits`, () => {
          for (const c of cases.filter((k) => k.type === type && k.mode === mode)) {
            expect(c.compressed?.ok, `${c.block.name}: ${JSON.stringify(c.compressed)}`).toBe(true);
            const expected = fromBase64((c.compressed as { bytes: string }).bytes);
            const config = mode.config(c.block.shape.length as 1 | 2);
            const field = fieldFor(c, c.data);
            expectZfpyStream(config, field, expected, {
              nonFinite: "as-c",
              message8: c.block.name,
              message64: c.block.name,
            });
            const out = decodeZfpyStream(config, field, expected);
            expect(c.decoded?.ok, `${c.block.name}: ${JSON.stringify(c.decoded)}`).toBe(true);
            const want = arrayFromBytes(type, fromBase64((c.decoded as { data: string }).data));
            expect(hex(bytesOf(out)), c.block.name).toBe(hex(bytesOf(want)));
            if (mode.name === "reversible")
              expect(hex(bytesOf(out)), `${c.block.name}: lossless`).toBe(hex(bytesOf(c.data)));
          }
        });
      }
    });
  }
});

describe("given NaN or an infinity in a lossy mode without options", () => {
  it("when compressing a float field, expect NonFiniteValueError naming the first offending index and suggesting reversible mode", () => {
    const data = new Float32Array([1, 2, 3, 4, 5, Number.POSITIVE_INFINITY, 7, Number.NaN]);
    const field: Field = { type: "float", data, nx: 8, ny: 0, nz: 0, nw: 0 };
    const stream = new BitStream(new Uint8Array(64));
    let error: unknown;
    try {
      compress(stream, fixedPrecision(10), field);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteValueError);
    expect(isZfpError(error, "NonFiniteValue")).toBe(true);
    expect((error as NonFiniteValueError).index).toBe(5);
    expect((error as Error).message).toMatch(/reversible/);
    expect(stream.wtell()).toBe(0);
  });

  it("when the first non-finite value lies past the first eight or in the tail, expect its index (the check sums groups of eight)", () => {
    for (const ValuesArray of [Float32Array, Float64Array]) {
      for (const length of [7, 16, 21]) {
        for (const at of [0, 6, 11, 15, 19]) {
          if (at >= length) continue;
          const data = new ValuesArray(length).fill(1.5);
          data[at] = Number.NEGATIVE_INFINITY;
          if (at + 2 < length) data[at + 2] = Number.NaN; // a later one must not be named
          const type = ValuesArray === Float32Array ? "float" : "double";
          const field: Field = { type, data, nx: length, ny: 0, nz: 0, nw: 0 };
          let error: unknown;
          try {
            compressToBytes(fixedPrecision(10), field);
          } catch (e) {
            error = e;
          }
          expect(error, `${type} length ${length} at ${at}`).toBeInstanceOf(NonFiniteValueError);
          expect((error as NonFiniteValueError).index).toBe(at);
        }
        const clean = new ValuesArray(length).fill(1.5);
        expect(() =>
          compressToBytes(fixedPrecision(10), {
            type: ValuesArray === Float32Array ? "float" : "double",
            data: clean,
            nx: length,
            ny: 0,
            nz: 0,
            nw: 0,
          }),
        ).not.toThrow();
      }
    }
  });

  it("when the field is strided, expect the logical index (x fastest), not the memory index", () => {
    const data = new Float64Array(12);
    data[1] = Number.NaN; // memory index 1 is logical (x=1... reversed): see layout below
    // nx = 4 reversed: logical x = 0 is memory 11, x = 3 is memory 8; ny = 3 with stride -4
    const field: Field = { type: "double", data, nx: 4, ny: 3, nz: 0, nw: 0, sx: -1, sy: -4, offset: 11 };
    let error: unknown;
    try {
      compressToBytes(fixedAccuracy(1e-3), field);
    } catch (e) {
      error = e;
    }
    // memory 1 = offset - x - 4y with y = 2, x = 2: logical index 2 + 4 * 2 = 10
    expect((error as NonFiniteValueError).index).toBe(10);
  });

  it("when compressing in reversible mode, expect a lossless round trip instead", () => {
    const data = makeValues("double", [Number.NaN, Number.NEGATIVE_INFINITY, -0, "7ff0000000000001", 1e-310]);
    const field: Field = { type: "double", data, nx: 5, ny: 0, nz: 0, nw: 0 };
    const bytes = compressToBytes(reversible(), field);
    const out = new Float64Array(5);
    decompress(new BitStream(bytes), reversible(), { ...field, data: out });
    expect(hex(bytesOf(out))).toBe(hex(bytesOf(data)));
  });

  it("when the data are integers, expect no check at all (integers are always finite)", () => {
    const field: Field = { type: "int32", data: new Int32Array([1, 2, 3]), nx: 3, ny: 0, nz: 0, nw: 0 };
    expect(compressToBytes(fixedPrecision(5), field).length).toBeGreaterThan(0);
  });
});
