// Committed golden fixtures made by zfpy (tooling/oracle/regenerate-fixtures.ts): run without the oracle.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCALAR_TYPE_OF_DTYPE } from "@zfpjs/tooling/testing";
import { describe, expect, it } from "vitest";
import {
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  reversible,
  type ScalarType,
  type ZfpConfig,
} from "../src/index.js";
import { arrayFromBytes, bytesOf, decodeZfpyStream, expectZfpyStream, fieldOf, hex } from "./support.js";

interface FixtureCase {
  name: string;
  dtype: "int32" | "int64" | "float32" | "float64";
  shape: number[];
  params: { tolerance?: string; rate?: string; precision?: string };
  input: string;
  compressed: string;
  decoded: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const document = JSON.parse(readFileSync(join(here, "..", "fixtures", "zfpy-golden.json"), "utf8")) as {
  cases: FixtureCase[];
};
const TYPE: Record<FixtureCase["dtype"], ScalarType> = SCALAR_TYPE_OF_DTYPE;
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

function configOf(c: FixtureCase): ZfpConfig {
  const dims = c.shape.length as 1 | 2 | 3 | 4;
  if (c.params.tolerance !== undefined) return fixedAccuracy(Number(c.params.tolerance));
  if (c.params.rate !== undefined) return fixedRate(Number(c.params.rate), { type: null, dims });
  if (c.params.precision !== undefined) return fixedPrecision(Number(c.params.precision));
  return reversible();
}

describe("given zfpy's golden fixtures (committed)", () => {
  it("when reading them, expect a fair number of cases over every type and dimension", () => {
    expect(document.cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(document.cases.map((c) => `${c.dtype}/${c.shape.length}`)).size).toBe(16);
  });

  for (const c of document.cases) {
    it(`when compressing and decompressing ${c.name}, expect zfpy's bytes and values`, () => {
      const type = TYPE[c.dtype];
      const config = configOf(c);
      const field = fieldOf(type, arrayFromBytes(type, bytes(c.input)), c.shape);
      const expected = bytes(c.compressed);
      expectZfpyStream(config, field, expected);
      const out = decodeZfpyStream(config, field, expected);
      expect(hex(bytesOf(out))).toBe(hex(bytes(c.decoded)));
    });
  }
});
