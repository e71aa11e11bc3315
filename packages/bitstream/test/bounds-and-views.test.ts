// Out-of-bounds behaviour (typed errors, nothing touched outside the view) and streams over
// every kind of caller memory, including views at odd byte offsets.
import { describe, expect, it } from "vitest";
import {
  asBytes,
  BitStream,
  type BufferSource,
  BufferTooSmallError,
  InvalidArgumentError,
  isZfpError,
  TruncatedStreamError,
  type WordBits,
  ZfpError,
} from "../src/index.js";

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}

/** 32 bytes of 0xa5 with a 5-byte view at byte offset 3 (not a multiple of 4 or 8). */
function guardedView(): { whole: Uint8Array; view: Uint8Array } {
  const buffer = new ArrayBuffer(32);
  const whole = new Uint8Array(buffer).fill(0xa5);
  return { whole, view: new Uint8Array(buffer, 3, 5) };
}

describe("writing past the capacity", () => {
  it.each<WordBits>([8, 16, 32, 64])(
    "given a 5-byte view at offset 3 and %i-bit words, when one bit more than the capacity is written, expect BufferTooSmallError {required 6, available 5}, the stream unchanged and no guard byte touched",
    (W) => {
      const { whole, view } = guardedView();
      const stream = new BitStream(view, { wordBits: W });
      stream.writeBits(0xffffffff, 32);
      stream.writeBits(0x7f, 7);
      const error = caught(() => stream.writeBits(3, 2));
      expect(error).toBeInstanceOf(BufferTooSmallError);
      expect(error).toBeInstanceOf(ZfpError);
      expect(isZfpError(error, "BufferTooSmall")).toBe(true);
      expect((error as BufferTooSmallError).required).toBe(6);
      expect((error as BufferTooSmallError).available).toBe(5);
      expect((error as Error).message).toBe("stream buffer too small: needs at least 6 bytes, has 5");
      expect(stream.wtell()).toBe(39);
      // The bit that still fits can be written; the one after it cannot.
      stream.writeBit(1);
      expect(() => stream.writeBit(1)).toThrow(BufferTooSmallError);
      expect(() => stream.pad(1)).toThrow(BufferTooSmallError);
      expect(() => stream.writeBits64(0, 0, 33)).toThrow(BufferTooSmallError);
      stream.writeBits(0, 0); // zero bits always fit
      stream.wseek(40); // commits the pending bits without padding
      expect([...view]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff]);
      expect([...whole.subarray(0, 3)]).toEqual([0xa5, 0xa5, 0xa5]);
      expect(whole.subarray(8).every((byte) => byte === 0xa5)).toBe(true);
    },
  );

  it("given 64-bit words and a 5-byte buffer holding 20 bits, when flushed, expect BufferTooSmallError requiring a whole 8-byte word, and the 20 bits still flushable with 8-bit words", () => {
    const { whole, view } = guardedView();
    const stream = new BitStream(view);
    stream.writeBits(0xfffff, 20);
    const error = caught(() => stream.flush()) as BufferTooSmallError;
    expect(error).toBeInstanceOf(BufferTooSmallError);
    expect(error.required).toBe(8);
    expect(error.available).toBe(5);
    expect(stream.wtell()).toBe(20);
    const debian = new BitStream(view, { wordBits: 8 });
    debian.writeBits(0xfffff, 20);
    expect(debian.flush()).toBe(4);
    expect([...view]).toEqual([0xff, 0xff, 0x0f, 0xa5, 0xa5]);
    expect([...whole.subarray(0, 3)]).toEqual([0xa5, 0xa5, 0xa5]);
  });

  it("when the writer seeks past the end, expect BufferTooSmallError; seeking to the very end is allowed", () => {
    const stream = new BitStream(new Uint8Array(4));
    expect(caught(() => stream.wseek(33))).toMatchObject({
      tag: "BufferTooSmall",
      required: 5,
      available: 4,
    });
    stream.wseek(32);
    expect(stream.wtell()).toBe(32);
    expect(() => stream.writeBit(0)).toThrow(BufferTooSmallError);
  });

  it("given an empty buffer, when anything is written, expect BufferTooSmallError {required 1, available 0}; zero-bit writes, flush and pad(0) succeed", () => {
    const stream = new BitStream(new Uint8Array(0));
    expect(caught(() => stream.writeBit(1))).toMatchObject({ required: 1, available: 0 });
    stream.writeBits(5, 0);
    stream.pad(0);
    expect(stream.flush()).toBe(0);
    expect(stream.size()).toBe(0);
  });

  it("when copying into a destination without room, expect BufferTooSmallError before anything is copied", () => {
    const source = new BitStream(new Uint8Array(8).fill(0xff));
    const destination = new BitStream(new Uint8Array(2));
    destination.writeBits(1, 3);
    expect(caught(() => destination.copyBits(source, 14))).toMatchObject({ required: 3, available: 2 });
    expect(source.rtell()).toBe(0);
    expect(destination.wtell()).toBe(3);
    destination.copyBits(source, 13);
    expect(destination.wtell()).toBe(16);
  });
});

