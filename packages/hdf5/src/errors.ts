// Typed errors of the H5Z-ZFP filter.
import { ZfpError } from "@zfpjs/codec";

/** cd_values that do not hold an H5Z-ZFP header (too short, not a zfp header, bad words). */
export class InvalidCdValuesError extends ZfpError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("InvalidCdValues", `H5Z-ZFP cd_values: ${message}`, options);
  }
}

/** A chunk that disagrees with its dataset (element size or chunk shape). */
export class ChunkMismatchError extends ZfpError {
  constructor(message: string) {
    super("ChunkMismatch", `H5Z-ZFP chunk: ${message}`);
  }
}
