import {
  compressToBytes,
  DEFAULT_CONFIG,
  expert,
  type Field,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  reversible,
  type ZfpConfig,
} from "@zfpjs/codec";
import { describe, expect, it } from "vitest";
import { headerConfig, survivesHeader } from "../src/index.js";

function fields(): Field[] {
  const n = 6 * 5 * 3;
  const wave = (i: number) => Math.sin(i * 0.37) * 1000 + i;
  return [
    { type: "float", data: Float32Array.from({ length: n }, (_, i) => wave(i)), nx: 6, ny: 5, nz: 3, nw: 0 },
    {
      type: "double",
      data: Float64Array.from({ length: n }, (_, i) => wave(i) / 7),
      nx: 6,
      ny: 15,
      nz: 0,
      nw: 0,
    },
    {
      type: "int32",
      data: Int32Array.from({ length: n }, (_, i) => Math.round(wave(i))),
      nx: n,
      ny: 0,
      nz: 0,
      nw: 0,
    },
    {
      type: "int64",
      data: BigInt64Array.from({ length: n }, (_, i) => BigInt(Math.round(wave(i) * 1e6))),
      nx: 3,
      ny: 5,
      nz: 3,
      nw: 2,
    },
  ];
}

describe("parameters decoded from a header compress identically", () => {
  const configs: [string, ZfpConfig][] = [
    ["tolerance 1e-3 (read back as 2^-10)", fixedAccuracy(1e-3)],
    ["tolerance 0.3", fixedAccuracy(0.3)],
    ["tolerance 1e300", fixedAccuracy(1e300)],
    ["precision 13", fixedPrecision(13)],
    ["precision 64", fixedPrecision(64)],
    ["rate 5", fixedRate(5, { type: null, dims: 3 })],
    ["rate 600", fixedRate(600, { type: null, dims: 1 })],
    ["reversible", reversible()],
    ["defaults", DEFAULT_CONFIG],
    ["expert 5 100 30 -10", expert(5, 100, 30, -10)],
    ["minbits 0, precision 20 (reads back as minbits 1)", expert(0, 16658, 20, -1074)],
    ["maxbits 20000, precision 30 (reads back as maxbits 16658)", expert(1, 20000, 30, -1074)],
  ];
  it.each(configs)(
    "given %s when compressed with the header's parameters expect the same bytes",
    (_, config) => {
      const back = headerConfig(config);
      for (const field of fields()) {
        expect(compressToBytes(back, field, { wordBits: 8 })).toEqual(
          compressToBytes(config, field, { wordBits: 8 }),
        );
      }
    },
  );
  it("given the lossy-but-harmless cases when checked expect survivesHeader false only where the values change", () => {
    expect(survivesHeader(fixedAccuracy(1e-3))).toBe(true);
    expect(survivesHeader(expert(0, 16658, 20, -1074))).toBe(false);
    expect(survivesHeader(expert(1, 20000, 30, -1074))).toBe(false);
    expect(survivesHeader(fixedRate(0, { type: null, dims: 2 }))).toBe(false);
  });
});
