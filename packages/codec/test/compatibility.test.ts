// The compatibility matrix: type x dimensions x mode x shape (partial blocks) x data kind, against zfpy.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleRequest,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { beforeAll, describe, expect, it } from "vitest";
import {
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  reversible,
  type ScalarType,
  type ZfpConfig,
} from "../src/index.js";
import {
  arrayFromBytes,
  bytesOf,
  type DataKind,
  DTYPE,
  decodeZfpyStream,
  expectZfpyStream,
  fieldOf,
  hex,
  kindsFor,
  makeData,
  ZTYPE,
} from "./support.js";

type Dims = 1 | 2 | 3 | 4;
interface Mode {
  name: string;
  zfpy: { tolerance?: string; rate?: string; precision?: string };
  config: (dims: Dims) => ZfpConfig;
  /** Whether zfpy can run the mode safely (its heap overflows when maxbits is below a float block's header). */
  applies?: (type: ScalarType, dims: Dims) => boolean;
}

const MODES: Mode[] = [
  { name: "reversible", zfpy: {}, config: () => reversible() },
  { name: "precision 3", zfpy: { precision: "3" }, config: () => fixedPrecision(3) },
  { name: "precision 17", zfpy: { precision: "17" }, config: () => fixedPrecision(17) },
  { name: "precision 0 (64, expert)", zfpy: { precision: "0" }, config: () => fixedPrecision(0) },
  { name: "tolerance 1e-3", zfpy: { tolerance: "1e-3" }, config: () => fixedAccuracy(1e-3) },
  { name: "tolerance 0", zfpy: { tolerance: "0" }, config: () => fixedAccuracy(0) },
  { name: "tolerance 10", zfpy: { tolerance: "10" }, config: () => fixedAccuracy(10) },
  { name: "rate 3.5", zfpy: { rate: "3.5" }, config: (dims) => fixedRate(3.5, { type: null, dims }) },
  { name: "rate 8", zfpy: { rate: "8" }, config: (dims) => fixedRate(8, { type: null, dims }) },
  { name: "rate 24", zfpy: { rate: "24" }, config: (dims) => fixedRate(24, { type: null, dims }) },
  {
    name: "rate 1",
    zfpy: { rate: "1" },
    config: (dims) => fixedRate(1, { type: null, dims }),
    applies: (type, dims) => type === "int32" || type === "int64" || dims >= 2,
  },
];

// numpy shapes (C order, last axis = x) with partial blocks along every axis.
const SHAPES: Record<Dims, number[][]> = {
  1: [[1], [7], [13]],
  2: [
    [3, 5],
    [6, 4],
  ],
  3: [
    [3, 5, 6],
    [1, 2, 7],
  ],
  4: [
    [2, 3, 5, 6],
    [5, 1, 2, 3],
  ],
};

const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];
const DIMS: Dims[] = [1, 2, 3, 4];

interface Case {
  type: ScalarType;
  dims: Dims;
  mode: Mode;
  shape: number[];
  kind: DataKind;
  data: ReturnType<typeof makeData>;
  compressed?: OracleResponse;
  decoded?: OracleResponse;
}

const cases: Case[] = [];
let seed = 1;
for (const type of TYPES)
  for (const dims of DIMS)
    for (const mode of MODES.filter((m) => m.applies?.(type, dims) ?? true))
      for (const shape of SHAPES[dims])
        for (const kind of kindsFor(type)) {
          const count = shape.reduce((a, b) => a * b, 1);
          cases.push({ type, dims, mode, shape, kind, data: makeData(type, kind, count, seed++) });
        }

describeWithOracle("compatibility matrix against zfpy (Debian zfp 1.0, 8-bit words)", () => {
  beforeAll(() => {
    const requests: OracleRequest[] = cases.map((c) => ({
      op: "compress",
      dtype: DTYPE[c.type],
      shape: c.shape,
      data: toBase64(c.data),
      write_header: false,
      ...c.mode.zfpy,
    }));
    const compressed = askZfpy(requests);
    const decodeRequests: OracleRequest[] = [];
    cases.forEach((c, i) => {
      c.compressed = compressed[i];
      if (c.compressed?.ok) {
        decodeRequests.push({
          op: "_decompress",
          bytes: c.compressed.bytes!,
          ztype: ZTYPE[c.type],
          shape: c.shape,
          ...c.mode.zfpy,
        });
      }
    });
    const decoded = askZfpy(decodeRequests);
    let at = 0;
    for (const c of cases) if (c.compressed?.ok) c.decoded = decoded[at++];
  });

  for (const type of TYPES) {
    describe(`given ${type} data`, () => {
      for (const dims of DIMS) {
        for (const mode of MODES.filter((m) => m.applies?.(type, dims) ?? true)) {
          it(`when ${dims}D in ${mode.name}, expect zfpy's bytes and zfpy's decoded values`, () => {
            const mine = cases.filter((c) => c.type === type && c.dims === dims && c.mode === mode);
            for (const c of mine) {
              const label = `${c.kind} ${JSON.stringify(c.shape)}`;
              expect(c.compressed?.ok, `${label}: zfpy answered ${JSON.stringify(c.compressed)}`).toBe(true);
              const expected = fromBase64((c.compressed as { bytes: string }).bytes);
              const config = c.mode.config(c.dims);
              const field = fieldOf(c.type, c.data, c.shape);
              expectZfpyStream(config, field, expected, {
                nonFinite: "as-c",
                message8: `${label}: bytes (8-bit words)`,
                message64: `${label}: bytes (64-bit words)`,
              });
              // Our decoder on zfpy's stream gives zfpy's values, bit for bit.
              expect(c.decoded?.ok, `${label}: zfpy decode answered ${JSON.stringify(c.decoded)}`).toBe(true);
              const out = decodeZfpyStream(config, field, expected);
              const want = arrayFromBytes(c.type, fromBase64((c.decoded as { data: string }).data));
              expect(hex(bytesOf(out)), `${label}: decoded values`).toBe(hex(bytesOf(want)));
            }
          });
        }
      }
    });
  }
});
