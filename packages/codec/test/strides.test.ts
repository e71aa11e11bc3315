// Strided, reversed, transposed and offset layouts: same bytes as zfpy gives for the equivalent numpy view.
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
  compressToBytes,
  decompress,
  type Field,
  fixedPrecision,
  fixedRate,
  reversible,
  type ScalarArray,
  type ScalarType,
  type ZfpConfig,
} from "../src/index.js";
import { bytesOf, DTYPE, expectZfpyStream, fieldOf, hex, makeArray, makeData } from "./support.js";

interface View {
  /** numpy shape of the base array (C order). */
  base: number[];
  /** numpy expression over `a` giving the view zfpy compresses. */
  expression: string;
  /** The same view as a zfp field description: sizes (x first), strides and offset in elements. */
  layout: {
    nx: number;
    ny: number;
    nz: number;
    nw: number;
    sx: number;
    sy?: number;
    sz?: number;
    sw?: number;
    offset: number;
  };
}

const VIEWS: View[] = [
  { base: [20], expression: "a[::-3]", layout: { nx: 7, ny: 0, nz: 0, nw: 0, sx: -3, offset: 19 } },
  { base: [20], expression: "a[3:9]", layout: { nx: 6, ny: 0, nz: 0, nw: 0, sx: 1, offset: 3 } },
  {
    base: [6, 10],
    expression: "a[::-1, ::2]",
    layout: { nx: 5, ny: 6, nz: 0, nw: 0, sx: 2, sy: -10, offset: 50 },
  },
  { base: [5, 7], expression: "a.T", layout: { nx: 5, ny: 7, nz: 0, nw: 0, sx: 7, sy: 1, offset: 0 } },
  {
    base: [5, 6, 7],
    expression: "a[1:4, ::-2, 2:]",
    layout: { nx: 5, ny: 3, nz: 3, nw: 0, sx: 1, sy: -14, sz: 42, offset: 79 },
  },
  {
    base: [3, 4, 5, 6],
    expression: "a[:, ::-1, 1::2, ::-3]",
    layout: { nx: 2, ny: 2, nz: 4, nw: 3, sx: -3, sy: 12, sz: -30, sw: 120, offset: 101 },
  },
];

const MODES: { name: string; zfpy: Record<string, string>; config: (dims: 1 | 2 | 3 | 4) => ZfpConfig }[] = [
  { name: "reversible", zfpy: {}, config: () => reversible() },
  { name: "precision 12", zfpy: { precision: "12" }, config: () => fixedPrecision(12) },
  { name: "rate 8", zfpy: { rate: "8" }, config: (dims) => fixedRate(8, { type: null, dims }) },
];

const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];

interface Case {
  type: ScalarType;
  view: View;
  mode: (typeof MODES)[number];
  data: ReturnType<typeof makeData>;
  answer?: OracleResponse;
}

const cases: Case[] = [];
let seed = 500;
for (const type of TYPES)
  for (const view of VIEWS)
    for (const mode of MODES) {
      const count = view.base.reduce((a, b) => a * b, 1);
      cases.push({ type, view, mode, data: makeData(type, "smooth", count, seed++) });
    }

function dimsOf(layout: View["layout"]): 1 | 2 | 3 | 4 {
  return layout.nw ? 4 : layout.nz ? 3 : layout.ny ? 2 : 1;
}

describeWithOracle("strided layouts against zfpy's views", () => {
  beforeAll(() => {
    const answers = askZfpy(
      cases.map((c) => ({
        op: "compress" as const,
        dtype: DTYPE[c.type],
        shape: c.view.base,
        data: toBase64(c.data),
        view: c.view.expression,
        write_header: false,
        ...c.mode.zfpy,
      })),
    );
    cases.forEach((c, i) => {
      c.answer = answers[i];
    });
  });

  for (const type of TYPES) {
    describe(`given ${type} data`, () => {
      for (const view of VIEWS) {
        it(`when compressing the view ${view.expression} of ${JSON.stringify(view.base)} through strides, expect zfpy's bytes`, () => {
          for (const c of cases.filter((k) => k.type === type && k.view === view)) {
            expect(c.answer?.ok, JSON.stringify(c.answer)).toBe(true);
            const expected = fromBase64((c.answer as { bytes: string }).bytes);
            const config = c.mode.config(dimsOf(view.layout));
            const field: Field = { type, data: c.data, ...view.layout };
            expectZfpyStream(config, field, expected, { message8: c.mode.name, message64: c.mode.name });
          }
        });

        it(`when decoding into the view ${view.expression}, expect the contiguous decode at the view's elements and nothing else touched`, () => {
          for (const c of cases.filter((k) => k.type === type && k.view === view)) {
            const expected = fromBase64((c.answer as { bytes: string }).bytes);
            const config = c.mode.config(dimsOf(view.layout));
            const { nx, ny, nz, nw } = view.layout;
            const count = nx * (ny || 1) * (nz || 1) * (nw || 1);
            const contiguous = makeArray(type, count);
            decompress(new BitStream(expected, { wordBits: 8 }), config, {
              type,
              data: contiguous,
              nx,
              ny,
              nz,
              nw,
            });
            const target = makeData(type, "constant", c.data.length, 1);
            const sentinel = bytesOf(target).slice();
            decompress(new BitStream(expected, { wordBits: 8 }), config, {
              type,
              data: target,
              ...view.layout,
            });
            // Compare element by element through the strides; every other element keeps the sentinel.
            const l = { sy: 0, sz: 0, sw: 0, ...view.layout };
            const size = target.BYTES_PER_ELEMENT;
            const touched = new Set<number>();
            const got = bytesOf(target);
            const want = bytesOf(contiguous);
            let index = 0;
            for (let w = 0; w < (nw || 1); w++)
              for (let z = 0; z < (nz || 1); z++)
                for (let y = 0; y < (ny || 1); y++)
                  for (let x = 0; x < nx; x++, index++) {
                    const at = l.offset + x * l.sx + y * l.sy + z * l.sz + w * l.sw;
                    touched.add(at);
                    expect(hex(got.subarray(at * size, (at + 1) * size))).toBe(
                      hex(want.subarray(index * size, (index + 1) * size)),
                    );
                  }
            for (let at = 0; at < c.data.length; at++) {
              if (!touched.has(at))
                expect(got.subarray(at * size, (at + 1) * size)).toEqual(
                  sentinel.subarray(at * size, (at + 1) * size),
                );
            }
          }
        });
      }
    });
  }
});

