// The 52-bit field metadata of a header (mirrors zfp_field_metadata and zfp_field_set_metadata in
// zfp's src/zfp.c). 52 bits fit a double exactly, so the value is a plain number.
import { InvalidArgumentError } from "@zfpjs/bitstream";
import { type ScalarType, scalarTypeOf, typeCode } from "@zfpjs/codec";
import { HeaderSizeError, InvalidTypeError, show } from "./errors.js";

/** The part of a field the meta part describes: type and sizes (0 or absent = unused). */
export interface HeaderField {
  /** Scalar type. */
  readonly type: ScalarType;
  /** Size along x, the fastest-varying dimension (at least 1). */
  readonly nx: number;
  /** Size along y; 0 or absent for 1D. */
  readonly ny?: number;
  /** Size along z; 0 or absent for 1D and 2D. */
  readonly nz?: number;
  /** Size along w; 0 or absent below 4D. */
  readonly nw?: number;
}

/** A field decoded from the meta part: unused sizes are 0, as in C. */
export interface MetaField {
  /** Scalar type. */
  readonly type: ScalarType;
  /** Dimensionality, 1..4. */
  readonly dims: 1 | 2 | 3 | 4;
  /** Size along x. */
  readonly nx: number;
  /** Size along y, or 0. */
  readonly ny: number;
  /** Size along z, or 0. */
  readonly nz: number;
  /** Size along w, or 0. */
  readonly nw: number;
}

/** Options of {@link fieldFromMeta} and of reading a header. */
export interface MetaOptions {
  /**
   * What to do with a 1D header whose nx exceeds 2^32: zfp 1.0 writes nx - 1 with 48 bits but
   * reads back only the low 32 bits, so it decodes such a header as a smaller field.
   * "error" (the default) throws {@link HeaderSizeError}; "as-c" decodes nx modulo 2^32 as C.
   */
  wideNx?: "error" | "as-c";
}

const NAMES = ["nx", "ny", "nz", "nw"] as const;
/** Bits per size field in the meta part, by dimensionality. */
const FIELD_BITS = [48, 24, 16, 12] as const;
const TWO_32 = 2 ** 32;

/** The largest size each dimension of a `dims`-dimensional field can have in a header. */
export function maxHeaderSize(dims: 1 | 2 | 3 | 4): number {
  if (dims !== 1 && dims !== 2 && dims !== 3 && dims !== 4) {
    throw new InvalidArgumentError(`dims must be 1, 2, 3 or 4, got ${show(dims)}`);
  }
  return 2 ** FIELD_BITS[dims - 1]!;
}

function checkField(field: unknown): void {
  if (field === null || typeof field !== "object") {
    throw new InvalidArgumentError(`expected a field { type, nx, ny?, nz?, nw? }, got ${show(field)}`);
  }
}

