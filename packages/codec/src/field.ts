// Field descriptions: type, sizes, strides (mirrors include/zfp/field.h and src/zfp.c's zfp_field functions).
import type { ScalarType } from "./config.js";
import { InvalidFieldError } from "./errors.js";
import { smallInt } from "./small-int.js";
import { type ScalarTraits, traitsOf } from "./traits.js";

/** Typed arrays zfp fields can live in: int32, int64, float and double values. */
export type ScalarArray = Int32Array | BigInt64Array | Float32Array | Float64Array;

/**
 * A 1D to 4D array of scalars, in zfp's dimension order (x varies fastest). Unused sizes are 0
 * (a 2D field has nz = nw = 0). Element (x, y, z, w) is `data[offset + x*sx + y*sy + z*sz + w*sw]`.
 *
 * @example
 * ```ts
 * // a C-ordered numpy array of shape (3, 5) is nx = 5, ny = 3
 * const field: Field = { type: "float", data: new Float32Array(15), nx: 5, ny: 3, nz: 0, nw: 0 };
 * ```
 */
export interface Field {
  /** Scalar type; must match `data` (int32: Int32Array, int64: BigInt64Array, float: Float32Array, double: Float64Array). */
  type: ScalarType;
  /** The values. */
  data: ScalarArray;
  /** Size along x (at least 1). */
  nx: number;
  /** Size along y (0 when unused). */
  ny: number;
  /** Size along z (0 when unused). */
  nz: number;
  /** Size along w (0 when unused). */
  nw: number;
  /** Stride along x in elements (0 or undefined: 1). May be negative. */
  sx?: number;
  /** Stride along y in elements (0 or undefined: nx). */
  sy?: number;
  /** Stride along z in elements (0 or undefined: nx*ny). */
  sz?: number;
  /** Stride along w in elements (0 or undefined: nx*ny*nz). */
  sw?: number;
  /** Element index of (0, 0, 0, 0) in `data` (default 0). */
  offset?: number;
  /**
   * Use sx..sw exactly as given, 0 included (undefined still means the default): a stride of 0
   * repeats one element along that axis, so a broadcast view compresses without being copied.
   * Without this flag a stride of 0 means the default, as in zfp.
   */
  explicitStrides?: boolean;
}

/** Dimensionality of a field (zfp_field_dimensionality): the number of leading nonzero sizes, 1 to 4. */
export function fieldDims(field: Pick<Field, "nx" | "ny" | "nz" | "nw">): 1 | 2 | 3 | 4 {
  if (!field.ny) return 1;
  if (!field.nz) return 2;
  if (!field.nw) return 3;
  return 4;
}

/** Number of values in a field (zfp_field_size): the product of the used sizes. */
export function fieldSize(field: Pick<Field, "nx" | "ny" | "nz" | "nw">): number {
  return (field.nx || 1) * (field.ny || 1) * (field.nz || 1) * (field.nw || 1);
}

/** Number of 4^d blocks of a field: the product of ceil(n / 4) over the used sizes. */
export function fieldBlocks(field: Pick<Field, "nx" | "ny" | "nz" | "nw">): number {
  return blocksAlong(field.nx) * blocksAlong(field.ny) * blocksAlong(field.nz) * blocksAlong(field.nw);
}

// Blocks along one axis (1 for an unused one). A function, not a closure per call: small calls
// (issue 13) pay for every allocation.
function blocksAlong(n: number): number {
  return n ? Math.ceil(n / 4) : 1;
}

/** A validated field: sizes of unused dimensions are 1 and strides are explicit. */
export interface FieldLayout {
  readonly traits: ScalarTraits;
  readonly dims: 1 | 2 | 3 | 4;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly nw: number;
  readonly sx: number;
  readonly sy: number;
  readonly sz: number;
  readonly sw: number;
  readonly offset: number;
  /** The field's values. */
  readonly data: ScalarArray;
  /** True when the layout is the default C order from element 0 (sx 1, sy nx, ...). */
  readonly contiguous: boolean;
  /** The data as 32-bit words (two per value for 64-bit types, low word first). */
  readonly words: Int32Array;
}

function checkSize(name: string, value: unknown, optional: boolean): number {
  if (value === undefined && optional) return 0;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < (optional ? 0 : 1)) {
    throw new InvalidFieldError(
      `expected ${name} to be an integer ${optional ? ">= 0 (0 = unused)" : ">= 1"}, got ${String(value)}`,
    );
  }
  return value;
}

