// Incremental coding: a field compressed or decompressed one slab of whole block rows (along the
// slowest used axis) at a time, built on compress and decompress only. zfp codes blocks with x
// fastest and w slowest (src/template/compress.c) with no padding between blocks, so slabs coded
// one after another into one stream, with the final flush (or align) held back until the last,
// give exactly the bytes of one call.
import {
  BitStream,
  InvalidArgumentError,
  isZfpError,
  TruncatedStreamError,
  type WordBits,
  ZfpError,
} from "@zfpjs/bitstream";
import { type CompressOptions, compress } from "./compress.js";
import type { ZfpConfig } from "./config.js";
import { allocateArray, decompress } from "./decompress.js";
import { InvalidFieldError } from "./errors.js";
import { type Field, type FieldShape, fieldBlocks, fieldDims, fieldLayout, fieldSize } from "./field.js";
import { maximumSize } from "./maximum-size.js";
import { traitsOf } from "./traits.js";

const SIZE_NAMES = ["nx", "ny", "nz", "nw"] as const;
type SizeName = (typeof SIZE_NAMES)[number];

/** A stream whose flush and align do nothing while `hold` is set (between slabs). */
class HeldStream extends BitStream {
  hold = true;

  override flush(): number {
    return this.hold ? 0 : super.flush();
  }

  override align(): number {
    return this.hold ? 0 : super.align();
  }
}

function checkWordBits(value: unknown): WordBits {
  if (value === undefined) return 64;
  if (value === 8 || value === 16 || value === 32 || value === 64) return value;
  throw new InvalidArgumentError(`wordBits must be 8, 16, 32 or 64, got ${String(value)}`);
}

/** The slowest used axis of a shape ("nx" for 1D, "nw" for 4D). */
function slowAxis(shape: Pick<Field, "nx" | "ny" | "nz" | "nw">): SizeName {
  return SIZE_NAMES[fieldDims(shape) - 1]!;
}

/** Values in one row (one index along the slowest axis) of a shape. */
function rowValues(shape: Pick<Field, "nx" | "ny" | "nz" | "nw">): number {
  return fieldSize(shape) / shape[slowAxis(shape)];
}

function checkShape(shape: FieldShape): FieldShape {
  if (shape === null || typeof shape !== "object") throw new InvalidFieldError("expected a shape object");
  traitsOf(shape.type); // throws UnsupportedTypeError
  const { type, nx } = shape;
  const ny = shape.ny || 0;
  const nz = shape.nz || 0;
  const nw = shape.nw || 0;
  const sizes = [nx, ny, nz, nw];
  const valid = sizes.every((n, axis) => Number.isSafeInteger(n) && n >= (axis === 0 ? 1 : 0));
  if (!valid || (ny === 0 && nz + nw > 0) || (nz === 0 && nw > 0)) {
    throw new InvalidFieldError(
      `expected sizes nx >= 1 and ny, nz, nw >= 0 with unused (0) sizes last, got ${sizes.map(String).join(", ")}`,
    );
  }
  return { type, nx, ny, nz, nw };
}

/**
 * The slab of `field` made of `rows` indices of its slowest used axis from index `start`: a field
 * over the same data (same strides, moved offset), for {@link SlabCompressor.write} and
 * {@link SlabDecompressor.next}.
 *
 * @example
 * ```ts
 * const field: Field = { type: "float", data: new Float32Array(6 * 10), nx: 6, ny: 10, nz: 0, nw: 0 };
 * fieldSlab(field, 4, 4); // { ..., nx: 6, ny: 4, sx: 1, sy: 6, offset: 24 }
 * ```
 */
export function fieldSlab(field: Field, start: number, rows: number): Field {
  const layout = fieldLayout(field);
  const slow = SIZE_NAMES[layout.dims - 1]!;
  const length = layout[slow];
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(rows) ||
    start < 0 ||
    rows < 1 ||
    start + rows > length
  ) {
    throw new InvalidFieldError(
      `expected rows ${start} to ${start + rows - 1} within 0 to ${length - 1} along ${slow}`,
    );
  }
  const stride = { nx: layout.sx, ny: layout.sy, nz: layout.sz, nw: layout.sw }[slow];
  return {
    ...field,
    sx: layout.sx,
    sy: layout.sy,
    sz: layout.sz,
    sw: layout.sw,
    [slow]: rows,
    offset: layout.offset + start * stride,
  };
}

