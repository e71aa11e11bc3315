// Test arrays: smooth fields with a little deterministic noise, in every type zfpy takes.
import type { ZfpyData } from "@zfpjs/zfpy";

/** The dtypes zfpy compresses, by the names of the oracle. */
export const DTYPES = ["int32", "int64", "float32", "float64"] as const;
export type Dtype = (typeof DTYPES)[number];

/** Shapes with partial blocks on every axis, in 1 to 4 dimensions. */
export const SHAPES: Record<1 | 2 | 3 | 4, number[]> = {
  1: [1001],
  2: [37, 29],
  3: [13, 11, 9],
  4: [9, 6, 5, 7],
};

/** C-ordered values of `shape` for `dtype`, the same for every call with the same arguments. */
export function field(dtype: Dtype, shape: readonly number[], seed = 1): ZfpyData {
  const count = shape.reduce((a, b) => a * b, 1);
  let state = seed >>> 0;
  const noise = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const values = Array.from({ length: count }, (_, i) => 100 * Math.sin(i / 37) + Math.cos(i / 5) + noise());
  switch (dtype) {
    case "float32":
      return Float32Array.from(values);
    case "float64":
      return Float64Array.from(values);
    case "int32":
      return Int32Array.from(values, (v) => Math.round(v * 1000));
    case "int64":
      return BigInt64Array.from(values, (v) => BigInt(Math.round(v * 1e6)) * 1000n);
  }
}

/** zfpy's four settings (and reversible) as compress_numpy options. */
export const MODES = [
  { name: "reversible", options: {} },
  { name: "rate 8", options: { rate: 8 } },
  { name: "rate 3.5", options: { rate: 3.5 } },
  { name: "precision 14", options: { precision: 14 } },
  { name: "tolerance 1e-2", options: { tolerance: 1e-2 } },
] as const;
