// Streaming compression and decompression with zfpy's header, slab by slab along the slowest axis
// (@zfpjs/codec's SlabCompressor and SlabDecompressor), and over WHATWG Web Streams (fetch bodies),
// with no Node built-ins.
import {
  BitStream,
  type Field,
  isZfpError,
  SlabCompressor,
  SlabDecompressor,
  type ZfpConfig,
} from "@zfpjs/codec";
import { HEADER_FULL, HEADER_MAX_BITS, readHeader, writeHeader } from "@zfpjs/header";
import ndarray from "ndarray";
import type { CompressOptions } from "./compress.js";
import {
  type Dtype,
  dtype_to_ztype,
  type ScalarTypeInfo,
  typeInfoOfScalar,
  typeInfoOfZtype,
  type ZfpyData,
  type ZType,
} from "./dtype.js";
import { describeValue, ZfpyRuntimeError, ZfpyTypeError, ZfpyValueError } from "./errors.js";
import { type ArrayInput, checkArray, fieldOf } from "./input.js";
import { chooseMode, configOf, type ModeOptions, readModeValues } from "./parameters.js";

/** The reader of a WHATWG ReadableStream, as far as this module uses it. */
export interface ByteStreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

/** A WHATWG `ReadableStream<Uint8Array>` (a fetch body, a Blob's stream()), as far as this module uses it. */
export interface ByteStream {
  getReader(): ByteStreamReader;
}

/** A slab of decoded rows: `shape[0]` indices of the array's first (slowest) axis from `start`. */
export interface StreamSlab {
  /** Index along the first (slowest, C order) axis of the slab's first row. */
  start: number;
  /** The slab's shape, C order: the array's shape with `shape[0]` rows. */
  shape: number[];
  /** The whole array's shape, C order. */
  arrayShape: number[];
  /** The slab's values, C-ordered (a view of `out` when one was given). */
  data: ZfpyData;
  /** `data` as an ndarray of `shape`. */
  array: ndarray.NdArray<ZfpyData>;
}

/** Options of {@link createStreamCompressor} and {@link compressStream}. */
export interface StreamCompressOptions extends CompressOptions {
  /**
   * Values per slab that {@link compressStream} cuts an in-memory array into: rounded to whole
   * block rows of 4 along the first axis, at least one. Default 2^20.
   */
  slabValues?: number;
}

/** A slab-by-slab compressor of one array; see {@link createStreamCompressor}. */
export interface StreamCompressor {
  /** The array's dtype. */
  readonly dtype: Dtype;
  /** The array's C-order shape. */
  readonly shape: readonly number[];
  /** Rows (indices of the first axis) compressed so far. */
  readonly rowsDone: number;
  /** True once every row is compressed. */
  readonly finished: boolean;
  /**
   * Compresses the next rows (an array of the dtype and the array's shape except along the first
   * axis, a multiple of 4 rows except the last slab) and returns the bytes they completed; the
   * header comes with the first slab's bytes and the stream's end with the last's.
   */
  write(slab: ArrayInput): Uint8Array;
}

function readWordBits(value: unknown): 8 | 16 | 32 | 64 {
  if (value === undefined || value === null) return 64;
  if (value === 8 || value === 16 || value === 32 || value === 64) return value;
  throw new ZfpyTypeError(`wordBits must be 8, 16, 32 or 64, got ${String(value)}`);
}

function readShape(shape: unknown): number[] {
  if (
    !Array.isArray(shape) ||
    shape.length < 1 ||
    shape.length > 4 ||
    !shape.every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 1)
  ) {
    throw new ZfpyValueError(
      `expected a shape of 1 to 4 positive integer sizes, got ${describeValue(shape)}`,
    );
  }
  return [...shape];
}

function readDtype(type: unknown): ScalarTypeInfo {
  const ztype = typeof type === "number" ? type : dtype_to_ztype(type);
  const info = typeInfoOfZtype(ztype);
  if (!info) throw new ZfpyValueError(`Unsupported zfp_type ${describeValue(type)}`);
  return info;
}