/** Options of {@link SlabCompressor}. */
export interface SlabCompressorOptions extends CompressOptions {
  /** Stream word size (default 64): the final flush pads to it, as {@link compress}. */
  wordBits?: WordBits;
  /**
   * Writes bits before the first block (a header), at most 2048: called once, by the
   * constructor, with an empty stream. The blocks follow without padding, as in one-shot streams.
   */
  prefix?: (stream: BitStream) => void;
}

/**
 * Compresses a field slab by slab and returns the stream's bytes as they are completed, so
 * memory stays bounded by one slab (a slab's {@link maximumSize}) whatever the field's size. The
 * concatenation of everything returned equals the bytes of one {@link compress} call of the
 * whole field (after the same prefix), in every mode and type.
 *
 * Slabs come in order along the slowest used axis (y in 2D, w in 4D, x in 1D), each a whole number
 * of 4-row block rows, except the last, which ends the field. Between slabs only whole stream
 * words are returned; the bits of the last partial word wait for the next slab.
 *
 * A slab that throws (bad sizes, NaN in a lossy mode) changes nothing: the compressor stays where
 * it was. Bytes already returned for earlier slabs remain the caller's to discard.
 *
 * @example
 * ```ts
 * const shape = { type: "double", nx: 16, ny: 12, nz: 0, nw: 0 } as const;
 * const field: Field = { ...shape, data: new Float64Array(16 * 12).map(Math.sin) };
 * const compressor = new SlabCompressor(fixedAccuracy(1e-3), shape);
 * const parts = [compressor.write(fieldSlab(field, 0, 8)), compressor.write(fieldSlab(field, 8, 4))];
 * // parts joined equal compressToBytes(fixedAccuracy(1e-3), field)
 * ```
 */
export class SlabCompressor {
  /** The whole field's type and sizes. */
  readonly shape: FieldShape;
  /** The compression parameters. */
  readonly config: ZfpConfig;
  /** Stream word size. */
  readonly wordBits: WordBits;
  private readonly options: CompressOptions;
  private readonly slow: SizeName;
  private readonly length: number;
  private done = 0;
  private stream: HeldStream;
  // Whole words completed by the prefix, returned with the first slab.
  private pending: Uint8Array;

  constructor(config: ZfpConfig, shape: FieldShape, options: SlabCompressorOptions = {}) {
    this.shape = checkShape(shape);
    this.config = config;
    this.wordBits = checkWordBits(options.wordBits);
    this.options = { nonFinite: options.nonFinite ?? "error" };
    this.slow = slowAxis(this.shape);
    this.length = this.shape[this.slow];
    this.stream = new HeldStream(new Uint8Array(256 + 16), { wordBits: this.wordBits });
    options.prefix?.(this.stream);
    this.pending = this.drain();
  }

  /** Rows (indices along the slowest axis) compressed so far. */
  get rowsDone(): number {
    return this.done;
  }

  /** True once the last row has been compressed (the stream is complete). */
  get finished(): boolean {
    return this.done === this.length;
  }

  /**
   * Compresses the next slab and returns the bytes it completed (possibly none); after the last
   * slab, the rest of the stream, flushed to a word. `slab` has the field's type and sizes except
   * along the slowest axis; use {@link fieldSlab} to cut it from a larger array.
   *
   * @throws {InvalidFieldError} a slab of other sizes, not a whole number of block rows before the
   *   end, past the end, or after the stream is finished.
   */
  write(slab: Field): Uint8Array {
    const rows = this.checkSlab(slab);
    const last = this.done + rows === this.length;
    const need = 8 + maximumSize(this.config, slab, this.wordBits) + 16;
    if (this.stream.capacity < need) this.grow(need);
    const stream = this.stream;
    stream.hold = !last;
    try {
      compress(stream, this.config, slab, this.options);
    } finally {
      stream.hold = true;
    }
    this.done += rows;
    let out: Uint8Array;
    if (last) {
      out = stream.bytes.slice(0, stream.size());
      this.stream = new HeldStream(new Uint8Array(8), { wordBits: this.wordBits });
    } else {
      out = this.drain();
    }
    if (this.pending.length === 0) return out;
    const joined = new Uint8Array(this.pending.length + out.length);
    joined.set(this.pending);
    joined.set(out, this.pending.length);
    this.pending = new Uint8Array(0);
    return joined;
  }

