// zfp's bit stream (mirrors include/zfp/bitstream.inl of zfp 1.0): bits LSB first, little-endian bytes.
import { BufferTooSmallError, InvalidArgumentError, TruncatedStreamError } from "./errors.js";

/** Word sizes a zfp build may use for its stream words. */
export type WordBits = 8 | 16 | 32 | 64;

/** Options of a {@link BitStream}. */
export interface BitStreamOptions {
  /**
   * Stream word size in bits. It decides only where padding stops: {@link BitStream.flush},
   * {@link BitStream.align} and {@link BitStream.size} round to it. 64 (the default) matches
   * zfp's default build and the zfpy wheels; 8 matches Debian's build and H5Z-ZFP.
   */
  wordBits?: WordBits;
}

/** Default stream word size, as in zfp's default build. */
export const DEFAULT_WORD_BITS: WordBits = 64;

/**
 * Anything that can back a stream (an ArrayBuffer, a SharedArrayBuffer or any view of one): the
 * bytes are used in place, never copied.
 */
export type BufferSource = ArrayBufferLike | ArrayBufferView;

/** A Uint8Array over the same memory as `source` (any byte offset, no copy). */
export function asBytes(source: BufferSource): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (
    source instanceof ArrayBuffer ||
    Object.prototype.toString.call(source) === "[object SharedArrayBuffer]"
  ) {
    return new Uint8Array(source as ArrayBuffer);
  }
  throw new InvalidArgumentError(
    `expected an ArrayBuffer or ArrayBufferView, got ${source === null ? "null" : typeof source}`,
  );
}

function checkBitCount(n: number, max: number): void {
  if (!(n >= 0 && n <= max && Math.floor(n) === n)) {
    throw new InvalidArgumentError(`bit count must be an integer in 0..${max}, got ${n}`);
  }
}

function checkOffset(offset: number, what: string): void {
  if (!(offset >= 0 && Math.floor(offset) === offset && offset <= Number.MAX_SAFE_INTEGER)) {
    throw new InvalidArgumentError(`${what} must be a non-negative integer, got ${offset}`);
  }
}

/**
 * A bit stream over caller-provided memory, reading and writing exactly the bytes zfp 1.0 does.
 *
 * Reading and writing keep separate positions (C keeps one; the two only differ if a program
 * interleaves reads and writes). Written bits are gathered 32 at a time and reach memory when
 * 32 have accumulated, on {@link flush}, or on {@link wseek}.
 *
 * Out of bounds: a write that would pass the end of the buffer throws
 * {@link BufferTooSmallError} before it changes anything (neither memory nor the stream's
 * position); nothing outside the buffer is ever touched. A read beyond the end throws
 * {@link TruncatedStreamError}, also leaving the stream as it was. Moving the read position
 * past the end ({@link skip}, {@link align}, {@link rseek}) is allowed; the next read throws.
 *
 * @example
 * ```ts
 * const stream = new BitStream(new Uint8Array(16));
 * stream.writeBits(5, 3);
 * stream.writeBit(1);
 * stream.flush(); // pads to a 64-bit word
 * stream.rewind();
 * stream.readBits(4); // 13
 * ```
 */
export class BitStream {
  /**
   * Instances kept alive for the life of the module. V8 drops the hidden class (map) its
   * instances share once a full garbage collection finds none alive, and deoptimizes every
   * function compiled against it ("weak objects"): the next calls then run unoptimized until the
   * hot loops are compiled again (decompress of a 128^3 int32 field took 2x for two calls after
   * each full GC). Holding one instance keeps the map, and the compiled code, valid.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: held only to keep the instances' map alive
  private static readonly liveInstances: readonly BitStream[] = [new BitStream(new Uint8Array(8))];

  /** The memory the stream reads and writes. */
  readonly bytes: Uint8Array;
  /** Stream word size in bits. */
  readonly wordBits: WordBits;

