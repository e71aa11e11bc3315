// H5Z-ZFP's stored cd_values (H5Z-ZFP's set_local callback writes them): word 0 packs the zfp
// library version, the zfp codec version and the filter's version; the following words hold the
// bytes of a full zfp header (zfp_write_header into the cd_values array), as uint32 words that a
// big-endian writer stored in its own byte order.
import { BitStream, type ScalarType, type ZfpConfig } from "@zfpjs/codec";
import { HEADER_FULL, type HeaderError, readHeader } from "@zfpjs/header";
import { InvalidCdValuesError } from "./errors.js";

/** What an H5Z-ZFP dataset's cd_values say. */
export interface H5zZfpParameters {
  /** zfp library version of the writer (word 0 >> 16, e.g. 0x1000 for zfp 1.0.0). */
  readonly zfpVersion: number;
  /** zfp codec (stream format) version (word 0 >> 12 & 0xf; 5 for zfp 0.5.x and 1.0). */
  readonly codecVersion: number;
  /** H5Z-ZFP version (word 0 & 0xfff, e.g. 0x110 for 1.1.0). */
  readonly filterVersion: number;
  /** Whether the header words were stored big-endian (and have been swapped). */
  readonly swapped: boolean;
  /** Scalar type of the chunks. */
  readonly type: ScalarType;
  /** The chunk's zfp sizes in C order (slowest first), size-1 chunk axes dropped. */
  readonly shape: readonly number[];
  /** zfp sizes, x fastest (unused: 0). */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly nw: number;
  /** The compression parameters, expert mode included. */
  readonly config: ZfpConfig;
}

const Z = 0x7a; // "z", the first magic byte

function swap32(word: number): number {
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0;
}

/**
 * Parses H5Z-ZFP's stored cd_values: word 0 (versions), then a full zfp header in the following
 * little-endian uint32 words, byte-swapped if a big-endian writer stored them (recognised by
 * where the magic's "z" sits). Throws {@link InvalidCdValuesError} for anything else.
 *
 * @example
 * ```ts
 * const parameters = parseCdValues(dataset.filter_pipeline[0].client_data);
 * parameters.type; // "float"
 * ```
 */
export function parseCdValues(cdValues: ArrayLike<number>): H5zZfpParameters {
  if (cdValues === null || typeof cdValues !== "object" || typeof cdValues.length !== "number") {
    throw new InvalidCdValuesError("expected an array of unsigned 32-bit integers");
  }
  if (cdValues.length < 2) {
    throw new InvalidCdValuesError(
      `${cdValues.length} words; a stored header needs at least 2 (version, header)`,
    );
  }
  const words: number[] = [];
  for (let i = 0; i < cdValues.length; i++) {
    const word = cdValues[i];
    if (typeof word !== "number" || !Number.isInteger(word) || word < 0 || word > 0xffffffff) {
      throw new InvalidCdValuesError(`word ${i} is ${String(word)}, not an unsigned 32-bit integer`);
    }
    words.push(word);
  }
  const version = words[0]!;
  let swapped = false;
  if ((words[1]! & 0xff) !== Z && words[1]! >>> 24 === Z) swapped = true;
  const bytes = new Uint8Array(4 * (words.length - 1));
  const view = new DataView(bytes.buffer);
  for (let i = 1; i < words.length; i++)
    view.setUint32(4 * (i - 1), swapped ? swap32(words[i]!) : words[i]!, true);
  let header: ReturnType<typeof readHeader>;
  try {
    header = readHeader(new BitStream(bytes, { wordBits: 8 }), HEADER_FULL);
  } catch (error) {
    throw new InvalidCdValuesError(`no zfp header: ${(error as HeaderError).message}`, { cause: error });
  }
  const { nx = 0, ny = 0, nz = 0, nw = 0 } = header;
  return Object.freeze({
    zfpVersion: version >>> 16,
    codecVersion: (version >>> 12) & 0xf,
    filterVersion: version & 0xfff,
    swapped,
    type: header.type!,
    shape: Object.freeze([nw, nz, ny, nx].filter((n) => n > 0)),
    nx,
    ny,
    nz,
    nw,
    config: header.config!,
  });
}