/** zfp's sizes (nx fastest) of a C-order shape. */
function zfpShape(info: ScalarTypeInfo, shape: readonly number[]) {
  const d = shape.length;
  const size = (k: number) => (k < d ? shape[d - 1 - k]! : 0);
  return { type: info.scalar, nx: size(0), ny: size(1), nz: size(2), nw: size(3) };
}

/** Runs `body`, turning zfpjs errors other than zfpy's into zfpy's RuntimeError as zfpy reports them. */
function asRuntimeError<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (isZfpError(error) && !error.name.startsWith("Zfpy")) {
      throw new ZfpyRuntimeError(`${what}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * A compressor that takes an array slab by slab (rows of its first, slowest axis, in order) and
 * returns the stream's bytes as they are completed, so memory stays bounded by one slab whatever
 * the array's size. The bytes joined equal {@link compress}'s for the whole array with the same
 * options, header (unless `writeHeader: false`), word size and mode included.
 *
 * @example
 * ```ts
 * const compressor = createStreamCompressor("float32", [1000, 512], { tolerance: 1e-3 });
 * const part = compressor.write(ndarray(rows, [64, 512])); // rows 0..63
 * ```
 */
export function createStreamCompressor(
  dtype: Dtype | ZType,
  shape: readonly number[],
  options: StreamCompressOptions = {},
): StreamCompressor {
  const info = readDtype(dtype);
  const sizes = readShape(shape);
  const wordBits = readWordBits(options.wordBits);
  const mode = chooseMode(readModeValues(options), true);
  const dims = sizes.length as 1 | 2 | 3 | 4;
  const config: ZfpConfig = configOf(mode, info.scalar, dims, wordBits);
  const whole = zfpShape(info, sizes);
  const header = options.writeHeader === undefined ? true : Boolean(options.writeHeader);
  const codec = asRuntimeError(
    "Failed to write header to stream",
    () =>
      new SlabCompressor(config, whole, {
        wordBits,
        nonFinite: options.nonFinite ?? "error",
        prefix: header ? (stream) => writeHeader(stream, whole, config, HEADER_FULL) : undefined,
      }),
  );
  return {
    dtype: info.dtype,
    shape: sizes,
    get rowsDone() {
      return codec.rowsDone;
    },
    get finished() {
      return codec.finished;
    },
    write(slab: ArrayInput): Uint8Array {
      const array = checkArray(slab);
      if (array.info !== info) {
        throw new ZfpyValueError(`expected a slab of dtype ${info.dtype}, got ${array.info.dtype}`);
      }
      if (
        array.shape.length !== sizes.length ||
        array.shape.some((n, axis) => axis > 0 && n !== sizes[axis])
      ) {
        throw new ZfpyValueError(
          `expected a slab of shape [rows, ${sizes.slice(1).join(", ")}], got [${array.shape.join(", ")}]`,
        );
      }
      const field = fieldOf(array);
      return asRuntimeError("Failed to compress slab", () => codec.write(field));
    },
  };
}

/** Slabs of an array to compress, from any source (a file read in parts, a simulation's steps). */
export interface SlabSource {
  /** The array's dtype or zfp type. */
  dtype: Dtype | ZType;
  /** The array's C-order shape. */
  shape: readonly number[];
  /** Its slabs in order, as {@link StreamCompressor.write} takes them. */
  slabs: Iterable<ArrayInput> | AsyncIterable<ArrayInput>;
}

/** Views of `arr`'s rows, about `slabValues` values (whole block rows) each. */
function* slabsOf(arr: ArrayInput, slabValues: number): Generator<ArrayInput> {
  const array = checkArray(arr);
  const { data, shape, stride, offset } = array;
  const rowValues = shape.slice(1).reduce((a, b) => a * b, 1);
  const rows = Math.max(4, Math.floor(slabValues / rowValues / 4) * 4);
  for (let start = 0; start < shape[0]!; start += rows) {
    const n = Math.min(rows, shape[0]! - start);
    yield { data, shape: [n, ...shape.slice(1)], stride, offset: offset + start * stride[0]! };
  }
}

/**
 * Compresses into a WHATWG `ReadableStream<Uint8Array>`, one slab per pull, so a consumer (an
 * upload, a `Response`, a file writer) gets the first bytes before the whole array is compressed.
 * The source is an in-memory array (cut into slabs of about `slabValues` values) or a
 * {@link SlabSource} whose slabs may come from anywhere, so the array need never be in memory at
 * once. The bytes joined equal {@link compress}'s for the whole array. Needs a global
 * `ReadableStream` (browsers, Node 18+, Deno, Bun). Errors (a slab of the wrong shape, NaN in a
 * lossy mode, slabs that end early) error the stream.
 *
 * @example
 * ```ts
 * const body = compressStream(ndarray(values, [256, 256]), { rate: 8 });
 * await fetch(url, { method: "PUT", body, duplex: "half" });
 * ```
 */
export function compressStream(
  source: ArrayInput | SlabSource,
  options: StreamCompressOptions = {},
): ByteStream {
  const slabValues = options.slabValues ?? 2 ** 20;
  if (typeof slabValues !== "number" || !(slabValues >= 1)) {
    throw new ZfpyValueError(`slabValues must be a number >= 1, got ${describeValue(slabValues)}`);
  }
  let compressor: StreamCompressor;
  let slabs: Iterable<ArrayInput> | AsyncIterable<ArrayInput>;
  if (source !== null && typeof source === "object" && "slabs" in source) {
    compressor = createStreamCompressor(source.dtype, source.shape, options);
    slabs = source.slabs;
  } else {
    const array = checkArray(source);
    compressor = createStreamCompressor(array.info.ztype, array.shape, options);
    slabs = slabsOf(source as ArrayInput, slabValues);
  }
  const iterator =
    Symbol.asyncIterator in slabs
      ? (slabs as AsyncIterable<ArrayInput>)[Symbol.asyncIterator]()
      : (slabs as Iterable<ArrayInput>)[Symbol.iterator]();
  const Stream = (globalThis as unknown as { ReadableStream?: ReadableStreamConstructor }).ReadableStream;
  if (Stream === undefined) throw new ZfpyRuntimeError("this platform has no global ReadableStream");
  return new Stream({
    async pull(controller) {
      // A pull that enqueues nothing is not repeated, so compress until a slab completes bytes.
      let part: Uint8Array = new Uint8Array(0);
      while (part.length === 0 && !compressor.finished) {
        const next = await iterator.next();
        if (next.done) {
          throw new ZfpyValueError(
            `the slabs ended after ${compressor.rowsDone} of the array's ${compressor.shape[0]} rows`,
          );
        }
        part = compressor.write(next.value);
      }
      if (part.length > 0) controller.enqueue(part);
      if (compressor.finished) controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The part of the global ReadableStream constructor {@link compressStream} uses. */
