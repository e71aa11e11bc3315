// zfpy's _init_field (python/zfpy.pyx): an array's shape and strides, reversed into zfp's x..w order.
import type { Field } from "@zfpjs/codec";
import type ndarray from "ndarray";
import { requireTypeInfoOfData, type ScalarTypeInfo, type ZfpyData } from "./dtype.js";
import { describeValue, listText, ZfpyRuntimeError, ZfpyTypeError, ZfpyValueError } from "./errors.js";
import { isDetached, typedArrayLengthOf } from "./memory.js";

/**
 * A strided array given as plain fields, the way the `ndarray` package lays one out: element
 * `[i0, i1, ...]` (C order: the last index varies fastest when the array is contiguous) is
 * `data[offset + i0 * stride[0] + i1 * stride[1] + ...]`.
 */
export interface StridedArray<D extends ZfpyData = ZfpyData> {
  /** The values: Int32Array, BigInt64Array, Float32Array or Float64Array. */
  data: D;
  /** Sizes, C order (slowest axis first), 1 to 4 of them. */
  shape: readonly number[];
  /** Steps between neighbours along each axis, in elements (negative allowed); default C-contiguous. */
  stride?: readonly number[];
  /** Index in `data` of element [0, 0, ...]; default 0. */
  offset?: number;
}

/** Anything `compress_numpy` accepts: an ndarray, a bare typed array (1D), or a {@link StridedArray}. */
export type ArrayInput = ndarray.NdArray<ZfpyData> | ZfpyData | StridedArray;

/** An input array after validation: C-order shape and element strides, in bounds. */
export interface CheckedArray {
  readonly info: ScalarTypeInfo;
  readonly data: ZfpyData;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
}

/** The sizes and element strides of a field in zfp's order (x fastest); unused sizes are 0. */
export interface ZfpGeometry {
  nx: number;
  ny: number;
  nz: number;
  nw: number;
  sx: number;
  sy: number;
  sz: number;
  sw: number;
  offset: number;
}

/** C-order strides (in elements) of a contiguous array of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const stride = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    stride[axis] = step;
    step *= shape[axis]!;
  }
  return stride;
}

function formatList(list: readonly unknown[]): string {
  return listText(list);
}

/** A real array of (at most 32) safe integers, holes refused (a sparse `[ , 16]` is not `[16]`). */
function isIntegerList(value: unknown): value is readonly number[] {
  if (!Array.isArray(value) || value.length > 32) return false;
  for (let k = 0; k < value.length; k++) {
    if (!(k in value)) return false;
    const n: unknown = value[k];
    if (typeof n !== "number" || !Number.isSafeInteger(n)) return false;
  }
  return true;
}

/** A real array of non-negative safe integers (at most 32 of them): a shape. */
function isShapeList(value: unknown): value is readonly number[] {
  if (!isIntegerList(value)) return false;
  for (let k = 0; k < value.length; k++) if (value[k]! < 0) return false;
  return true;
}

function unreadable(arr: object, error: unknown): ZfpyTypeError {
  return new ZfpyTypeError(
    `Argument 'arr' could not be read (${describeValue(arr)}): ${error instanceof Error ? error.message : describeValue(error)}`,
    { cause: error },
  );
}

/**
 * Validates an input array as zfpy's compress_numpy does, in zfpy's order (null, type of the
 * argument, dtype, dimensionality), then checks what zfpy leaves to chance: a zero-length axis
 * and a view that reaches outside its data are refused.
 */
