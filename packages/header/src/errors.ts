// Typed errors of header reading and writing (zfp_read_header / zfp_write_header fail silently in C).
import { ZfpError } from "@zfpjs/bitstream";

/** Base class of every header error; `tag` says which. */
export class HeaderError extends ZfpError {}

/** The stream does not start with "zfp": it is not a zfp stream with a header. */
export class BadMagicError extends HeaderError {
  /** Bit offset of the byte that differs. */
  readonly offset: number;
  /** The byte found there. */
  readonly found: number;
  /** The byte expected. */
  readonly expected: number;
  constructor(offset: number, found: number, expected: number) {
    super(
      "BadMagic",
      `not a zfp header: expected the magic bytes 7a 66 70 ("zfp"), found 0x${hex2(found)} instead of 0x${hex2(expected)} at bit ${offset}`,
    );
    this.offset = offset;
    this.found = found;
    this.expected = expected;
  }
}

/** The magic is right but the codec version is not 5, the only one zfp 1.0 reads. */
export class UnsupportedCodecError extends HeaderError {
  /** The codec version found. */
  readonly version: number;
  constructor(version: number, supported: number) {
    super(
      "UnsupportedCodec",
      `unsupported zfp codec version: expected ${supported} (zfp 1.0), found ${version}`,
    );
    this.version = version;
  }
}

/** The scalar type of a field to describe is not int32, int64, float or double. */
export class InvalidTypeError extends HeaderError {
  /** The type given. */
  readonly type: unknown;
  constructor(type: unknown) {
    super("InvalidType", `invalid scalar type: expected int32, int64, float or double, got ${show(type)}`);
    this.type = type;
  }
}

/** The mode part encodes parameters zfp cannot use (C's zfp_stream_set_mode fails). */
export class InvalidModeError extends HeaderError {
  /** Low 32 bits of the mode value. */
  readonly low: number;
  /** High 32 bits of the mode value (0 for a short mode). */
  readonly high: number;
  constructor(low: number, high: number, reason: string) {
    const value = high === 0 ? `${low}` : `0x${hex8(high)}${hex8(low)}`;
    super("InvalidMode", `invalid compression mode ${value} in zfp header: ${reason}`);
    this.low = low;
    this.high = high;
  }
}

/** A size that the 52-bit meta field cannot hold (writing), or that zfp 1.0 misreads (reading). */
export class HeaderSizeError extends HeaderError {
  /** The dimension at fault. */
  readonly dimension: "nx" | "ny" | "nz" | "nw";
  /** Its size. */
  readonly size: number;
  /** The largest size allowed for it. */
  readonly limit: number;
  constructor(dimension: "nx" | "ny" | "nz" | "nw", size: number, limit: number, message: string) {
    super("HeaderSize", message);
    this.dimension = dimension;
    this.size = size;
    this.limit = limit;
  }
}

/** The stream ends inside the header. */
export class TruncatedHeaderError extends HeaderError {
  /** The header part being read: "magic", "meta" or "mode". */
  readonly part: "magic" | "meta" | "mode";
  /** Bit offset the read needed to reach. */
  readonly requiredBits: number;
  /** Bits the stream holds. */
  readonly availableBits: number;
  constructor(part: "magic" | "meta" | "mode", requiredBits: number, availableBits: number, cause: unknown) {
    super(
      "TruncatedHeader",
      `zfp header truncated in its ${part} part: needed bits up to offset ${requiredBits}, but the stream holds only ${availableBits} bits`,
      { cause },
    );
    this.part = part;
    this.requiredBits = requiredBits;
    this.availableBits = availableBits;
  }
}

/**
 * A value as error messages show it: numbers and strings as written, anything else by kind.
 * Never throws (String() throws for an object without a prototype).
 */
export function show(value: unknown): string {
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "function") return "a function";
  try {
    if (Array.isArray(value)) return `an array of ${value.length}`;
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" && name !== "Object" ? `a ${name}` : "an object";
  } catch {
    return "an unreadable object";
  }
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

function hex8(word: number): string {
  return (word >>> 0).toString(16).padStart(8, "0");
}