type ReadableStreamConstructor = new (source: {
  pull(controller: { enqueue(chunk: Uint8Array): void; close(): void }): Promise<void>;
  cancel(): Promise<void>;
}) => ByteStream;

/** Options of {@link createStreamDecompressor} and {@link decompressStream}. */
export interface StreamDecompressOptions extends ModeOptions {
  /**
   * For a header-less stream: its zfp type or dtype name (with `shape` and the mode parameters,
   * as {@link decompressHeaderless}). Without it the stream must start with a full header.
   */
  type?: ZType | Dtype;
  /** For a header-less stream: the array's C-order shape. */
  shape?: readonly number[];
  /** For a header-less stream: the word size it was written with (default 64). */
  wordBits?: 8 | 16 | 32 | 64;
  /** Rows of the first axis per slab: a multiple of 4 (default: about 2^20 values per slab). */
  slabRows?: number;
  /** Values a slab may hold before it is refused (a header declaring huge rows). Default 2^31. */
  maxElements?: number;
  /**
   * A typed array of the stream's dtype holding the whole array (C order): slabs are decoded
   * into it, and each slab's `data` is a view of it.
   */
  out?: ZfpyData;
}

/** A push decompressor; see {@link createStreamDecompressor}. */
export interface StreamDecompressor {
  /** The array's dtype and C-order shape, once the header is read (at once without a header). */
  readonly dtype: Dtype | undefined;
  readonly shape: readonly number[] | undefined;
  /** True once every slab has been returned. */
  readonly finished: boolean;
  /** Appends bytes as they arrive (copied). */
  push(chunk: Uint8Array): void;
  /** Declares the input complete. */
  end(): void;
  /** The next decoded slab, or undefined when more input is needed (or all are returned). */
  next(): StreamSlab | undefined;
}

