// zfpy's scalar types: dtype_to_ztype, ztype_to_dtype and zfp_to_dtype_map (python/zfpy.pyx).
import type { ScalarType } from "@zfpjs/codec";
import { describeValue, ZfpyTypeError, ZfpyValueError } from "./errors.js";
import { typedArrayName } from "./memory.js";

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
  switch (scalar) {
    case "int32":
      return INT32;
    case "int64":
      return INT64;
    case "float":
      return FLOAT;
    case "double":
      return DOUBLE;
    default:
      return undefined;
  }
}

/** The scalar type of a dtype name ("int32", "int64", "float32", "float64"; "bigint64" too). */
export function typeInfoOfName(name: string): ScalarTypeInfo | undefined {
  return BY_NAME.get(name);
}

const BY_ARRAY_NAME: ReadonlyMap<string, ScalarTypeInfo> = new Map([
  ["Int32Array", INT32],
  ["BigInt64Array", INT64],
  ["Float32Array", FLOAT],
  ["Float64Array", DOUBLE],
]);

/**
 * The scalar type held by a real typed array (read from its internal slot: a Proxy or an object
 * that only inherits Float64Array.prototype is not one), or undefined when zfp does not compress it.
 */
export function typeInfoOfData(data: unknown): ScalarTypeInfo | undefined {
  const name = typedArrayName(data);
  return name === undefined ? undefined : BY_ARRAY_NAME.get(name);
}

/** numpy's dtype name of one of zfpjs' scalar types: "float" gives "float32", "double" "float64". */
export function dtypeOfScalar(scalar: ScalarType): Dtype {
  return typeInfoOfScalar(scalar)!.dtype;
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
  const arrayName = typedArrayName(data);
  if (arrayName !== undefined) {
    for (const [type, name] of NDARRAY_NAMES) if (arrayName === type.name) return name;
    return arrayName === "Float16Array" ? "float16" : arrayName;
  }
  if (ArrayBuffer.isView(data)) return "DataView";
  try {
    if (Array.isArray(data)) return "array";
  } catch {
    // a revoked Proxy: described below
  }
  if ((typeof data === "object" || typeof data === "function") && data !== null) {
    return `${describeValue(data)} (not a typed array)`;
  }
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
  if (!info) {
    throw new ZfpyValueError(
      `Unsupported zfp_type ${typeof ztype === "number" ? String(ztype) : describeValue(ztype)}`,
    );
  }
  return info.dtype;
}

/** camelCase twin of {@link dtype_to_ztype}. */
export const dtypeToZtype: (dtype: unknown) => ZType = dtype_to_ztype;

/** camelCase twin of {@link ztype_to_dtype}. */
export const ztypeToDtype: (ztype: unknown) => Dtype = ztype_to_dtype;