describe("reading past the end", () => {
  it("given a 5-byte view at offset 3, when reading one bit beyond its 40 bits, expect TruncatedStreamError {requiredBits 41, availableBits 40} and the read position unchanged", () => {
    const { view } = guardedView();
    const stream = new BitStream(view);
    stream.readBits(30);
    const error = caught(() => stream.readBits(11)) as TruncatedStreamError;
    expect(error).toBeInstanceOf(TruncatedStreamError);
    expect(isZfpError(error, "TruncatedStream")).toBe(true);
    expect(error.requiredBits).toBe(41);
    expect(error.availableBits).toBe(40);
    expect(error.message).toBe(
      "stream truncated: needed bits up to offset 41, but the stream holds only 40 bits (5 bytes)",
    );
    expect(stream.rtell()).toBe(30);
    expect(stream.readBits(10)).toBe((0xa5 >>> 6) | (0xa5 << 2));
    expect(() => stream.readBit()).toThrow(TruncatedStreamError);
    expect(stream.readBits(0)).toBe(0);
  });

  it("when skip, align or rseek move past the end, expect no error until the next read, which throws with the position it needed", () => {
    const stream = new BitStream(new Uint8Array(3), { wordBits: 32 });
    stream.skip(20);
    expect(stream.align()).toBe(12);
    expect(stream.rtell()).toBe(32);
    stream.skip(1000);
    expect(stream.rtell()).toBe(1032);
    stream.rseek(4000);
    expect(stream.rtell()).toBe(4000);
    expect(stream.size()).toBe(500);
    expect(caught(() => stream.readBit())).toMatchObject({ requiredBits: 4001, availableBits: 24 });
    expect(caught(() => stream.readBits(7))).toMatchObject({ requiredBits: 4007 });
    expect(caught(() => stream.readBigBits(40))).toMatchObject({ requiredBits: 4040 });
    expect(() => stream.readBitsInto(64, new Uint32Array(2))).toThrow(TruncatedStreamError);
    expect(stream.rtell()).toBe(4000);
    stream.rseek(8);
    expect(stream.readBits(16)).toBe(0);
  });

  it("when copying from a source with too few bits left, expect TruncatedStreamError before anything is copied", () => {
    const source = new BitStream(new Uint8Array(2));
    const destination = new BitStream(new Uint8Array(8));
    expect(caught(() => destination.copyBits(source, 17))).toMatchObject({
      requiredBits: 17,
      availableBits: 16,
    });
    expect(destination.wtell()).toBe(0);
    expect(source.rtell()).toBe(0);
  });
});

