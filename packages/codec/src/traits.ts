// Per-type constants of zfp's codec (mirrors src/traits{i,l,f,d}.h and include/zfp.h's type sizes).
import type { ScalarType } from "./config.js";
import { UnsupportedTypeError } from "./errors.js";

/** Constants that steer the generic block codec for one scalar type. */
export interface ScalarTraits {
  /** The zfp scalar type. */
  readonly type: ScalarType;
  /** P: width in bits of the integers the codec works in (32 or 64). */
  readonly precision: 32 | 64;
  /** 32-bit words per value: 1, or 2 for 64-bit types (low word first). */
  readonly words: 1 | 2;
  /** True for float and double (block-floating-point path). */
  readonly isFloat: boolean;
  /** Bits of the block exponent (8 for float, 11 for double, 0 for integers). */
  readonly ebits: number;
  /** Exponent bias 2^(ebits-1) - 1 (0 for integers). */
  readonly ebias: number;
  /** Bits of the reversible precision field (5 for 32-bit types, 6 for 64-bit types). */
  readonly pbits: 5 | 6;
  /** Typed-array constructor name the field's data must have. */
  readonly arrayName: "Int32Array" | "BigInt64Array" | "Float32Array" | "Float64Array";
  /** That constructor: the one place a scalar type meets its array. */
  readonly array:
    | Int32ArrayConstructor
    | BigInt64ArrayConstructor
    | Float32ArrayConstructor
    | Float64ArrayConstructor;
}

const TRAITS: Readonly<Record<ScalarType, ScalarTraits>> = Object.freeze({
  int32: Object.freeze({
    type: "int32",
    precision: 32,
    words: 1,
    isFloat: false,
    ebits: 0,
    ebias: 0,
    pbits: 5,
    arrayName: "Int32Array",
    array: Int32Array,
  }),
  int64: Object.freeze({
    type: "int64",
    precision: 64,
    words: 2,
    isFloat: false,
    ebits: 0,
    ebias: 0,
    pbits: 6,
    arrayName: "BigInt64Array",
    array: BigInt64Array,
  }),
  float: Object.freeze({
    type: "float",
    precision: 32,
    words: 1,
    isFloat: true,
    ebits: 8,
    ebias: 127,
    pbits: 5,
    arrayName: "Float32Array",
    array: Float32Array,
  }),
  double: Object.freeze({
    type: "double",
    precision: 64,
    words: 2,
    isFloat: true,
    ebits: 11,
    ebias: 1023,
    pbits: 6,
    arrayName: "Float64Array",
    array: Float64Array,
  }),
} as const);

/** The traits of a scalar type; throws {@link UnsupportedTypeError} for anything else. */
export function traitsOf(type: ScalarType): ScalarTraits {
  // A switch, not a keyed lookup: called several times per call (issue 13's small calls).
  switch (type) {
    case "int32":
      return TRAITS.int32;
    case "int64":
      return TRAITS.int64;
    case "float":
      return TRAITS.float;
    case "double":
      return TRAITS.double;
    default:
      throw new UnsupportedTypeError(type);
  }
}
