// Refusals before allocation (checkDecodable, maxBytes), allocation failures as typed errors, exact-size results, typed argument errors.
import { describe, expect, it } from "vitest";
import { allocating } from "../src/errors.js";
import {
  AllocationError,
  BitStream,
  checkDecodable,
  compress,
  compressToBytes,
  DEFAULT_MAX_BYTES,
  decompress,
  decompressToArray,
  expert,
  type Field,
  type FieldShape,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidArgumentError,
  InvalidFieldError,
  InvalidParameterError,
  isZfpError,
  maximumSize,
  OutputTooLargeError,
  reversible,
  type ScalarType,
  TruncatedStreamError,
  type ZfpConfig,
} from "../src/index.js";
import { fieldOf, makeData } from "./support.js";

const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];

function configsFor(type: ScalarType, dims: 1 | 2 | 3 | 4): [string, ZfpConfig][] {
  return [
    ["rate 8", fixedRate(8, { type, dims })],
    ["rate 0.5", fixedRate(0.5, { type, dims })],
    ["precision 12", fixedPrecision(12)],
    ["precision 1", fixedPrecision(1)],
    ["tolerance 1e-3", fixedAccuracy(1e-3)],
    ["reversible", reversible()],
    ["expert (30, 200, 20, -20)", expert(30, 200, 20, -20)],
    ["expert maxbits 0", expert(0, 0, 64, -1074)],
    ["expert minbits 3, reversible", expert(3, 16658, 64, -1075)],
  ];
}

describe("given streams the encoder writes", () => {
  it("when checking them before decoding, expect every one accepted (the bound never refuses a real stream)", () => {
    for (const type of TYPES)
      for (const shape of [[13], [9, 7], [6, 5, 9], [3, 4, 5, 6]])
        for (const kind of ["zeros", "random", "smooth"] as const) {
          const dims = shape.length as 1 | 2 | 3 | 4;
          const field = fieldOf(
            type,
            makeData(
              type,
              kind,
              shape.reduce((a, b) => a * b),
              7,
            ),
            shape,
          );
          for (const [name, config] of configsFor(type, dims)) {
            const bytes = compressToBytes(config, field, { wordBits: 8 });
            const { nx, ny, nz, nw } = field;
            const check = () => checkDecodable(config, { type, nx, ny, nz, nw }, bytes.length * 8);
            const label = `${type} ${shape} ${kind} ${name}`;
            if (!(type === "int32" || type === "int64") || name !== "expert maxbits 0") {
              expect(check, label).not.toThrow();
              expect(
                decompressToArray(bytes, config, { type, nx, ny, nz, nw }, { wordBits: 8 }),
                label,
              ).toHaveLength(field.data.length);
            }
          }
        }
  });
  it("when cutting one byte off a fixed-rate stream, expect TruncatedStreamError before any allocation", () => {
    const field = fieldOf("float", makeData("float", "smooth", 64 * 64, 2), [64, 64]);
    const config = fixedRate(8, { type: "float", dims: 2 });
    const bytes = compressToBytes(config, field, { wordBits: 8 });
    const shape: FieldShape = { type: "float", nx: 64, ny: 64, nz: 0, nw: 0 };
    expect(() =>
      decompressToArray(bytes.subarray(0, bytes.length - 1), config, shape, { wordBits: 8 }),
    ).toThrow(TruncatedStreamError);
  });
});

describe("given a shape far larger than its stream", () => {
  const shape: FieldShape = { type: "float", nx: 1000, ny: 1000, nz: 0, nw: 0 };
  it("when checking it, expect TruncatedStreamError naming the bits needed", () => {
    const config = fixedRate(8, { type: "float", dims: 2 });
    try {
      checkDecodable(config, shape, 16 * 8);
      expect.unreachable();
    } catch (error) {
      expect(isZfpError(error, "TruncatedStream")).toBe(true);
      if (isZfpError(error, "TruncatedStream")) expect(error.requiredBits).toBe(250 * 250 * 128);
    }
  });
  it("when a header precedes the blocks, expect its bits counted", () => {
    const config = fixedRate(8, { type: "float", dims: 1 });
    const small: FieldShape = { type: "float", nx: 8, ny: 0, nz: 0, nw: 0 };
    expect(() => checkDecodable(config, small, 64)).not.toThrow();
    expect(() => checkDecodable(config, small, 64, { startBits: 1 })).toThrow(TruncatedStreamError);
  });
});

describe("given an output cap", () => {
  const huge: FieldShape = { type: "float", nx: 2 ** 28 + 1, ny: 0, nz: 0, nw: 0 };
  it("when the decoded values would pass the default 1 GiB, expect OutputTooLargeError that says how to raise it", () => {
    expect(DEFAULT_MAX_BYTES).toBe(2 ** 30);
    expect(() => decompressToArray(new Uint8Array(8), fixedPrecision(8), huge)).toThrow(
      /pass a larger maxBytes/,
    );
    expect(() => decompressToArray(new Uint8Array(8), fixedPrecision(8), huge)).toThrow(OutputTooLargeError);
  });
  it("when maxBytes is raised, expect the next check (the stream's length) to decide", () => {
    expect(() =>
      decompressToArray(new Uint8Array(8), fixedPrecision(8), huge, { maxBytes: Infinity }),
    ).toThrow(TruncatedStreamError);
  });
  it("when maxBytes is lowered below the output, expect a refusal", () => {
    const shape: FieldShape = { type: "double", nx: 16, ny: 0, nz: 0, nw: 0 };
    expect(() => decompressToArray(new Uint8Array(64), fixedPrecision(8), shape, { maxBytes: 127 })).toThrow(
      OutputTooLargeError,
    );
  });
});