describe("streams over any caller memory", () => {
  const pattern = [0x7a, 0x66, 0x70, 0x05, 0x32, 0x00];

  function writeAndCheck(source: BufferSource, bytes: Uint8Array): void {
    const stream = new BitStream(source, { wordBits: 8 });
    for (const byte of pattern) stream.writeBits(byte, 8);
    stream.flush();
    expect([...bytes]).toEqual(pattern);
    stream.rewind();
    for (const byte of pattern) expect(stream.readBits(8)).toBe(byte);
  }

  it("given a plain ArrayBuffer, expect the stream to write into it in place", () => {
    const buffer = new ArrayBuffer(6);
    writeAndCheck(buffer, new Uint8Array(buffer));
  });

  it.each([1, 2, 3, 5, 6, 7])(
    "given a Uint8Array at byte offset %i, expect bytes written in place and the neighbours untouched",
    (offset) => {
      const buffer = new ArrayBuffer(6 + offset + 4);
      const whole = new Uint8Array(buffer).fill(0x99);
      writeAndCheck(new Uint8Array(buffer, offset, 6), whole.subarray(offset, offset + 6));
      expect(whole.subarray(0, offset).every((byte) => byte === 0x99)).toBe(true);
      expect(whole.subarray(offset + 6).every((byte) => byte === 0x99)).toBe(true);
    },
  );

  it("given a SharedArrayBuffer, expect the stream to write into it in place", () => {
    const buffer = new SharedArrayBuffer(6);
    writeAndCheck(buffer, new Uint8Array(buffer));
  });

  it("given a DataView at byte offset 5, expect bytes written in place", () => {
    const buffer = new ArrayBuffer(16);
    writeAndCheck(new DataView(buffer, 5, 6), new Uint8Array(buffer, 5, 6));
  });

  it("given an Int16Array at byte offset 2, expect its bytes used little-endian, bit by bit", () => {
    const buffer = new ArrayBuffer(10);
    writeAndCheck(new Int16Array(buffer, 2, 3), new Uint8Array(buffer, 2, 6));
  });

  it("given a Float64Array, expect capacity in bytes and asBytes a view of the same memory", () => {
    const data = new Float64Array(2);
    const bytes = asBytes(data);
    expect(bytes.buffer).toBe(data.buffer);
    expect(bytes.length).toBe(16);
    expect(new BitStream(data).capacity).toBe(16);
    const u8 = new Uint8Array(3);
    expect(asBytes(u8)).toBe(u8);
  });

  it("given something that is not memory, expect InvalidArgumentError", () => {
    expect(() => asBytes(null as unknown as ArrayBuffer)).toThrow(InvalidArgumentError);
    expect(() => new BitStream([1, 2, 3] as unknown as ArrayBuffer)).toThrow(InvalidArgumentError);
  });

  it("given an unsupported word size, expect InvalidArgumentError naming it", () => {
    expect(() => new BitStream(new Uint8Array(8), { wordBits: 12 as WordBits })).toThrow(
      "wordBits must be 8, 16, 32 or 64, got 12",
    );
  });
});

describe("64-bit fields", () => {
  it("when all 64 bits of 2^64-1 and of a negative bigint are written, expect them read back exactly by readBigBits and readBitsInto", () => {
    const stream = new BitStream(new Uint8Array(32));
    stream.writeBits(1, 3); // misalign
    stream.writeBigBits(0xffffffffffffffffn, 64);
    stream.writeBigBits(-2n, 64);
    stream.writeBits64(0x89abcdef, 0x01234567, 61);
    stream.flush();
    stream.rewind();
    expect(stream.readBits(3)).toBe(1);
    expect(stream.readBigBits(64)).toBe(0xffffffffffffffffn);
    const out = [0, 0];
    stream.readBitsInto(64, out);
    expect(out).toEqual([0xfffffffe, 0xffffffff]);
    expect(stream.readBigBits(61)).toBe(0x0123456789abcdefn);
  });
});

describe("streams longer than 2^31 bits (256 MiB)", () => {
  it("given a 256 MiB + 16 byte buffer, when fields are written and read at bit offsets above 2^31 and 2^32, expect exact positions, values and bounds errors", () => {
    const buffer = new Uint8Array(2 ** 28 + 16);
    const stream = new BitStream(buffer, { wordBits: 8 });
    const far = 2 ** 31 + 5;
    stream.wseek(far);
    stream.writeBits64(0x89abcdef, 0x01234567, 61);
    stream.writeBit(1);
    expect(stream.wtell()).toBe(far + 62);
    expect(stream.flush()).toBe(5);
    expect(stream.size()).toBe((far + 67) / 8);
    stream.rseek(far);
    expect(stream.readBigBits(61)).toBe(0x0123456789abcdefn);
    expect(stream.readBit()).toBe(1);
    expect(stream.rtell()).toBe(far + 62);
    const end = stream.capacityBits;
    expect(end).toBe(2 ** 31 + 128);
    stream.wseek(end - 3);
    stream.writeBits(0b101, 3);
    expect(() => stream.writeBit(0)).toThrow(BufferTooSmallError);
    stream.flush();
    expect(buffer[buffer.length - 1]! >>> 5).toBe(0b101);
    stream.rseek(end - 3);
    expect(stream.readBits(3)).toBe(0b101);
    expect(caught(() => stream.readBit())).toMatchObject({ requiredBits: end + 1, availableBits: end });
    stream.rseek(2 ** 33 + 1);
    expect(stream.rtell()).toBe(2 ** 33 + 1);
    expect(caught(() => stream.readBits(2))).toMatchObject({ requiredBits: 2 ** 33 + 3 });
  });
});
