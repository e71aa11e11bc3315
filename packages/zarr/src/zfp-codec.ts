// zarr-extensions' `zfp` array-to-bytes codec (zarrs implements it): each chunk is a header-less
// zfp stream of the whole chunk, its shape mapped to zfp sizes with the last axis as x. 8/16-bit
// integers travel as int32 (zfp_promote/zfp_demote); uint32/uint64 as zarrs stores them: clamped
// into the signed range on the way in, negative values clamped to 0 on the way out.
import {
  compressToBytes,
  decompressToArray,
  type Field,
  type ScalarArray,
  type ScalarType,
  type WordBits,
  type ZfpConfig,
} from "@zfpjs/codec";
import {
  type ArrayBytesCodec,
  type ChunkMetadata,
  type CodecEntry,
  contiguousData,
  cStrides,
  type NumericArray,
  type ZarrChunk,
} from "./chunk.js";
import { UnsupportedChunkError } from "./errors.js";
import { demote, promote, type SmallIntArray } from "./promote.js";
import { parseZfpConfig, zfpParameters } from "./zfp-config.js";
import type { EncodeOptions } from "./zfpy-codec.js";

/** How a Zarr data type is stored in zfp. */
type Storage = "as-is" | "promoted" | "clamped";

const TYPES: Record<string, { type: ScalarType; storage: Storage }> = {
  int8: { type: "int32", storage: "promoted" },
  uint8: { type: "int32", storage: "promoted" },
  int16: { type: "int32", storage: "promoted" },
  uint16: { type: "int32", storage: "promoted" },
  int32: { type: "int32", storage: "as-is" },
  uint32: { type: "int32", storage: "clamped" },
  int64: { type: "int64", storage: "as-is" },
  uint64: { type: "int64", storage: "clamped" },
  float32: { type: "float", storage: "as-is" },
  float64: { type: "double", storage: "as-is" },
};

const SMALL: Record<string, new (n: number) => SmallIntArray> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
};

const INT32_MAX = 0x7fffffff;
const INT64_MAX = 0x7fffffffffffffffn;

/**
 * zfp's sizes of a chunk shape: [nx], [ny, nx], [nz, ny, nx], [nw, nz, ny, nx]; a 0-D chunk is
 * nx = 1. Shapes of more than four axes lose their size-1 axes first (zarrs' rule), and must then
 * have four or fewer.
 */
function zfpSizes(
  codec: string,
  shape: readonly number[],
): { nx: number; ny: number; nz: number; nw: number } {
  for (const n of shape) {
    if (!(Number.isSafeInteger(n) && n >= 1)) {
      throw new UnsupportedChunkError(codec, `chunk shape [${shape.join(", ")}] has a size below 1`);
    }
  }
  let sizes = shape.length === 0 ? [1] : [...shape];
  if (sizes.length > 4) sizes = sizes.filter((n) => n !== 1);
  if (sizes.length === 0) sizes = [1];
  if (sizes.length > 4) {
    throw new UnsupportedChunkError(
      codec,
      `chunk shape [${shape.join(", ")}] has more than four axes of size above 1 (zfp takes 1 to 4)`,
    );
  }
  const [nx, ny = 0, nz = 0, nw = 0] = sizes.reverse();
  return { nx: nx!, ny, nz, nw };
}

function toZfpValues(data: NumericArray, storage: Storage): ScalarArray {
  if (storage === "as-is") return data as ScalarArray;
  if (storage === "promoted") return promote(data as SmallIntArray);
  if (data instanceof Uint32Array) {
    const out = new Int32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      out[i] = Math.min(v, INT32_MAX);
    }
    return out;
  }
  const source = data as BigUint64Array;
  const out = new BigInt64Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const v = source[i]!;
    out[i] = v > INT64_MAX ? INT64_MAX : v;
  }
  return out;
}

function fromZfpValues(values: ScalarArray, dataType: string, storage: Storage): NumericArray {
  if (storage === "as-is") return values;
  if (storage === "promoted") {
    const out = new SMALL[dataType]!(values.length);
    demote(values as Int32Array, out);
    return out;
  }
  if (values instanceof Int32Array) {
    const out = new Uint32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      out[i] = Math.max(v, 0);
    }
    return out;
  }
  const source = values as BigInt64Array;
  const out = new BigUint64Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const v = source[i]!;
    out[i] = v < 0n ? 0n : v;
  }
  return out;
}

class ZfpCodec implements ArrayBytesCodec {
  readonly kind = "array_to_bytes" as const;
  readonly #shape: number[];
  readonly #dataType: string;
  readonly #storage: Storage;
  readonly #field: Omit<Field, "data">;
  readonly #config: ZfpConfig;
  readonly #wordBits: WordBits;

  constructor(
    shape: number[],
    dataType: string,
    field: Omit<Field, "data">,
    config: ZfpConfig,
    wordBits: WordBits,
  ) {
    this.#shape = shape;
    this.#dataType = dataType;
    this.#storage = TYPES[dataType]!.storage;
    this.#field = field;
    this.#config = config;
    this.#wordBits = wordBits;
  }

  encode(chunk: ZarrChunk): Uint8Array {
    const values = toZfpValues(contiguousData(chunk), this.#storage);
    return compressToBytes(this.#config, { ...this.#field, data: values }, { wordBits: this.#wordBits });
  }

  decode(bytes: Uint8Array): ZarrChunk {
    const values = decompressToArray(bytes, this.#config, this.#field);
    const data = fromZfpValues(values, this.#dataType, this.#storage);
    return { data, shape: [...this.#shape], stride: cStrides(this.#shape) };
  }
}

/**
 * The registry entry of the `zfp` codec (also registered as `zarrs.zfp` and
 * `https://codec.zarrs.dev/array_to_bytes/zfp`): validates the configuration, the data type and
 * the chunk shape when zarrita opens the array.
 */
export function zfpCodecEntry(name = "zfp", options: EncodeOptions = {}): CodecEntry {
  const wordBits = options.wordBits ?? 64;
  return {
    kind: "array_to_bytes",
    fromConfig(configuration: unknown, meta: ChunkMetadata): ArrayBytesCodec {
      const config = parseZfpConfig(configuration, name);
      const storage = TYPES[meta.dataType];
      if (!storage) {
        throw new UnsupportedChunkError(
          name,
          `data type ${meta.dataType} is not one zfp compresses (int8..int64, uint8..uint64, float32, float64)`,
        );
      }
      const sizes = zfpSizes(name, meta.shape);
      const dims = sizes.nw ? 4 : sizes.nz ? 3 : sizes.ny ? 2 : 1;
      const parameters = zfpParameters(config, storage.type, dims, name);
      return new ZfpCodec(
        [...meta.shape],
        meta.dataType,
        { type: storage.type, ...sizes },
        parameters,
        wordBits,
      );
    },
  };
}
