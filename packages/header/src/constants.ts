// Header masks and sizes (mirrors the ZFP_HEADER_* and ZFP_*_BITS constants of zfp's include/zfp.h).

/** No header part. */
export const HEADER_NONE = 0;
/** The 32-bit magic: "zfp" and the codec version. */
export const HEADER_MAGIC = 1;
/** The 52-bit field metadata: scalar type, dimensionality and sizes. */
export const HEADER_META = 2;
/** The 12- or 64-bit compression mode and parameters. */
export const HEADER_MODE = 4;
/** All three parts, as the zfp command and zfpy write and read them. */
export const HEADER_FULL = 7;

/** The codec version zfp 1.0 writes after the magic bytes, and the only one it reads. */
export const ZFP_CODEC = 5;

/** Bits of the magic part. */
export const MAGIC_BITS = 32;
/** Bits of the meta part. */
export const META_BITS = 52;
/** Bits of the short (12-bit) mode encoding. */
export const MODE_SHORT_BITS = 12;
/** Bits of the long (64-bit) mode encoding. */
export const MODE_LONG_BITS = 64;
/** Largest short mode value; 4095 in the first 12 bits announces the long form. */
export const MODE_SHORT_MAX = 4094;
/** Largest full header: 32 + 52 + 64 bits. */
export const HEADER_MAX_BITS = 148;

/** The three magic bytes, 'z', 'f', 'p'. */
export const MAGIC_BYTES: readonly number[] = Object.freeze([0x7a, 0x66, 0x70]);
