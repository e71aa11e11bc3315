// Errors of the block codec (zfp.c and the compress/decompress templates have no error reporting of their own).
import { ZfpError } from "@zfpjs/bitstream";

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