  private checkSlab(slab: Field): number {
    if (this.finished) throw new InvalidFieldError("the stream is finished: every row has been compressed");
    const shape = this.shape;
    if (slab === null || typeof slab !== "object" || slab.type !== shape.type) {
      throw new InvalidFieldError(`expected a slab of type ${shape.type}`);
    }
    for (const name of SIZE_NAMES) {
      if (name !== this.slow && (slab[name] || 0) !== shape[name]) {
        throw new InvalidFieldError(
          `expected a slab with ${name} = ${shape[name]}, got ${String(slab[name])}`,
        );
      }
    }
    const rows = slab[this.slow];
    const left = this.length - this.done;
    if (!Number.isSafeInteger(rows) || rows < 1 || rows > left || (rows % 4 !== 0 && rows !== left)) {
      throw new InvalidFieldError(
        `expected a slab of a multiple of 4 rows along ${this.slow} (or the ${left} left), got ${String(rows)}`,
      );
    }
    return rows;
  }

  // Returns the whole words written so far and moves the rest (under a word) to the buffer's start.
  private drain(): Uint8Array {
    const stream = this.stream;
    const bits = stream.wtell();
    const keep = Math.floor(bits / this.wordBits) * (this.wordBits / 8);
    if (keep === 0) return new Uint8Array(0);
    stream.wseek(bits); // commits the pending bits to memory
    const bytes = stream.bytes;
    const out = bytes.slice(0, keep);
    const end = Math.ceil(bits / 8);
    bytes.copyWithin(0, keep, end);
    bytes.fill(0, end - keep, end);
    stream.rewind(); // drops nothing: every bit is in memory
    stream.wseek(bits - keep * 8);
    return out;
  }

  // Moves the unfinished word to a larger zeroed buffer.
  private grow(capacity: number): void {
    const old = this.stream;
    const bits = old.wtell();
    old.wseek(bits);
    const next = new HeldStream(new Uint8Array(capacity), { wordBits: this.wordBits });
    next.bytes.set(old.bytes.subarray(0, Math.ceil(bits / 8)));
    next.wseek(bits);
    this.stream = next;
  }
}

/** Options of {@link SlabDecompressor}. */
export interface SlabDecompressorOptions {
  /** Stream word size the stream was written with (default 64). */
  wordBits?: WordBits;
  /** Bits before the first block (a header's `bits`), skipped. Default 0. */
  startBits?: number;
  /**
   * Rows (along the slowest axis) per slab: a multiple of 4. Default: the multiple of 4 closest to
   * 2^20 values per slab (at least 4 rows).
   */
  slabRows?: number;
}

/** A decoded slab: rows `start` to `start + rows - 1` of the field's slowest used axis. */
export interface DecodedSlab {
  /** First row of the slab along the slowest used axis. */
  start: number;
  /** Number of rows. */
  rows: number;
  /** The slab's values: the field passed to {@link SlabDecompressor.next}, or a new C-ordered one. */
  field: Field;
}

/** Bytes a buffer may grow by before a failed slab is tried again (a larger buffer is tried at 1.5x). */
const RETRY_STEP = 64 * 1024;

