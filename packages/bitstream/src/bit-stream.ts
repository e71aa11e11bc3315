// zfp's bit stream (mirrors include/zfp/bitstream.inl): bits LSB first, little-endian bytes.
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

/** Anything that can back a stream: the bytes are used in place, never copied. */
export type BufferSource = ArrayBuffer | ArrayBufferView;

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

function checkOffset(offset: number): void {
  if (!(offset >= 0 && Math.floor(offset) === offset && offset <= Number.MAX_SAFE_INTEGER)) {
    throw new InvalidArgumentError(`bit offset must be a non-negative integer, got ${offset}`);
  }
}

/**
 * A bit stream over caller-provided memory, reading and writing exactly the bytes zfp 1.0 does.
 *
 * Reading and writing keep separate positions (C keeps one; the two only differ if a program
 * interleaves reads and writes). Written bits are buffered 32 at a time and reach memory when
 * 32 have accumulated, on {@link flush}, or on {@link wseek}.
 *
 * Out of bounds: a write that needs bytes beyond the buffer throws {@link BufferTooSmallError}
 * (at the latest when the bits are committed: on the 32-bit boundary or at {@link flush});
 * nothing outside the buffer is touched. A read beyond the end throws
 * {@link TruncatedStreamError}. Moving the read position past the end ({@link skip},
 * {@link align}, {@link rseek}) is allowed; the next read then throws.
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
  /** The memory the stream reads and writes. */
  readonly bytes: Uint8Array;
  /** Stream word size in bits. */
  readonly wordBits: WordBits;

  // Writer: wCount pending bits (0..31) in wAcc, to be stored from byte wByte on.
  private wByte = 0;
  private wAcc = 0;
  private wCount = 0;
  // Reader: rCount unread bits (0..32) in rAcc; rByte is the next byte to fetch.
  private rByte = 0;
  private rAcc = 0;
  private rCount = 0;

  constructor(buffer: BufferSource, options: BitStreamOptions = {}) {
    const wordBits = options.wordBits ?? DEFAULT_WORD_BITS;
    if (wordBits !== 8 && wordBits !== 16 && wordBits !== 32 && wordBits !== 64) {
      throw new InvalidArgumentError(`wordBits must be 8, 16, 32 or 64, got ${String(wordBits)}`);
    }
    this.bytes = asBytes(buffer);
    this.wordBits = wordBits;
  }

  /** Capacity of the buffer in bytes. */
  get capacity(): number {
    return this.bytes.length;
  }

  /** Capacity of the buffer in bits. */
  get capacityBits(): number {
    return this.bytes.length * 8;
  }

  // ---- writing -------------------------------------------------------------------------

  /** Appends one bit (the low bit of `bit`) and returns it. */
  writeBit(bit: number): number {
    bit &= 1;
    this.wAcc |= bit << this.wCount;
    if (++this.wCount === 32) this.commitWord();
    return bit;
  }

  /**
   * Appends the low `n` bits of `value` (0 <= n <= 32), LSB first, and returns `value >>> n`
   * (0 when n is 32), which is what zfp's encoder shifts its bit-plane word by.
   */
  writeBits(value: number, n: number): number {
    if (n === 0) return value >>> 0;
    if (!(n > 0 && n <= 32)) checkBitCount(n, 32);
    const bits = n === 32 ? value >>> 0 : value & ((1 << n) - 1);
    const count = this.wCount;
    const total = count + n;
    if (total < 32) {
      this.wAcc |= bits << count;
      this.wCount = total;
    } else {
      this.wAcc |= bits << count;
      this.commitWord();
      this.wAcc = count === 0 ? 0 : bits >>> (32 - count);
      this.wCount = total - 32;
    }
    return n === 32 ? 0 : value >>> n;
  }

  /** Appends the low `n` bits (0 <= n <= 64) of the 64-bit value `high * 2^32 + low`. */
  writeBits64(low: number, high: number, n: number): void {
    if (n <= 32) {
      this.writeBits(low, n);
    } else {
      if (!(n <= 64)) checkBitCount(n, 64);
      this.writeBits(low, 32);
      this.writeBits(high, n - 32);
    }
  }

  /** Appends the low `n` bits (0 <= n <= 64) of a bigint. Convenience; not for hot loops. */
  writeBigBits(value: bigint, n: number): void {
    checkBitCount(n, 64);
    const v = BigInt.asUintN(64, value);
    this.writeBits64(Number(v & 0xffffffffn), Number(v >> 32n), n);
  }

  /** Appends `n` zero bits. */
  pad(n: number): void {
    checkBitCount(n, Number.MAX_SAFE_INTEGER);
    while (n >= 32) {
      this.writeBits(0, 32);
      n -= 32;
    }
    this.writeBits(0, n);
  }

  /**
   * Pads with zeros to the next multiple of the word size and commits every pending bit to
   * memory. Returns the number of zero bits added (0 to wordBits - 1).
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
    return this.wByte * 8 + this.wCount;
  }

  /**
   * Moves the write position to bit `offset`. Pending bits are committed first; bits before
   * `offset` in its byte are kept, and later bits are overwritten as the writer advances.
   */
  wseek(offset: number): void {
    checkOffset(offset);
    this.commitPartial();
    if (offset > this.capacityBits) throw new BufferTooSmallError(Math.ceil(offset / 8), this.bytes.length);
    const byte = Math.floor(offset / 8);
    const bit = offset & 7;
    this.wByte = byte;
    this.wCount = bit;
    this.wAcc = bit === 0 ? 0 : this.bytes[byte]! & ((1 << bit) - 1);
  }

  // ---- reading -------------------------------------------------------------------------

  /** Reads one bit. */
  readBit(): number {
    if (this.rCount === 0) this.refill(1);
    const bit = this.rAcc & 1;
    this.rAcc >>>= 1;
    this.rCount--;
    return bit;
  }

  /** Reads `n` bits (0 <= n <= 32), LSB first, as an unsigned number. */
  readBits(n: number): number {
    if (n === 0) return 0;
    if (!(n > 0 && n <= 32)) checkBitCount(n, 32);
    const have = this.rCount;
    if (have >= n) {
      const acc = this.rAcc;
      if (n === 32) {
        this.rAcc = 0;
        this.rCount = 0;
        return acc >>> 0;
      }
      this.rAcc = acc >>> n;
      this.rCount = have - n;
      return acc & (((1 << n) - 1) >>> 0);
    }
    const low = this.rAcc;
    const need = n - have;
    this.rAcc = 0;
    this.rCount = 0;
    this.refill(need);
    const acc = this.rAcc;
    this.rAcc = need === 32 ? 0 : acc >>> need;
    this.rCount -= need;
    const high = need === 32 ? acc : acc & ((1 << need) - 1);
    return (low | (high << have)) >>> 0;
  }

  /**
   * Reads `n` bits (0 <= n <= 64) without allocating: `out[0]` receives the low 32 bits and
   * `out[1]` the high 32 bits, both unsigned.
   */
  readBitsInto(n: number, out: Uint32Array | number[]): void {
    if (n <= 32) {
      out[0] = this.readBits(n);
      out[1] = 0;
    } else {
      if (!(n <= 64)) checkBitCount(n, 64);
      out[0] = this.readBits(32);
      out[1] = this.readBits(n - 32);
    }
  }

  /** Reads `n` bits (0 <= n <= 64) as an unsigned bigint. Convenience; not for hot loops. */
  readBigBits(n: number): bigint {
    checkBitCount(n, 64);
    if (n <= 32) return BigInt(this.readBits(n));
    const low = this.readBits(32);
    return (BigInt(this.readBits(n - 32)) << 32n) | BigInt(low);
  }

  /** Skips `n` bits of input. Moving past the end is allowed; the next read then throws. */
  skip(n: number): void {
    checkOffset(n);
    if (n <= this.rCount) {
      this.rAcc = n === 32 ? 0 : this.rAcc >>> n;
      this.rCount -= n;
    } else {
      this.rseek(this.rtell() + n);
    }
  }

  /** Moves the read position to the next multiple of the word size; returns the bits skipped. */
  align(): number {
    const tell = this.rtell();
    const skipped = (this.wordBits - (tell % this.wordBits)) % this.wordBits;
    if (skipped > 0) this.skip(skipped);
    return skipped;
  }

  /** Current read position, in bits from the start of the buffer. */
  rtell(): number {
    return this.pastEnd >= 0 ? this.pastEnd : this.rByte * 8 - this.rCount;
  }

  /** Moves the read position to bit `offset` (it may lie past the end; reads there throw). */
  rseek(offset: number): void {
    checkOffset(offset);
    this.rByte = Math.floor(offset / 8);
    this.rAcc = 0;
    this.rCount = 0;
    const bit = offset & 7;
    if (bit !== 0) {
      if (this.rByte < this.bytes.length) {
        this.rAcc = this.bytes[this.rByte]! >>> bit;
        this.rCount = 8 - bit;
        this.rByte++;
      }
    }
    // Past the end the position is kept exactly; the next read throws.
    this.pastEnd = offset > this.capacityBits ? offset : -1;
  }

  // ---- both --------------------------------------------------------------------------

  /** Moves both the read and the write position to the start; pending written bits are dropped. */
  rewind(): void {
    this.wByte = 0;
    this.wAcc = 0;
    this.wCount = 0;
    this.rByte = 0;
    this.rAcc = 0;
    this.rCount = 0;
    this.pastEnd = -1;
  }

  /**
   * Bytes of storage the stream has used, counted in whole words from the start of the
   * buffer, as zfp's stream_size: after {@link flush} it is ceil(wtell / wordBits) words;
   * when reading, the words the reader has reached.
   */
  size(): number {
    const word = this.wordBits;
    const written = Math.floor(this.wtell() / word);
    const read = Math.ceil(this.rtell() / word);
    return Math.max(written, read) * (word / 8);
  }

  /** Copies `n` bits from the read position of `source` to this stream's write position. */
  copyBits(source: BitStream, n: number): void {
    checkOffset(n);
    while (n >= 32) {
      this.writeBits(source.readBits(32), 32);
      n -= 32;
    }
    if (n > 0) this.writeBits(source.readBits(n), n);
  }

  // ---- internals -----------------------------------------------------------------------

  // Read position when it lies beyond the end of the buffer (after skip, align, rseek), else -1.
  private pastEnd = -1;

  private commitWord(): void {
    const at = this.wByte;
    const bytes = this.bytes;
    if (at + 4 > bytes.length) {
      this.wCount = 32;
      throw new BufferTooSmallError(at + 4, bytes.length);
    }
    const acc = this.wAcc;
    bytes[at] = acc;
    bytes[at + 1] = acc >>> 8;
    bytes[at + 2] = acc >>> 16;
    bytes[at + 3] = acc >>> 24;
    this.wByte = at + 4;
    this.wAcc = 0;
    this.wCount = 0;
  }

  // Stores the pending bits, whole bytes and a final partial byte; the position is kept.
  private commitPartial(): void {
    const count = this.wCount;
    if (count === 0) return;
    const nbytes = (count + 7) >> 3;
    const at = this.wByte;
    if (at + nbytes > this.bytes.length) throw new BufferTooSmallError(at + nbytes, this.bytes.length);
    let acc = this.wAcc;
    const whole = count >> 3;
    for (let i = 0; i < whole; i++) {
      this.bytes[at + i] = acc;
      acc >>>= 8;
    }
    const rest = count & 7;
    if (rest !== 0) {
      // Keep the bits above `rest` of the last byte as they are in memory.
      const keep = this.bytes[at + whole]! & ~((1 << rest) - 1) & 0xff;
      this.bytes[at + whole] = keep | (acc & ((1 << rest) - 1));
    }
    this.wByte = at + whole;
    this.wAcc = rest === 0 ? 0 : acc & ((1 << rest) - 1);
    this.wCount = rest;
  }

  // Loads bytes until at least `need` (1..32) bits are buffered, or throws at the end.
  private refill(need: number): void {
    if (this.pastEnd >= 0) {
      throw new TruncatedStreamError(this.rtell() + need, this.capacityBits);
    }
    const bytes = this.bytes;
    let acc = this.rAcc;
    let count = this.rCount;
    let at = this.rByte;
    const end = bytes.length;
    while (count <= 24 && at < end) {
      acc |= bytes[at++]! << count;
      count += 8;
    }
    if (count < need) {
      throw new TruncatedStreamError(at * 8 - count + need, this.capacityBits);
    }
    this.rAcc = acc >>> 0;
    this.rCount = count;
    this.rByte = at;
  }
}