  // Every numeric field below only ever holds int32 values (small integers to V8), so the
  // hot paths stay on untagged integer arithmetic.
  private readonly byteLength: number;
  // Writer: the pending bits, to be stored from byte wByte on, occupy the top bits of wAcc
  // (the oldest lowest); each write shifts wAcc right and inserts its bits at the top, so no
  // bit count is needed to place them. wLeft is how many more bits wAcc may take before it
  // must be stored: min(32, bits of the buffer from wByte on) - pending bits. Bits of wAcc
  // below the pending ones are ignored: they are shifted out before the word is stored.
  private wByte = 0;
  private wAcc = 0;
  private wLeft = 0;
  // Reader: rCount unread bits (0..32) in rAcc; rByte is the next byte to fetch. rPastEnd is
  // the read position when it lies beyond the end of the buffer (after skip, align, rseek),
  // else -1.
  private rByte = 0;
  private rAcc = 0;
  private rCount = 0;
  private rPastEnd = -1;

  constructor(buffer: BufferSource, options: BitStreamOptions = {}) {
    const wordBits = options.wordBits ?? DEFAULT_WORD_BITS;
    if (wordBits !== 8 && wordBits !== 16 && wordBits !== 32 && wordBits !== 64) {
      throw new InvalidArgumentError(`wordBits must be 8, 16, 32 or 64, got ${String(wordBits)}`);
    }
    this.bytes = asBytes(buffer);
    this.wordBits = wordBits;
    this.byteLength = this.bytes.length;
    this.wLeft = this.limitAt(0);
  }

  /** Capacity of the buffer in bytes. */
  get capacity(): number {
    return this.byteLength;
  }

  /** Capacity of the buffer in bits. */
  get capacityBits(): number {
    return this.byteLength * 8;
  }

  // ---- writing -------------------------------------------------------------------------

  /** Appends one bit (the low bit of `bit`) and returns it. */
  writeBit(bit: number): number {
    const left = this.wLeft - 1;
    if (left > 0) {
      this.wAcc = (this.wAcc >>> 1) | (bit << 31);
      this.wLeft = left;
    } else {
      this.writeSlow(bit & 1, 1);
    }
    return bit & 1;
  }

  /**
   * Appends the low `n` bits of `value` (0 <= n <= 32), LSB first, and returns `value >>> n`
   * (0 when n is 32), which is what zfp's encoder shifts its bit-plane word by.
   */
  writeBits(value: number, n: number): number {
    if (n >>> 0 !== n || n > 32) checkBitCount(n, 32);
    const left = this.wLeft - n;
    if (left > 0) {
      // n < 32 here; the double shift puts value's low n bits on top (nothing for n = 0).
      this.wAcc = (this.wAcc >>> n) | ((value << (31 - n)) << 1);
      this.wLeft = left;
      return value >>> n;
    }
    // value | 0: an int32 argument is never boxed, even for uint32 values above 2^31.
    this.writeSlow(value | 0, n);
    return n === 32 ? 0 : value >>> n;
  }

  /** Appends the low `n` bits (0 <= n <= 64) of the 64-bit value `high * 2^32 + low`. */
  writeBits64(low: number, high: number, n: number): void {
    if (n <= 32) {
      this.writeBits(low, n);
      return;
    }
    if (n >>> 0 !== n || n > 64) checkBitCount(n, 64);
    this.checkRoom(n);
    this.writeBits(low, 32);
    this.writeBits(high, n - 32);
  }

  /** Appends the low `n` bits (0 <= n <= 64) of a bigint. Convenience; not for hot loops. */
  writeBigBits(value: bigint, n: number): void {
    checkBitCount(n, 64);
    const v = BigInt.asUintN(64, value);
    this.writeBits64(Number(v & 0xffffffffn), Number(v >> 32n), n);
  }

  /** Appends `n` zero bits (any count the buffer can hold). */
  pad(n: number): void {
    checkOffset(n, "bit count");
    const left = this.wLeft - n;
    if (left > 0) {
      this.wAcc = (this.wAcc >>> n) | 0;
      this.wLeft = left;
      return;
    }
    this.checkRoom(n);
    const count = this.pendingBits();
    if (count + n < 32) {
      // Fills the buffer exactly up to its end.
      this.wAcc = (this.wAcc >>> n) | 0;
      this.wLeft = 0;
      return;
    }
    // Complete the pending word with zeros, then zero whole bytes directly.
    const bytes = this.bytes;
    let at = this.wByte;
    this.storeWord(at, count === 0 ? 0 : this.wAcc >>> (32 - count));
    at += 4;
    let rest = count + n - 32;
    const end = at + (rest >>> 3);
    if (end - at > 64) {
      bytes.fill(0, at, end);
      at = end;
    } else {
      while (at < end) bytes[at++] = 0;
    }
    rest &= 7;
    this.wByte = at;
    this.wAcc = 0;
    this.wLeft = this.limitAt(at) - rest;
  }

