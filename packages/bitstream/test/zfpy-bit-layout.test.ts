// Byte identity with C: streams whose bit layout is known (zfp's header fields, facts §2;
// the worked blocks of facts §4.13), written with BitStream and compared with the bytes
// Debian's zfpy (8-bit stream words) produces. With wider words our streams must equal the
// oracle's bytes plus zero padding to a whole word.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  type OracleResponse,
  pyNumber,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { oracleParams, ZTYPE_OF_DTYPE } from "@zfpjs/tooling/testing";
import { beforeAll, expect, it } from "vitest";
import { BitStream, type WordBits } from "../src/index.js";
import { bitsOfBytes, bitsOfString } from "./bit-model.js";

type Mode = { tolerance: number } | { rate: number } | { precision: number } | "reversible";

interface HeaderCase {
  dtype: OracleDtype;
  /** numpy shape, C order (zfp's nx is the last entry). */
  shape: number[];
  mode: Mode;
}

const CASES: HeaderCase[] = [
  { dtype: "float32", shape: [4], mode: { precision: 8 } },
  { dtype: "float32", shape: [37], mode: { rate: 8 } },
  { dtype: "float64", shape: [3, 5], mode: { tolerance: 0.001 } },
  { dtype: "float64", shape: [2, 3, 4], mode: { precision: 64 } }, // expert defaults: 64-bit mode
  { dtype: "float32", shape: [2, 2, 3, 5], mode: { tolerance: 0 } }, // expert defaults: 64-bit mode
  { dtype: "float64", shape: [6, 7], mode: { tolerance: 2 ** 900 } }, // minexp 900: 64-bit mode
  { dtype: "int32", shape: [9, 4], mode: "reversible" },
  { dtype: "int64", shape: [5, 3, 2], mode: { precision: 20 } },
  { dtype: "int32", shape: [70], mode: { rate: 3.5 } },
  { dtype: "float32", shape: [1, 1, 1, 1], mode: "reversible" },
];

/** Deterministic sample values of `dtype`, as bytes. */
function sampleData(dtype: OracleDtype, count: number): ArrayBufferView {
  const values = Array.from({ length: count }, (_, i) => Math.sin(i * 0.7) * 1000 + i);
  switch (dtype) {
    case "float32":
      return new Float32Array(values);
    case "float64":
      return new Float64Array(values);
    case "int32":
      return new Int32Array(values.map((v) => Math.round(v)));
    case "int64":
      return new BigInt64Array(values.map((v) => BigInt(Math.round(v))));
  }
}

function request(c: HeaderCase, writeHeader: boolean): OracleRequest {
  const count = c.shape.reduce((a, b) => a * b, 1);
  const params = c.mode === "reversible" ? {} : oracleParams(c.mode);
  return {
    op: "compress",
    dtype: c.dtype,
    shape: c.shape,
    data: toBase64(sampleData(c.dtype, count)),
    write_header: writeHeader,
    ...params,
  };
}

/** The 52-bit meta field of facts §2.3. */
function metaField(c: HeaderCase): bigint {
  const sizes = [...c.shape].reverse().map((n) => BigInt(n - 1)); // nx, ny, nz, nw
  const d = sizes.length;
  const width = [48, 24, 16, 12][d - 1]!;
  let meta = BigInt(ZTYPE_OF_DTYPE[c.dtype] - 1) | (BigInt(d - 1) << 2n);
  sizes.forEach((size, i) => {
    meta |= size << BigInt(4 + i * width);
  });
  return meta;
}

/** The mode field of facts §2.4: [value, 12 or 64 bits]. */
function modeField(c: HeaderCase): [bigint, number] {
  const d = c.shape.length;
  let [minbits, maxbits, maxprec, minexp] = [1, 16658, 64, -1074];
  if (c.mode === "reversible") minexp = -1075;
  else if ("precision" in c.mode) maxprec = Math.min(c.mode.precision, 64);
  else if ("tolerance" in c.mode)
    minexp = c.mode.tolerance > 0 ? Math.floor(Math.log2(c.mode.tolerance)) : -1074;
  else {
    maxbits = Math.floor(4 ** d * c.mode.rate + 0.5);
    minbits = maxbits;
  }
  const isDefault = minbits === 1 && maxbits === 16658 && maxprec === 64;
  if (minbits === maxbits && maxprec === 64 && minexp === -1074 && maxbits <= 2048)
    return [BigInt(maxbits - 1), 12];
  if (minbits === 1 && maxbits === 16658 && maxprec < 64 && minexp === -1074)
    return [BigInt(2048 + maxprec - 1), 12];
  if (isDefault && minexp === -1075) return [2176n, 12];
  if (isDefault && minexp > -1074 && minexp <= 843) return [BigInt(2177 + minexp + 1074), 12];
  const long =
    0xfffn |
    (BigInt(minbits - 1) << 12n) |
    (BigInt(maxbits - 1) << 27n) |
    (BigInt(maxprec - 1) << 42n) |
    (BigInt(minexp + 16495) << 49n);
  return [long, 64];
}

/** Writes the FULL header of `c` (magic, meta, mode), using a different write method per field. */
function writeHeader(stream: BitStream, c: HeaderCase): number {
  for (const byte of [0x7a, 0x66, 0x70, 5]) stream.writeBits(byte, 8);
  const meta = metaField(c);
  stream.writeBits64(Number(meta & 0xffffffffn), Number(meta >> 32n), 52);
  const [mode, modeBits] = modeField(c);
  if (modeBits === 12) stream.writeBits(Number(mode), 12);
  else stream.writeBigBits(mode, 64);
  return 32 + 52 + modeBits;
}

