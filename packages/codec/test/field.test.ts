// Field validation, errors, maximumSize's values.
import { describe, expect, it } from "vitest";
import {
  BitStream,
  BufferTooSmallError,
  compress,
  compressToBytes,
  decompress,
  decompressToArray,
  expert,
  type Field,
  fieldDims,
  fieldSize,
  fixedPrecision,
  fixedRate,
  InvalidFieldError,
  isZfpError,
  maximumSize,
  reversible,
  TruncatedStreamError,
  UnsupportedTypeError,
} from "../src/index.js";

function float1d(n: number): Field {
  return { type: "float", data: new Float32Array(n), nx: n, ny: 0, nz: 0, nw: 0 };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("given field descriptions", () => {
  it("when sizes are used, expect zfp's dimensionality and value count", () => {
    expect(fieldDims({ nx: 5, ny: 0, nz: 0, nw: 0 })).toBe(1);
    expect(fieldDims({ nx: 5, ny: 3, nz: 0, nw: 0 })).toBe(2);
    expect(fieldDims({ nx: 5, ny: 3, nz: 2, nw: 0 })).toBe(3);
    expect(fieldDims({ nx: 5, ny: 3, nz: 2, nw: 7 })).toBe(4);
    expect(fieldSize({ nx: 5, ny: 3, nz: 2, nw: 7 })).toBe(210);
  });

  const bad: [string, Partial<Field> & Record<string, unknown>][] = [
    ["nx of 0", { nx: 0 }],
    ["a fractional size", { nx: 2.5 }],
    ["a negative size", { ny: -1 }],
    ["a size after an unused one", { ny: 0, nz: 2 }],
    ["a type that does not match the array", { type: "double" }],
    ["an array too short", { nx: 9 }],
    ["a stride reaching past the end", { sx: 3 }],
    ["a negative stride without offset", { sx: -1 }],
    ["a fractional stride", { sx: 1.5 }],
    ["a negative offset", { offset: -1 }],
    ["an offset pushing past the end", { offset: 1 }],
  ];
  for (const [what, change] of bad) {
    it(`when given ${what}, expect InvalidFieldError before any byte is written`, () => {
      const field = { ...float1d(8), ...change } as Field;
      const stream = new BitStream(new Uint8Array(1000));
      const error = thrown(() => compress(stream, fixedPrecision(8), field));
      expect(error).toBeInstanceOf(InvalidFieldError);
      expect(isZfpError(error, "InvalidField")).toBe(true);
      expect(stream.wtell()).toBe(0);
      expect(thrown(() => decompress(stream, fixedPrecision(8), field))).toBeInstanceOf(InvalidFieldError);
    });
  }

  it("when given an unknown scalar type, expect UnsupportedTypeError", () => {
    const field = { ...float1d(4), type: "float16" } as unknown as Field;
    const error = thrown(() => compressToBytes(fixedPrecision(8), field));
    expect(error).toBeInstanceOf(UnsupportedTypeError);
    expect((error as Error).message).toMatch(/int32, int64, float or double/);
  });

  it("when given a parameter C's types cannot hold, expect InvalidParameterError", () => {
    const config = { minbits: 1, maxbits: 2 ** 40, maxprec: 64, minexp: -1074 };
    expect(
      isZfpError(
        thrown(() => compressToBytes(config, float1d(4))),
        "InvalidParameter",
      ),
    ).toBe(true);
  });
});

describe("given compress options", () => {
  it('when nonFinite is neither "error" nor "as-c", expect InvalidArgumentError', () => {
    const options = { nonFinite: "ignore" } as unknown as { nonFinite: "error" };
    expect(
      isZfpError(
        thrown(() => compressToBytes(fixedPrecision(8), float1d(4), options)),
        "InvalidArgument",
      ),
    ).toBe(true);
  });
});

describe("given buffers too small or streams too short", () => {
  it("when compressing into a small buffer, expect BufferTooSmallError and nothing written past it", () => {
    const memory = new Uint8Array(64).fill(0xee);
    const stream = new BitStream(memory.subarray(0, 8));
    const field: Field = { ...float1d(64), data: Float32Array.from({ length: 64 }, Math.sin) };
    expect(thrown(() => compress(stream, reversible(), field))).toBeInstanceOf(BufferTooSmallError);
    expect(Array.from(memory.subarray(8))).toEqual(new Array(56).fill(0xee));
  });

  it("when decompressing a truncated stream, expect TruncatedStreamError", () => {
    const field: Field = { ...float1d(64), data: Float32Array.from({ length: 64 }, Math.sin) };
    const bytes = compressToBytes(reversible(), field, { wordBits: 8 });
    const error = thrown(() =>
      decompressToArray(bytes.subarray(0, 10), reversible(), field, { wordBits: 8 }),
    );
    expect(error).toBeInstanceOf(TruncatedStreamError);
  });
});

describe("given maximumSize", () => {
  it("when asked for zfp's documented cases (float 1D, 100 values, 8-bit words), expect C's values", () => {
    const field = float1d(100);
    expect(maximumSize(reversible(), field, 8)).toBe(475);
    expect(maximumSize(fixedPrecision(64), field, 8)).toBe(456);
    expect(maximumSize(fixedPrecision(10), field, 8)).toBe(181);
    expect(maximumSize(fixedRate(4, { type: "float", dims: 1 }), field, 8)).toBe(69);
  });

  it("when maxbits is below a block's header, expect room for full-precision blocks where C reserves maxbits only", () => {
    const field = float1d(100);
    const config = expert(1, 4, 64, -1074);
    const cSize = Math.ceil((148 + 25 * 4) / 8);
    expect(maximumSize(config, field, 8)).toBe(Math.ceil((148 + 25 * (9 + 3 + 4 * 32)) / 8));
    expect(maximumSize(config, field, 8)).toBeGreaterThan(cSize);
  });
});
