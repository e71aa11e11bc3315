// Regenerates the fuzz seed corpus: small streams written by Debian's zfpy (the oracle) in
// every mode and type, with and without a header. Run: npx tsx tooling/fuzz/make-corpus.ts
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  askZfpy,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  pyNumber,
  toBase64,
} from "../oracle/index.ts";

const corpus = join(dirname(fileURLToPath(import.meta.url)), "corpus");

const arrays: Record<OracleDtype, (n: number) => ArrayBufferView> = {
  float32: (n) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 100),
  float64: (n) => Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.21) * 1e5),
  int32: (n) => Int32Array.from({ length: n }, (_, i) => ((i * 7919) % 2001) - 1000),
  int64: (n) => BigInt64Array.from({ length: n }, (_, i) => BigInt((i * 104729) % 20001) - 10000n),
};
const shapes = [[7], [5, 6], [3, 4, 5], [2, 3, 4, 5]];
const modes: Array<[string, Partial<Record<"tolerance" | "rate" | "precision", string>>]> = [
  ["reversible", {}],
  ["rate8", { rate: pyNumber(8) }],
  ["precision12", { precision: pyNumber(12) }],
  ["tolerance1e-2", { tolerance: pyNumber(1e-2) }],
];

const requests: OracleRequest[] = [];
const names: string[] = [];
for (const [dtype, make] of Object.entries(arrays) as Array<[OracleDtype, (n: number) => ArrayBufferView]>) {
  for (const shape of shapes) {
    const count = shape.reduce((a, b) => a * b, 1);
    for (const [mode, params] of modes) {
      for (const header of [true, false]) {
        requests.push({
          op: "compress",
          dtype,
          shape,
          data: toBase64(make(count)),
          ...params,
          write_header: header,
        });
        names.push(`${dtype}-${shape.join("x")}-${mode}${header ? "" : "-noheader"}.zfp`);
      }
    }
  }
}
const answers = askZfpy(requests);
rmSync(corpus, { recursive: true, force: true });
mkdirSync(corpus, { recursive: true });
answers.forEach((answer, i) => {
  if (!answer.ok || !answer.bytes) throw new Error(`oracle failed on ${names[i]}: ${JSON.stringify(answer)}`);
  writeFileSync(join(corpus, names[i]!), fromBase64(answer.bytes));
});
console.log(`wrote ${readdirSync(corpus).length} streams to ${corpus}`);
