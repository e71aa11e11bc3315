// Block-loop bit reader over a stream's memory (mirrors include/zfp/bitstream.inl stream_read_bit(s) and stream_skip, for the decoder's hot loop).
import type { BitStream } from "./bit-stream.js";
import { TruncatedStreamError } from "./errors.js";

const EMPTY = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);

/**
 * Reads bits (LSB first, as zfp) straight from a stream's memory at a bit position it keeps in
 * a plain field, so decoding costs no BitStream state updates per block. When the memory starts
 * on a 4-byte boundary, 32-bit windows come from an Int32Array view (two loads and a shift);
 * otherwise, and in the last 8 bytes, from single bytes. Bits past the end read as zeros in
 * {@link window}; {@link readBit} and {@link readBits} throw {@link TruncatedStreamError} there.
 * {@link attach} takes over a BitStream's read position, {@link detach} hands it back.
 */
export class BitReader {
  /**
   * Instances kept alive for the life of the module. V8 drops the hidden class (map) its
   * instances share once a full garbage collection finds none alive, and deoptimizes every
   * function compiled against it ("weak objects"): the next calls then run unoptimized until the
   * hot loops are compiled again (decompress of a 128^3 int32 field took 2x for two calls after
   * each full GC). Holding one instance keeps the map, and the compiled code, valid.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: held only to keep the instances' map alive
  private static readonly liveInstances: readonly BitReader[] = [new BitReader()];

  /** The memory read. */
  bytes: Uint8Array = NO_BYTES;
  /** Bit position of the next read, from the start of {@link bytes}. */
  pos = 0;
  /** Bits in the memory. */
  end = 0;
  private words: Int32Array = EMPTY;

  /** Starts reading `stream`'s memory at its read position. */
  attach(stream: BitStream): void {
    const bytes = stream.bytes;
    this.bytes = bytes;
    this.end = bytes.length * 8;
    this.pos = stream.rtell();
    // Positions are int32-safe below 2^31 bits; larger buffers use the byte path.
    this.words =
      bytes.byteOffset % 4 === 0 && bytes.length < 2 ** 28
        ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
        : EMPTY;
  }

  /** Moves `stream`'s read position to this reader's and forgets the memory. */
  detach(stream: BitStream): void {
    stream.rseek(this.pos);
    this.drop();
  }

  /** Forgets the memory, leaving the stream as it was (after a failed read). */
  drop(): void {
    this.bytes = NO_BYTES;
    this.words = EMPTY;
  }

  /** The 32 bits from bit position p (bits past the end read as zeros), as an int32. */
  window(p: number): number {
    const words = this.words;
    const i = p >>> 5;
    if (i + 1 < words.length) {
      const s = p & 31;
      return (words[i] >>> s) | ((words[i + 1] << 1) << (31 - s));
    }
    return this.slowWindow(p);
  }

  private slowWindow(p: number): number {
    const bytes = this.bytes;
    const b = Math.floor(p / 8);
    const s = p & 7;
    let word = 0;
    for (let i = 0; i < 5 && b + i < bytes.length; i++) {
      const shift = 8 * i - s;
      const byte = bytes[b + i];
      word |= shift >= 0 ? (shift < 32 ? byte << shift : 0) : byte >>> -shift;
    }
    return word;
  }

  /** Reads one bit. */
  readBit(): number {
    const p = this.pos;
    if (p >= this.end) throw new TruncatedStreamError(p + 1, this.end);
    this.pos = p + 1;
    return this.window(p) & 1;
  }

  /** Reads `n` bits (0 <= n <= 32) as an unsigned number. */
  readBits(n: number): number {
    const p = this.pos;
    if (p + n > this.end) throw new TruncatedStreamError(p + n, this.end);
    this.pos = p + n;
    const w = this.window(p);
    return n === 32 ? w >>> 0 : w & ((1 << n) - 1);
  }

  /** Skips `n` bits (the position may pass the end; the next read then throws). */
  skip(n: number): void {
    this.pos += n;
  }
}
