// The package's two entry points, name by name: a change here is a change of the public API (see the README).
import { expect, it } from "vitest";
import * as blocks from "../src/blocks.js";
import * as codec from "../src/index.js";

it("given the main entry point, when its exports are listed, expect exactly the documented surface", () => {
  expect(Object.keys(codec).sort()).toEqual([
    "AllocationError",
    "BitStream",
    "BufferTooSmallError",
    "CompressedArray",
    "DEFAULT_CONFIG",
    "DEFAULT_INDEX_INTERVAL",
    "DEFAULT_MAX_BYTES",
    "IndexMismatchError",
    "InvalidArgumentError",
    "InvalidFieldError",
    "InvalidIndexError",
    "InvalidParameterError",
    "MODE_EXPERT",
    "MODE_FIXED_ACCURACY",
    "MODE_FIXED_PRECISION",
    "MODE_FIXED_RATE",
    "MODE_NULL",
    "MODE_REVERSIBLE",
    "NonFiniteValueError",
    "OutputTooLargeError",
    "RegionOutOfBoundsError",
    "SlabCompressor",
    "SlabDecompressor",
    "TruncatedStreamError",
    "UnsupportedTypeError",
    "ZFP_MAX_BITS",
    "ZFP_MAX_PREC",
    "ZFP_MIN_BITS",
    "ZFP_MIN_EXP",
    "ZFP_TYPE",
    "ZfpError",
    "accuracyOf",
    "asBytes",
    "buildBlockIndex",
    "checkBlockIndex",
    "checkDecodable",
    "compress",
    "compressToBytes",
    "compressWithIndex",
    "compressionMode",
    "decompress",
    "decompressPreview",
    "decompressRegion",
    "decompressToArray",
    "expert",
    "fieldDims",
    "fieldSize",
    "fieldSlab",
    "fixedAccuracy",
    "fixedPrecision",
    "fixedRate",
    "isReversible",
    "isZfpError",
    "maximumSize",
    "modeName",
    "parseBlockIndex",
    "precisionOf",
    "rateOf",
    "reversible",
    "scalarTypeOf",
    "serializeBlockIndex",
    "typeCode",
  ]);
});

it("given the blocks entry point, when its exports are listed, expect exactly the block-level stages", () => {
  expect(Object.keys(blocks).sort()).toEqual([
    "BLOCK_EXACT",
    "BLOCK_LOSSY",
    "BLOCK_RAW",
    "BLOCK_ZERO",
    "BitReader",
    "BlockCoder",
    "BlockSkimmer",
    "CodedBlock",
    "RunStream",
    "acquireCoder",
    "fieldBlocks",
    "fieldLayout",
    "fixedBlockBits",
    "maximumBlockBits",
    "minimumBlockBits",
    "releaseCoder",
    "traitsOf",
  ]);
});

it("given a block coder, when its public methods are listed, expect the two decoding stages and the encoders", () => {
  const methods = Object.getOwnPropertyNames(blocks.BlockCoder.prototype);
  expect(methods).toEqual(
    expect.arrayContaining([
      "configure",
      "decode",
      "decodeCoefficients",
      "encode",
      "encodeBlock",
      "reconstruct",
    ]),
  );
});