/** `bytes` followed by zeros up to a multiple of `wordBits / 8` bytes. */
function padToWord(bytes: Uint8Array, wordBits: WordBits): Uint8Array {
  const wordBytes = wordBits / 8;
  const out = new Uint8Array(Math.ceil(bytes.length / wordBytes) * wordBytes);
  out.set(bytes);
  return out;
}

const WORD_SIZES: WordBits[] = [8, 16, 32, 64];

describeWithOracle("bit layout matches zfpy (Debian, 8-bit words)", () => {
  let full: Uint8Array[] = [];
  let headerless: Uint8Array[] = [];
  let worked: { precision8: Uint8Array; reversibleInt: Uint8Array };

  beforeAll(() => {
    const requests: OracleRequest[] = [
      ...CASES.map((c) => request(c, true)),
      ...CASES.map((c) => request(c, false)),
      {
        op: "compress",
        dtype: "float32",
        shape: [4],
        data: toBase64(new Float32Array([1, 2, 3, 4])),
        precision: pyNumber(8),
        write_header: false,
      },
      {
        op: "compress",
        dtype: "int32",
        shape: [4],
        data: toBase64(new Int32Array([1, 2, 3, 4])),
        write_header: false,
      },
    ];
    const answers = askZfpy(requests).map((answer: OracleResponse, i) => {
      if (!answer.ok) throw new Error(`zfpy failed on request ${i}: ${answer.error}: ${answer.message}`);
      return fromBase64(answer.bytes!);
    });
    full = answers.slice(0, CASES.length);
    headerless = answers.slice(CASES.length, 2 * CASES.length);
    worked = { precision8: answers[2 * CASES.length]!, reversibleInt: answers[2 * CASES.length + 1]! };
  });

  it.each(CASES.map((c, i) => [i, c.dtype, JSON.stringify(c.shape), JSON.stringify(c.mode)] as const))(
    "given zfpy case %i (%s, shape %s, mode %s), when its header fields are written and the headerless stream's bits are copied after them, expect zfpy's bytes exactly with 8-bit words and zero-padded to the word otherwise",
    (i) => {
      const c = CASES[i]!;
      const expected = full[i]!;
      for (const W of WORD_SIZES) {
        const stream = new BitStream(new Uint8Array(expected.length + 8), { wordBits: W });
        const headerBits = writeHeader(stream, c);
        expect(stream.wtell()).toBe(headerBits);
        const source = new BitStream(headerless[i]!, { wordBits: 8 });
        const dataBits = Math.min(source.capacityBits, expected.length * 8 - headerBits);
        stream.copyBits(source, dataBits);
        // What copyBits left behind in the headerless stream is its zero padding.
        while (source.rtell() < source.capacityBits) expect(source.readBit()).toBe(0);
        stream.flush();
        expect(stream.size()).toBe(padToWord(expected, W).length);
        expect(stream.bytes.subarray(0, stream.size())).toEqual(padToWord(expected, W));
        // And the same fields read back from zfpy's own stream.
        const reader = new BitStream(expected, { wordBits: 8 });
        expect(reader.readBits(32)).toBe(0x0570667a);
        const meta = new Uint32Array(2);
        reader.readBitsInto(52, meta);
        expect(BigInt(meta[0]!) | (BigInt(meta[1]!) << 32n)).toBe(metaField(c));
        const [mode, modeBits] = modeField(c);
        expect(reader.readBigBits(modeBits)).toBe(mode);
      }
    },
  );

  it("given the worked block of facts §4.13 ([1,2,3,4] float32, precision 8), when its 28 bits are written one by one, expect zfpy's headerless bytes (05 31 0b 00), zero-padded for wider words", () => {
    const bits = bitsOfString("101000001 000 110 0110 100 000 000");
    expect(bits.length).toBe(28);
    for (const W of WORD_SIZES) {
      const stream = new BitStream(new Uint8Array(8), { wordBits: W });
      for (const bit of bits) stream.writeBit(bit);
      expect(stream.flush()).toBe((W - (28 % W)) % W);
      expect(stream.bytes.subarray(0, stream.size())).toEqual(padToWord(worked.precision8, W));
    }
    // Read back from zfpy's bytes: the 9-bit exponent field is 2*130+1.
    const reader = new BitStream(worked.precision8, { wordBits: 8 });
    expect(reader.readBits(9)).toBe(261);
    expect(bitsOfBytes(worked.precision8).slice(0, 28)).toEqual(bits);
  });

  it("given the reversible int32 block [1,2,3,4] of facts §4.13, when its 41 bits are written as fields and padding, expect zfpy's headerless bytes", () => {
    for (const W of WORD_SIZES) {
      const stream = new BitStream(new Uint8Array(8), { wordBits: W });
      stream.writeBits(31, 5); // precision field: p = 32
      stream.pad(31); // 31 empty bit planes
      stream.writeBits(0b01111, 5); // plane 0
      expect(stream.wtell()).toBe(41);
      stream.flush();
      expect(stream.bytes.subarray(0, stream.size())).toEqual(padToWord(worked.reversibleInt, W));
    }
  });
});
