// The benchmark matrix of issue 8: dtype x dimensions x mode x field, plus float32 4D.
import type { Dtype, FieldKind } from "./fields.js";

/** zfpy's compression settings of one mode, as compress_numpy keyword arguments. */
export interface ModeSpec {
  /** Short name used in case names. */
  name: string;
  /** Keyword arguments (none: reversible). */
  kwargs: { rate?: number; precision?: number; tolerance?: number };
}

/** The four modes benchmarked: fixed rate 8, precision 16, tolerance 1e-3, reversible. */
export const MODES: readonly ModeSpec[] = [
  { name: "rate8", kwargs: { rate: 8 } },
  { name: "prec16", kwargs: { precision: 16 } },
  { name: "tol1e-3", kwargs: { tolerance: 1e-3 } },
  { name: "reversible", kwargs: {} },
];

/** One benchmark case. */
export interface BenchCase {
  /** e.g. "float32/3d/rate8/smooth". */
  name: string;
  dtype: Dtype;
  dims: 1 | 2 | 3 | 4;
  mode: ModeSpec;
  field: FieldKind;
}

/** Every case, grouped so that cases sharing an input array are adjacent. */
export function allCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  const add = (dtype: Dtype, dims: 1 | 2 | 3 | 4, field: FieldKind) => {
    for (const mode of MODES)
      cases.push({ name: `${dtype}/${dims}d/${mode.name}/${field}`, dtype, dims, mode, field });
  };
  for (const field of ["smooth", "noisy"] as const) {
    for (const dtype of ["float32", "float64", "int32", "int64"] as const) {
      for (const dims of [3, 2, 1] as const) add(dtype, dims, field);
    }
  }
  add("float32", 4, "smooth");
  return cases;
}

/** The case called `name`, or undefined. */
export function caseNamed(name: string): BenchCase | undefined {
  return allCases().find((c) => c.name === name);
}
