// numcodecs' ZFPY compressor (numcodecs/zfpy.py) as a zarrita array-to-bytes codec: each chunk is
// zfpy.compress_numpy(chunk), a full zfp header followed by the blocks. Serves Zarr v2 arrays
// (zarrita looks their compressor up as "numcodecs.<id>") and zarr-python 3's numcodecs.zfpy.
import type { WordBits } from "@zfpjs/codec";
import { compress_numpy, decompress_numpy, type ZfpyData } from "@zfpjs/zfpy";
import {
  type ArrayBytesCodec,
  type ChunkMetadata,
  type CodecEntry,
  cStrides,
  shapeSize,
  type ZarrChunk,
} from "./chunk.js";
import { ChunkMismatchError, InvalidCodecConfigError, UnsupportedChunkError } from "./errors.js";

/** zfpy's mode numbers, as numcodecs stores them (zfpy.mode_fixed_rate is 2, ...). */
const ZFPY_MODES = [2, 3, 4, 5] as const;

/** A numcodecs.zfpy configuration after validation: the one parameter zfpy will use. */
export interface ZfpyCodecConfig {
  /** zfpy's mode number: 2 rate, 3 precision, 4 accuracy, 5 reversible. */
  readonly mode: 2 | 3 | 4 | 5;
  /** What zfpy.compress_numpy receives (one of tolerance, rate, precision, or none: reversible). */
  readonly kwargs: { readonly tolerance?: number; readonly rate?: number; readonly precision?: number };
}

const KNOWN = new Set(["id", "mode", "tolerance", "rate", "precision", "compression_kwargs"]);

function numberField(codec: string, config: Record<string, unknown>, name: string): number {
  const value = config[name];
  if (value === undefined || value === null) return -1;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new InvalidCodecConfigError(codec, name, `expected a number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Validates a numcodecs.zfpy configuration as numcodecs' ZFPY(**config) takes it (v2:
 * `{id, mode, tolerance, rate, precision, compression_kwargs}`; zarr-python 3: `{mode, tolerance}`)
 * and picks what numcodecs passes to compress_numpy: the parameter of `mode` (mode 4 with
 * tolerance -1 is numcodecs' reversible array). Mode 5 (reversible) is accepted too.
 */
export function parseZfpyConfig(configuration: unknown, codec = "numcodecs.zfpy"): ZfpyCodecConfig {
  if (configuration === undefined || configuration === null) configuration = {};
  if (typeof configuration !== "object" || Array.isArray(configuration)) {
    throw new InvalidCodecConfigError(codec, "configuration", "expected an object");
  }
  const config = configuration as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KNOWN.has(key)) throw new InvalidCodecConfigError(codec, key, "unknown member");
  }
  const mode = config.mode === undefined || config.mode === null ? 4 : config.mode;
  if (!ZFPY_MODES.includes(mode as 2)) {
    throw new InvalidCodecConfigError(codec, "mode", `expected 2, 3, 4 or 5, got ${JSON.stringify(mode)}`);
  }
  const tolerance = numberField(codec, config, "tolerance");
  const rate = numberField(codec, config, "rate");
  const precision = numberField(codec, config, "precision");
  if (config.compression_kwargs !== undefined && config.compression_kwargs !== null) {
    if (typeof config.compression_kwargs !== "object" || Array.isArray(config.compression_kwargs)) {
      throw new InvalidCodecConfigError(codec, "compression_kwargs", "expected an object");
    }
  }
  switch (mode as 2 | 3 | 4 | 5) {
    case 2:
      return { mode: 2, kwargs: { rate } };
    case 3:
      if (!Number.isInteger(precision)) {
        throw new InvalidCodecConfigError(codec, "precision", `expected an integer, got ${precision}`);
      }
      return { mode: 3, kwargs: { precision } };
    case 4:
      return { mode: 4, kwargs: { tolerance } };
    default:
      return { mode: 5, kwargs: {} };
  }
}

const ZFPY_TYPES: Record<string, new (n: number) => ZfpyData> = {
  int32: Int32Array,
  int64: BigInt64Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** Options shared by the codecs' encoders. */
export interface EncodeOptions {
  /**
   * Stream word size of the bytes written: 64 (default) gives the bytes of zfp's default build
   * (zfpy wheels, zarrs), 8 gives Debian's libzfp bytes (the same bits, less zero padding).
   * Decoding reads either.
   */
  wordBits?: WordBits;
}

class ZfpyCodec implements ArrayBytesCodec {
  readonly kind = "array_to_bytes" as const;
  readonly #name: string;
  readonly #config: ZfpyCodecConfig;
  readonly #shape: number[];
  readonly #dataType: string;
  readonly #wordBits: WordBits;

  constructor(name: string, config: ZfpyCodecConfig, meta: ChunkMetadata, wordBits: WordBits) {
    this.#name = name;
    this.#config = config;
    this.#shape = [...meta.shape];
    this.#dataType = meta.dataType;
    this.#wordBits = wordBits;
  }

  encode(chunk: ZarrChunk): Uint8Array {
    // numcodecs hands zfpy the chunk with its own shape; a 0-D chunk is one value.
    const shape = chunk.shape.length === 0 ? [1] : chunk.shape;
    const stride = chunk.shape.length === 0 ? [1] : chunk.stride;
    return compress_numpy(
      { data: chunk.data as ZfpyData, shape, stride },
      { ...this.#config.kwargs, wordBits: this.#wordBits },
    );
  }

  decode(bytes: Uint8Array): ZarrChunk {
    const count = shapeSize(this.#shape);
    // The header decides type and sizes; more values than a chunk holds are refused unread.
    const array = decompress_numpy(bytes, { maxElements: count });
    const expected = ZFPY_TYPES[this.#dataType]!;
    if (!(array.data instanceof expected)) {
      throw new ChunkMismatchError(
        this.#name,
        `chunk holds ${array.data.constructor.name} values, the array is ${this.#dataType}`,
      );
    }
    if (array.size !== count) {
      throw new ChunkMismatchError(
        this.#name,
        `chunk holds ${array.shape.join("x")} values, the chunk shape is ${this.#shape.join("x")}`,
      );
    }
    return { data: array.data, shape: [...this.#shape], stride: cStrides(this.#shape) };
  }
}

/**
 * The registry entry of numcodecs.zfpy: validates the configuration and the data type (zfpy takes
 * int32, int64, float32 and float64) when zarrita opens the array.
 */
export function zfpyCodecEntry(name = "numcodecs.zfpy", options: EncodeOptions = {}): CodecEntry {
  const wordBits = options.wordBits ?? 64;
  return {
    kind: "array_to_bytes",
    fromConfig(configuration: unknown, meta: ChunkMetadata): ArrayBytesCodec {
      const config = parseZfpyConfig(configuration, name);
      if (!(meta.dataType in ZFPY_TYPES)) {
        throw new UnsupportedChunkError(
          name,
          `data type ${meta.dataType} is not one zfpy compresses (int32, int64, float32, float64)`,
        );
      }
      if (meta.shape.length > 4) {
        throw new UnsupportedChunkError(
          name,
          `chunks of ${meta.shape.length} dimensions (zfpy takes 1 to 4)`,
        );
      }
      return new ZfpyCodec(name, config, meta, wordBits);
    },
  };
}
