// Test support: seeded data generators and conversions between fields, typed arrays and the oracle.
import type { OracleDtype } from "@zfpjs/tooling/oracle";
import type { Field, ScalarArray, ScalarType } from "../src/index.js";

/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** numpy dtype of a zfp scalar type. */
export const DTYPE: Record<ScalarType, OracleDtype> = {
  int32: "int32",
  int64: "int64",
  float: "float32",
  double: "float64",
};

/** zfpy ztype codes. */
export const ZTYPE: Record<ScalarType, number> = { int32: 1, int64: 2, float: 3, double: 4 };

/** Kinds of test data. */
export type DataKind =
  | "random"
  | "smooth"
  | "constant"
  | "zeros"
  | "huge"
  | "tiny"
  | "subnormal"
  | "full-range"
  | "mixed-magnitudes";

/** Kinds that apply to a type (subnormal/tiny/huge only for floating point, full-range for integers too). */
export function kindsFor(type: ScalarType): DataKind[] {
  return type === "float" || type === "double"
    ? ["random", "smooth", "constant", "zeros", "huge", "tiny", "subnormal", "mixed-magnitudes"]
    : ["random", "smooth", "constant", "zeros", "full-range"];
}

/** A new typed array of `count` values of `type`. */
export function makeArray(type: ScalarType, count: number): ScalarArray {
  switch (type) {
    case "int32":
      return new Int32Array(count);
    case "int64":
      return new BigInt64Array(count);
    case "float":
      return new Float32Array(count);
    case "double":
      return new Float64Array(count);
  }
}

/** Deterministic values of a kind, stored into a new array of `type`. */
export function makeData(type: ScalarType, kind: DataKind, count: number, seed: number): ScalarArray {
  const random = seededRandom(seed);
  const out = makeArray(type, count);
  const isFloat = type === "float" || type === "double";
  for (let i = 0; i < count; i++) {
    let v: number;
    switch (kind) {
      case "random":
        v = isFloat ? random() * 200 - 100 : Math.floor(random() * 2000001) - 1000000;
        break;
      case "smooth":
        v = Math.sin(i * 0.37) * 1000 + Math.cos(i * 0.11) * 300;
        if (!isFloat) v = Math.round(v);
        break;
      case "constant":
        v = isFloat ? 3.25 : 12345;
        break;
      case "zeros":
        v = 0;
        break;
      case "huge":
        v = (random() - 0.5) * (type === "float" ? 3e38 : 1.7e308);
        break;
      case "tiny":
        v = (random() - 0.5) * (type === "float" ? 1e-31 : 1e-295);
        break;
      case "subnormal":
        v = (random() - 0.5) * (type === "float" ? 2e-39 : 8e-310);
        break;
      case "mixed-magnitudes":
        v = (random() - 0.5) * 10 ** Math.floor(random() * 60 - 30);
        break;
      case "full-range":
        v = 0;
        break;
    }
    if (out instanceof BigInt64Array) {
      if (kind === "full-range") {
        const hi = BigInt(Math.floor(random() * 4294967296));
        const lo = BigInt(Math.floor(random() * 4294967296));
        out[i] = BigInt.asIntN(64, (hi << 32n) | lo);
      } else out[i] = BigInt(v);
    } else if (out instanceof Int32Array) {
      out[i] = kind === "full-range" ? Math.floor(random() * 4294967296) | 0 : v;
    } else {
      out[i] = v;
    }
  }
  return out;
}

/** The bytes of a typed array (a view, no copy). */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Typed array of `type` over a copy of `bytes`. */
export function arrayFromBytes(type: ScalarType, bytes: Uint8Array): ScalarArray {
  const copy = bytes.slice().buffer;
  switch (type) {
    case "int32":
      return new Int32Array(copy);
    case "int64":
      return new BigInt64Array(copy);
    case "float":
      return new Float32Array(copy);
    case "double":
      return new Float64Array(copy);
  }
}

/** A contiguous field over `data` with zfp sizes from a C-order numpy shape (last axis is x). */
export function fieldOf(type: ScalarType, data: ScalarArray, shape: readonly number[]): Field {
  const n = [...shape].reverse();
  return { type, data, nx: n[0] ?? 0, ny: n[1] ?? 0, nz: n[2] ?? 0, nw: n[3] ?? 0 };
}

/** `bytes` zero-padded to a multiple of 8 bytes (a 64-bit-word build's output). */
export function padTo8(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  out.set(bytes);
  return out;
}

/** Hex of bytes, for readable failures. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
