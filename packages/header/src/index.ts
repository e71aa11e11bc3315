/**
 * @zfpjs/header: zfp 1.0's stream header (magic, field metadata, compression mode), read and
 * written bit for bit at any position of a stream.
 *
 * ```ts
 * import { BitStream, fixedPrecision } from "@zfpjs/codec";
 * import { readHeader, writeHeader } from "@zfpjs/header";
 * const stream = new BitStream(new Uint8Array(32), { wordBits: 8 });
 * writeHeader(stream, { type: "float", nx: 4 }, fixedPrecision(8)); // 96 bits
 * stream.flush();
 * readHeader(stream).config; // { minbits: 1, maxbits: 16658, maxprec: 8, minexp: -1074 }
 * ```
 *
 * @packageDocumentation
 */
export {
  HEADER_FULL,
  HEADER_MAGIC,
  HEADER_MAX_BITS,
  HEADER_META,
  HEADER_MODE,
  HEADER_NONE,
  MAGIC_BITS,
  MAGIC_BYTES,
  META_BITS,
  MODE_LONG_BITS,
  MODE_SHORT_BITS,
  MODE_SHORT_MAX,
  ZFP_CODEC,
} from "./constants.js";
export {
  type DescribableHeader,
  describeHeader,
  type HeaderDescription,
} from "./describe.js";
export {
  BadMagicError,
  HeaderError,
  HeaderSizeError,
  InvalidModeError,
  InvalidTypeError,
  TruncatedHeaderError,
  UnsupportedCodecError,
} from "./errors.js";
export { type Header, headerBits, type ReadHeaderOptions, readHeader, writeHeader } from "./header.js";
export {
  fieldFromMeta,
  type HeaderField,
  headerDims,
  type MetaField,
  type MetaOptions,
  maxHeaderSize,
  metaValue,
} from "./meta.js";
export {
  checkConfig,
  configFromMode,
  headerConfig,
  type ModeValue,
  modeToBigInt,
  modeValue,
  survivesHeader,
} from "./mode.js";
