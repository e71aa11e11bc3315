// Behaviours of zfp's own bit stream tests (tests/src/inline/testBitstream.c and
// testBitstreamSmallWsize.c of LLNL/zfp), restated through BitStream's public API, for
// every stream word size.
import { describe, expect, it } from "vitest";
import { BitStream, DEFAULT_WORD_BITS, type WordBits } from "../src/index.js";
import { bitsOfBytes } from "./bit-model.js";

const WORD_SIZES: WordBits[] = [8, 16, 32, 64];

/** Writes `bits` bits of the repeating pattern `pattern` (a 32-bit value) to `stream`. */
function writePattern(stream: BitStream, pattern: number, bits: number): void {
  while (bits >= 32) {
    stream.writeBits(pattern, 32);
    bits -= 32;
  }
  stream.writeBits(pattern, bits);
}

const ONES = 0xffffffff;
const FIVES = 0x55555555;

/**
 * A stream of `words` words (like zfp's tests, 3 by default; at least 24 bytes) over memory
 * filled with 0xee, so no test relies on zeroed memory.
 */
function streamOf(W: WordBits, words = 3): BitStream {
  return new BitStream(new Uint8Array(Math.max((words * W) / 8, 24)).fill(0xee), { wordBits: W });
}

/** A fresh stream of `W`-bit words holding one word of each pattern, flushed and rewound for reading. */
function rewoundWith(W: WordBits, ...patterns: number[]): BitStream {
  const stream = streamOf(W);
  for (const pattern of patterns) writePattern(stream, pattern, W);
  stream.flush();
  stream.rewind();
  return stream;
}

describe("BitStream construction", () => {
  it("given no options, when a stream is opened, expect 64-bit words (zfp's default build)", () => {
    expect(DEFAULT_WORD_BITS).toBe(64);
    expect(new BitStream(new Uint8Array(8)).wordBits).toBe(64);
  });

  it.each(WORD_SIZES)(
    "given wordBits %i, when opened, expect capacity, capacityBits and bytes over the same memory (when_BitstreamOpened_expect_ProperLengthAndBoundaries)",
    (W) => {
      const memory = new Uint8Array(32);
      const stream = new BitStream(memory, { wordBits: W });
      expect(stream.wordBits).toBe(W);
      expect(stream.capacity).toBe(32);
      expect(stream.capacityBits).toBe(256);
      expect(stream.bytes).toBe(memory);
      expect(stream.wtell()).toBe(0);
      expect(stream.rtell()).toBe(0);
      expect(stream.size()).toBe(0);
    },
  );
});