// A stride as given, or `fallback` for undefined (and for 0 unless strides are explicit).
function checkStride(name: string, value: unknown, fallback: number, explicit: boolean): number {
  if (value === undefined || (value === 0 && !explicit)) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new InvalidFieldError(
      `expected ${name} to be an integer stride (${explicit ? "undefined" : "0 or undefined"} = default), got ${String(value)}`,
    );
  }
  return value;
}

/** Sizes and type of a field, without its values (what a header describes). */
export interface FieldShape {
  type: ScalarType;
  nx: number;
  ny: number;
  nz: number;
  nw: number;
}

/**
 * Validates a shape (an object with a scalar type and sizes as {@link Field}'s) and returns its
 * dimensionality; throws {@link InvalidFieldError} or {@link UnsupportedTypeError}.
 */
export function checkShape(shape: FieldShape): 1 | 2 | 3 | 4 {
  if (shape === null || typeof shape !== "object") {
    throw new InvalidFieldError(`expected a field object, got ${shape === null ? "null" : typeof shape}`);
  }
  traitsOf(shape.type);
  const nx = checkSize("nx", shape.nx, false);
  const ny = checkSize("ny", shape.ny, true);
  const nz = checkSize("nz", shape.nz, true);
  const nw = checkSize("nw", shape.nw, true);
  if ((ny === 0 && (nz !== 0 || nw !== 0)) || (nz === 0 && nw !== 0)) {
    throw new InvalidFieldError(
      `expected unused sizes only after used ones (nx, ny, nz, nw = ${nx}, ${ny}, ${nz}, ${nw})`,
    );
  }
  return fieldDims(shape);
}

/**
 * Validates a field before any value is touched and resolves its defaults. Throws
 * {@link InvalidFieldError} for bad sizes, a type that does not match the array, or strides and an
 * offset that reach outside the array; {@link UnsupportedTypeError} for an unknown type.
 */
export function fieldLayout(field: Field): FieldLayout {
  const dims = checkShape(field);
  const traits = traitsOf(field.type);
  const data = field.data;
  if (!(data instanceof traits.array)) {
    const found =
      data === null || typeof data !== "object" ? String(data) : (data as object).constructor?.name;
    throw new InvalidFieldError(`expected a ${traits.arrayName} for type ${traits.type}, got ${found}`);
  }
  const nx = field.nx;
  const ny = field.ny || 1;
  const nz = field.nz || 1;
  const nw = field.nw || 1;
  const explicit = field.explicitStrides === true;
  const sx = checkStride("sx", field.sx, 1, explicit);
  const sy = checkStride("sy", field.sy, nx, explicit);
  const sz = checkStride("sz", field.sz, nx * ny, explicit);
  const sw = checkStride("sw", field.sw, nx * ny * nz, explicit);
  const offset = field.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidFieldError(`expected offset to be an integer >= 0, got ${String(offset)}`);
  }
  // The smallest and largest element index the field reaches (no array per axis: issue 13).
  const rx = (nx - 1) * sx;
  const ry = (ny - 1) * sy;
  const rz = (nz - 1) * sz;
  const rw = (nw - 1) * sw;
  const low = offset + Math.min(rx, 0) + Math.min(ry, 0) + Math.min(rz, 0) + Math.min(rw, 0);
  const high = offset + Math.max(rx, 0) + Math.max(ry, 0) + Math.max(rz, 0) + Math.max(rw, 0);
  if (low < 0 || high >= data.length) {
    throw new InvalidFieldError(
      `expected every element inside the array of ${data.length} values, but the sizes, strides and offset ` +
        `reach element indices ${low} to ${high}`,
    );
  }
  const contiguous =
    offset === 0 &&
    sx === 1 &&
    (dims < 2 || sy === nx) &&
    (dims < 3 || sz === nx * ny) &&
    (dims < 4 || sw === nx * ny * nz);
  const words = new Int32Array(data.buffer, data.byteOffset, data.length * traits.words);
  return {
    traits,
    dims,
    nx: smallInt(nx),
    ny: smallInt(ny),
    nz: smallInt(nz),
    nw: smallInt(nw),
    sx: smallInt(sx),
    sy: smallInt(sy),
    sz: smallInt(sz),
    sw: smallInt(sw),
    offset: smallInt(offset),
    data,
    contiguous,
    words,
  };
}
