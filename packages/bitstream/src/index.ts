/**
 * @zfpjs/bitstream: zfp 1.0's bit stream over caller-provided memory.
 *
 * ```ts
 * import { BitStream } from "@zfpjs/bitstream";
 * const stream = new BitStream(new Uint8Array(8), { wordBits: 8 });
 * stream.writeBits(0x7a, 8);
 * stream.flush();
 * stream.rewind();
 * stream.readBits(8); // 0x7a
 * ```
 *
 * @packageDocumentation
 */
export { BitReader } from "./bit-reader.js";
export {
  asBytes,
  BitStream,
  type BitStreamOptions,
  type BufferSource,
  DEFAULT_WORD_BITS,
  type WordBits,
} from "./bit-stream.js";
export {
  BufferTooSmallError,
  InvalidArgumentError,
  isZfpError,
  TruncatedStreamError,
  ZfpError,
  type ZfpErrorTags,
} from "./errors.js";
