// Typed errors of the Zarr codecs: every refusal names the codec and what is at fault.
import { ZfpError } from "@zfpjs/codec";

/** A codec configuration the codec's schema rejects; `field` names the offending member. */
export class InvalidCodecConfigError extends ZfpError {
  /** The codec name as found in the array metadata ("zfp", "numcodecs.zfpy", ...). */
  readonly codec: string;
  /** The configuration member at fault ("mode", "rate", ...), or "configuration" for the whole. */
  readonly field: string;
  constructor(codec: string, field: string, message: string) {
    super("InvalidCodecConfig", `${codec}: invalid ${field}: ${message}`);
    this.codec = codec;
    this.field = field;
  }
}

/** An array the codec cannot hold: its data type or its chunk shape. */
export class UnsupportedChunkError extends ZfpError {
  /** The codec name as found in the array metadata. */
  readonly codec: string;
  constructor(codec: string, message: string) {
    super("UnsupportedChunk", `${codec}: ${message}`);
    this.codec = codec;
  }
}

/** A stored chunk that disagrees with the array metadata (type or size in its zfp header). */
export class ChunkMismatchError extends ZfpError {
  /** The codec name as found in the array metadata. */
  readonly codec: string;
  constructor(codec: string, message: string) {
    super("ChunkMismatch", `${codec}: ${message}`);
    this.codec = codec;
  }
}
