// zfpy's scalar types: dtype_to_ztype, ztype_to_dtype and zfp_to_dtype_map (python/zfpy.pyx).
import type { ScalarType } from "@zfpjs/codec";
import { describeValue, ZfpyTypeError, ZfpyValueError } from "./errors.js";

/** numpy's names of the four dtypes zfp compresses. */
export type Dtype = "int32" | "int64" | "float32" | "float64";

/** The typed arrays that hold zfp's scalar types: int32, int64, float32, float64. */
export type ZfpyData = Int32Array | BigInt64Array<ArrayBuffer> | Float32Array | Float64Array;

/** A zfp_type code of a scalar type: 1 int32, 2 int64, 3 float, 4 double. */
export type ZType = 1 | 2 | 3 | 4;

/** Everything this package knows about one scalar type. */
export interface ScalarTypeInfo {
  /** zfp_type code. */
  readonly ztype: ZType;
  /** numpy's dtype name. */
  readonly dtype: Dtype;
  /** zfpjs' scalar type name (@zfpjs/codec). */
  readonly scalar: ScalarType;
  /** The `ndarray` package's dtype name for the typed array ("bigint64" for int64). */
  readonly ndarrayDtype: string;
  /** Bytes per value. */
  readonly itemsize: 4 | 8;
  /** The typed array constructor. */
  readonly arrayType:
    | Int32ArrayConstructor
    | BigInt64ArrayConstructor
    | Float32ArrayConstructor
    | Float64ArrayConstructor;
}

const INT32: ScalarTypeInfo = Object.freeze({
  ztype: 1,
  dtype: "int32",
  scalar: "int32",
  ndarrayDtype: "int32",
  itemsize: 4,
  arrayType: Int32Array,
});
const INT64: ScalarTypeInfo = Object.freeze({
  ztype: 2,
  dtype: "int64",
  scalar: "int64",
  ndarrayDtype: "bigint64",
  itemsize: 8,
  arrayType: BigInt64Array,
});
const FLOAT: ScalarTypeInfo = Object.freeze({
  ztype: 3,
  dtype: "float32",
  scalar: "float",
  ndarrayDtype: "float32",
  itemsize: 4,
  arrayType: Float32Array,
});
const DOUBLE: ScalarTypeInfo = Object.freeze({
  ztype: 4,
  dtype: "float64",
  scalar: "double",
  ndarrayDtype: "float64",
  itemsize: 8,
  arrayType: Float64Array,
});

const BY_ZTYPE: readonly (ScalarTypeInfo | undefined)[] = [undefined, INT32, INT64, FLOAT, DOUBLE];

const BY_NAME: ReadonlyMap<string, ScalarTypeInfo> = new Map([
  ["int32", INT32],
  ["int64", INT64],
  ["bigint64", INT64],
  ["float32", FLOAT],
  ["float64", DOUBLE],
]);

/** The scalar type of a zfp_type code, or undefined for any other value (0 included). */
export function typeInfoOfZtype(ztype: unknown): ScalarTypeInfo | undefined {
  return typeof ztype === "number" ? BY_ZTYPE[ztype] : undefined;
}

/** The scalar type of a zfpjs scalar type name ("int32", "int64", "float", "double"). */
export function typeInfoOfScalar(scalar: ScalarType): ScalarTypeInfo | undefined {
  return BY_ZTYPE.find((info) => info?.scalar === scalar);
}

/** The scalar type held by a typed array, or undefined when zfp does not compress it. */
export function typeInfoOfData(data: unknown): ScalarTypeInfo | undefined {
  if (data instanceof Float64Array) return DOUBLE;
  if (data instanceof Float32Array) return FLOAT;
  if (data instanceof Int32Array) return INT32;
  if (data instanceof BigInt64Array) return INT64;
  return undefined;
}

const NDARRAY_NAMES: ReadonlyArray<[new (...args: never[]) => unknown, string]> = [
  [Int8Array, "int8"],
  [Uint8Array, "uint8"],
  [Uint8ClampedArray, "uint8_clamped"],
  [Int16Array, "int16"],
  [Uint16Array, "uint16"],
  [Uint32Array, "uint32"],
  [BigUint64Array, "biguint64"],
];

/**
 * The dtype name of any array data as the `ndarray` package spells it ("uint8", "array",
 * "float16", ...), for messages about unsupported types.
 */
export function dtypeNameOfData(data: unknown): string {
  const info = typeInfoOfData(data);
  if (info) return info.dtype;
  for (const [type, name] of NDARRAY_NAMES) if (data instanceof type) return name;
  const ctorName = (data as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (ctorName === "Float16Array") return "float16";
  if (Array.isArray(data)) return "array";
  return describeValue(data);
}

function unknownDtype(name: string): ZfpyTypeError {
  return new ZfpyTypeError(
    `Unknown dtype: ${name} (zfp compresses int32, int64, float32 and float64: Int32Array, BigInt64Array, Float32Array, Float64Array)`,
  );
}

/** Throws zfpy's "Unknown dtype" TypeError unless `data` is one of the four typed arrays. */
export function requireTypeInfoOfData(data: unknown): ScalarTypeInfo {
  const info = typeInfoOfData(data);
  if (!info) throw unknownDtype(dtypeNameOfData(data));
  return info;
}

/**
 * The zfp_type code of a dtype, as zfpy's `dtype_to_ztype`: "int32" gives 1 (`type_int32`),
 * "int64" (or the `ndarray` package's "bigint64") 2, "float32" 3, "float64" 4. Typed array
 * constructors are accepted too (`Float32Array` gives 3), so `dtype_to_ztype(array.dtype)`
 * works for any ndarray of a supported type.
 *
 * @throws {ZfpyTypeError} "Unknown dtype: <name>" for anything else, as zfpy's TypeError.
 *
 * @example
 * ```ts
 * dtype_to_ztype("float64"); // 4 (type_double)
 * dtype_to_ztype(ndarray(new BigInt64Array(4)).dtype); // 2 (type_int64)
 * ```
 */
export function dtype_to_ztype(dtype: unknown): ZType {
  if (typeof dtype === "string") {
    const info = BY_NAME.get(dtype);
    if (info) return info.ztype;
    throw unknownDtype(dtype);
  }
  if (typeof dtype === "function") {
    for (const info of BY_ZTYPE) if (info && info.arrayType === dtype) return info.ztype;
    throw unknownDtype(dtype.name || describeValue(dtype));
  }
  throw unknownDtype(describeValue(dtype));
}

/**
 * The numpy dtype name of a zfp_type code, as zfpy's `ztype_to_dtype`: 1 gives "int32",
 * 2 "int64", 3 "float32", 4 "float64".
 *
 * @throws {ZfpyValueError} "Unsupported zfp_type <z>" for anything else (type_none included),
 *   as zfpy's ValueError.
 */
export function ztype_to_dtype(ztype: unknown): Dtype {
  const info = typeInfoOfZtype(ztype);
  if (!info) throw new ZfpyValueError(`Unsupported zfp_type ${String(ztype)}`);
  return info.dtype;
}

/** camelCase twin of {@link dtype_to_ztype}. */
export const dtypeToZtype: (dtype: unknown) => ZType = dtype_to_ztype;

/** camelCase twin of {@link ztype_to_dtype}. */
export const ztypeToDtype: (ztype: unknown) => Dtype = ztype_to_dtype;