  /**
   * Pads with zeros to the next multiple of the word size and commits every pending bit to
   * memory. Returns the number of zero bits added (0 to wordBits - 1), as zfp's stream_flush.
   */
  flush(): number {
    const tell = this.wtell();
    const padding = (this.wordBits - (tell % this.wordBits)) % this.wordBits;
    this.pad(padding);
    this.commitPartial();
    return padding;
  }

  /** Current write position, in bits from the start of the buffer. */
  wtell(): number {
    return this.wByte * 8 + this.pendingBits();
  }

  /**
   * Moves the write position to bit `offset` (0 <= offset <= capacityBits). Pending bits are
   * committed first (C's stream_wseek drops them instead). Bits before `offset` in its byte
   * are kept; later bits are overwritten as the writer advances, and {@link flush} zeroes the
   * rest of the word, as in C.
   */
  wseek(offset: number): void {
    checkOffset(offset, "bit offset");
    if (offset > this.capacityBits) {
      throw new BufferTooSmallError(Math.ceil(offset / 8), this.byteLength, "stream buffer (wseek)");
    }
    this.commitPartial();
    const byte = Math.floor(offset / 8);
    const bit = offset & 7;
    this.wByte = byte;
    this.wAcc = bit === 0 ? 0 : this.bytes[byte] << (32 - bit);
    this.wLeft = this.limitAt(byte) - bit;
  }

  // ---- reading -------------------------------------------------------------------------

  /** Reads one bit. */
  readBit(): number {
    if (this.rCount === 0) this.refill();
    const acc = this.rAcc;
    this.rAcc = acc >>> 1;
    this.rCount--;
    return acc & 1;
  }

  /** Reads `n` bits (0 <= n <= 32), LSB first, as an unsigned number. */
  readBits(n: number): number {
    if (n >>> 0 !== n || n > 32) checkBitCount(n, 32);
    const have = this.rCount;
    if (n < have) {
      const acc = this.rAcc;
      this.rAcc = (acc >>> n) | 0;
      this.rCount = have - n;
      return acc & ((1 << n) - 1);
    }
    return this.readSlow(n) >>> 0;
  }

  /**
   * Reads `n` bits (0 <= n <= 64) without allocating: `out[0]` receives the low 32 bits and
   * `out[1]` the high 32 bits, both unsigned.
   */
  readBitsInto(n: number, out: Uint32Array | number[]): void {
    if (n <= 32) {
      out[0] = this.readBits(n);
      out[1] = 0;
      return;
    }
    if (n >>> 0 !== n || n > 64) checkBitCount(n, 64);
    this.checkReadable(n);
    // Both halves come back as int32 (never boxed); >>> 0 makes them unsigned for number[].
    const low = this.readSlow(32);
    const rest = n - 32;
    out[0] = low >>> 0;
    out[1] = rest < this.rCount ? this.readBits(rest) : this.readSlow(rest) >>> 0;
  }

  /** Reads `n` bits (0 <= n <= 64) as an unsigned bigint. Convenience; not for hot loops. */
  readBigBits(n: number): bigint {
    checkBitCount(n, 64);
    if (n <= 32) return BigInt(this.readBits(n));
    this.checkReadable(n);
    const low = this.readBits(32);
    return (BigInt(this.readBits(n - 32)) << 32n) | BigInt(low);
  }

  /** Skips `n` bits of input. Moving past the end is allowed; the next read then throws. */
  skip(n: number): void {
    checkOffset(n, "bit count");
    const have = this.rCount;
    if (n < have) {
      this.rAcc = (this.rAcc >>> n) | 0;
      this.rCount = have - n;
    } else {
      this.rseek(this.rtell() + n);
    }
  }

