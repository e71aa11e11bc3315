// Test support: seeded data generators and conversions between fields, typed arrays and the oracle.
import type { OracleDtype } from "@zfpjs/tooling/oracle";
import {
  arrayOfDtype,
  arrayOfDtypeBytes,
  DTYPE_OF_SCALAR_TYPE,
  hex,
  padTo8,
  seededRandom,
  ZTYPE_OF_DTYPE,
} from "@zfpjs/tooling/testing";
import { expect } from "vitest";
import {
  BitStream,
  type CompressOptions,
  compressToBytes,
  decompress,
  type Field,
  type ScalarArray,
  type ScalarType,
  type ZfpConfig,
} from "../src/index.js";

export { bytesOf, hex, padTo8, seededRandom } from "@zfpjs/tooling/testing";

/** numpy dtype of a zfp scalar type. */
export const DTYPE: Record<ScalarType, OracleDtype> = DTYPE_OF_SCALAR_TYPE;

/** zfpy ztype codes. */
export const ZTYPE: Record<ScalarType, number> = {
  int32: ZTYPE_OF_DTYPE.int32,
  int64: ZTYPE_OF_DTYPE.int64,
  float: ZTYPE_OF_DTYPE.float32,
  double: ZTYPE_OF_DTYPE.float64,
};

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
  return arrayOfDtype(DTYPE[type], count);
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

/** Typed array of `type` over a copy of `bytes`. */
export function arrayFromBytes(type: ScalarType, bytes: Uint8Array): ScalarArray {
  return arrayOfDtypeBytes(DTYPE[type], bytes);
}

/** A contiguous field over `data` with zfp sizes from a C-order numpy shape (last axis is x). */
export function fieldOf(type: ScalarType, data: ScalarArray, shape: readonly number[]): Field {
  const n = [...shape].reverse();
  return { type, data, nx: n[0] ?? 0, ny: n[1] ?? 0, nz: n[2] ?? 0, nw: n[3] ?? 0 };
}

/**
 * Expects `field` compressed with 8-bit stream words to give zfpy's `expected` bytes, and with
 * the default 64-bit words those bytes zero-padded to a whole word (`message8`/`message64` label
 * the two checks).
 */
export function expectZfpyStream(
  config: ZfpConfig,
  field: Field,
  expected: Uint8Array,
  options: { nonFinite?: CompressOptions["nonFinite"]; message8?: string; message64?: string } = {},
): void {
  const { message8, message64, ...compressOptions } = options;
  expect(hex(compressToBytes(config, field, { wordBits: 8, ...compressOptions })), message8).toBe(
    hex(expected),
  );
  expect(hex(compressToBytes(config, field, compressOptions)), message64).toBe(hex(padTo8(expected)));
}

/** zfpy's stream `bytes` (8-bit words) decoded with `config` into a new array shaped like `field`. */
export function decodeZfpyStream(config: ZfpConfig, field: Field, bytes: Uint8Array): ScalarArray {
  const out = makeArray(field.type, field.data.length);
  decompress(new BitStream(bytes, { wordBits: 8 }), config, { ...field, data: out });
  return out;
}

/** The 64-bit value in slots 2i (low) and 2i + 1 (high) of `a`, as a bigint. */
export function pairToBigInt(a: Int32Array, i: number): bigint {
  return (BigInt(a[2 * i + 1]) << 32n) | BigInt(a[2 * i] >>> 0);
}

/** Stores `value` (modulo 2^64) into slots 2i (low) and 2i + 1 (high) of `a`. */
export function setPairFromBigInt(a: Int32Array, i: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  a[2 * i] = Number(v & 0xffffffffn) | 0;
  a[2 * i + 1] = Number(v >> 32n) | 0;
}
