// Test arrays: deterministic data of every dtype, views as both ndarray and numpy expressions.
import type { OracleDtype } from "@zfpjs/tooling/oracle";
import { arrayOfDtype, seededRandom } from "@zfpjs/tooling/testing";
import type ndarray from "ndarray";
import type { ZfpyData } from "../src/index.js";

export { bytesOf, compareBytes, padTo8 } from "@zfpjs/tooling/testing";

/** The typed array of a dtype. */
export function arrayOf(dtype: OracleDtype, n: number): ZfpyData {
  return arrayOfDtype(dtype, n);
}

/**
 * Smooth values with noise, C order: floats of magnitude ~1..100, int32 within +-2^20, int64
 * within +-2^40 (lossy integer modes are exercised away from their overflow range; `wide` goes
 * over the full range).
 */
export function fill(dtype: OracleDtype, shape: readonly number[], seed: number, wide = false): ZfpyData {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = arrayOf(dtype, n);
  const next = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const smooth = Math.sin(i * 0.37 + seed) * 50 + Math.cos(i * 0.011) * 20;
    const noise = next() - 0.5;
    if (dtype === "float32" || dtype === "float64") {
      const value = wide ? (next() - 0.5) * 2 ** Math.floor(next() * 120 - 60) : smooth + noise;
      (data as Float32Array | Float64Array)[i] = value;
    } else if (dtype === "int32") {
      (data as Int32Array)[i] = wide
        ? Math.floor((next() - 0.5) * 2 ** 32)
        : Math.round(smooth * 2 ** 14 + noise * 1000);
    } else {
      const high = BigInt(Math.floor((next() - 0.5) * 2 ** 31));
      const low = BigInt(Math.floor(next() * 2 ** 32));
      (data as BigInt64Array)[i] = wide
        ? BigInt.asIntN(64, (high << 33n) | low)
        : BigInt(Math.round(smooth * 2 ** 34 + noise * 1e6));
    }
  }
  return data;
}

/** A view of a C-order array, as numpy sees it (`numpy`, over `a`) and as ndarray builds it. */
export interface ViewCase {
  name: string;
  numpy: (dims: number) => string;
  make: (a: ndarray.NdArray<ZfpyData>) => ndarray.NdArray<ZfpyData>;
}

const all = (dims: number, s: string) => Array.from({ length: dims }, () => s).join(", ");

/** Contiguous, transposed, stepped, reversed, and a sliced mix of both. */
export const VIEWS: ViewCase[] = [
  { name: "contiguous", numpy: () => "a", make: (a) => a },
  {
    name: "transposed",
    numpy: () => "a.T",
    make: (a) => a.transpose(...a.shape.map((_, i) => a.shape.length - 1 - i)),
  },
  {
    name: "stepped",
    numpy: (d) => `a[${all(d, "::2")}]`,
    make: (a) => a.step(...a.shape.map(() => 2)),
  },
  {
    name: "reversed",
    numpy: (d) => `a[${all(d, "::-1")}]`,
    make: (a) => a.step(...a.shape.map(() => -1)),
  },
  {
    name: "sliced, reversed and stepped",
    numpy: (d) => (d === 1 ? "a[1:][::-2]" : `a[1:, ${all(d - 2, ":")}${d > 2 ? ", " : ""}::-2]`),
    make: (a) => {
      const lo = a.lo(...a.shape.map((_, i) => (i === 0 ? 1 : 0)));
      return lo.step(...a.shape.map((_, i) => (i === a.shape.length - 1 ? -2 : 1)));
    },
  },
];

/** The C-order contents of any view (what numpy's ascontiguousarray(view).tobytes() holds). */
export function contents(view: ndarray.NdArray<ZfpyData>): ZfpyData {
  const n = view.shape.reduce((a, b) => a * b, 1);
  const out = arrayOf(dtypeOf(view.data), n);
  const index = new Array<number>(view.shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let at = view.offset;
    for (let axis = 0; axis < index.length; axis++) at += index[axis]! * view.stride[axis]!;
    (out as unknown as number[])[k] = (view.data as unknown as number[])[at]!;
    for (let axis = index.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < view.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return out;
}

/** The oracle's dtype name of a typed array. */
export function dtypeOf(data: ZfpyData): OracleDtype {
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Float32Array) return "float32";
  return "float64";
}