describe("given a contiguous field described with explicit default strides", () => {
  it("when compressing, expect the same bytes as with implicit strides", () => {
    const data = makeData("float", "random", 5 * 6 * 7, 3);
    const plain = fieldOf("float", data, [5, 6, 7]);
    const explicit: Field = { ...plain, sx: 1, sy: 7, sz: 42, offset: 0 };
    const config = fixedPrecision(14);
    expect(hex(compressToBytes(config, explicit))).toBe(hex(compressToBytes(config, plain)));
  });
});

// Broadcast views (numpy's stride 0): explicitStrides keeps a 0 stride instead of reading it as
// "default", so the view compresses without a copy and must give zfpy's bytes for the copy.
const BROADCASTS: {
  name: string;
  nx: number;
  ny: number;
  nz: number;
  sx: number;
  sy: number;
  sz: number;
  base: number;
}[] = [
  { name: "a row repeated along y (sy 0)", nx: 9, ny: 6, nz: 0, sx: 1, sy: 0, sz: 0, base: 9 },
  { name: "a column repeated along x (sx 0)", nx: 7, ny: 5, nz: 0, sx: 0, sy: 1, sz: 0, base: 5 },
  { name: "one value everywhere (sx = sy = sz = 0)", nx: 6, ny: 5, nz: 3, sx: 0, sy: 0, sz: 0, base: 1 },
  { name: "a plane repeated along z (sz 0)", nx: 5, ny: 6, nz: 7, sx: 1, sy: 5, sz: 0, base: 30 },
];

function materialise(type: ScalarType, data: ScalarArray, b: (typeof BROADCASTS)[number]): ScalarArray {
  const count = b.nx * (b.ny || 1) * (b.nz || 1);
  const copy = makeArray(type, count);
  let i = 0;
  for (let z = 0; z < (b.nz || 1); z++)
    for (let y = 0; y < (b.ny || 1); y++)
      for (let x = 0; x < b.nx; x++, i++)
        (copy as Float64Array)[i] = (data as Float64Array)[x * b.sx + y * b.sy + z * b.sz];
  return copy;
}

describeWithOracle("broadcast views (explicit zero strides) against zfpy on the materialised copy", () => {
  const broadcastCases: {
    type: ScalarType;
    b: (typeof BROADCASTS)[number];
    mode: (typeof MODES)[number];
    data: ScalarArray;
    copy: ScalarArray;
    answer?: OracleResponse;
  }[] = [];
  let broadcastSeed = 900;
  for (const type of TYPES)
    for (const b of BROADCASTS)
      for (const mode of MODES) {
        const data = makeData(type, "random", b.base, broadcastSeed++);
        broadcastCases.push({ type, b, mode, data, copy: materialise(type, data, b) });
      }
  beforeAll(() => {
    const answers = askZfpy(
      broadcastCases.map((c) => ({
        op: "compress" as const,
        dtype: DTYPE[c.type],
        shape: [c.b.nz, c.b.ny, c.b.nx].filter((n) => n > 0),
        data: toBase64(c.copy),
        write_header: false,
        ...c.mode.zfpy,
      })),
    );
    broadcastCases.forEach((c, i) => {
      c.answer = answers[i];
    });
  });
  for (const b of BROADCASTS) {
    it(`when compressing ${b.name} without copying it, expect zfpy's bytes for the copy in every type and mode`, () => {
      for (const c of broadcastCases.filter((k) => k.b === b)) {
        expect(c.answer?.ok, JSON.stringify(c.answer)).toBe(true);
        const expected = fromBase64((c.answer as { bytes: string }).bytes);
        const dims = b.nz ? 3 : 2;
        const field: Field = {
          type: c.type,
          data: c.data,
          nx: b.nx,
          ny: b.ny,
          nz: b.nz,
          nw: 0,
          sx: b.sx,
          sy: b.sy,
          sz: b.sz,
          explicitStrides: true,
        };
        expectZfpyStream(c.mode.config(dims), field, expected, { message8: `${c.type} ${c.mode.name}` });
      }
    });
  }
});

describe("given a field with zero strides but no explicitStrides flag", () => {
  it("when compressing, expect zfp's reading of 0 as the default stride", () => {
    const data = makeData("float", "random", 30, 4);
    const plain = fieldOf("float", data, [6, 5]);
    const zeros: Field = { ...plain, sx: 0, sy: 0 };
    expect(hex(compressToBytes(fixedPrecision(12), zeros))).toBe(
      hex(compressToBytes(fixedPrecision(12), plain)),
    );
  });
});