/**
 * Decompresses a stream fed in chunks of any size into slabs of whole block rows, in order:
 * {@link push} bytes as they arrive, then call {@link next} until it returns undefined. A slab is
 * returned only once all of it is decoded; memory stays bounded by about one slab's compressed
 * bound plus one chunk.
 *
 * In variable-rate modes a slab's length is known only by decoding it, so {@link next} tries when
 * enough bytes for the previous slab's rate are buffered, and after a try that runs out of bytes,
 * again only when the buffer has grown by half (or by 64 KiB) or the input has ended. A try that
 * fails may have written into the target field; it is written again by the try that succeeds.
 *
 * Errors are typed: {@link TruncatedStreamError} when the input ends inside a slab, a ZfpError
 * tagged "MalformedStream" when a slab needs more bytes than its mode can use.
 *
 * @example
 * ```ts
 * const shape = { type: "float", nx: 8, ny: 8, nz: 0, nw: 0 } as const;
 * const decoder = new SlabDecompressor(fixedPrecision(16), shape, { slabRows: 4 });
 * decoder.push(bytes.subarray(0, 10));
 * decoder.push(bytes.subarray(10));
 * decoder.end();
 * decoder.next(); // { start: 0, rows: 4, field }
 * decoder.next(); // { start: 4, rows: 4, field }
 * ```
 */
export class SlabDecompressor {
  /** The whole field's type and sizes. */
  readonly shape: FieldShape;
  /** The compression parameters. */
  readonly config: ZfpConfig;
  /** Stream word size. */
  readonly wordBits: WordBits;
  /** Rows per slab (the last slab may have fewer). */
  readonly slabRows: number;
  private readonly slow: SizeName;
  private readonly length: number;
  private done = 0;
  private ended = false;
  // Unconsumed input: bytes [0, size) of buffer, the first `bit` bits already read; `base` is the
  // stream offset (in bytes, a whole number of words) of buffer[0].
  private buffer = new Uint8Array(1024);
  private size = 0;
  private bit = 0;
  private base = 0;
  // Bytes of future input to drop: the read position passed the end of the bytes buffered.
  private discard = 0;
  // Buffered bytes needed before the next try.
  private tryAt = 0;
  // The array a failed try decoded into, reused by the next try.
  private scratch: Field | undefined;

