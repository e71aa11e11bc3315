// A plain-object description of a header, for people and tools (zfpy 1.0.1's header() done right).

import { InvalidArgumentError } from "@zfpjs/bitstream";
import {
  accuracyOf,
  compressionMode,
  isReversible,
  type ModeName,
  modeName,
  precisionOf,
  rateOf,
  type ScalarType,
  typeCode,
  type ZfpConfig,
} from "@zfpjs/codec";
import { show } from "./errors.js";
import type { Header } from "./header.js";
import { type ModeValue, modeToBigInt, modeValue } from "./mode.js";

/** A header described with plain values; fields of parts that were not read are null. */
export interface HeaderDescription {
  /** Scalar type ("float", ...). */
  type: ScalarType | null;
  /** zfp_type code 1..4. */
  typeCode: number | null;
  /** Dimensionality 1..4. */
  dims: number | null;
  /** Sizes in zfp order, x (fastest) first: [nx, ny, ...]. */
  shapeZfp: number[] | null;
  /** Sizes in C (numpy) order, slowest first: [..., ny, nx], the shape zfpy returns. */
  shapeC: number[] | null;
  /** Number of values (the product of the sizes). */
  count: number | null;
  /** Mode name as zfp classifies the parameters ("fixed-rate", "expert", ...). */
  mode: ModeName | null;
  /** Mode number 0..5 (zfp_mode). */
  modeNumber: number | null;
  /** Bits per value in fixed-rate mode (zfp_stream_rate), else 0; null if the dims are unknown. */
  rate: number | null;
  /** maxprec in fixed-precision mode (zfp_stream_precision), else 0. */
  precision: number | null;
  /** 2^minexp in fixed-accuracy mode (zfp_stream_accuracy), else 0: a power of two, since only minexp is stored. */
  tolerance: number | null;
  /** Whether the reversible (lossless) codec is used. */
  reversible: boolean | null;
  /** Expert parameter minbits. */
  minbits: number | null;
  /** Expert parameter maxbits. */
  maxbits: number | null;
  /** Expert parameter maxprec. */
  maxprec: number | null;
  /** Expert parameter minexp. */
  minexp: number | null;
  /** The mode value in hexadecimal ("0x807", "0x787afe0888000fff"). */
  modeValue: string | null;
  /** Bits the mode part takes (12 or 64). */
  modeBits: number | null;
  /** Length of the header in bits, when known. */
  headerBits: number | null;
}

/** What {@link describeHeader} accepts: a {@link Header} from readHeader, or parts of one. */
export interface DescribableHeader {
  readonly type?: ScalarType;
  readonly nx?: number;
  readonly ny?: number;
  readonly nz?: number;
  readonly nw?: number;
  readonly config?: ZfpConfig;
  readonly mode?: ModeValue;
  readonly bits?: number;
}

/**
 * Describes a header (or a type, sizes and config) as a plain, JSON-friendly object: type,
 * shape in zfp order and C order, mode name, rate/precision/tolerance as zfp's getters
 * report them, and the four expert parameters, each under its own name.
 *
 * @example
 * ```ts
 * describeHeader(readHeader(new BitStream(bytes)));
 * // { type: "float", typeCode: 3, shapeZfp: [4], shapeC: [4], mode: "fixed-precision", precision: 8, ... }
 * ```
 */
export function describeHeader(header: Header | DescribableHeader): HeaderDescription {
  if (header === null || typeof header !== "object") {
    throw new InvalidArgumentError(
      `describeHeader needs a header from readHeader or { type?, nx?, config?, ... }, got ${show(header)}`,
    );
  }
  const type = header.type ?? null;
  const sizes =
    header.nx === undefined
      ? null
      : [header.nx, header.ny ?? 0, header.nz ?? 0, header.nw ?? 0].filter((n) => n > 0);
  const dims = sizes ? sizes.length : null;
  const config = header.config ?? null;
  const mode = config ? (header.mode ?? modeValue(config)) : null;
  const modeNumber = config ? compressionMode(config) : null;
  return {
    type,
    typeCode: type ? typeCode(type) : null,
    dims,
    shapeZfp: sizes,
    shapeC: sizes ? [...sizes].reverse() : null,
    count: sizes ? sizes.reduce((a, b) => a * b, 1) : null,
    mode: modeNumber === null ? null : modeName(modeNumber),
    modeNumber,
    rate: config && dims ? rateOf(config, dims as 1 | 2 | 3 | 4) : null,
    precision: config ? precisionOf(config) : null,
    tolerance: config ? accuracyOf(config) : null,
    reversible: config ? isReversible(config) : null,
    minbits: config ? config.minbits : null,
    maxbits: config ? config.maxbits : null,
    maxprec: config ? config.maxprec : null,
    minexp: config ? config.minexp : null,
    modeValue: mode ? `0x${modeToBigInt(mode).toString(16)}` : null,
    modeBits: mode ? mode.bits : null,
    headerBits: header.bits ?? null,
  };
}
