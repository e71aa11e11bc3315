import { BitStream, fixedAccuracy, fixedPrecision } from "@zfpjs/codec";
import { describe, expect, it } from "vitest";
import * as header from "../src/index.js";
import { describeHeader, HEADER_FULL, headerConfig, readHeader, writeHeader } from "../src/index.js";

describe("README examples", () => {
  it("given the writing example when run expect the bytes and values the README shows", () => {
    const stream = new BitStream(new Uint8Array(32), { wordBits: 8 });
    expect(writeHeader(stream, { type: "float", nx: 4 }, fixedPrecision(8))).toBe(96);
    stream.flush();
    expect([...stream.bytes.subarray(0, 12)]).toEqual([0x7a, 0x66, 0x70, 5, 0x32, 0, 0, 0, 0, 0, 0x70, 0x80]);
    stream.rewind();
    const read = readHeader(stream, HEADER_FULL);
    expect(read).toEqual({
      type: "float",
      dims: 1,
      nx: 4,
      ny: 0,
      nz: 0,
      nw: 0,
      config: { minbits: 1, maxbits: 16658, maxprec: 8, minexp: -1074 },
      mode: { bits: 12, low: 2055, high: 0 },
      bits: 96,
    });
    expect(describeHeader(read)).toEqual({
      type: "float",
      typeCode: 3,
      dims: 1,
      shapeZfp: [4],
      shapeC: [4],
      count: 4,
      mode: "fixed-precision",
      modeNumber: 3,
      rate: 0,
      precision: 8,
      tolerance: 0,
      reversible: false,
      minbits: 1,
      maxbits: 16658,
      maxprec: 8,
      minexp: -1074,
      modeValue: "0x807",
      modeBits: 12,
      headerBits: 96,
    });
  });
  it("given a tolerance when round-tripped through a header expect the power of two below it", () => {
    expect(headerConfig(fixedAccuracy(1e-3)).minexp).toBe(-10);
    expect(describeHeader({ config: headerConfig(fixedAccuracy(1e-3)) }).tolerance).toBe(0.0009765625);
  });
});

describe("public API", () => {
  it("given the package entry when listed expect exactly the documented exports", () => {
    expect(Object.keys(header).sort()).toMatchInlineSnapshot(`
      [
        "BadMagicError",
        "HEADER_FULL",
        "HEADER_MAGIC",
        "HEADER_MAX_BITS",
        "HEADER_META",
        "HEADER_MODE",
        "HEADER_NONE",
        "HeaderError",
        "HeaderSizeError",
        "InvalidModeError",
        "InvalidTypeError",
        "MAGIC_BITS",
        "MAGIC_BYTES",
        "META_BITS",
        "MODE_LONG_BITS",
        "MODE_SHORT_BITS",
        "MODE_SHORT_MAX",
        "TruncatedHeaderError",
        "UnsupportedCodecError",
        "ZFP_CODEC",
        "checkConfig",
        "configFromMode",
        "describeHeader",
        "fieldFromMeta",
        "headerBits",
        "headerConfig",
        "headerDims",
        "maxHeaderSize",
        "metaValue",
        "modeToBigInt",
        "modeValue",
        "readHeader",
        "survivesHeader",
        "writeHeader",
      ]
    `);
  });
});
