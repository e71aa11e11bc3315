// zfpy 1.0.1's header() (absent from 1.0.0): a stream's full zfp header, described as plain values.
import { BitStream } from "@zfpjs/codec";
import {
  describeHeader,
  HEADER_FULL,
  type HeaderDescription,
  readHeader as readStreamHeader,
} from "@zfpjs/header";
import { type CompressedInput, readBytes } from "./decompress.js";
import { type Dtype, dtypeOfScalar } from "./dtype.js";
import { ZfpyValueError } from "./errors.js";

/**
 * @zfpjs/header's description of a full header (every field present), plus numpy's `dtype`
 * name of its scalar type ("float32" for zfp's "float").
 */
export type FullHeaderDescription = { [K in keyof HeaderDescription]: NonNullable<HeaderDescription[K]> } & {
  /** numpy's dtype name: "int32", "int64", "float32" or "float64". */
  dtype: Dtype;
};

/**
 * Reads the full zfp header at the start of `compressed_data` and describes it: type, dtype,
 * shape in zfp order and in C order (the shape {@link decompress_numpy} returns), mode name,
 * rate, precision or tolerance, the four expert parameters, and the header's length in bits.
 * Only the header is read; nothing is decompressed or allocated from it.
 *
 * @throws {ZfpyValueError} "Failed to read required zfp header" (the cause says why).
 *
 * @example
 * ```ts
 * const info = header(compress_numpy(ndarray(new Float32Array(12), [3, 4]), { precision: 10 }));
 * info.dtype; // "float32"
 * info.shapeC; // [3, 4]
 * info.mode; // "fixed-precision"
 * ```
 */
export function header(compressed_data: CompressedInput): FullHeaderDescription {
  const stream = new BitStream(readBytes(compressed_data));
  try {
    // A full header has every part, so no field of the description is null.
    const description = describeHeader(readStreamHeader(stream, HEADER_FULL));
    const { type, typeCode, ...rest } = description as Omit<FullHeaderDescription, "dtype">;
    return { type, typeCode, dtype: dtypeOfScalar(type), ...rest };
  } catch (error) {
    throw new ZfpyValueError(`Failed to read required zfp header: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** camelCase twin of {@link header}. */
export const readHeader: (compressed: CompressedInput) => FullHeaderDescription = header;