function sizeOf(field: HeaderField, name: (typeof NAMES)[number]): number {
  const value = field[name] ?? 0;
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${show(value)}`);
  }
  return value;
}

/**
 * The dimensionality of a field as zfp counts it (the number of leading nonzero sizes). Unlike
 * C, a field with nx = 0 or with a nonzero size after a zero one is refused with
 * {@link InvalidArgumentError}, since C writes junk or drops sizes for those.
 */
export function headerDims(field: HeaderField): 1 | 2 | 3 | 4 {
  checkField(field);
  return dimsOf(sizeOf(field, "nx"), sizeOf(field, "ny"), sizeOf(field, "nz"), sizeOf(field, "nw"));
}

// headerDims of checked sizes (each read once, in order: no array or closure per call, issue 13).
function dimsOf(nx: number, ny: number, nz: number, nw: number): 1 | 2 | 3 | 4 {
  const dims: number = nx === 0 ? 0 : ny === 0 ? 1 : nz === 0 ? 2 : nw === 0 ? 3 : 4;
  if (dims === 0) throw new InvalidArgumentError("nx must be at least 1, got 0");
  for (let i = dims + 1; i < 4; i++) {
    const size = i === 2 ? nz : nw;
    if (size > 0) {
      throw new InvalidArgumentError(
        `${NAMES[i]} is ${size} but ${NAMES[dims]} is 0: sizes after an unused dimension must be 0`,
      );
    }
  }
  return dims as 1 | 2 | 3 | 4;
}
/**
 * The 52-bit meta value zfp_field_metadata computes for a field: type - 1 in bits 0-1,
 * dims - 1 in bits 2-3, then each size - 1 in 48/24/16/12 bits (1D/2D/3D/4D), x first.
 * Throws {@link HeaderSizeError} naming the first dimension that does not fit (C writes no
 * header then), {@link InvalidTypeError} for a type other than the four scalar types.
 */
export function metaValue(field: HeaderField): number {
  checkField(field);
  let code: number;
  try {
    code = field.type === null ? 0 : typeCode(field.type);
  } catch {
    code = 0;
  }
  if (code === 0) throw new InvalidTypeError(field.type);
  const nx = sizeOf(field, "nx");
  const ny = sizeOf(field, "ny");
  const nz = sizeOf(field, "nz");
  const nw = sizeOf(field, "nw");
  const dims = dimsOf(nx, ny, nz, nw);
  const bits = FIELD_BITS[dims - 1]!;
  const limit = 2 ** bits;
  // x first; unused sizes count as 1 (a packed 0).
  checkFits("nx", nx, dims, bits);
  if (dims > 1) checkFits("ny", ny, dims, bits);
  if (dims > 2) checkFits("nz", nz, dims, bits);
  if (dims > 3) checkFits("nw", nw, dims, bits);
  const packed =
    (((Math.max(nw, 1) - 1) * limit + (Math.max(nz, 1) - 1)) * limit + (Math.max(ny, 1) - 1)) * limit +
    (nx - 1);
  return packed * 16 + (dims - 1) * 4 + (code - 1);
}

/** {@link HeaderSizeError} when a size of a `dims`-dimensional field needs more than `bits` bits. */
function checkFits(name: (typeof NAMES)[number], size: number, dims: number, bits: number): void {
  const limit = 2 ** bits;
  if (size > limit) {
    throw new HeaderSizeError(
      name,
      size,
      limit,
      `${name} = ${size} does not fit a zfp header: a ${dims}D field allows sizes up to ${limit} (2^${bits}) per dimension`,
    );
  }
}

/**
 * Decodes a 52-bit meta value as zfp_field_set_metadata does. Every value is a valid field
 * (the type and dimensionality fields use all their 2-bit codes); the only exception is the
 * 1D size above 2^32, see {@link MetaOptions.wideNx}.
 */
export function fieldFromMeta(meta: number, options: MetaOptions = {}): MetaField {
  if (!(typeof meta === "number" && Number.isInteger(meta) && meta >= 0 && meta < 2 ** 52)) {
    throw new InvalidArgumentError(`a meta value is an integer in 0..2^52-1, got ${show(meta)}`);
  }
  // The last value's field is kept (fields are frozen): a header read again builds none (issue 13).
  const asC = options?.wideNx === "as-c";
  if (meta === lastMeta && asC === lastAsC) return lastField;
  const field = decodeMeta(meta, asC);
  lastMeta = meta;
  lastAsC = asC;
  lastField = field;
  return field;
}

let lastMeta = -1;
let lastAsC = false;
let lastField: MetaField = Object.freeze({ type: "float", dims: 1, nx: 1, ny: 0, nz: 0, nw: 0 });

function decodeMeta(meta: number, asC: boolean): MetaField {
  const type = scalarTypeOf((meta % 4) + 1);
  const dims = ((Math.floor(meta / 4) % 4) + 1) as 1 | 2 | 3 | 4;
  let packed = Math.floor(meta / 16);
  const limit = 2 ** FIELD_BITS[dims - 1]!;
  const sizes = [0, 0, 0, 0];
  for (let i = 0; i < dims; i++) {
    sizes[i] = (packed % limit) + 1;
    packed = Math.floor(packed / limit);
  }
  if (dims === 1 && sizes[0]! > TWO_32) {
    const wrapped = ((sizes[0]! - 1) % TWO_32) + 1;
    if (!asC) {
      throw new HeaderSizeError(
        "nx",
        sizes[0]!,
        TWO_32,
        `1D header with nx = ${sizes[0]} (above 2^32), which zfp 1.0 reads modulo 2^32 as nx = ${wrapped}; pass wideNx: "as-c" to read it as C does`,
      );
    }
    sizes[0] = wrapped;
  }
  return Object.freeze({ type, dims, nx: sizes[0]!, ny: sizes[1]!, nz: sizes[2]!, nw: sizes[3]! });
}
