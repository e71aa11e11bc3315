// Decompression of a whole field, block by block (mirrors src/zfp.c zfp_decompress and src/template/decompress.c).
import { BitStream, type BufferSource, type WordBits } from "@zfpjs/bitstream";
import { BitReader } from "./bit-reader.js";
import { BlockCoder } from "./block-coder.js";
import type { ScalarType, ZfpConfig } from "./config.js";
import { type Field, fieldLayout, fieldSize, type ScalarArray } from "./field.js";
import { scatterBlock } from "./gather.js";
import { traitsOf } from "./traits.js";

/**
 * Decodes `field`'s values from `stream`'s read position into `field.data` (only the field's
 * elements are written), aligns the read position to the word size, and returns `stream.size()`
 * as zfp_decompress. The parameters must be those the stream was written with. Throws
 * {@link TruncatedStreamError} if the stream ends early.
 */
export function decompress(stream: BitStream, config: ZfpConfig, field: Field): number {
  const layout = fieldLayout(field);
  const { traits, dims, nx, ny, nz, nw, sx, sy, sz, sw, offset, words } = layout;
  const coder = new BlockCoder(traits, dims, config);
  const block = coder.values;
  const w = traits.words;
  const reader = new BitReader();
  reader.attach(stream);
  // Float and double fields: full blocks are converted straight into the output.
  const direct = traits.isFloat;
  if (direct) coder.setDirectOutput(field.data as Float32Array | Float64Array, sx, sy, sz, sw);
  for (let bw = 0; bw < nw; bw += 4) {
    const cw = Math.min(nw - bw, 4);
    for (let bz = 0; bz < nz; bz += 4) {
      const cz = Math.min(nz - bz, 4);
      for (let by = 0; by < ny; by += 4) {
        const cy = Math.min(ny - by, 4);
        const row = offset + bw * sw + bz * sz + by * sy;
        for (let bx = 0; bx < nx; bx += 4) {
          const cx = Math.min(nx - bx, 4);
          const full = cx === 4 && (dims < 2 || cy === 4) && (dims < 3 || cz === 4) && (dims < 4 || cw === 4);
          coder.directOrigin = direct && full ? row + bx * sx : -1;
          coder.decodeFrom(reader);
          if (!coder.wroteDirect)
            scatterBlock(block, w, words, row + bx * sx, sx, sy, sz, sw, cx, cy, cz, cw, dims);
        }
      }
    }
  }
  reader.detach(stream);
  stream.align();
  return stream.size();
}

/** A new, zeroed typed array for `count` values of `type`. */
export function allocateArray(type: ScalarType, count: number): ScalarArray {
  switch (traitsOf(type).type) {
    case "int32":
      return new Int32Array(count);
    case "int64":
      return new BigInt64Array(count);
    case "float":
      return new Float32Array(count);
    default:
      return new Float64Array(count);
  }
}

/** Sizes and type of a field to decode into a new array. */
export interface FieldShape {
  type: ScalarType;
  nx: number;
  ny: number;
  nz: number;
  nw: number;
}

/**
 * Decodes a headerless stream (blocks from byte 0) into a new C-ordered array of the given shape.
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
  options: { wordBits?: WordBits } = {},
): ScalarArray {
  const data = allocateArray(shape.type, fieldSize(shape));
  const stream = new BitStream(bytes, { wordBits: options.wordBits ?? 64 });
  decompress(stream, config, { ...shape, data });
  return data;
}
