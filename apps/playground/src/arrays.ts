// The arrays the playground works on: a dtype, a C-order shape and the values.
import ndarray from "ndarray";

/** numpy's names of the four dtypes zfp compresses. */
export type Dtype = "int32" | "int64" | "float32" | "float64";

/** Typed arrays of the four dtypes. */
export type Values = Int32Array | BigInt64Array<ArrayBuffer> | Float32Array | Float64Array;

/** An array: C-order shape (first axis slowest, 1 to 4 axes) and its values. */
export interface Input {
  dtype: Dtype;
  shape: number[];
  data: Values;
}

/** Bytes per value. */
export function itemSize(dtype: Dtype): 4 | 8 {
  return dtype === "int32" || dtype === "float32" ? 4 : 8;
}

/** A new zeroed array of `count` values. */
export function allocate(dtype: Dtype, count: number): Values {
  switch (dtype) {
    case "int32":
      return new Int32Array(count);
    case "int64":
      return new BigInt64Array(count);
    case "float32":
      return new Float32Array(count);
    default:
      return new Float64Array(count);
  }
}

/** The dtype of a typed array. */
export function dtypeOf(data: Values): Dtype {
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Float32Array) return "float32";
  return "float64";
}

/** The input as an ndarray (for @zfpjs/zfpy). */
export function asNdarray(input: Input): ndarray.NdArray<Values> {
  return ndarray(input.data, input.shape) as ndarray.NdArray<Values>;
}

/** Converts values to another dtype (integers round and saturate). */
export function convert(input: Input, dtype: Dtype): Input {
  if (dtype === input.dtype) return input;
  const n = input.data.length;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = Number(input.data[i]!);
    if (out instanceof BigInt64Array) {
      out[i] = BigInt(Math.round(Math.max(-(2 ** 63), Math.min(2 ** 63 - 1024, Number.isFinite(v) ? v : 0))));
    } else if (out instanceof Int32Array) {
      out[i] = Math.round(Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Number.isFinite(v) ? v : 0)));
    } else {
      out[i] = v;
    }
  }
  return { dtype, shape: input.shape, data: out };
}

/** Number of values of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * A central box of at most `limit` values (each side a multiple of 4 where it was cropped, so
 * zfp's blocks line up as in the whole), or the input itself when it is small enough.
 */
export function centralCrop(input: Input, limit: number): Input {
  const shape = [...input.shape];
  while (sizeOf(shape) > limit) {
    const k = shape.indexOf(Math.max(...shape));
    const half = Math.max(4, Math.floor(shape[k]! / 8) * 4);
    if (half === shape[k]) break;
    shape[k] = half;
  }
  if (shape.every((n, k) => n === input.shape[k])) return input;
  const d = shape.length;
  const strides = input.shape.map((_, k) => input.shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const offsets = shape.map((n, k) => Math.floor((input.shape[k]! - n) / 8) * 4);
  const out = allocate(input.dtype, sizeOf(shape));
  const at = new Array<number>(d).fill(0);
  for (let i = 0; i < out.length; i++) {
    let rest = i;
    let source = 0;
    for (let k = d - 1; k >= 0; k--) {
      at[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
      source += (at[k]! + offsets[k]!) * strides[k]!;
    }
    (out as Float64Array)[i] = (input.data as Float64Array)[source]!;
  }
  return { dtype: input.dtype, shape, data: out };
}