describe.each(WORD_SIZES)("with %i-bit stream words", (W) => {
  const wordBytes = W / 8;

  describe("writing", () => {
    it("when one word is written at the start, expect it in memory and size of one word (given_RewoundBitstream_when_WriteWord_expect_WordWrittenAtStreamBegin)", () => {
      const stream = streamOf(W);
      writePattern(stream, FIVES, W);
      expect(stream.size()).toBe(wordBytes);
      stream.flush();
      expect([...stream.bytes.subarray(0, wordBytes)]).toEqual(new Array(wordBytes).fill(0x55));
      expect(stream.bytes[wordBytes]).toBe(0xee);
    });

    it("when two words are written, expect them consecutive and size of two words (when_WriteTwoWords_expect_WordsWrittenToStreamConsecutively)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, W);
      writePattern(stream, FIVES, W);
      expect(stream.size()).toBe(2 * wordBytes);
      stream.flush();
      expect([...stream.bytes.subarray(0, 2 * wordBytes)]).toEqual([
        ...new Array(wordBytes).fill(0xff),
        ...new Array(wordBytes).fill(0x55),
      ]);
    });

    it("given a written word and a rewind, when another word is written, expect it to overwrite the first (given_BitstreamWithOneWrittenWordRewound_when_WriteWord_expect_NewerWordOverwrites)", () => {
      const stream = rewoundWith(W, ONES);
      writePattern(stream, FIVES, W);
      stream.flush();
      expect([...stream.bytes.subarray(0, wordBytes)]).toEqual(new Array(wordBytes).fill(0x55));
    });

    it("when one bit is written, expect it at the lowest free position (when_WriteBit_expect_BitWrittenToBufferFromLSB)", () => {
      const stream = streamOf(W);
      stream.writeBits(0, 3);
      expect(stream.writeBit(1)).toBe(1);
      expect(stream.writeBit(2)).toBe(0); // only the low bit counts
      expect(stream.wtell()).toBe(5);
      stream.flush();
      expect(stream.bytes[0]).toBe(0b1000);
    });

    it("given a word one bit from full, when a bit is written, expect the word stored and size one word (given_BitstreamBufferOneBitFromFull_when_WriteBit_expect_BitWrittenToBufferWrittenToStreamAndBufferReset)", () => {
      const stream = streamOf(W);
      stream.pad(W - 1);
      expect(stream.size()).toBe(0);
      stream.writeBit(1);
      expect(stream.size()).toBe(wordBytes);
      stream.flush();
      expect(stream.bytes[wordBytes - 1]).toBe(0x80);
      expect([...stream.bytes.subarray(0, wordBytes - 1)]).toEqual(new Array(wordBytes - 1).fill(0));
    });

    it("when zero bits are written, expect nothing written and the whole value returned (when_WriteZeroBits_expect_NOP)", () => {
      const stream = streamOf(W);
      expect(stream.writeBits(0xdeadbeef, 0)).toBe(0xdeadbeef);
      expect(stream.wtell()).toBe(0);
      expect(stream.flush()).toBe(0);
      expect(stream.bytes[0]).toBe(0xee);
    });

    it("when three bits are written, expect the low three bits stored and value >>> 3 returned (when_WriteBits_expect_BitsWrittenToBufferFromLSB)", () => {
      const stream = streamOf(W);
      expect(stream.writeBits(0xffffffff, 3)).toBe(0x1fffffff);
      expect(stream.writeBits(-1, 32)).toBe(0);
      expect(stream.wtell()).toBe(35);
    });

    it("given 5 bits pending, when the rest of the word is written, expect the completed word in memory (when_WriteBitsFillsBufferExactly_expect_WordWrittenToStream)", () => {
      const stream = streamOf(W);
      stream.writeBits(ONES, 5);
      stream.writeBigBits(0xaaaaaaaaaaaaaaaan >> 5n, W - 5);
      expect(stream.wtell()).toBe(W);
      expect(stream.size()).toBe(wordBytes);
      stream.flush();
      // The word is 0xaa..aa | 0x1f, stored little-endian.
      expect([...stream.bytes.subarray(0, wordBytes)]).toEqual([
        0xbf,
        ...new Array(wordBytes - 1).fill(0xaa),
      ]);
    });

    it("given 5 bits pending, when a field crossing the word boundary is written, expect the overflow to start the next word and the unwritten high bits returned (when_WriteBitsOverflowsBuffer_expect_OverflowWrittenToNewBuffer)", () => {
      const stream = streamOf(W);
      stream.writeBits(ONES, 5);
      const value = 0xd5555555;
      expect(stream.writeBits(value, 31)).toBe(value >>> 31);
      expect(stream.wtell()).toBe(36);
      expect(stream.size()).toBe(Math.floor(36 / W) * wordBytes);
      stream.flush();
      stream.rewind();
      expect(stream.readBits(5)).toBe(0x1f);
      expect(stream.readBits(31)).toBe(value & 0x7fffffff);
    });

    it("given 12 bits pending, when padded to the word end, expect one word of size and the bits kept (given_StartedBuffer_when_StreamPad_expect_PaddedWordWritten)", () => {
      if (W < 16) return; // 12 bits do not fit in one 8-bit word
      const stream = streamOf(W);
      stream.writeBits(0xfff, 12);
      stream.pad(W - 12);
      expect(stream.size()).toBe(wordBytes);
      stream.flush();
      stream.rewind();
      expect(stream.readBits(Math.min(W, 32))).toBe(0xfff);
    });

    it("given 12 bits pending over a used stream, when padded across two words, expect size two words and zeros after the bits (given_StartedBuffer_when_StreamPadOverflowsBuffer_expect_ProperWordsWritten)", () => {
      const stream = streamOf(W, 4);
      writePattern(stream, 0, W);
      writePattern(stream, ONES, W);
      stream.flush();
      stream.rewind();
      stream.writeBits(0xfff, 12);
      const words = Math.ceil(12 / W) + 1;
      stream.pad(words * W - 12);
      expect(stream.size()).toBe(words * wordBytes);
      stream.flush();
      stream.rewind();
      expect(stream.readBits(12)).toBe(0xfff);
      for (let bit = 12; bit < words * W; bit++) expect(stream.readBit()).toBe(0);
    });

    it("when thousands of zero bits are padded over non-zero memory, expect every padded byte zero and nothing after it touched", () => {
      const stream = new BitStream(new Uint8Array(2000).fill(0xff), { wordBits: W });
      stream.writeBits(0b101, 3);
      stream.pad(12345);
      expect(stream.wtell()).toBe(12348);
      stream.wseek(stream.wtell()); // commit without padding to the word
      const bits = bitsOfBytes(stream.bytes);
      expect(bits.slice(0, 3)).toEqual([1, 0, 1]);
      expect(bits.slice(3, 12348).every((bit) => bit === 0)).toBe(true);
      expect(bits.slice(12348).every((bit) => bit === 1)).toBe(true);
    });

    it("when a 40-bit field crosses several words, expect every word in memory in order (when_WriteBitsOverflowsBufferByMultipleWords_expect_WordsWrittenAndRemainingOverflowInBuffer)", () => {
      const stream = streamOf(W, Math.ceil(64 / W) + 1);
      stream.writeBits(0xf, 4);
      stream.writeBits64(0x92495555, 0x91, 40);
      expect(stream.wtell()).toBe(44);
      expect(stream.size()).toBe(Math.floor(44 / W) * wordBytes);
      stream.flush();
      expect([...stream.bytes.subarray(0, 6)]).toEqual([0x5f, 0x55, 0x95, 0x24, 0x19, 0x09]);
    });
  });

  describe("flushing", () => {
    it("given an empty stream, when flushed, expect no padding and nothing written (given_EmptyBuffer_when_Flush_expect_NOP)", () => {
      const stream = streamOf(W);
      expect(stream.flush()).toBe(0);
      expect(stream.wtell()).toBe(0);
      expect(stream.size()).toBe(0);
      expect(stream.bytes[0]).toBe(0xee);
    });

    it("given 8 bits written over used memory, when flushed, expect W-8 zero bits of padding and size one word (when_Flush_expect_PaddedWordWrittenToStream)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, 2 * W);
      stream.flush();
      stream.rewind();
      stream.writeBits(FIVES, 8);
      expect(stream.flush()).toBe(W - 8);
      expect(stream.wtell()).toBe(W);
      expect(stream.size()).toBe(wordBytes);
      expect([...stream.bytes.subarray(0, wordBytes)]).toEqual([0x55, ...new Array(wordBytes - 1).fill(0)]);
      expect(stream.bytes[wordBytes]).toBe(0xff);
    });

    it.each([1, 7, 8, 9, 63, 64, 65, 100])(
      "given %i bits written, when flushed, expect padding to the next multiple of the word and size rounded up to whole words",
      (bits) => {
        const stream = new BitStream(new Uint8Array(32), { wordBits: W });
        stream.pad(bits);
        const padding = (W - (bits % W)) % W;
        expect(stream.flush()).toBe(padding);
        expect(stream.wtell()).toBe(bits + padding);
        expect(stream.size()).toBe(Math.ceil(bits / W) * wordBytes);
        expect(stream.flush()).toBe(0);
      },
    );
  });

  describe("reading", () => {
    it("when two words are read, expect them in the order written (when_ReadTwoWords_expect_ReturnConsecutiveWordsInOrder)", () => {
      const stream = rewoundWith(W, ONES, FIVES);
      for (let bit = 0; bit < W; bit++) expect(stream.readBit()).toBe(1);
      for (let bit = 0; bit < W; bit++) expect(stream.readBit()).toBe(bit & 1 ? 0 : 1);
    });

    it("given one bit written, when a bit is read, expect it (given_BitstreamWithBitInBuffer_when_ReadBit_expect_OneBitReadFromLSB)", () => {
      const stream = streamOf(W);
      stream.writeBit(1);
      stream.flush();
      stream.rewind();
      expect(stream.readBit()).toBe(1);
      expect(stream.rtell()).toBe(1);
    });

    it("given a word consumed, when a bit is read, expect the first bit of the next word (given_BitstreamWithEmptyBuffer_when_ReadBit_expect_LoadNextWordToBuffer)", () => {
      const stream = rewoundWith(W, 0, ONES);
      stream.skip(W);
      expect(stream.readBit()).toBe(1);
      expect(stream.rtell()).toBe(W + 1);
      expect(stream.size()).toBe(2 * wordBytes);
    });

    it("when zero bits are read, expect 0 and no movement (when_ReadZeroBits_expect_NOP)", () => {
      const stream = rewoundWith(W, ONES);
      stream.readBits(3);
      expect(stream.readBits(0)).toBe(0);
      expect(stream.rtell()).toBe(3);
      expect(stream.readBits(5)).toBe(0x1f);
    });

    it("when 2 bits are read, expect the low bits first (when_ReadBits_expect_BitsReadInOrderLSB)", () => {
      const stream = rewoundWith(W, FIVES);
      expect(stream.readBits(2)).toBe(FIVES & 3);
      expect(stream.readBits(2)).toBe(FIVES & 3);
      expect(stream.rtell()).toBe(4);
    });

    it("given a word consumed, when a whole word is read, expect the entire next word (given_BitstreamBufferEmptyWithNextWordAvailable_when_ReadBitsWsize_expect_EntireNextWordReturned)", () => {
      const stream = rewoundWith(W, 0, ONES);
      stream.skip(W);
      const out = new Uint32Array(2);
      stream.readBitsInto(W, out);
      expect([...out]).toEqual(W === 64 ? [ONES, ONES] : [2 ** W - 1, 0]);
      expect(stream.readBigBits(0)).toBe(0n);
      expect(stream.rtell()).toBe(2 * W);
    });

    it("when a read spans two words, expect the bits of both combined (when_ReadBitsSpreadsAcrossTwoWords_expect_BitsCombinedFromBothWords)", () => {
      const stream = rewoundWith(W, 0xffff, FIVES);
      stream.skip(Math.max(W - 16, 0));
      const start = stream.rtell();
      const n = Math.min(W - 3 + 16, 64);
      const expected = bitsOfBytes(stream.bytes).slice(start, start + n);
      const value = stream.readBigBits(n);
      let expectedValue = 0n;
      for (let i = n - 1; i >= 0; i--) expectedValue = (expectedValue << 1n) | BigInt(expected[i]!);
      expect(value).toBe(expectedValue);
      expect(stream.rtell()).toBe(start + n);
    });

    it("when 48 bits are read starting 8 bits into a word, expect the bits of several words combined (when_ReadBitsSpreadsAcrossMultipleWords_expect_BitsCombinedFromMultipleWords)", () => {
      const stream = new BitStream(new Uint8Array(16), { wordBits: W });
      stream.writeBits(0x11, 16);
      stream.writeBits(0x5555, 16);
      stream.writeBits(0x9249, 16);
      stream.writeBits(0x9111, 16);
      stream.flush();
      stream.rseek(8);
      expect(stream.readBigBits(48)).toBe((0x9111924955550011n >> 8n) & ((1n << 48n) - 1n));
      expect(stream.rtell()).toBe(56);
    });
  });

  describe("positions and seeking", () => {
    it("when W+6 bits are written, expect wtell W+6 (when_Wtell_expect_ReturnsWrittenBitCount)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, W);
      writePattern(stream, ONES, 6);
      expect(stream.wtell()).toBe(W + 6);
    });

    it("when W-6 then W bits are read, expect rtell 2W-6 (when_Rtell_expect_ReturnsReadBitCount)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, 2 * W);
      stream.flush();
      stream.rewind();
      stream.readBigBits(W - 6);
      stream.readBigBits(W);
      expect(stream.rtell()).toBe(2 * W - 6);
    });

    it("when the writer seeks to a word boundary and writes, expect the earlier words kept and size counting from the start (when_WseekToMultipleOfWsize_expect_PtrAlignedBufferEmpty)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, W);
      writePattern(stream, FIVES, W);
      stream.flush();
      stream.wseek(W);
      expect(stream.wtell()).toBe(W);
      expect(stream.size()).toBe(wordBytes);
      stream.writeBits(0, 1);
      stream.flush();
      expect(stream.size()).toBe(2 * wordBytes);
      expect([...stream.bytes.subarray(0, 2 * wordBytes)]).toEqual([
        ...new Array(wordBytes).fill(0xff),
        ...new Array(wordBytes).fill(0),
      ]);
    });

    it("when the writer seeks to W+5, writes and flushes, expect the 5 bits before the offset kept and the rest of that word zeroed (when_WseekToNonMultipleOfWsize_expect_MaskedWordLoadedToBuffer)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, W);
      writePattern(stream, FIVES, W);
      stream.flush();
      stream.wseek(W + 5);
      expect(stream.wtell()).toBe(W + 5);
      stream.writeBit(1);
      expect(stream.flush()).toBe(W - 6);
      const bits = bitsOfBytes(stream.bytes);
      expect(bits.slice(W, 2 * W)).toEqual([1, 0, 1, 0, 1, 1, ...new Array(W - 6).fill(0)]);
      expect(bits.slice(0, W).every((bit) => bit === 1)).toBe(true);
    });

    it("when the reader seeks to a word boundary, expect the next read to start there and size to count the words before it (when_RseekToMultipleOfWsize_expect_PtrAlignedBufferEmpty)", () => {
      const stream = rewoundWith(W, ONES, FIVES);
      stream.rseek(W);
      expect(stream.rtell()).toBe(W);
      expect(stream.size()).toBe(wordBytes);
      expect(stream.readBits(4)).toBe(0x5);
    });

    it("when the reader seeks to W+5, expect the bits from there and size counting the word it lies in (when_RseekToNonMultipleOfWsize_expect_MaskedWordLoadedToBuffer)", () => {
      const stream = rewoundWith(W, ONES, FIVES);
      stream.rseek(W + 5);
      expect(stream.rtell()).toBe(W + 5);
      expect(stream.size()).toBe(2 * wordBytes);
      expect(stream.readBits(3)).toBe((FIVES >>> 5) & 7);
    });

    it("when zero bits are skipped, expect no movement (when_SkipZeroBits_expect_NOP)", () => {
      const stream = rewoundWith(W, ONES);
      stream.readBits(2);
      stream.skip(0);
      expect(stream.rtell()).toBe(2);
      expect(stream.readBits(2)).toBe(3);
    });

    it("when skipping within a word, expect the next read from the new position (when_SkipWithinBuffer_expect_MaskedBuffer)", () => {
      const stream = streamOf(W);
      writePattern(stream, 0x0000ff00, 2 * W);
      stream.flush();
      stream.rewind();
      stream.readBits(3);
      stream.skip(5);
      expect(stream.rtell()).toBe(8);
      expect(stream.readBits(8)).toBe(0xff);
    });

    it("when skipping past the current word, expect the next read from the new position in a later word (when_SkipPastBufferEnd_expect_NewMaskedWordInBuffer)", () => {
      const stream = streamOf(W);
      writePattern(stream, ONES, W);
      writePattern(stream, FIVES, 2 * W);
      stream.flush();
      stream.rewind();
      stream.readBits(3);
      stream.skip(W + 5);
      expect(stream.rtell()).toBe(W + 8);
      expect(stream.size()).toBe(2 * wordBytes);
      expect(stream.readBits(2)).toBe(1);
    });

    it("given 3 bits read, when aligned, expect W-3 bits skipped and the read position on the word boundary (when_Align_expect_BufferEmptyBitsZero)", () => {
      const stream = rewoundWith(W, ONES, FIVES);
      stream.readBits(3);
      expect(stream.align()).toBe(W - 3);
      expect(stream.rtell()).toBe(W);
      expect(stream.size()).toBe(wordBytes);
      expect(stream.align()).toBe(0);
      expect(stream.readBits(2)).toBe(1);
    });

    it("given writes and reads, when rewound, expect both positions at 0 and bits not yet flushed dropped", () => {
      const stream = new BitStream(new Uint8Array(16).fill(0xee), { wordBits: W });
      stream.writeBits(0x1234, 16);
      stream.rewind();
      expect(stream.wtell()).toBe(0);
      expect(stream.rtell()).toBe(0);
      expect(stream.size()).toBe(0);
      expect(stream.bytes[0]).toBe(0xee); // 16 pending bits never reached memory
      stream.writeBits(0x1234, 16);
      stream.flush();
      stream.readBits(16);
      stream.rewind();
      expect(stream.rtell()).toBe(0);
      expect(stream.readBits(16)).toBe(0x1234);
    });
  });

  describe("copying", () => {
    it("given a source read from W-6 and a destination written from 5, when W+4 bits are copied, expect those bits after the destination's prefix (when_StreamCopy_expect_BitsCopiedToDestBitstream)", () => {
      const source = streamOf(W);
      writePattern(source, ONES, W);
      writePattern(source, FIVES, W);
      source.flush();
      source.rseek(W - 6);
      const destination = new BitStream(new Uint8Array((3 * W) / 8), { wordBits: W });
      destination.wseek(5);
      destination.copyBits(source, W + 4);
      expect(destination.wtell()).toBe(5 + W + 4);
      expect(source.rtell()).toBe(2 * W - 2);
      expect(destination.size()).toBe(Math.floor((W + 9) / W) * wordBytes);
      destination.flush();
      const bits = bitsOfBytes(destination.bytes);
      expect(bits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
      expect(bits.slice(5, 11)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(bits.slice(11, W + 9)).toEqual(new Array(W - 2).fill(0).map((_, i) => (i & 1 ? 0 : 1)));
      expect(bits.slice(W + 9).every((bit) => bit === 0)).toBe(true);
    });
  });
});