  /**
   * Moves the read position to the next multiple of the word size and returns the number of
   * bits skipped (0 to wordBits - 1), as zfp's stream_align.
   */
  align(): number {
    const tell = this.rtell();
    const skipped = (this.wordBits - (tell % this.wordBits)) % this.wordBits;
    if (skipped > 0) this.skip(skipped);
    return skipped;
  }

  /** Current read position, in bits from the start of the buffer. */
  rtell(): number {
    return this.rPastEnd >= 0 ? this.rPastEnd : this.rByte * 8 - this.rCount;
  }

  /** Moves the read position to bit `offset` (it may lie past the end; reads there throw). */
  rseek(offset: number): void {
    checkOffset(offset, "bit offset");
    if (offset > this.capacityBits) {
      this.rByte = this.byteLength;
      this.rAcc = 0;
      this.rCount = 0;
      this.rPastEnd = offset;
      return;
    }
    const byte = Math.floor(offset / 8);
    const bit = offset & 7;
    this.rPastEnd = -1;
    if (bit === 0) {
      this.rByte = byte;
      this.rAcc = 0;
      this.rCount = 0;
    } else {
      this.rByte = byte + 1;
      this.rAcc = this.bytes[byte] >>> bit;
      this.rCount = 8 - bit;
    }
  }

  // ---- both --------------------------------------------------------------------------

  /**
   * Moves both the read and the write position to the start, as zfp's stream_rewind; written
   * bits not yet committed to memory (see {@link flush}) are dropped.
   */
  rewind(): void {
    this.wByte = 0;
    this.wAcc = 0;
    this.wLeft = this.limitAt(0);
    this.rByte = 0;
    this.rAcc = 0;
    this.rCount = 0;
    this.rPastEnd = -1;
  }

  /**
   * Bytes of storage the stream has used, counted in whole words from the start of the
   * buffer, as zfp's stream_size: floor(wtell / wordBits) words written (so
   * ceil(bits / wordBits) after {@link flush}), or, if larger, ceil(rtell / wordBits) words
   * fetched by the reader (after {@link align}: the words consumed).
   */
  size(): number {
    const word = this.wordBits;
    const written = Math.floor(this.wtell() / word);
    const read = Math.ceil(this.rtell() / word);
    return Math.max(written, read) * (word / 8);
  }

  /**
   * Copies `n` bits from the read position of `source` to this stream's write position, as
   * zfp's stream_copy; both streams advance by `n`. Throws {@link TruncatedStreamError} if
   * `source` has fewer than `n` bits left, {@link BufferTooSmallError} if this stream has no
   * room for them, in both cases before copying anything.
   */
  copyBits(source: BitStream, n: number): void {
    checkOffset(n, "bit count");
    source.checkReadable(n);
    this.checkRoom(n);
    while (n >= 32) {
      this.writeBits(source.readBits(32), 32);
      n -= 32;
    }
    if (n > 0) this.writeBits(source.readBits(n), n);
  }

  // ---- internals -----------------------------------------------------------------------

  // Accumulator capacity for a writer whose accumulator starts at byte `at`.
  private limitAt(at: number): number {
    const room = (this.byteLength - at) * 8;
    return Math.min(room, 32);
  }

  // Throws unless `n` more bits fit in the buffer from the write position.
  private checkRoom(n: number): void {
    const end = this.wtell() + n;
    if (end > this.byteLength * 8) throw new BufferTooSmallError(Math.ceil(end / 8), this.byteLength);
  }

  // Number of written bits not yet stored in memory (0..32).
  private pendingBits(): number {
    return this.limitAt(this.wByte) - this.wLeft;
  }

  // Stores a 32-bit word little-endian at byte `at`.
  private storeWord(at: number, word: number): void {
    const bytes = this.bytes;
    bytes[at] = word;
    bytes[at + 1] = word >>> 8;
    bytes[at + 2] = word >>> 16;
    bytes[at + 3] = word >>> 24;
  }

  // Throws unless `n` more bits can be read from the read position.
  private checkReadable(n: number): void {
    if ((this.rByte - this.byteLength) * 8 - this.rCount + n > 0 || this.rPastEnd >= 0) {
      throw new TruncatedStreamError(this.rtell() + n, this.byteLength * 8);
    }
  }

