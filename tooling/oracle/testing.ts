// Test helpers shared by the packages' tests (and the oracle scripts): a seeded generator,
// typed arrays by numpy dtype, byte views and comparisons, and the parameters of an oracle
// request. Pure functions: no oracle process, no vitest. Only types come from ./index.js, which
// loads vitest and node:child_process: scripts such as the fuzz long run import this module.
import type { OracleDtype, OracleResponse } from "./index.js";

/** A number as the oracle expects it: nan, inf and -0.0 survive the trip as strings. */
export function pyNumber(value: number): string {
  if (Object.is(value, -0)) return "-0.0";
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return String(value);
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A typed array of a numpy dtype. */
export type DtypeArray =
  | Int32Array<ArrayBuffer>
  | BigInt64Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

/** zfp's type codes (zfpy's ztype) of the numpy dtypes. */
export const ZTYPE_OF_DTYPE: Record<OracleDtype, number> = { int32: 1, int64: 2, float32: 3, float64: 4 };

/** zfp's scalar type names (the codec's ScalarType) of the numpy dtypes, and back. */
export type ZfpScalarType = "int32" | "int64" | "float" | "double";
export const SCALAR_TYPE_OF_DTYPE: Record<OracleDtype, ZfpScalarType> = {
  int32: "int32",
  int64: "int64",
  float32: "float",
  float64: "double",
};
export const DTYPE_OF_SCALAR_TYPE: Record<ZfpScalarType, OracleDtype> = {
  int32: "int32",
  int64: "int64",
  float: "float32",
  double: "float64",
};

/** A new zero-filled typed array of `count` values of `dtype`. */
export function arrayOfDtype(dtype: OracleDtype, count: number): DtypeArray {
  switch (dtype) {
    case "int32":
      return new Int32Array(count);
    case "int64":
      return new BigInt64Array(count);
    case "float32":
      return new Float32Array(count);
    case "float64":
      return new Float64Array(count);
  }
}

/** A typed array of `dtype` holding a copy of `bytes` (whole elements, little-endian as stored). */
export function arrayOfDtypeBytes(dtype: OracleDtype, bytes: Uint8Array): DtypeArray {
  const out = arrayOfDtype(dtype, bytes.length / arrayOfDtype(dtype, 0).BYTES_PER_ELEMENT);
  bytesOf(out).set(bytes);
  return out;
}

/** The bytes of a typed array (a view, not a copy). */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** `bytes` followed by zeros up to a multiple of 8 bytes (a 64-bit-word stream's padding). */
export function padTo8(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  out.set(bytes);
  return out;
}

/** Hex of bytes, for readable failure messages. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** "equal", or where two byte strings first differ (short, unlike a hex diff of kilobytes). */
export function compareBytes(actual: Uint8Array, expected: Uint8Array): string {
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      const around = (b: Uint8Array) => hex(b.subarray(Math.max(0, i - 4), i + 8));
      return `differ at byte ${i} of ${actual.length} (expected ${expected.length}): ${around(actual)} vs ${around(expected)}`;
    }
  }
  return actual.length === expected.length
    ? "equal"
    : `lengths differ: ${actual.length} vs ${expected.length}`;
}

/** The numeric mode parameters of a compress request. */
export interface ModeParams {
  tolerance?: number | null;
  rate?: number | null;
  precision?: number | null;
}

/** Mode parameters as an oracle request carries them (strings, so nan, inf and -0.0 survive). */
export function oracleParams(params: ModeParams): { tolerance?: string; rate?: string; precision?: string } {
  const out: { tolerance?: string; rate?: string; precision?: string } = {};
  for (const key of ["tolerance", "rate", "precision"] as const) {
    const value = params[key];
    if (typeof value === "number") out[key] = pyNumber(value);
  }
  return out;
}

/**
 * `zfp -c minbits maxbits maxprec minexp` sets both the codec's and the header's tests give the
 * zfp command: the default, small and large bit budgets, and exponents at and past their limits.
 */
export const ZFP_EXPERT_SETS: readonly (readonly [number, number, number, number])[] = [
  [1, 16658, 64, -1074],
  [5, 100, 30, -10],
  [0, 16658, 20, -1074],
  [1, 20000, 30, -1074],
  [64, 64, 64, -1074],
  [3000, 3000, 64, -1074],
  [1, 16658, 64, -1075],
  [1, 16658, 64, 900],
  [40000, 40000, 64, 20000],
  [1, 16658, 64, -20000],
];

/** zfpy's answer, which must be a success: throws "zfpy raised <error>: <message>" otherwise. */
export function okAnswer(answer: OracleResponse | undefined): OracleResponse & { ok: true } {
  if (!answer!.ok) throw new Error(`zfpy raised ${answer!.error}: ${answer!.message}`);
  return answer as OracleResponse & { ok: true };
}

/** The zfp command's option flags, in the order of its usage text. */
export const ZFP_FLAGS: readonly string[] = [
  "-h",
  "-q",
  "-s",
  "-i",
  "-o",
  "-z",
  "-f",
  "-d",
  "-t",
  "-1",
  "-2",
  "-3",
  "-4",
  "-R",
  "-r",
  "-p",
  "-a",
  "-c",
  "-x",
];
