// The parts of the zfp library the command uses (zfp.h's stream, field, compress, decompress
// and header functions), reached through @zfpjs/zfpy's re-exports of the codec and header layers.
import type { CliScalarType, CliWordBits } from "./compat-args.js";

/** A compression configuration (zfp_stream's minbits, maxbits, maxprec, minexp). */
export interface BackendConfig {
  readonly minbits: number;
  readonly maxbits: number;
  readonly maxprec: number;
  readonly minexp: number;
}

/** The bit stream the codec reads and writes (zfp's bitstream). */
export interface BackendStream {
  rewind(): void;
  size(): number;
  wtell(): number;
  rtell(): number;
}

/** Typed data for a field. */
export type BackendArray = Int32Array | BigInt64Array | Float32Array | Float64Array;

/** An array to compress or decompress into (zfp_field), in zfp's x-fastest order. */
export interface BackendField {
  type: CliScalarType;
  data: BackendArray;
  nx: number;
  ny: number;
  nz: number;
  nw: number;
  sx?: number;
  sy?: number;
  sz?: number;
  sw?: number;
  offset?: number;
}

/** What a FULL header holds. */
export interface BackendHeader {
  type: CliScalarType;
  nx: number;
  ny: number;
  nz: number;
  nw: number;
  config: BackendConfig;
  bits: number;
}

/** The library functions the command calls. */
export interface Backend {
  BitStream: new (
    buffer: ArrayBufferView | ArrayBuffer,
    options?: { wordBits?: CliWordBits },
  ) => BackendStream;
  fixedRate(
    rate: number,
    options: { type: CliScalarType | null; dims: 1 | 2 | 3 | 4; wordBits?: CliWordBits },
  ): BackendConfig;
  fixedPrecision(precision: number): BackendConfig;
  fixedAccuracy(tolerance: number): BackendConfig;
  reversible(): BackendConfig;
  expert(minbits: number, maxbits: number, maxprec: number, minexp: number): BackendConfig;
  maximumSize(config: BackendConfig, field: BackendField, wordBits?: CliWordBits): number;
  compress(stream: BackendStream, config: BackendConfig, field: BackendField): number;
  decompress(stream: BackendStream, config: BackendConfig, field: BackendField): number;
  writeHeader(
    stream: BackendStream,
    meta: { type: CliScalarType; nx: number; ny: number; nz: number; nw: number },
    config: BackendConfig,
  ): number;
  readHeader(stream: BackendStream): BackendHeader;
}

const REQUIRED = [
  "BitStream",
  "fixedRate",
  "fixedPrecision",
  "fixedAccuracy",
  "reversible",
  "expert",
  "maximumSize",
  "compress",
  "decompress",
  "writeHeader",
  "readHeader",
] as const;

let loaded: Promise<Backend> | undefined;

/** Loads the library once; fails with a clear message if a function is missing. */
export function loadBackend(): Promise<Backend> {
  loaded ??= import("@zfpjs/zfpy").then((module: Record<string, unknown>) => {
    const missing = REQUIRED.filter((name) => typeof module[name] !== "function");
    if (missing.length > 0) {
      throw new Error(`@zfpjs/zfpy does not export ${missing.join(", ")}; the codec is not available`);
    }
    return module as unknown as Backend;
  });
  return loaded;
}
