// A side index of block offsets for variable-rate zfp streams (zfp has none: its streams are
// bare block sequences, src/template/decompress.c). Never written into the zfp stream itself.
import { asBytes, type BufferSource, TruncatedStreamError, ZfpError } from "@zfpjs/bitstream";
import { BlockSkimmer } from "./block-skim.js";
import type { ScalarType, ZfpConfig } from "./config.js";
import { fieldBlocks, fieldDims } from "./field.js";
import { traitsOf } from "./traits.js";

/** Blocks between two recorded offsets unless the caller chooses: 4 bytes per 64 blocks. */
export const DEFAULT_INDEX_INTERVAL = 64;
/** Largest interval: keeps every delta between recorded offsets below 2^32 bits. */
export const MAX_INDEX_INTERVAL = 65536;
/** Format version written by {@link serializeBlockIndex}. */
export const BLOCK_INDEX_VERSION = 1;

const MAGIC = [0x7a, 0x66, 0x70, 0x69]; // "zfpi"
const FIXED_BYTES = 56;
const SAMPLES = 64; // 16-byte samples for the quick fingerprint
const SAMPLE_BYTES = 16;

/**
 * Bit offsets of every K-th block of one zfp stream, with what binds them to that stream.
 * Serialised by {@link serializeBlockIndex} (format in the codec README, "Block index").
 */
export interface BlockIndex {
  /** K: blocks between recorded offsets (offsets[i] is where block i*K starts). */
  readonly interval: number;
  /** Blocks in the stream. */
  readonly blockCount: number;
  /** Bit offset of block i*K, for i = 0 .. ceil(blockCount / K) - 1. offsets[0] is the header's length in bits. */
  readonly offsets: Float64Array;
  /** Bit offset just after the last block. */
  readonly endBit: number;
  /** Length of the stream in bytes. */
  readonly streamBytes: number;
  /** CRC-32 (IEEE, as zlib) of the whole stream. */
  readonly crc32: number;
  /** CRC-32 of 64 evenly spaced 16-byte samples of the stream (a cheap fingerprint, checked on every use). */
  readonly sampleCrc: number;
}

/** Serialised index bytes that are not a valid block index (bad magic, version, size or sums). */
export class InvalidIndexError extends ZfpError {
  constructor(message: string) {
    super("InvalidIndex", `invalid block index: ${message}`);
  }
}

