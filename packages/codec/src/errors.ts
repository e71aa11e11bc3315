// Errors of the block codec (zfp.c and the compress/decompress templates have no error reporting of their own).
import { ZfpError } from "@zfpjs/bitstream";
import type { InvalidParameterError } from "./config.js";

/** A field description is unusable: bad sizes, a type that does not match the array, or strides reaching outside it. */
export class InvalidFieldError extends ZfpError {
  constructor(message: string) {
    super("InvalidField", message);
  }
}

/**
 * A lossy mode was asked to compress NaN or an infinity. zfp 1.0 garbles such blocks (undefined behaviour
 * in C); zfpjs refuses by default. `index` is the logical index (x fastest) of the first offending value.
 */
export class NonFiniteValueError extends ZfpError {
  /** Logical index of the first non-finite value, x varying fastest (x + nx * (y + ny * (z + nz * w))). */
  readonly index: number;
  /** The offending value (NaN, Infinity or -Infinity). */
  readonly value: number;
  constructor(index: number, value: number) {
    super(
      "NonFiniteValue",
      `expected finite values in a lossy mode, found ${String(value)} at index ${index}; ` +
        `use reversible mode to store NaN and infinities losslessly, or nonFinite: "as-c" to reproduce zfp's (garbled) bytes`,
    );
    this.index = index;
    this.value = value;
  }
}

/** A scalar type zfp does not compress (anything but int32, int64, float, double). */
export class UnsupportedTypeError extends ZfpError {
  /** The type that was given. */
  readonly type: unknown;
  constructor(type: unknown) {
    super("UnsupportedType", `expected a scalar type int32, int64, float or double, got ${String(type)}`);
    this.type = type;
  }
}

/**
 * Memory for an array or a buffer could not be had (JavaScript's RangeError from an ArrayBuffer or
 * typed array constructor). zfpy's facade raises this as Python's MemoryError.
 */
export class AllocationError extends ZfpError {
  /** Bytes that were asked for. */
  readonly bytes: number;
  constructor(bytes: number, what: string, cause?: unknown) {
    super("Allocation", `cannot allocate ${bytes} bytes for ${what}`, { cause });
    this.bytes = bytes;
  }
}

/** Decoding would produce more bytes than the caller's cap (`maxBytes`) allows. */
export class OutputTooLargeError extends ZfpError {
  /** Bytes the decoded values would take. */
  readonly bytes: number;
  /** The cap in force. */
  readonly maxBytes: number;
  constructor(bytes: number, maxBytes: number) {
    super(
      "OutputTooLarge",
      `the decoded values would take ${bytes} bytes, more than maxBytes (${maxBytes}); ` +
        `pass a larger maxBytes (or Infinity) to decode them`,
    );
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

/**
 * Runs `make` (an ArrayBuffer or typed array construction of `bytes` bytes) and turns the
 * RangeError of a failed allocation into an {@link AllocationError}.
 */
export function allocating<T>(bytes: number, what: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError) throw new AllocationError(bytes, what, error);
    throw error;
  }
}

declare module "@zfpjs/bitstream" {
  interface ZfpErrorTags {
    Allocation: AllocationError;
    InvalidField: InvalidFieldError;
    InvalidParameter: InvalidParameterError;
    NonFiniteValue: NonFiniteValueError;
    OutputTooLarge: OutputTooLargeError;
    UnsupportedType: UnsupportedTypeError;
  }
}
