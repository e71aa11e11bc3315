import { expect, it } from "vitest";
import * as bitstream from "../src/index.js";

it("given the package entry point, when its exports are listed, expect exactly the documented surface", () => {
  expect(Object.keys(bitstream).sort()).toEqual([
    "BitReader",
    "BitStream",
    "BufferTooSmallError",
    "DEFAULT_WORD_BITS",
    "InvalidArgumentError",
    "TruncatedStreamError",
    "ZfpError",
    "asBytes",
    "isZfpError",
  ]);
});

it("given a BitStream, when its public methods are listed, expect every operation of the contract", () => {
  const methods = Object.getOwnPropertyNames(bitstream.BitStream.prototype)
    .filter((name) => name !== "constructor")
    .sort();
  expect(methods).toEqual(
    expect.arrayContaining([
      "align",
      "capacity",
      "capacityBits",
      "copyBits",
      "flush",
      "pad",
      "readBigBits",
      "readBit",
      "readBits",
      "readBitsInto",
      "rewind",
      "rseek",
      "rtell",
      "size",
      "skip",
      "wseek",
      "wtell",
      "writeBigBits",
      "writeBit",
      "writeBits",
      "writeBits64",
    ]),
  );
});