/** A block index that does not belong to the stream (or the field) it is used with. */
export class IndexMismatchError extends ZfpError {
  constructor(message: string) {
    super("IndexMismatch", `block index does not match the stream: ${message}`);
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, zlib's crc32) of `bytes[start, end)`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  let c = ~crc;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of 64 evenly spaced 16-byte samples (the whole stream when it is shorter than 1 KiB). */
function sampleCrc(bytes: Uint8Array): number {
  if (bytes.length <= SAMPLES * SAMPLE_BYTES) return crc32(bytes);
  let crc = 0;
  const step = Math.floor((bytes.length - SAMPLE_BYTES) / (SAMPLES - 1));
  for (let s = 0; s < SAMPLES; s++) {
    const at = s === SAMPLES - 1 ? bytes.length - SAMPLE_BYTES : s * step;
    crc = crc32(bytes, crc, at, at + SAMPLE_BYTES);
  }
  return crc;
}

function checkInterval(interval: number): number {
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INDEX_INTERVAL) {
    throw new InvalidIndexError(
      `expected an interval K in 1..${MAX_INDEX_INTERVAL}, got ${String(interval)}`,
    );
  }
  return interval;
}

/** Where a stream's blocks are: type, sizes (zfp order, unused 0), parameters and the first block's bit. */
export interface BlockStream {
  type: ScalarType;
  nx: number;
  ny: number;
  nz: number;
  nw: number;
  config: ZfpConfig;
  /** Bit offset of block 0: the header's length in bits, 0 for a header-less stream (default 0). */
  firstBit?: number;
}

/**
 * Builds the block index of a stream from recorded block offsets: `offsets[i]` is the bit where
 * block i*K starts and `endBit` the bit after the last block. Checksums are computed from `data`.
 */
export function makeBlockIndex(
  data: BufferSource,
  interval: number,
  blockCount: number,
  offsets: Float64Array,
  endBit: number,
): BlockIndex {
  const bytes = asBytes(data);
  checkInterval(interval);
  return Object.freeze({
    interval,
    blockCount,
    offsets,
    endBit,
    streamBytes: bytes.length,
    crc32: crc32(bytes),
    sampleCrc: sampleCrc(bytes),
  });
}

/**
 * Builds a block index by skimming every block of the stream once (no value is decoded): the
 * offsets of blocks 0, K, 2K, ... and the end of the last block. Throws
 * {@link TruncatedStreamError} when the stream ends inside a block.
 *
 * @example
 * ```ts
 * const index = buildBlockIndex(bytes, { type: "float", nx: 64, ny: 64, nz: 64, nw: 0, config });
 * const saved = serializeBlockIndex(index);
 * ```
 */
export function buildBlockIndex(
  data: BufferSource,
  stream: BlockStream,
  options: { interval?: number } = {},
): BlockIndex {
  const interval = checkInterval(options.interval ?? DEFAULT_INDEX_INTERVAL);
  const bytes = asBytes(data);
  const blockCount = fieldBlocks(stream);
  const first = stream.firstBit ?? 0;
  // Every block takes at least one bit unless integer blocks may be empty (maxbits or maxprec 0):
  // refuse a stream too short for its block count before allocating offsets for it.
  const config = stream.config;
  const empty =
    !traitsOf(stream.type).isFloat &&
    config.minexp >= -1074 &&
    (config.maxbits === 0 || config.maxprec === 0);
  if (!empty && first + blockCount > bytes.length * 8) {
    throw new TruncatedStreamError(first + blockCount, bytes.length * 8);
  }
  const skimmer = new BlockSkimmer(bytes, stream.config, stream.type, fieldDims(stream));
  const offsets = new Float64Array(Math.ceil(blockCount / interval));
  let bit = first;
  for (let e = 0; e < offsets.length; e++) {
    offsets[e] = bit;
    bit = skimmer.skip(bit, Math.min(interval, blockCount - e * interval));
  }
  return makeBlockIndex(bytes, interval, blockCount, offsets, bit);
}

/**
 * The index as bytes, little-endian: "zfpi", version (u16), reserved (u16), K (u32), block count
 * (u64), stream bytes (u64), end bit (u64), CRC-32 of the stream (u32), sample CRC (u32),
 * first offset (u64), then ceil(blocks / K) - 1 deltas between consecutive offsets (u32 each),
 * then a CRC-32 of everything before it (u32).
 */
export function serializeBlockIndex(index: BlockIndex): Uint8Array {
  const count = index.offsets.length;
  const out = new Uint8Array(FIXED_BYTES + 4 * Math.max(0, count - 1));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(4, BLOCK_INDEX_VERSION, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, index.interval, true);
  view.setBigUint64(12, BigInt(index.blockCount), true);
  view.setBigUint64(20, BigInt(index.streamBytes), true);
  view.setBigUint64(28, BigInt(index.endBit), true);
  view.setUint32(36, index.crc32, true);
  view.setUint32(40, index.sampleCrc, true);
  view.setBigUint64(44, BigInt(count > 0 ? index.offsets[0]! : 0), true);
  for (let e = 1; e < count; e++) {
    const delta = index.offsets[e]! - index.offsets[e - 1]!;
    if (!(delta >= 0 && delta <= 0xffffffff)) {
      throw new InvalidIndexError(
        `offsets ${e - 1} and ${e} are ${delta} bits apart; use a smaller interval K`,
      );
    }
    view.setUint32(48 + 4 * e, delta, true);
  }
  view.setUint32(out.length - 4, crc32(out, 0, 0, out.length - 4), true);
  return out;
}

function readSafe(view: DataView, at: number, what: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidIndexError(`${what} ${value} is too large`);
  return Number(value);
}

/**
 * Reads serialised index bytes, checking magic, version, length, its own CRC and that the
 * offsets increase and stay within the stream it describes. Throws {@link InvalidIndexError}.
 */
export function parseBlockIndex(data: BufferSource): BlockIndex {
  const bytes = asBytes(data);
  if (bytes.length < FIXED_BYTES) {
    throw new InvalidIndexError(`expected at least ${FIXED_BYTES} bytes, got ${bytes.length}`);
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new InvalidIndexError('expected the magic bytes "zfpi"');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== BLOCK_INDEX_VERSION) {
    throw new InvalidIndexError(`expected version ${BLOCK_INDEX_VERSION}, got ${version}`);
  }
  const interval = view.getUint32(8, true);
  checkInterval(interval);
  const blockCount = readSafe(view, 12, "block count");
  const count = Math.ceil(blockCount / interval);
  const expected = FIXED_BYTES + 4 * Math.max(0, count - 1);
  if (bytes.length !== expected) {
    throw new InvalidIndexError(
      `${blockCount} blocks at K = ${interval} take ${expected} bytes, got ${bytes.length} (truncated or corrupt)`,
    );
  }
  if (view.getUint32(bytes.length - 4, true) !== crc32(bytes, 0, 0, bytes.length - 4)) {
    throw new InvalidIndexError("its own CRC-32 does not match (corrupt)");
  }
  const streamBytes = readSafe(view, 20, "stream size");
  const endBit = readSafe(view, 28, "end bit");
  const offsets = new Float64Array(count);
  let bit = readSafe(view, 44, "first offset");
  for (let e = 0; e < count; e++) {
    if (e > 0) bit += view.getUint32(48 + 4 * e, true);
    offsets[e] = bit;
  }
  if (count > 0 && bit > endBit) throw new InvalidIndexError(`offsets run past the end bit ${endBit}`);
  if (endBit > streamBytes * 8) {
    throw new InvalidIndexError(`end bit ${endBit} lies past the stream's ${streamBytes} bytes`);
  }
  return Object.freeze({
    interval,
    blockCount,
    offsets,
    endBit,
    streamBytes,
    crc32: view.getUint32(36, true),
    sampleCrc: view.getUint32(40, true),
  });
}

/**
 * Checks that `index` belongs to `data` and describes `stream`'s blocks: same length, same
 * sampled fingerprint (or, with `full`, the same CRC-32 of every byte), same block count and
 * first block. Throws {@link IndexMismatchError}.
 */
export function checkBlockIndex(
  index: BlockIndex,
  data: BufferSource,
  stream: BlockStream,
  options: { full?: boolean } = {},
): void {
  const bytes = asBytes(data);
  if (index.streamBytes !== bytes.length) {
    throw new IndexMismatchError(
      `it is for a stream of ${index.streamBytes} bytes, this one has ${bytes.length}`,
    );
  }
  const blocks = fieldBlocks(stream);
  if (index.blockCount !== blocks) {
    throw new IndexMismatchError(`it holds ${index.blockCount} blocks, the field has ${blocks}`);
  }
  const first = stream.firstBit ?? 0;
  if (index.offsets.length > 0 && index.offsets[0] !== first) {
    throw new IndexMismatchError(
      `its first block starts at bit ${index.offsets[0]}, the stream's at ${first}`,
    );
  }
  if (sampleCrc(bytes) !== index.sampleCrc)
    throw new IndexMismatchError("the stream's sampled CRC-32 differs");
  if (options.full && crc32(bytes) !== index.crc32)
    throw new IndexMismatchError("the stream's CRC-32 differs");
}