export function checkArray(arr: unknown): CheckedArray {
  if (arr === null || arr === undefined) {
    throw new ZfpyTypeError(`Input array cannot be ${String(arr)} (expected an ndarray or a typed array)`);
  }
  let data: unknown;
  let shape: readonly number[];
  let stride: readonly number[] | undefined;
  let offset = 0;
  if (ArrayBuffer.isView(arr) && !(arr instanceof DataView)) {
    data = arr;
    shape = [typedArrayLengthOf(arr)];
  } else if (isStridedArray(arr)) {
    // Each field read once, into locals (a Proxy may throw; no object per call: issue 13).
    let viewShape: unknown;
    let viewStride: unknown;
    let viewOffset: unknown;
    try {
      const view = arr as { data: unknown; shape: unknown; stride?: unknown; offset?: unknown };
      data = view.data;
      viewShape = view.shape;
      viewStride = view.stride;
      viewOffset = view.offset;
    } catch (error) {
      throw unreadable(arr, error);
    }
    if (!isShapeList(viewShape)) {
      throw new ZfpyTypeError(
        `shape must be an array of non-negative integers, got ${describeShape(viewShape)}`,
      );
    }
    shape = viewShape;
    if (viewStride !== undefined && viewStride !== null) {
      if (!isIntegerList(viewStride) || viewStride.length !== shape.length) {
        throw new ZfpyTypeError(
          `stride must be an array of ${shape.length} integers (one per axis of shape ${formatList(shape)}), got ${describeShape(viewStride)}`,
        );
      }
      stride = viewStride;
    }
    if (viewOffset !== undefined && viewOffset !== null) {
      if (!(typeof viewOffset === "number" && Number.isSafeInteger(viewOffset) && viewOffset >= 0)) {
        throw new ZfpyTypeError(`offset must be a non-negative integer, got ${describeValue(viewOffset)}`);
      }
      offset = viewOffset;
    }
  } else {
    throw new ZfpyTypeError(
      `Argument 'arr' has incorrect type (expected ndarray, typed array or {data, shape}, got ${describeValue(arr)})`,
    );
  }
  const info = requireTypeInfoOfData(data);
  const values = data as ZfpyData;
  const length = typedArrayLengthOf(values);
  if (length === 0 && isDetached(values.buffer)) {
    throw new ZfpyTypeError(
      "the array's data is over a detached ArrayBuffer (transferred or resized away): it holds no values",
    );
  }
  if (shape.length > 4) {
    throw new ZfpyRuntimeError(
      `Greater than 4 dimensions not supported (shape ${formatList(shape)} has ${shape.length})`,
    );
  }
  if (shape.length === 0) {
    throw new ZfpyRuntimeError("0-dimensional arrays are not supported (zfp compresses 1 to 4 dimensions)");
  }
  const empty = shape.indexOf(0);
  if (empty >= 0) {
    throw new ZfpyValueError(
      `Cannot compress an empty array: axis ${empty} of shape ${formatList(shape)} has length 0 (zfp needs at least one value along every axis)`,
    );
  }
  stride ??= contiguousStrides(shape);
  // Reach of the view: the smallest and largest index it touches.
  let low = offset;
  let high = offset;
  for (let axis = 0; axis < shape.length; axis++) {
    const span = (shape[axis]! - 1) * stride[axis]!;
    if (span < 0) low += span;
    else high += span;
  }
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low < 0 || high >= length) {
    throw new ZfpyValueError(
      `array view (shape ${formatList(shape)}, stride ${formatList(stride)}, offset ${offset}) reaches indices ${low}..${high}, outside its data of length ${length}`,
    );
  }
  return { info, data: values, shape, stride, offset };
}

function describeShape(value: unknown): string {
  return Array.isArray(value) ? formatList(value) : describeValue(value);
}

/** True when the array's elements lie in C order, one after another. */
export function isContiguous(array: CheckedArray): boolean {
  let step = 1;
  for (let axis = array.shape.length - 1; axis >= 0; axis--) {
    const n = array.shape[axis]!;
    if (n !== 1 && array.stride[axis] !== step) return false;
    step *= n;
  }
  return true;
}

/**
 * The codec's view of a checked array, strides used literally (`explicitStrides`): a broadcast
 * axis (stride 0) repeats one element, so any view, broadcast or not, compresses in place with
 * no copy of its values (issue 12: a [20000, 20000] broadcast of one double was copied to 3.2 GB
 * first). zfp itself reads a 0 stride as "contiguous", so zfpy needs numpy's copy for such views;
 * the bytes equal zfpy's for that copy.
 */
export function fieldOf(array: CheckedArray): Field {
  const { shape, stride } = array;
  const d = shape.length;
  // zfpGeometry's values, written out: one object per call, no spread (issue 13).
  return {
    type: array.info.scalar,
    data: array.data,
    nx: shape[d - 1]!,
    ny: d > 1 ? shape[d - 2]! : 0,
    nz: d > 2 ? shape[d - 3]! : 0,
    nw: d > 3 ? shape[d - 4]! : 0,
    sx: stride[d - 1]!,
    sy: d > 1 ? stride[d - 2]! : 0,
    sz: d > 2 ? stride[d - 3]! : 0,
    sw: d > 3 ? stride[d - 4]! : 0,
    offset: array.offset,
    explicitStrides: true,
  };
}

/**
 * zfp's view of a C-order array, as zfpy's _init_field builds it: nx = shape[-1], ny = shape[-2],
 * ..., and the strides reversed the same way (always set explicitly, as zfpy does).
 */
export function zfpGeometry(
  shape: readonly number[],
  stride: readonly number[],
  offset: number,
): ZfpGeometry {
  const d = shape.length;
  return {
    nx: d > 0 ? shape[d - 1]! : 0,
    ny: d > 1 ? shape[d - 2]! : 0,
    nz: d > 2 ? shape[d - 3]! : 0,
    nw: d > 3 ? shape[d - 4]! : 0,
    sx: d > 0 ? stride[d - 1]! : 0,
    sy: d > 1 ? stride[d - 2]! : 0,
    sz: d > 2 ? stride[d - 3]! : 0,
    sw: d > 3 ? stride[d - 4]! : 0,
    offset,
  };
}

/** True when `value` looks like an ndarray or {@link StridedArray} (has data and shape). */
export function isStridedArray(value: unknown): value is StridedArray {
  if (typeof value !== "object" || value === null) return false;
  try {
    return "data" in value && "shape" in value;
  } catch {
    return false;
  }
}
