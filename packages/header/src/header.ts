// Writing and reading a zfp header at any bit position (mirrors zfp_write_header and
// zfp_read_header in zfp's src/zfp.c).
import {
  BitStream,
  BufferTooSmallError,
  InvalidArgumentError,
  isZfpError,
  type TruncatedStreamError,
} from "@zfpjs/bitstream";
import type { ScalarType, ZfpConfig } from "@zfpjs/codec";
import {
  HEADER_FULL,
  HEADER_MAGIC,
  HEADER_META,
  HEADER_MODE,
  MAGIC_BITS,
  MAGIC_BYTES,
  META_BITS,
  MODE_LONG_BITS,
  MODE_SHORT_BITS,
  MODE_SHORT_MAX,
  ZFP_CODEC,
} from "./constants.js";
import { BadMagicError, show, TruncatedHeaderError, UnsupportedCodecError } from "./errors.js";
import { fieldFromMeta, type HeaderField, type MetaField, type MetaOptions, metaValue } from "./meta.js";
import { configFromMode, type ModeValue, modeValue } from "./mode.js";

/** The magic part as one 32-bit write: 'z', 'f', 'p' and the codec version, first byte lowest. */
const MAGIC_WORD =
  (MAGIC_BYTES[0]! | (MAGIC_BYTES[1]! << 8) | (MAGIC_BYTES[2]! << 16) | (ZFP_CODEC << 24)) >>> 0;

/** What {@link readHeader} found. Parts left out of the mask are undefined. */
export interface Header {
  /** Scalar type (META). */
  readonly type?: ScalarType;
  /** Dimensionality 1..4 (META). */
  readonly dims?: 1 | 2 | 3 | 4;
  /** Size along x (META). */
  readonly nx?: number;
  /** Size along y, 0 if unused (META). */
  readonly ny?: number;
  /** Size along z, 0 if unused (META). */
  readonly nz?: number;
  /** Size along w, 0 if unused (META). */
  readonly nw?: number;
  /** Compression parameters, ready for decompression (MODE). */
  readonly config?: ZfpConfig;
  /** The raw mode value (MODE). */
  readonly mode?: ModeValue;
  /** Bits read: the header's length; compressed data starts right after it. */
  readonly bits: number;
}

function checkMask(mask: unknown): void {
  if (!(typeof mask === "number" && Number.isInteger(mask) && mask >= 0 && mask <= HEADER_FULL)) {
    throw new InvalidArgumentError(`header mask must be an integer 0..7 (HEADER_FULL), got ${show(mask)}`);
  }
}

/** Refuses anything but a bit stream (a BitStream of @zfpjs/bitstream or a subclass). */
function checkStream(stream: unknown, method: "rtell" | "wtell", fn: string): void {
  // The usual case first: one map check instead of a keyed method lookup (issue 13's small calls).
  if (stream instanceof BitStream) return;
  if (
    stream === null ||
    typeof stream !== "object" ||
    typeof (stream as Record<string, unknown>)[method] !== "function"
  ) {
    throw new InvalidArgumentError(`${fn} needs a BitStream (from @zfpjs/bitstream), got ${show(stream)}`);
  }
}

/**
 * The number of bits {@link writeHeader} writes for `config` and `mask`: 32 for the magic,
 * 52 for the meta part, 12 or 64 for the mode (96 or 148 for a full header).
 */
export function headerBits(config: ZfpConfig | null | undefined, mask: number = HEADER_FULL): number {
  checkMask(mask);
  let bits = 0;
  if (mask & HEADER_MAGIC) bits += MAGIC_BITS;
  if (mask & HEADER_META) bits += META_BITS;
  if (mask & HEADER_MODE) bits += modeValue(config as ZfpConfig).bits;
  return bits;
}

/**
 * Writes the parts of a header selected by `mask` at the stream's write position, exactly as
 * zfp_write_header does, and returns the number of bits written. Nothing is flushed: compressed
 * data written next follows immediately, as in C.
 *
 * Everything is checked before the first bit is written: a size that does not fit the meta
 * part throws {@link HeaderSizeError} naming the dimension (where C returns 0), a type other
 * than the four scalar types {@link InvalidTypeError}, parameters zfp could not read back
 * (minbits > maxbits, maxprec outside 1..64) `InvalidParameterError`, a buffer without room
 * `BufferTooSmallError`. `field` is ignored without HEADER_META, `config` without HEADER_MODE.
 *
 * @example
 * ```ts
 * const stream = new BitStream(new Uint8Array(32), { wordBits: 8 });
 * writeHeader(stream, { type: "float", nx: 4 }, fixedPrecision(8)); // 96
 * ```
 */
