// Expert parameters (minbits, maxbits, maxprec, minexp) against the zfp command, including C's budget wrap and minbits quirks.
import { describeWithOracle, runZfp } from "@zfpjs/tooling/oracle";
import { describe, expect, it } from "vitest";
import { BitStream, compressToBytes, decompress, expert, type Field, type ScalarType } from "../src/index.js";
import { bytesOf, hex, makeArray, makeData } from "./support.js";

const TYPE_FLAG: Record<ScalarType, string> = { int32: "i32", int64: "i64", float: "f32", double: "f64" };
const SHAPES: { dims: 1 | 2 | 3 | 4; n: number[] }[] = [
  { dims: 1, n: [13] },
  { dims: 2, n: [5, 6] },
  { dims: 3, n: [5, 3, 6] },
  { dims: 4, n: [3, 5, 2, 6] },
];
const PARAMS: [number, number, number, number][] = [
  [10, 200, 20, -20],
  [64, 64, 64, -1074],
  [5, 300, 12, -3],
  [100, 16658, 64, -1074],
  [1, 16658, 10, 2],
  [1, 400, 40, -1075],
  [30, 16658, 64, -1075],
];

function field(type: ScalarType, n: number[], data: Field["data"]): Field {
  return { type, data, nx: n[0], ny: n[1] ?? 0, nz: n[2] ?? 0, nw: n[3] ?? 0 };
}

/** Runs zfp to compress `data` and to decompress its output; returns both. */
function zfpRoundTrip(type: ScalarType, n: number[], params: number[], data: Field["data"]) {
  const common = ["-t", TYPE_FLAG[type], `-${n.length}`, ...n.map(String), "-c", ...params.map(String)];
  const packed = runZfp([...common, "-i", "in.raw", "-z", "out.zfp"], { "in.raw": bytesOf(data) });
  expect(packed.status, packed.stderr).toBe(0);
  const compressed = packed.files["out.zfp"];
  const unpacked = runZfp([...common, "-z", "in.zfp", "-o", "out.raw"], { "in.zfp": compressed });
  expect(unpacked.status, unpacked.stderr).toBe(0);
  return { compressed, decoded: unpacked.files["out.raw"] };
}

describeWithOracle(
  "expert parameters against the zfp command (no header, 8-bit words)",
  () => {
    for (const type of ["int32", "int64", "float", "double"] as ScalarType[]) {
      describe(`given ${type} data`, () => {
        for (const { dims, n } of SHAPES) {
          it(`when ${dims}D with ${PARAMS.length} expert parameter sets, expect zfp's bytes and zfp's decoded values`, () => {
            let seed = 900;
            for (const params of PARAMS) {
              const count = n.reduce((a, b) => a * b, 1);
              const data = makeData(type, "random", count, seed++);
              const { compressed, decoded } = zfpRoundTrip(type, n, params, data);
              const config = expert(...params);
              const label = `-c ${params.join(" ")}`;
              expect(hex(compressToBytes(config, field(type, n, data), { wordBits: 8 })), label).toBe(
                hex(compressed),
              );
              const out = makeArray(type, count);
              decompress(new BitStream(compressed, { wordBits: 8 }), config, field(type, n, out));
              expect(hex(bytesOf(out)), label).toBe(hex(decoded));
            }
          });
        }
      });
    }

    describe("given maxbits below a block's header (zfp's budget wraps around)", () => {
      // C's buffer (maximum_size) is too small here; these inputs are chosen so that zfp's
      // overrun stays inside its heap slack and the tool survives (smooth double data crashes it).
      const cases: {
        type: ScalarType;
        params: [number, number, number, number];
        kind: "smooth" | "constant";
      }[] = [
        { type: "float", params: [1, 8, 64, -1074], kind: "smooth" },
        { type: "double", params: [1, 11, 64, -1074], kind: "constant" },
        { type: "float", params: [1, 3, 64, -1075], kind: "smooth" },
        { type: "int32", params: [1, 4, 64, -1075], kind: "smooth" },
        { type: "int64", params: [0, 5, 64, -1075], kind: "smooth" },
      ];
      for (const { type, params, kind } of cases) {
        it(`when ${type} with -c ${params.join(" ")} (one block), expect zfp's full-precision bytes and values`, () => {
          const data = makeData(type, kind, 4, 77);
          const { compressed, decoded } = zfpRoundTrip(type, [4], params, data);
          const config = expert(...params);
          const ours = compressToBytes(config, field(type, [4], data), { wordBits: 8 });
          expect(hex(ours)).toBe(hex(compressed));
          expect(ours.length * 8).toBeGreaterThan(params[1]); // the "fixed" budget was not honoured, as in C
          const out = makeArray(type, 4);
          decompress(new BitStream(compressed, { wordBits: 8 }), config, field(type, [4], out));
          expect(hex(bytesOf(out))).toBe(hex(decoded));
        });
      }
    });

    describe("given reversible mode with minbits > 1 and an all-zero float block (zfp's encoder/decoder desync)", () => {
      it("when compressing, expect zfp's bytes; when decoding them, expect the true values where zfp's decoder loses sync", () => {
        const data = new Float32Array([0, 0, 0, 0, 1.5, 2.25, 3, 4.75, 0, 0, 0, 0, -1, 2, -3, 4]);
        const params: [number, number, number, number] = [20, 16658, 64, -1075];
        const { compressed, decoded } = zfpRoundTrip("float", [16], params, data);
        const config = expert(...params);
        const ours = compressToBytes(config, field("float", [16], data), { wordBits: 8 });
        expect(hex(ours)).toBe(hex(compressed));
        const out = new Float32Array(16);
        decompress(new BitStream(compressed, { wordBits: 8 }), config, field("float", [16], out));
        expect(Array.from(out)).toEqual(Array.from(data));
        // zfp's own decoder skips to minbits after the one-bit block and garbles what follows.
        expect(hex(decoded)).not.toBe(hex(bytesOf(data)));
      });
    });
  },
  { zfp: true },
);
