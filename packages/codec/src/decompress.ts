// Decompression of a whole field, block by block (mirrors src/zfp.c zfp_decompress and src/template/decompress.c).
import { BitStream, type BufferSource, InvalidArgumentError, type WordBits } from "@zfpjs/bitstream";
import { acquireCoder, releaseCoder } from "./block-coder.js";
import { checkConfig, describeValue, type ZfpConfig } from "./config.js";
import { allocating } from "./errors.js";
import { type Field, type FieldShape, fieldLayout, type ScalarArray } from "./field.js";
import { checkDecodable, DEFAULT_MAX_BYTES } from "./limits.js";
import { traitsOf } from "./traits.js";

/**
 * Decodes `field`'s values from `stream`'s read position into `field.data` (only the field's
 * elements are written), aligns the read position to the word size, and returns `stream.size()`
 * as zfp_decompress. The parameters must be those the stream was written with. Throws
 * {@link TruncatedStreamError} if the stream ends early.
 */
export function decompress(stream: BitStream, config: ZfpConfig, field: Field): number {
  if (!(stream instanceof BitStream)) {
    throw new InvalidArgumentError(`expected a BitStream, got ${describeValue(stream)}`);
  }
  checkConfig(config);
  const layout = fieldLayout(field);
  const { traits, dims, nx, ny, nz, nw, sx, sy, sz, sw, offset } = layout;
  const coder = acquireCoder(traits, dims, config);
  const { block, reader } = coder;
  reader.attach(stream);
  try {
    for (let bw = 0; bw < nw; bw += 4) {
      const cw = Math.min(nw - bw, 4);
      for (let bz = 0; bz < nz; bz += 4) {
        const cz = Math.min(nz - bz, 4);
        for (let by = 0; by < ny; by += 4) {
          const cy = Math.min(ny - by, 4);
          const row = offset + bw * sw + bz * sz + by * sy;
          for (let bx = 0; bx < nx; bx += 4) {
            coder.decodeCoefficients(reader, block);
            coder.reconstruct(block, layout, row + bx * sx, Math.min(nx - bx, 4), cy, cz, cw);
          }
        }
      }
    }
    reader.detach(stream);
  } finally {
    reader.drop();
    releaseCoder(coder);
  }
  stream.align();
  return stream.size();
}

/** A new, zeroed typed array for `count` values of `type`; {@link AllocationError} if there is no room. */
export function allocateArray(type: FieldShape["type"], count: number): ScalarArray {
  const traits = traitsOf(type);
  return allocating(count * traits.words * 4, `${count} ${type} values`, () => new traits.array(count));
}

/** Options of {@link decompressToArray}. */
export interface DecompressOptions {
  /** Stream word size the bytes were written with (default 64). */
  wordBits?: WordBits;
  /**
   * Largest decoded output in bytes (default 1 GiB); more throws {@link OutputTooLargeError}
   * before anything is allocated. Infinity lifts the cap.
   */
  maxBytes?: number;
}

/**
 * Decodes a headerless stream (blocks from byte 0) into a new C-ordered array of the given shape.
 * Before allocating, refuses a stream too short for the shape ({@link TruncatedStreamError}), an
 * output over `maxBytes` ({@link OutputTooLargeError}) and parameters that decode nothing; see
 * {@link checkDecodable}.
 *
 * @example
 * ```ts
 * const values = decompressToArray(bytes, fixedPrecision(8), { type: "float", nx: 4, ny: 0, nz: 0, nw: 0 });
 * ```
 */
export function decompressToArray(
  bytes: BufferSource,
  config: ZfpConfig,
  shape: FieldShape,
  options: DecompressOptions = {},
): ScalarArray {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError(
      `expected decompress options to be an object, got ${describeValue(options)}`,
    );
  }
  const stream = new BitStream(bytes, { wordBits: options.wordBits ?? 64 });
  const count = checkDecodable(config, shape, stream.capacityBits, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  });
  const data = allocateArray(shape.type, count);
  const { type, nx, ny, nz, nw } = shape;
  decompress(stream, config, { type, data, nx, ny, nz, nw });
  return data;
}