  constructor(config: ZfpConfig, shape: FieldShape, options: SlabDecompressorOptions = {}) {
    this.shape = checkShape(shape);
    this.config = config;
    this.wordBits = checkWordBits(options.wordBits);
    this.slow = slowAxis(this.shape);
    this.length = this.shape[this.slow];
    const row = rowValues(this.shape);
    const rows = options.slabRows ?? Math.max(4, Math.round(2 ** 20 / row / 4) * 4);
    if (!Number.isSafeInteger(rows) || rows < 4 || rows % 4 !== 0) {
      throw new InvalidArgumentError(`slabRows must be a positive multiple of 4, got ${String(rows)}`);
    }
    this.slabRows = rows;
    const start = options.startBits ?? 0;
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new InvalidArgumentError(`startBits must be an integer >= 0, got ${String(start)}`);
    }
    const wordBytes = this.wordBits / 8;
    const words = Math.floor(start / this.wordBits);
    this.discard = words * wordBytes;
    this.base = this.discard;
    this.bit = start - words * this.wordBits;
    this.tryAt = this.firstTry();
  }

  /** Rows decoded so far. */
  get rowsDone(): number {
    return this.done;
  }

  /** True once every slab has been returned. */
  get finished(): boolean {
    return this.done === this.length;
  }

  /** The shape of the next slab (its slowest size is its row count), or undefined when finished. */
  get nextShape(): FieldShape | undefined {
    if (this.finished) return undefined;
    return { ...this.shape, [this.slow]: Math.min(this.slabRows, this.length - this.done) };
  }

  /** Bytes buffered and not yet decoded. */
  get bufferedBytes(): number {
    return this.size;
  }

  /** Appends input bytes (copied; the chunk may be reused). */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new InvalidArgumentError("push after end()");
    let bytes = chunk;
    if (this.discard > 0) {
      const drop = Math.min(this.discard, bytes.length);
      this.discard -= drop;
      bytes = bytes.subarray(drop);
    }
    if (bytes.length === 0 || this.finished) return;
    const need = this.size + bytes.length;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.size);
    this.size = need;
  }

  /** Declares the input complete: {@link next} then decodes or throws instead of waiting. */
  end(): void {
    this.ended = true;
  }

  /**
   * Decodes and returns the next slab, or undefined when more input is needed (or every slab has
   * been returned). `into`, when given, receives the values: a field of the whole field's sizes
   * (the slab goes to its rows), or of the next slab's sizes ({@link nextShape}).
   *
   * @throws {TruncatedStreamError} the input ended inside the slab.
   * @throws {InvalidFieldError} `into` does not have the slab's type and sizes.
   */
  next(into?: Field): DecodedSlab | undefined {
    const shape = this.nextShape;
    if (shape === undefined) return undefined;
    // A target of the whole field's sizes receives the slab in its rows.
    const whole =
      into !== undefined && (into[this.slow] || 0) === this.length && shape[this.slow] !== this.length;
    const slabInto = into !== undefined && whole ? fieldSlab(into, this.done, shape[this.slow]) : into;
    if (slabInto !== undefined) this.checkTarget(slabInto, shape);
    if (!this.ended && (this.discard > 0 || this.size < this.tryAt)) return undefined;
    const bound = this.slabBound(shape);
    if (this.discard > 0) throw this.truncated(this.base * 8 + this.discard * 8 + 1);
    const target = slabInto ??
      this.scratch ?? { ...shape, data: allocateArray(shape.type, fieldSize(shape)) };
    const stream = new HeldStream(this.buffer.subarray(0, this.size), { wordBits: this.wordBits });
    stream.rseek(this.bit);
    try {
      decompress(stream, this.config, target);
    } catch (error) {
      if (!isZfpError(error, "TruncatedStream")) throw error;
      if (slabInto === undefined) this.scratch = target;
      if (this.ended) throw this.truncated((error as TruncatedStreamError).requiredBits + this.base * 8);
      if (this.size >= bound) {
        throw new ZfpError(
          "MalformedStream",
          `slab at row ${this.done} needs more than ${bound} bytes, the most its mode can use: the stream is corrupt or not of these parameters`,
        );
      }
      this.tryAt = Math.min(bound, Math.max(Math.ceil(this.size * 1.5), this.size + RETRY_STEP));
      return undefined;
    }
    this.scratch = undefined;
    const end = stream.rtell();
    const used = end - this.bit;
    const wordBytes = this.wordBits / 8;
    const words = Math.floor(end / this.wordBits);
    let drop = words * wordBytes;
    if (drop > this.size) {
      this.discard = drop - this.size;
      drop = this.size;
    }
    this.buffer.copyWithin(0, drop, this.size);
    this.size -= drop;
    this.base += words * wordBytes;
    this.bit = end - words * this.wordBits;
    const start = this.done;
    this.done += shape[this.slow];
    const following = this.nextShape;
    // Try the next slab once it may be complete at this slab's rate.
    this.tryAt =
      following === undefined
        ? 0
        : Math.min(
            this.slabBound(following),
            Math.floor(((used / fieldBlocks(shape)) * fieldBlocks(following)) / 8),
          );
    return { start, rows: shape[this.slow], field: target };
  }

  private firstTry(): number {
    const shape = this.nextShape;
    if (shape === undefined) return 0;
    // Every block takes at least minbits bits (exactly maxbits in fixed-rate mode).
    const reversible = this.config.minexp < -1074;
    const least = reversible ? 1 : Math.max(1, Math.min(this.config.minbits, this.config.maxbits));
    return Math.ceil((this.bit + fieldBlocks(shape) * least) / 8);
  }

  // Bytes that always hold the slab from the current position: its maximum size plus a word.
  private slabBound(shape: FieldShape): number {
    return maximumSize(this.config, shape, this.wordBits) + 16;
  }

  private checkTarget(into: Field, shape: FieldShape): void {
    if (into === null || typeof into !== "object" || into.type !== shape.type) {
      throw new InvalidFieldError(`expected a target field of type ${shape.type}`);
    }
    for (const name of SIZE_NAMES) {
      if ((into[name] || 0) !== shape[name]) {
        throw new InvalidFieldError(
          `expected a target field with ${name} = ${shape[name]}, got ${String(into[name])}`,
        );
      }
    }
  }

  private truncated(requiredBits: number): TruncatedStreamError {
    return new TruncatedStreamError(requiredBits, (this.base + this.size) * 8);
  }
}