interface Decoding {
  info: ScalarTypeInfo;
  shape: number[];
  codec: SlabDecompressor;
}

/**
 * A decompressor fed bytes in chunks of any size that returns the array slab by slab (rows of
 * its first axis, in order), each slab complete, never partial. Reads zfpy's full header first,
 * or, given `type` and `shape`, a header-less stream. Memory stays bounded by about one slab's
 * compressed bound plus one chunk (plus the slab arrays unless `out` is given).
 *
 * @throws {ZfpyValueError} "Failed to read required zfp header" (the cause says why), a slab of
 *   more than `maxElements` values, an `out` of the wrong dtype or size.
 * @throws {ZfpyRuntimeError} "error during zfp decompression": the input ended inside a slab
 *   (cause: TruncatedStreamError) or is corrupt.
 */
export function createStreamDecompressor(options: StreamDecompressOptions = {}): StreamDecompressor {
  const maxElements = options.maxElements ?? 2 ** 31;
  let decoding: Decoding | undefined;
  let head = new Uint8Array(0); // bytes buffered before the header is read
  let ended = false;

  const start = (
    info: ScalarTypeInfo,
    shape: number[],
    config: ZfpConfig,
    startBits: number,
    wordBits: 8 | 16 | 32 | 64,
  ) => {
    const whole = zfpShape(info, shape);
    const rowValues = shape.slice(1).reduce((a, b) => a * b, 1);
    const slabRows = options.slabRows ?? Math.max(4, Math.round(2 ** 20 / rowValues / 4) * 4);
    if (Math.min(slabRows, shape[0]!) * rowValues > maxElements) {
      throw new ZfpyValueError(
        `a slab of ${slabRows} rows of shape [${shape.join(", ")}] holds more than maxElements (${maxElements}) values`,
      );
    }
    const out = options.out;
    if (
      out !== undefined &&
      (info.arrayType !== out.constructor || out.length !== shape.reduce((a, b) => a * b, 1))
    ) {
      throw new ZfpyValueError(
        `out must be a ${info.arrayType.name} of ${shape.reduce((a, b) => a * b, 1)} values`,
      );
    }
    const codec = asRuntimeError(
      "error during zfp decompression",
      () => new SlabDecompressor(config, whole, { wordBits, startBits, slabRows }),
    );
    decoding = { info, shape, codec };
  };

  if (options.type !== undefined || options.shape !== undefined) {
    const info = readDtype(options.type);
    const shape = readShape(options.shape);
    const wordBits = readWordBits(options.wordBits);
    const config = configOf(
      chooseMode(readModeValues(options), false),
      info.scalar,
      shape.length as 1 | 2 | 3 | 4,
      wordBits,
    );
    start(info, shape, config, 0, wordBits);
  }

  // Reads the header once enough bytes are buffered (or the input ended).
  const readHead = () => {
    if (decoding || (head.length * 8 < HEADER_MAX_BITS + 8 && !ended)) return;
    let header: ReturnType<typeof readHeader>;
    try {
      header = readHeader(new BitStream(head), HEADER_FULL);
    } catch (error) {
      if (isZfpError(error, "TruncatedHeader") && !ended) return;
      throw new ZfpyValueError(`Failed to read required zfp header: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const info = header.type === undefined ? undefined : typeInfoOfScalar(header.type);
    if (!info) throw new ZfpyValueError(`Unsupported zfp_type ${String(header.type)}`);
    const shape = [header.nw!, header.nz!, header.ny!, header.nx!].filter((n) => n > 0);
    start(info, shape, header.config!, header.bits, 64);
    decoding!.codec.push(head);
    head = new Uint8Array(0);
  };

  return {
    get dtype() {
      return decoding?.info.dtype;
    },
    get shape() {
      return decoding?.shape;
    },
    get finished() {
      return decoding?.codec.finished ?? false;
    },
    push(chunk: Uint8Array) {
      if (!(chunk instanceof Uint8Array))
        throw new ZfpyTypeError(`expected a Uint8Array chunk, got ${describeValue(chunk)}`);
      if (decoding) {
        decoding.codec.push(chunk);
        return;
      }
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      readHead();
    },
    end() {
      ended = true;
      readHead();
      decoding?.codec.end();
    },
    next(): StreamSlab | undefined {
      if (!decoding) return undefined;
      const { shape, codec } = decoding;
      const next = codec.nextShape;
      if (!next) return undefined;
      const rowValues = shape.slice(1).reduce((a, b) => a * b, 1);
      const rows = Math.min(codec.slabRows, shape[0]! - codec.rowsDone);
      const into: Field | undefined = options.out
        ? {
            ...next,
            data: options.out.subarray(codec.rowsDone * rowValues, (codec.rowsDone + rows) * rowValues),
          }
        : undefined;
      const slab = asRuntimeError("error during zfp decompression", () => codec.next(into));
      if (!slab) return undefined;
      const slabShape = [slab.rows, ...shape.slice(1)];
      const data = slab.field.data as ZfpyData;
      return {
        start: slab.start,
        shape: slabShape,
        arrayShape: shape,
        data,
        array: ndarray(data, slabShape),
      };
    },
  };
}

/**
 * Decompresses a WHATWG `ReadableStream<Uint8Array>` (a fetch body) or an async iterable of byte
 * chunks as it arrives: an async iterable of the array's slabs, in order, each with its position
 * (`start` along the first axis) and shape, so a viewer can draw rows while bytes still arrive.
 * Options and errors as {@link createStreamDecompressor}; stopping the iteration early cancels
 * the stream.
 *
 * @example
 * ```ts
 * const response = await fetch("field.zfp");
 * for await (const slab of decompressStream(response.body!)) draw(slab.start, slab.array);
 * ```
 */
export async function* decompressStream(
  source: ByteStream | AsyncIterable<Uint8Array>,
  options: StreamDecompressOptions = {},
): AsyncGenerator<StreamSlab, void, undefined> {
  const decoder = createStreamDecompressor(options);
  const chunks = chunksOf(source);
  try {
    for (;;) {
      const { done, value } = await chunks.next();
      if (done) break;
      decoder.push(value);
      for (let slab = decoder.next(); slab; slab = decoder.next()) yield slab;
      if (decoder.finished) return;
    }
    decoder.end();
    for (let slab = decoder.next(); slab; slab = decoder.next()) yield slab;
    if (!decoder.finished) {
      throw new ZfpyRuntimeError("error during zfp decompression: the stream ended before its last slab");
    }
  } finally {
    // Stopped early, failed or done: release the source (cancelling it if bytes remain).
    await chunks.return?.();
  }
}

/** The chunks of a ReadableStream (through its reader) or of an async iterable. */
function chunksOf(source: ByteStream | AsyncIterable<Uint8Array>): AsyncIterator<Uint8Array> {
  if (
    source !== null &&
    typeof source === "object" &&
    typeof (source as ByteStream).getReader === "function"
  ) {
    const reader = (source as ByteStream).getReader();
    return {
      async next() {
        const { done, value } = await reader.read();
        return done ? { done: true, value: undefined } : { done: false, value: value! };
      },
      async return() {
        await reader.cancel();
        reader.releaseLock();
        return { done: true, value: undefined };
      },
    };
  }
  if (source !== null && typeof source === "object" && Symbol.asyncIterator in source) {
    return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  }
  throw new ZfpyTypeError(
    `expected a ReadableStream or an async iterable of Uint8Array, got ${describeValue(source)}`,
  );
}