describe("given parameters that decode no bit at all", () => {
  it("when decoding integers with maxbits 0 (rate 0), expect InvalidParameterError up front", () => {
    for (const type of ["int32", "int64"] as const) {
      const shape: FieldShape = { type, nx: 268435456, ny: 0, nz: 0, nw: 0 };
      const config = fixedRate(0, { type, dims: 1 });
      expect(config.maxbits).toBe(0);
      expect(() => decompressToArray(new Uint8Array(8), config, shape, { maxBytes: Infinity })).toThrow(
        InvalidParameterError,
      );
    }
  });
});

describe("given memory that cannot be had", () => {
  it("when a typed array constructor throws RangeError, expect AllocationError with the byte count", () => {
    const error = (() => {
      try {
        allocating(123, "a test", () => new Float64Array(2 ** 40));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AllocationError);
    expect((error as AllocationError).bytes).toBe(123);
    expect((error as AllocationError).tag).toBe("Allocation");
  });
  it("when decoding into more values than a typed array can hold, expect AllocationError, not RangeError", () => {
    // 2^33 int32 values at 1 bit per 4D block: a 4 MiB stream passes the length check.
    const shape: FieldShape = { type: "int32", nx: 512, ny: 256, nz: 256, nw: 256 };
    const config = expert(0, 1, 1, -1074);
    expect(() => decompressToArray(new Uint8Array(2 ** 22), config, shape, { maxBytes: Infinity })).toThrow(
      AllocationError,
    );
  });
  it("when the work buffer of a broadcast field is too large, expect AllocationError", () => {
    const field: Field = {
      type: "float",
      data: new Float32Array(1),
      nx: 2 ** 16,
      ny: 2 ** 16,
      nz: 2 ** 16,
      nw: 0,
      sx: 0,
      sy: 0,
      sz: 0,
      explicitStrides: true,
    };
    expect(() => compressToBytes(fixedPrecision(8), field)).toThrow(AllocationError);
  });
});

describe("given compressToBytes", () => {
  it("when compressing a small field, expect an array of exactly the stream's size over its own buffer", () => {
    const field = fieldOf("double", makeData("double", "smooth", 1000, 3), [1000]);
    const bytes = compressToBytes(fixedPrecision(4), field);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(maximumSize(fixedPrecision(4), field));
  });
});

describe("given arguments of the wrong kind", () => {
  const field = fieldOf("float", new Float32Array(16), [16]);
  const stream = () => new BitStream(new Uint8Array(1024));
  const cases: [string, () => unknown, new (...args: never[]) => Error][] = [
    ["compress(null stream)", () => compress(null as never, fixedPrecision(8), field), InvalidArgumentError],
    ["compress(null config)", () => compress(stream(), null as never, field), InvalidArgumentError],
    ["compress(null field)", () => compress(stream(), fixedPrecision(8), null as never), InvalidFieldError],
    [
      "compress(null options)",
      () => compress(stream(), fixedPrecision(8), field, null as never),
      InvalidArgumentError,
    ],
    [
      "compress(config of strings)",
      () => compress(stream(), { minbits: "1" } as never, field),
      InvalidParameterError,
    ],
    [
      "decompress(object stream)",
      () => decompress({} as never, fixedPrecision(8), field),
      InvalidArgumentError,
    ],
    ["decompress(null config)", () => decompress(stream(), null as never, field), InvalidArgumentError],
    [
      "decompressToArray(null shape)",
      () => decompressToArray(new Uint8Array(8), fixedPrecision(8), null as never),
      InvalidFieldError,
    ],
    [
      "decompressToArray(null options)",
      () => decompressToArray(new Uint8Array(8), fixedPrecision(8), field, null as never),
      InvalidArgumentError,
    ],
    [
      "compressToBytes(null options)",
      () => compressToBytes(fixedPrecision(8), field, null as never),
      InvalidArgumentError,
    ],
    [
      "maximumSize(word size 7)",
      () => maximumSize(fixedPrecision(8), field, 7 as never),
      InvalidArgumentError,
    ],
    ["maximumSize(null config)", () => maximumSize(null as never, field), InvalidArgumentError],
    ["maximumSize(null field)", () => maximumSize(fixedPrecision(8), null as never), InvalidFieldError],
    ['fixedAccuracy("x")', () => fixedAccuracy("x" as never), InvalidParameterError],
    ['fixedRate("8")', () => fixedRate("8" as never, { type: "float", dims: 1 }), InvalidParameterError],
    ["fixedRate(8, null)", () => fixedRate(8, null as never), InvalidArgumentError],
    ["checkDecodable(null config)", () => checkDecodable(null as never, field, 8), InvalidArgumentError],
  ];
  for (const [name, call, type] of cases) {
    it(`when calling ${name}, expect ${type.name}`, () => {
      expect(call).toThrow(type);
    });
  }
});