  // Appends the low `n` bits of `value` when the accumulator reaches its limit: stores the
  // full word, or throws, changing nothing, if the bits do not fit in the buffer.
  private writeSlow(value: number, n: number): void {
    const count = this.pendingBits();
    const total = count + n;
    const byte = this.wByte;
    if ((byte - this.byteLength) * 8 + total > 0) {
      throw new BufferTooSmallError(Math.ceil((byte * 8 + total) / 8), this.byteLength);
    }
    if (total < 32) {
      // The accumulator ends exactly at the end of the buffer.
      this.wAcc = (this.wAcc >>> n) | ((value << (31 - n)) << 1);
      this.wLeft = 0;
      return;
    }
    // A full word: the pending bits, then the low 32 - count bits of value. The carry (the
    // remaining high bits of value) fits after it (checked above) and goes on top of wAcc.
    const pending = count === 0 ? 0 : this.wAcc >>> (32 - count);
    this.storeWord(byte, pending | (value << count));
    this.wByte = byte + 4;
    this.wAcc = value << (32 - n);
    this.wLeft = this.limitAt(byte + 4) - (total - 32);
  }

  // Stores the pending bits, whole bytes and a final partial byte; the position is kept.
  private commitPartial(): void {
    const count = this.pendingBits();
    if (count === 0) return;
    const at = this.wByte;
    const bytes = this.bytes;
    let pending = this.wAcc >>> (32 - count);
    const whole = count >>> 3;
    for (let i = 0; i < whole; i++) {
      bytes[at + i] = pending;
      pending >>>= 8;
    }
    const rest = count & 7;
    if (rest !== 0) {
      // Keep the bits above `rest` of the last byte as they are in memory.
      const mask = (1 << rest) - 1;
      bytes[at + whole] = (bytes[at + whole] & ~mask) | (pending & mask);
    }
    this.wByte = at + whole;
    this.wAcc = rest === 0 ? 0 : pending << (32 - rest);
    this.wLeft = this.limitAt(at + whole) - rest;
  }

  // Loads up to 4 bytes into the (empty) accumulator, or throws at the end.
  private refill(): void {
    if (this.rPastEnd >= 0) throw new TruncatedStreamError(this.rPastEnd + 1, this.byteLength * 8);
    const bytes = this.bytes;
    const at = this.rByte;
    const left = this.byteLength - at;
    if (left >= 4) {
      this.rAcc = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
      this.rCount = 32;
      this.rByte = at + 4;
      return;
    }
    if (left <= 0) throw new TruncatedStreamError(at * 8 + 1, this.byteLength * 8);
    let acc = 0;
    for (let i = 0; i < left; i++) acc |= bytes[at + i] << (8 * i);
    this.rAcc = acc;
    this.rCount = left * 8;
    this.rByte = at + left;
  }

  // Reads `n` bits (have <= n <= 32) when the accumulator holds too few of them; returns them
  // as an int32 (bit 31 is the sign), so the result is never a boxed number.
  private readSlow(n: number): number {
    const have = this.rCount;
    const low = this.rAcc;
    if (n === have) {
      this.rAcc = 0;
      this.rCount = 0;
      return low;
    }
    const need = n - have;
    if (this.rPastEnd >= 0) throw new TruncatedStreamError(this.rPastEnd + n, this.byteLength * 8);
    const bytes = this.bytes;
    const at = this.rByte;
    const left = this.byteLength - at;
    let acc: number;
    let count: number;
    if (left >= 4) {
      acc = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
      count = 32;
    } else {
      acc = 0;
      count = left > 0 ? left * 8 : 0;
      for (let i = 0; i < left; i++) acc |= bytes[at + i] << (8 * i);
      if (count < need) throw new TruncatedStreamError(at * 8 - have + n, this.byteLength * 8);
    }
    this.rByte = at + (count >>> 3);
    let high: number;
    if (need === 32) {
      high = acc;
      this.rAcc = 0;
    } else {
      high = acc & ((1 << need) - 1);
      this.rAcc = acc >>> need;
    }
    this.rCount = count - need;
    return low | (high << have);
  }
}
