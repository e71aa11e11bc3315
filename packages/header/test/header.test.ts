import {
  BitStream,
  BufferTooSmallError,
  DEFAULT_CONFIG,
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidArgumentError,
  InvalidParameterError,
  reversible,
  type ZfpConfig,
} from "@zfpjs/codec";
import { describe, expect, it } from "vitest";
import {
  BadMagicError,
  describeHeader,
  fieldFromMeta,
  HEADER_FULL,
  HEADER_MAGIC,
  HEADER_META,
  HEADER_MODE,
  type HeaderField,
  HeaderSizeError,
  headerBits,
  InvalidModeError,
  InvalidTypeError,
  maxHeaderSize,
  metaValue,
  readHeader,
  TruncatedHeaderError,
  UnsupportedCodecError,
  writeHeader,
} from "../src/index.js";

function written(field: HeaderField, config: ZfpConfig, mask = HEADER_FULL, offset = 0): Uint8Array {
  const stream = new BitStream(new Uint8Array(32), { wordBits: 8 });
  stream.pad(offset);
  writeHeader(stream, field, config, mask);
  stream.flush();
  return stream.bytes.subarray(0, stream.size());
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("meta part", () => {
  it("given the worked example when encoded expect meta 0x32", () => {
    expect(metaValue({ type: "float", nx: 4 })).toBe(0x32);
    expect(fieldFromMeta(0x32)).toEqual({ type: "float", dims: 1, nx: 4, ny: 0, nz: 0, nw: 0 });
  });
  it.each([1, 2, 3, 4] as const)(
    "given %iD fields at the largest size when encoded expect a round trip",
    (dims) => {
      const max = maxHeaderSize(dims);
      for (const type of ["int32", "int64", "float", "double"] as const) {
        for (let axis = 0; axis < dims; axis++) {
          const sizes = [1, 2, 3, 4].slice(0, dims);
          sizes[axis] = max;
          const field = { type, nx: sizes[0]!, ny: sizes[1] ?? 0, nz: sizes[2] ?? 0, nw: sizes[3] ?? 0 };
          const meta = metaValue(field);
          expect(meta).toBeLessThan(2 ** 52);
          if (dims === 1 && max > 2 ** 32) {
            expect(() => fieldFromMeta(meta)).toThrow(HeaderSizeError);
            expect(fieldFromMeta(meta, { wideNx: "as-c" }).nx).toBe(2 ** 32);
          } else {
            expect(fieldFromMeta(meta)).toEqual({ ...field, dims });
          }
        }
      }
    },
  );
  it.each([1, 2, 3, 4] as const)(
    "given %iD fields one above the largest size expect HeaderSizeError naming the dimension",
    (dims) => {
      const names = ["nx", "ny", "nz", "nw"] as const;
      for (let axis = 0; axis < dims; axis++) {
        const sizes = [1, 1, 1, 1].slice(0, dims);
        sizes[axis] = maxHeaderSize(dims) + 1;
        const error = thrown(() =>
          metaValue({
            type: "double",
            nx: sizes[0]!,
            ny: sizes[1] ?? 0,
            nz: sizes[2] ?? 0,
            nw: sizes[3] ?? 0,
          }),
        ) as HeaderSizeError;
        expect(error).toBeInstanceOf(HeaderSizeError);
        expect(error.tag).toBe("HeaderSize");
        expect(error.dimension).toBe(names[axis]);
        expect(error.size).toBe(maxHeaderSize(dims) + 1);
        expect(error.message).toContain(`${names[axis]} = ${maxHeaderSize(dims) + 1}`);
      }
    },
  );
  it("given two sizes too large when encoded expect the first one named", () => {
    const error = thrown(() => metaValue({ type: "float", nx: 70000, ny: 1, nz: 70000 })) as HeaderSizeError;
    expect(error.dimension).toBe("nx");
  });
  it("given 1D nx between 2^32 and 2^48 when decoded expect an error, or C's modulo with as-c", () => {
    const meta = metaValue({ type: "int32", nx: 2 ** 32 + 4 });
    const error = thrown(() => fieldFromMeta(meta)) as HeaderSizeError;
    expect(error).toBeInstanceOf(HeaderSizeError);
    expect(error.message).toMatch(/modulo 2\^32 as nx = 4/);
    expect(fieldFromMeta(meta, { wideNx: "as-c" }).nx).toBe(4);
    expect(fieldFromMeta(metaValue({ type: "int32", nx: 2 ** 32 })).nx).toBe(2 ** 32);
  });
  it("given malformed fields when encoded expect typed errors", () => {
    expect(() => metaValue({ type: "uint8" as "float", nx: 4 })).toThrow(InvalidTypeError);
    expect(() => metaValue({ type: null as unknown as "float", nx: 4 })).toThrow(InvalidTypeError);
    expect(() => metaValue({ type: "float", nx: 0 })).toThrow(InvalidArgumentError);
    expect(() => metaValue(null as unknown as HeaderField)).toThrow(InvalidArgumentError);
    expect(() => metaValue({ type: "float", nx: 4, ny: 0, nz: 3 })).toThrow(/nz is 3 but ny is 0/);
    expect(() => metaValue({ type: "float", nx: 4.5 })).toThrow(InvalidArgumentError);
    expect(() => metaValue({ type: "float", nx: -1 })).toThrow(InvalidArgumentError);
    expect(() => metaValue({ type: "float", nx: 2 ** 53 })).toThrow(InvalidArgumentError);
  });
  it("given every type and dimensionality code when decoded expect a valid field (no invalid meta exists)", () => {
    for (let low = 0; low < 16; low++) {
      const field = fieldFromMeta(low + 16 * 5);
      expect(field.dims).toBe((low >> 2) + 1);
      expect(["int32", "int64", "float", "double"][low & 3]).toBe(field.type);
    }
    expect(() => fieldFromMeta(2 ** 52)).toThrow(InvalidArgumentError);
  });
});

describe("writeHeader and readHeader", () => {
  it("given the worked example when written expect the bytes of zfp's documentation", () => {
    // 7a 66 70 05 | 32 00 00 00 00 00 | 70 80 (the facts sheet, section 2.5)
    expect([...written({ type: "float", nx: 4 }, fixedPrecision(8))]).toEqual([
      0x7a, 0x66, 0x70, 0x05, 0x32, 0, 0, 0, 0, 0, 0x70, 0x80,
    ]);
  });
  it("given every mask and many offsets when written and read expect the same parts and bit counts", () => {
    const field = { type: "int64", nx: 5, ny: 6, nz: 7 } as const;
    const configs = [
      fixedPrecision(9),
      DEFAULT_CONFIG,
      reversible(),
      fixedRate(600, { type: null, dims: 1 }),
    ];
    for (const config of configs) {
      for (let mask = 0; mask <= 7; mask++) {
        for (const offset of [0, 1, 7, 13, 31, 32, 33, 63]) {
          const stream = new BitStream(new Uint8Array(40), { wordBits: 64 });
          stream.pad(offset);
          const bits = writeHeader(stream, field, config, mask);
          expect(bits).toBe(headerBits(config, mask));
          expect(stream.wtell()).toBe(offset + bits);
          stream.writeBits(0x5a5, 12); // data right after the header
          stream.flush();
          stream.rseek(offset);
          const header = readHeader(stream, mask);
          expect(header.bits).toBe(bits);
          expect(stream.readBits(12)).toBe(0x5a5);
          expect(header.type).toBe(mask & HEADER_META ? "int64" : undefined);
          expect(header.nz).toBe(mask & HEADER_META ? 7 : undefined);
          expect(header.nw).toBe(mask & HEADER_META ? 0 : undefined);
          expect(header.config).toEqual(mask & HEADER_MODE ? config : undefined);
        }
      }
    }
  });
  it("given an offset when written expect the same bits as at offset 0, shifted", () => {
    const base = written({ type: "double", nx: 9, ny: 3 }, DEFAULT_CONFIG);
    for (const offset of [1, 5, 11]) {
      const shifted = new BitStream(
        written({ type: "double", nx: 9, ny: 3 }, DEFAULT_CONFIG, HEADER_FULL, offset),
      );
      shifted.rseek(offset);
      const reference = new BitStream(base);
      for (let bit = 0; bit < 148; bit++) expect(shifted.readBit()).toBe(reference.readBit());
    }
  });
  it("given parts that do not fit when written expect an error and nothing written", () => {
    const bytes = new Uint8Array(32).fill(0xee);
    const stream = new BitStream(bytes, { wordBits: 8 });
    expect(() => writeHeader(stream, { type: "float", nx: 70000, ny: 2, nz: 2 }, DEFAULT_CONFIG)).toThrow(
      HeaderSizeError,
    );
    expect(() =>
      writeHeader(stream, { type: "float", nx: 4 }, { minbits: 3, maxbits: 2, maxprec: 1, minexp: 0 }),
    ).toThrow(InvalidParameterError);
    expect(() =>
      writeHeader(new BitStream(new Uint8Array(18)), { type: "float", nx: 4 }, DEFAULT_CONFIG),
    ).toThrow(BufferTooSmallError);
    expect(() => writeHeader(stream, { type: "float", nx: 4 }, DEFAULT_CONFIG, 8)).toThrow(
      InvalidArgumentError,
    );
    expect(stream.wtell()).toBe(0);
    stream.flush();
    expect(bytes.every((b) => b === 0xee)).toBe(true);
  });
  it("given a mask without meta or mode when written expect the field or config ignored", () => {
    const stream = new BitStream(new Uint8Array(16));
    expect(writeHeader(stream, null, fixedPrecision(3), HEADER_MAGIC | HEADER_MODE)).toBe(44);
    expect(writeHeader(stream, { type: "float", nx: 1 }, null, HEADER_META)).toBe(52);
    expect(writeHeader(stream, null, null, 0)).toBe(0);
  });
});

describe("malformed headers", () => {
  const good = written({ type: "float", nx: 10, ny: 20 }, DEFAULT_CONFIG); // 148 bits, 19 bytes
  const goodShort = written({ type: "int32", nx: 10 }, fixedAccuracy(1e-3)); // 96 bits, 12 bytes

  it("given each magic byte broken when read expect BadMagic or UnsupportedCodec with what was found", () => {
    for (let byte = 0; byte < 4; byte++) {
      for (const value of [0, 0x7b, 4, 6, 0xff]) {
        const bytes = good.slice();
        if (bytes[byte] === value) continue;
        bytes[byte] = value;
        const error = thrown(() => readHeader(new BitStream(bytes)));
        if (byte < 3) {
          expect(error).toBeInstanceOf(BadMagicError);
          expect((error as BadMagicError).offset).toBe(byte * 8);
          expect((error as BadMagicError).found).toBe(value);
        } else {
          expect(error).toBeInstanceOf(UnsupportedCodecError);
          expect((error as UnsupportedCodecError).version).toBe(value);
          expect((error as Error).message).toContain(`found ${value}`);
        }
      }
    }
  });
  it("given the short mode broken to 2112..2175 when read expect InvalidModeError", () => {
    for (let code = 2112; code <= 2175; code++) {
      const stream = new BitStream(new Uint8Array(16));
      writeHeader(stream, { type: "int32", nx: 10 }, null, HEADER_MAGIC | HEADER_META);
      stream.writeBits(code, 12);
      stream.flush();
      stream.rewind();
      const error = thrown(() => readHeader(stream));
      expect(error).toBeInstanceOf(InvalidModeError);
      expect((error as Error).message).toContain(`maxprec ${code - 2047}`);
    }
  });
  it("given the long mode broken (minbits > maxbits, maxprec > 64) when read expect InvalidModeError", () => {
    const stream = new BitStream(new Uint8Array(24));
    writeHeader(stream, { type: "double", nx: 3 }, null, HEADER_MAGIC | HEADER_META);
    stream.writeBits(0xfff | (9 << 12) | (4 << 27), 32); // minbits 10, maxbits 5
    stream.writeBits(63 << 10, 32);
    stream.flush();
    stream.rewind();
    expect(() => readHeader(stream)).toThrow(/minbits 10 exceeds maxbits 5/);
    const bytes = good.slice();
    bytes[16] = (bytes[16]! & ~0x3f) | 0x3f; // maxprec field bits 42..48 of the mode, at bits 126..132
    bytes[15] = bytes[15]! | 0xc0;
    expect(() => readHeader(new BitStream(bytes))).toThrow(InvalidModeError);
  });
  it("given a header truncated at every length when read expect TruncatedHeaderError in the right part", () => {
    for (const [bytes, total] of [
      [good, 148],
      [goodShort, 96],
    ] as const) {
      for (let length = 0; length < Math.ceil(total / 8); length++) {
        const error = thrown(() =>
          readHeader(new BitStream(bytes.subarray(0, length))),
        ) as TruncatedHeaderError;
        expect(error, `${length} bytes`).toBeInstanceOf(TruncatedHeaderError);
        expect(error.part).toBe(length < 4 ? "magic" : length < 11 ? "meta" : "mode");
        expect(error.availableBits).toBe(length * 8);
        expect(error.requiredBits).toBeGreaterThan(length * 8);
      }
      expect(readHeader(new BitStream(bytes)).bits).toBe(total);
    }
  });
  it("given a header at bit offsets 1..7 cut at every byte when read expect TruncatedHeaderError", () => {
    for (let offset = 1; offset < 8; offset++) {
      const whole = written({ type: "float", nx: 10, ny: 20 }, DEFAULT_CONFIG, HEADER_FULL, offset);
      for (let length = 0; length < whole.length; length++) {
        const stream = new BitStream(whole.subarray(0, length));
        stream.rseek(offset);
        expect(() => readHeader(stream), `offset ${offset}, ${length} bytes`).toThrow(TruncatedHeaderError);
      }
      const stream = new BitStream(whole);
      stream.rseek(offset);
      expect(readHeader(stream).config).toEqual(DEFAULT_CONFIG);
    }
  });
});

describe("describeHeader", () => {
  it("given a 2D float fixed-rate header when described expect every field correct", () => {
    const config = fixedRate(2.2, { type: "float", dims: 2 });
    const header = readHeader(new BitStream(written({ type: "float", nx: 10, ny: 20 }, config)));
    expect(describeHeader(header)).toEqual({
      type: "float",
      typeCode: 3,
      dims: 2,
      shapeZfp: [10, 20],
      shapeC: [20, 10],
      count: 200,
      mode: "fixed-rate",
      modeNumber: 2,
      rate: 2.1875,
      precision: 0,
      tolerance: 0,
      reversible: false,
      minbits: 35,
      maxbits: 35,
      maxprec: 64,
      minexp: -1074,
      modeValue: "0x22",
      modeBits: 12,
      headerBits: 96,
    });
  });
  it("given the modes when described expect the getters' values and distinct minbits/maxbits", () => {
    const d = (config: ZfpConfig) => describeHeader({ type: "double", nx: 2, ny: 3, nz: 4, nw: 5, config });
    expect(d(fixedAccuracy(1e-3))).toMatchObject({
      mode: "fixed-accuracy",
      tolerance: 2 ** -10,
      minexp: -10,
    });
    expect(d(fixedPrecision(12))).toMatchObject({
      mode: "fixed-precision",
      precision: 12,
      shapeC: [5, 4, 3, 2],
    });
    expect(d(reversible())).toMatchObject({ mode: "reversible", reversible: true, modeValue: "0x880" });
    expect(d(expert(5, 100, 30, -10))).toMatchObject({
      mode: "expert",
      minbits: 5,
      maxbits: 100,
      maxprec: 30,
      minexp: -10,
      rate: 0,
      modeBits: 64,
      count: 120,
    });
    expect(d(DEFAULT_CONFIG).modeValue).toBe("0x787afe0888000fff");
    expect(describeHeader({ bits: 32 })).toMatchObject({
      type: null,
      shapeC: null,
      mode: null,
      headerBits: 32,
    });
  });
});
