/**
 * Errors shared by every zfpjs package. Each error carries a literal `tag` so callers can
 * narrow with {@link isZfpError} without `instanceof` across package copies.
 */

/** Base class of every error zfpjs throws on purpose. */
export class ZfpError extends Error {
  /** A stable, machine-readable name for the kind of failure. */
  readonly tag: string;
  constructor(tag: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.tag = tag;
    this.name = new.target.name;
  }
}

/** A write needed more bytes than the buffer holds. Nothing past the buffer was touched. */
export class BufferTooSmallError extends ZfpError {
  /** Bytes the operation needed. */
  readonly required: number;
  /** Bytes the buffer has. */
  readonly available: number;
  constructor(required: number, available: number, what = "stream buffer") {
    super("BufferTooSmall", `${what} too small: needs at least ${required} bytes, has ${available}`);
    this.required = required;
    this.available = available;
  }
}

/** A read needed bits beyond the end of the data: the stream is truncated or corrupt. */
export class TruncatedStreamError extends ZfpError {
  /** Bit offset the read needed to reach. */
  readonly requiredBits: number;
  /** Bits the stream holds. */
  readonly availableBits: number;
  constructor(requiredBits: number, availableBits: number) {
    super(
      "TruncatedStream",
      `stream truncated: needed bits up to offset ${requiredBits}, but the stream holds only ${availableBits} bits (${Math.ceil(availableBits / 8)} bytes)`,
    );
    this.requiredBits = requiredBits;
    this.availableBits = availableBits;
  }
}

/** An argument is out of its documented range (a bit count, an offset, a word size). */
export class InvalidArgumentError extends ZfpError {
  constructor(message: string) {
    super("InvalidArgument", message);
  }
}

/**
 * The error class of each tag, so {@link isZfpError} narrows by tag. Packages that define
 * errors add theirs by declaration merging (`declare module "@zfpjs/bitstream" { interface
 * ZfpErrorTags { InvalidField: InvalidFieldError } }`).
 */
export interface ZfpErrorTags {
  BufferTooSmall: BufferTooSmallError;
  TruncatedStream: TruncatedStreamError;
  InvalidArgument: InvalidArgumentError;
}

/**
 * True when `error` is a zfpjs error, optionally of the given tag; a known tag narrows to its class.
 *
 * @example
 * ```ts
 * if (isZfpError(error, "TruncatedStream")) console.log(error.requiredBits);
 * ```
 */
export function isZfpError<T extends keyof ZfpErrorTags>(error: unknown, tag: T): error is ZfpErrorTags[T];
export function isZfpError(error: unknown, tag?: string): error is ZfpError;
export function isZfpError(error: unknown, tag?: string): error is ZfpError {
  return error instanceof ZfpError && (tag === undefined || error.tag === tag);
}
