// Regenerates packages/codec/fixtures/*.json with the oracle (Debian's zfpy, 8-bit stream words).
// Run from the repository root: npx tsx tooling/oracle/regenerate-fixtures.ts
// The inputs are generated here from fixed seeds and stored in the fixtures with zfpy's answers,
// so the codec's fixture test needs neither this script nor the oracle.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { askZfpy, type OracleDtype, type OracleRequest, oracleStatus, toBase64 } from "./index.js";
import { seededRandom } from "./testing.js";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, "..", "..", "packages", "codec", "fixtures");

/** One golden case: input, parameters as zfpy takes them, and zfpy's stream and decoded values. */
export interface FixtureCase {
  name: string;
  dtype: OracleDtype;
  /** numpy shape, C order (last axis is x). */
  shape: number[];
  /** zfpy parameters: tolerance, rate or precision as strings; none means reversible. */
  params: { tolerance?: string; rate?: string; precision?: string };
  /** Input values, raw little-endian bytes in base64. */
  input: string;
  /** compress_numpy(..., write_header=False) with 8-bit words, base64. */
  compressed: string;
  /** _decompress of that stream, raw bytes in base64. */
  decoded: string;
}

function values(dtype: OracleDtype, kind: "smooth" | "random", count: number, seed: number): ArrayBufferView {
  const random = seededRandom(seed);
  const raw = Array.from({ length: count }, (_, i) =>
    kind === "smooth" ? Math.sin(i * 0.21) * 500 + Math.cos(i * 0.05) * 40 : (random() - 0.5) * 2e6,
  );
  switch (dtype) {
    case "int32":
      return Int32Array.from(raw, Math.round);
    case "int64":
      return BigInt64Array.from(raw, (v) => BigInt(Math.round(v)) * 1000003n);
    case "float32":
      return Float32Array.from(raw);
    default:
      return Float64Array.from(raw, (v) => v * 1.0000001);
  }
}

const SHAPES = [[7], [5, 6], [3, 2, 6], [2, 3, 2, 5]];
const MODES: FixtureCase["params"][] = [{}, { precision: "12" }, { tolerance: "0.01" }, { rate: "6" }];
const DTYPES: OracleDtype[] = ["int32", "int64", "float32", "float64"];

function main(): void {
  const status = oracleStatus();
  if (!status.zfpy) throw new Error(status.reason);
  const cases: Omit<FixtureCase, "compressed" | "decoded">[] = [];
  let seed = 2024;
  for (const dtype of DTYPES)
    for (const shape of SHAPES)
      for (const params of MODES)
        for (const kind of ["smooth", "random"] as const) {
          const count = shape.reduce((a, b) => a * b, 1);
          const mode = Object.entries(params).map(([k, v]) => `${k} ${v}`)[0] ?? "reversible";
          cases.push({
            name: `${dtype} ${JSON.stringify(shape)} ${mode} ${kind}`,
            dtype,
            shape,
            params,
            input: toBase64(values(dtype, kind, count, seed++)),
          });
        }
  const compressed = askZfpy(
    cases.map(
      (c): OracleRequest => ({
        op: "compress",
        dtype: c.dtype,
        shape: c.shape,
        data: c.input,
        write_header: false,
        ...c.params,
      }),
    ),
  );
  const ztype = { int32: 1, int64: 2, float32: 3, float64: 4 } as const;
  const decoded = askZfpy(
    cases.map((c, i): OracleRequest => {
      const answer = compressed[i]!;
      if (!answer.ok) throw new Error(`${c.name}: zfpy raised ${answer.error}: ${answer.message}`);
      return { op: "_decompress", bytes: answer.bytes!, ztype: ztype[c.dtype], shape: c.shape, ...c.params };
    }),
  );
  const fixtures: FixtureCase[] = cases.map((c, i) => {
    const answer = decoded[i]!;
    if (!answer.ok) throw new Error(`${c.name}: zfpy raised ${answer.error}: ${answer.message}`);
    return { ...c, compressed: (compressed[i] as { bytes: string }).bytes, decoded: answer.data! };
  });
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, "zfpy-golden.json");
  const document = {
    generator: "tooling/oracle/regenerate-fixtures.ts",
    reference: "Debian zfp 1.0.0 (python3-zfpy), 8-bit stream words, compress_numpy(write_header=False)",
    cases: fixtures,
  };
  writeFileSync(file, `${JSON.stringify(document, null, 1)}\n`);
  console.log(`wrote ${fixtures.length} cases to ${file}`);
}

main();
