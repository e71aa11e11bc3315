// The arrays the pool compresses in slabs: C-ordered and contiguous, 1 to 4 dimensions. zfpy's
// bytes depend only on the logical values (it reverses the shape into zfp's sizes and follows the
// strides), so a contiguous copy of a strided view compresses to the same bytes.
import type { ScalarArray, ScalarType } from "@zfpjs/codec";

/** A contiguous, C-ordered array the pool can split along its first (slowest) axis. */
export interface FlatArray {
  readonly type: ScalarType;
  readonly data: ScalarArray;
  readonly shape: readonly number[];
}

/** The codec's scalar type of a typed array zfpy accepts, or undefined. */
export function scalarTypeOf(data: unknown): ScalarType | undefined {
  if (data instanceof Float32Array) return "float";
  if (data instanceof Float64Array) return "double";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  return undefined;
}

function isIndex(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

/**
 * `arr` (a bare typed array, an ndarray or `{ data, shape, stride?, offset? }`) as a contiguous
 * C-ordered array (the caller's memory when already contiguous, else a copy), or undefined for
 * anything else (the caller then lets zfpy report what is wrong).
 */
export function flatten(arr: unknown): FlatArray | undefined {
  const bare = scalarTypeOf(arr);
  if (bare !== undefined) {
    const data = arr as ScalarArray;
    return data.length > 0 ? { type: bare, data, shape: [data.length] } : undefined;
  }
  if (arr === null || typeof arr !== "object") return undefined;
  const { data, shape, stride, offset } = arr as {
    data?: unknown;
    shape?: unknown;
    stride?: unknown;
    offset?: unknown;
  };
  const type = scalarTypeOf(data);
  if (type === undefined || !Array.isArray(shape) || shape.length < 1 || shape.length > 4) return undefined;
  if (!shape.every((n) => isIndex(n, 1))) return undefined;
  const dims = shape.length;
  const packed: number[] = new Array(dims);
  let count = 1;
  for (let axis = dims - 1; axis >= 0; axis--) {
    packed[axis] = count;
    count *= shape[axis] as number;
  }
  const strides = stride === undefined || stride === null ? packed : stride;
  const start = offset === undefined || offset === null ? 0 : offset;
  if (!Array.isArray(strides) || strides.length !== dims || !isIndex(start, 0)) return undefined;
  if (!strides.every((s) => typeof s === "number" && Number.isSafeInteger(s))) return undefined;
  const values = data as ScalarArray;
  let low = start;
  let high = start;
  for (let axis = 0; axis < dims; axis++) {
    const reach = ((shape[axis] as number) - 1) * (strides[axis] as number);
    if (reach < 0) low += reach;
    else high += reach;
  }
  if (low < 0 || high >= values.length) return undefined;
  const contiguous = shape.every((n, axis) => n === 1 || strides[axis] === packed[axis]);
  if (contiguous) return { type, data: values.subarray(start, start + count), shape: shape.slice() };
  return { type, data: copyStrided(values, shape, strides, start, count), shape: shape.slice() };
}

/** A C-ordered copy of a strided view (shape and strides of 1 to 4 axes). */
function copyStrided(
  data: ScalarArray,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  count: number,
): ScalarArray {
  const pad = 4 - shape.length;
  const n = [1, 1, 1, 1];
  const s = [0, 0, 0, 0];
  for (let axis = 0; axis < shape.length; axis++) {
    n[pad + axis] = shape[axis]!;
    s[pad + axis] = strides[axis]!;
  }
  const out = new (data.constructor as new (length: number) => ScalarArray)(count);
  // Both arrays hold the same element type; the loop copies through an untyped view of each.
  const src = data as Float64Array;
  const dst = out as Float64Array;
  let k = 0;
  for (let i0 = 0; i0 < n[0]!; i0++) {
    for (let i1 = 0; i1 < n[1]!; i1++) {
      for (let i2 = 0; i2 < n[2]!; i2++) {
        let at = offset + i0 * s[0]! + i1 * s[1]! + i2 * s[2]!;
        for (let i3 = 0; i3 < n[3]!; i3++, at += s[3]!) dst[k++] = src[at]!;
      }
    }
  }
  return out;
}
