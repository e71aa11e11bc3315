// The shapes zarrita (0.7) hands to and expects from an array-to-bytes codec, declared
// structurally so this package needs zarrita only for its registry.

/** Typed arrays of the numeric Zarr data types. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** A chunk as zarrita passes it around: values, shape (C order) and strides in elements. */
export interface ZarrChunk<A = NumericArray> {
  data: A;
  shape: number[];
  stride: number[];
}

/** What zarrita tells a codec about the chunks it will see. */
export interface ChunkMetadata {
  /** Zarr v3 data type name ("float32", "int64", "uint8", ...). */
  dataType: string;
  /** The chunk shape (full chunks: edge chunks are padded to it). */
  shape: number[];
  /** The fill value of the array (zarrita fills missing chunks itself). */
  fillValue?: unknown;
}

/** An array-to-bytes codec instance, as zarrita's codec pipeline drives it. */
export interface ArrayBytesCodec {
  readonly kind: "array_to_bytes";
  /** Compresses one chunk (any strides) into a new byte array. */
  encode(chunk: ZarrChunk): Uint8Array;
  /** Decompresses one stored chunk into a fresh C-ordered chunk of the metadata's shape. */
  decode(bytes: Uint8Array): ZarrChunk;
}

/** A codec as zarrita's registry holds it: `registry.set(name, async () => entry)`. */
export interface CodecEntry {
  readonly kind: "array_to_bytes";
  fromConfig(configuration: unknown, meta: ChunkMetadata): ArrayBytesCodec;
}

/** C-order strides (in elements) of `shape`. */
export function cStrides(shape: readonly number[]): number[] {
  const stride = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    stride[axis] = step;
    step *= shape[axis]!;
  }
  return stride;
}

/** The number of elements of `shape` (1 for a 0-D shape). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}

/**
 * The chunk's values in C order: `chunk.data` itself when its strides are C-contiguous from
 * element 0, otherwise a gathered copy of the same type.
 */
export function contiguousData<A extends NumericArray>(chunk: ZarrChunk<A>): A {
  const { data, shape, stride } = chunk;
  const count = shapeSize(shape);
  const c = cStrides(shape);
  if (data.length === count && stride.every((s, axis) => s === c[axis] || shape[axis] === 1)) return data;
  const out = new (data.constructor as new (n: number) => A)(count);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let at = 0;
  for (let i = 0; i < count; i++) {
    (out as { [k: number]: number | bigint })[i] = data[at]!;
    // odometer over the C-order index, last axis fastest
    for (let axis = rank - 1; axis >= 0; axis--) {
      at += stride[axis]!;
      if (++index[axis]! < shape[axis]!) break;
      at -= stride[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
