// The fuzz inputs: the seed corpus written by the oracle, committed regression inputs, and
// generators shared by the bounded test run and the long run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ZFP_FLAGS } from "@zfpjs/tooling/testing";
import type { Random } from "./mutate.js";
import type { HeaderlessInput } from "./targets.js";

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(here, "corpus");
export const REGRESSIONS_DIR = join(here, "regressions");

/** A committed seed stream: its file name says dtype, shape, mode and whether it has a header. */
export interface SeedStream {
  name: string;
  bytes: Uint8Array;
  hasHeader: boolean;
}

/** The seed corpus (regenerate with `npx tsx tooling/fuzz/make-corpus.ts`). */
export function loadCorpus(): SeedStream[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".zfp"))
    .sort()
    .map((name) => ({
      name,
      bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, name))),
      hasHeader: !name.includes("-noheader"),
    }));
}

/** A saved input that once misbehaved; the test run replays every one. */
export type Regression =
  | { target: "decompress"; note: string; bytes: string }
  | {
      target: "headerless";
      note: string;
      bytes: string;
      ztype: number;
      shape: number[];
      mode: Record<string, string>;
    }
  | { target: "cli"; note: string; argv: string[]; files: Record<string, string> };

export function loadRegressions(): Array<{ file: string; regression: Regression }> {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => ({
      file,
      regression: JSON.parse(readFileSync(join(REGRESSIONS_DIR, file), "utf8")) as Regression,
    }));
}

/** Saves a finding as a regression input, named after its content. */
export function saveRegression(regression: Regression): string {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const text = `${JSON.stringify(regression, null, 2)}\n`;
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  const file = join(
    REGRESSIONS_DIR,
    `${regression.target}-${(hash >>> 0).toString(16).padStart(8, "0")}.json`,
  );
  writeFileSync(file, text);
  return file;
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A header-less decode request: a stream (seed or noise) with a random type, shape and mode. */
export function randomHeaderless(random: Random, corpus: SeedStream[]): HeaderlessInput {
  const seed = pick(random, corpus).bytes;
  const bytes = random() < 0.2 ? seed.slice(0, Math.floor(random() * seed.length)) : seed;
  const dims = 1 + Math.floor(random() * 4);
  const shape = Array.from({ length: dims }, () => pick(random, [0, 1, 2, 3, 4, 5, 7, 9, 33, -1, 1e6]));
  const input: HeaderlessInput = { bytes, ztype: pick(random, [0, 1, 2, 3, 4, 5, -1]), shape };
  const mode = Math.floor(random() * 4);
  const value = pick(random, [
    0,
    0.5,
    1,
    4,
    8,
    16,
    31,
    64,
    65,
    1e-3,
    1e9,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
  ]);
  if (mode === 0) input.tolerance = value;
  else if (mode === 1) input.rate = value;
  else if (mode === 2) input.precision = value;
  return input;
}

/** Arguments for the CLI drawn from a vocabulary of zfp's flags, subcommands and values. */
export function randomArgv(random: Random): string[] {
  // zfp's flags with the type names after -t: this order keeps every seed's argv as it was.
  const words = [
    ...ZFP_FLAGS.slice(0, ZFP_FLAGS.indexOf("-t") + 1),
    "i32",
    "i64",
    "f32",
    "f64",
    "f16",
    ...ZFP_FLAGS.slice(ZFP_FLAGS.indexOf("-t") + 1),
    "serial",
    "omp",
    "omp=2,3",
    "cuda",
    "in.raw",
    "in.zfp",
    "out.zfp",
    "out.raw",
    "missing/out.raw",
    "-",
    "4",
    "0",
    "-1",
    "7",
    "1e300",
    "nan",
    "inf",
    "0x10",
    "abc",
    "16",
    "1",
    "-1075",
    "compress",
    "decompress",
    "info",
    "--json",
    "--help",
    "--version",
    "--rate",
    "--precision",
    "--tolerance",
    "--reversible",
    "in.npy",
    "out.npy",
    "-W",
    "8",
    "64",
  ];
  const length = Math.floor(random() * 12);
  return Array.from({ length }, () => pick(random, words));
}
