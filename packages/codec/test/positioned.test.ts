// Blocks follow a header immediately: compress and decompress work from any stream position.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { beforeAll, expect, it } from "vitest";
import {
  BitStream,
  compress,
  decompress,
  fixedAccuracy,
  fixedPrecision,
  maximumSize,
  type ZfpConfig,
} from "../src/index.js";
import { bytesOf, DTYPE, fieldOf, hex, makeArray, makeData, padTo8 } from "./support.js";

// Header lengths of zfpy's FULL header: 96 bits with a short mode, 148 with the long one.
const CASES: { name: string; config: ZfpConfig; zfpy: Record<string, string>; headerBits: number }[] = [
  {
    name: "precision 12 (96-bit header)",
    config: fixedPrecision(12),
    zfpy: { precision: "12" },
    headerBits: 96,
  },
  {
    name: "tolerance 0 (148-bit header)",
    config: fixedAccuracy(0),
    zfpy: { tolerance: "0" },
    headerBits: 148,
  },
];
const SHAPE = [3, 5, 6];
const data = makeData("double", "smooth", 90, 5);
let answers: OracleResponse[] = [];

describeWithOracle("given a stream that already holds zfpy's header", () => {
  beforeAll(() => {
    answers = askZfpy(
      CASES.map((c) => ({
        op: "compress" as const,
        dtype: DTYPE.double,
        shape: SHAPE,
        data: toBase64(data),
        ...c.zfpy,
      })),
    );
  });

  CASES.forEach((c, index) => {
    it(`when compressing after the header (${c.name}), expect zfpy's whole stream and its size`, () => {
      const expected = fromBase64((answers[index] as { bytes: string }).bytes);
      for (const wordBits of [8, 64] as const) {
        const field = fieldOf("double", data, SHAPE);
        const stream = new BitStream(new Uint8Array(maximumSize(c.config, field, wordBits)), { wordBits });
        const header = new BitStream(expected, { wordBits: 8 });
        stream.copyBits(header, c.headerBits);
        const size = compress(stream, c.config, field);
        const want = wordBits === 8 ? expected : padTo8(expected);
        expect(size).toBe(want.length);
        expect(hex(stream.bytes.subarray(0, size))).toBe(hex(want));
      }
    });

    it(`when decompressing from after the header (${c.name}), expect the headerless decode and zfp's size`, () => {
      const expected = fromBase64((answers[index] as { bytes: string }).bytes);
      const stream = new BitStream(expected, { wordBits: 8 });
      stream.rseek(c.headerBits);
      const out = makeArray("double", 90);
      expect(decompress(stream, c.config, fieldOf("double", out, SHAPE))).toBe(expected.length);
      const roundTrip = makeArray("double", 90);
      const again = new BitStream(new Uint8Array(maximumSize(c.config, fieldOf("double", data, SHAPE))));
      compress(again, c.config, fieldOf("double", data, SHAPE));
      again.rewind();
      decompress(again, c.config, fieldOf("double", roundTrip, SHAPE));
      expect(hex(bytesOf(out))).toBe(hex(bytesOf(roundTrip)));
    });
  });
});