export function writeHeader(
  stream: BitStream,
  field: HeaderField | null | undefined,
  config: ZfpConfig | null | undefined,
  mask: number = HEADER_FULL,
): number {
  checkStream(stream, "wtell", "writeHeader");
  checkMask(mask);
  const meta = mask & HEADER_META ? metaValue(field as HeaderField) : 0;
  const mode = mask & HEADER_MODE ? modeValue(config as ZfpConfig) : undefined;
  const bits =
    (mask & HEADER_MAGIC ? MAGIC_BITS : 0) + (mask & HEADER_META ? META_BITS : 0) + (mode?.bits ?? 0);
  const end = stream.wtell() + bits;
  if (end > stream.capacityBits)
    throw new BufferTooSmallError(Math.ceil(end / 8), stream.capacity, "header buffer");
  if (mask & HEADER_MAGIC) stream.writeBits(MAGIC_WORD, 32);
  // Words go to writeBits as int32 (| 0, same bits): a heap number there (meta's halves are
  // computed in doubles, mode words above 2^31) deoptimizes the writer that the block coders
  // inline, which then runs its shifts on doubles for the rest of the process.
  if (mask & HEADER_META) {
    const low = meta % 2 ** 32;
    stream.writeBits(low | 0, 32);
    stream.writeBits(((meta - low) / 2 ** 32) | 0, META_BITS - 32);
  }
  if (mode) {
    if (mode.bits === MODE_SHORT_BITS) {
      stream.writeBits(mode.low | 0, MODE_SHORT_BITS);
    } else {
      stream.writeBits(mode.low | 0, 32);
      stream.writeBits(mode.high | 0, MODE_LONG_BITS - 32);
    }
  }
  return bits;
}

/** Options of {@link readHeader}. */
export interface ReadHeaderOptions extends MetaOptions {}

/**
 * Reads the parts of a header selected by `mask` from the stream's read position, as
 * zfp_read_header does (the mask must be the one used to write it: nothing in the stream says
 * which parts are present), and returns what it found with the number of bits read.
 *
 * Where C returns 0, this throws a typed error: {@link BadMagicError} (not "zfp"),
 * {@link UnsupportedCodecError} (codec version other than 5), {@link InvalidModeError}
 * (parameters zfp cannot use), {@link TruncatedHeaderError} (the stream ends inside the
 * header), {@link HeaderSizeError} (a 1D nx above 2^32, unless `wideNx: "as-c"`). Nothing is
 * allocated from the values read. Like C, a failed read may have consumed bits.
 *
 * @example
 * ```ts
 * const header = readHeader(new BitStream(zfpyBytes));
 * header.type; // "float"
 * header.bits; // 96: the compressed blocks start at this bit
 * ```
 */
export function readHeader(
  stream: BitStream,
  mask: number = HEADER_FULL,
  options: ReadHeaderOptions = {},
): Header {
  checkStream(stream, "rtell", "readHeader");
  checkMask(mask);
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw new InvalidArgumentError(`readHeader options must be an object, got ${show(options)}`);
  }
  let bits = 0;
  if (mask & HEADER_MAGIC) {
    for (let i = 0; i < 4; i++) {
      const at = stream.rtell();
      const byte = readOrTruncated(stream, 8, "magic");
      if (i < 3 && byte !== MAGIC_BYTES[i]) throw new BadMagicError(at, byte, MAGIC_BYTES[i]!);
      if (i === 3 && byte !== ZFP_CODEC) throw new UnsupportedCodecError(byte, ZFP_CODEC);
    }
    bits += MAGIC_BITS;
  }
  let field: MetaField | undefined;
  if (mask & HEADER_META) {
    const low = readOrTruncated(stream, 32, "meta");
    const high = readOrTruncated(stream, META_BITS - 32, "meta");
    field = fieldFromMeta(high * 2 ** 32 + low, options);
    bits += META_BITS;
  }
  let mode: ModeValue | undefined;
  if (mask & HEADER_MODE) {
    let low = readOrTruncated(stream, MODE_SHORT_BITS, "mode");
    let high = 0;
    let size: 12 | 64 = MODE_SHORT_BITS;
    if (low > MODE_SHORT_MAX) {
      low = (low | (readOrTruncated(stream, 20, "mode") << 12)) >>> 0;
      high = readOrTruncated(stream, 32, "mode");
      size = MODE_LONG_BITS;
    }
    // (low, high) determine the size; the last mode value read is reused (it is frozen).
    if (low !== lastMode.low || high !== lastMode.high) lastMode = Object.freeze({ bits: size, low, high });
    mode = lastMode;
    bits += size;
  }
  // A full header in one literal (one hidden class, no property added later: issue 13).
  if (field !== undefined && mode !== undefined) {
    const { type, dims, nx, ny, nz, nw } = field;
    return Object.freeze({ bits, type, dims, nx, ny, nz, nw, config: configFromMode(mode), mode });
  }
  const result: {
    -readonly [K in keyof Header]: Header[K];
  } = { bits: 0 };
  if (field !== undefined) {
    result.type = field.type;
    result.dims = field.dims;
    result.nx = field.nx;
    result.ny = field.ny;
    result.nz = field.nz;
    result.nw = field.nw;
  }
  if (mode !== undefined) {
    result.config = configFromMode(mode);
    result.mode = mode;
  }
  result.bits = bits;
  return Object.freeze(result);
}

/** The last mode value {@link readHeader} read. */
let lastMode: ModeValue = Object.freeze({ bits: MODE_SHORT_BITS, low: 0, high: 0 });

function readOrTruncated(stream: BitStream, n: number, part: "magic" | "meta" | "mode"): number {
  try {
    return stream.readBits(n);
  } catch (error) {
    if (isZfpError(error, "TruncatedStream")) {
      const truncated = error as TruncatedStreamError;
      throw new TruncatedHeaderError(part, truncated.requiredBits, truncated.availableBits, error);
    }
    throw error;
  }
}
