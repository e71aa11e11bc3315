// Decoder shortcut for zero blocks (mirrors src/template/decompress.c: every block is stored, zero or not).
import { describe, expect, it } from "vitest";
import { BitReader, BlockCoder, traitsOf } from "../src/blocks.js";
import {
  BitStream,
  compressToBytes,
  decompress,
  expert,
  type Field,
  fixedAccuracy,
  fixedPrecision,
  reversible,
  type ZfpConfig,
} from "../src/index.js";

type Kind = "int32" | "int64" | "float" | "double";

function arrayOf(type: Kind, count: number, value: (i: number) => number) {
  switch (type) {
    case "int32":
      return Int32Array.from({ length: count }, (_, i) => value(i));
    case "int64":
      return BigInt64Array.from({ length: count }, (_, i) => BigInt(value(i)));
    case "float":
      return Float32Array.from({ length: count }, (_, i) => value(i));
    default:
      return Float64Array.from({ length: count }, (_, i) => value(i));
  }
}

const SHAPES = [
  { nx: 13, ny: 0, nz: 0 },
  { nx: 9, ny: 7, nz: 0 },
  { nx: 6, ny: 5, nz: 9 },
];

describe("given blocks whose decoded coefficients are all zero", () => {
  it("when decompressing into an array holding other values, expect every element overwritten with zero", () => {
    // A budget of exactly the block header (none for integers): no coefficient bit is coded,
    // so every block decodes to zeros whatever the data; and all-zero data in other modes.
    const header = { int32: 0, int64: 0, float: 9, double: 12 } as const;
    for (const type of ["int32", "int64", "float", "double"] as const) {
      const cases: [ZfpConfig, (i: number) => number][] = [
        [expert(0, header[type], 64, -1074), (i) => (i % 7) - 3],
        [fixedPrecision(16), () => 0],
        [fixedAccuracy(1e-3), () => 0],
        [reversible(), () => 0],
      ];
      for (const shape of SHAPES) {
        for (const [config, value] of cases) {
          const count = shape.nx * Math.max(shape.ny, 1) * Math.max(shape.nz, 1);
          const field = { type, data: arrayOf(type, count, value), ...shape, nw: 0 } as Field;
          const bytes = compressToBytes(config, field);
          const out = { ...field, data: arrayOf(type, count, (i) => i + 7) } as Field;
          decompress(new BitStream(bytes), config, out);
          expect(
            Array.from(out.data as ArrayLike<unknown>, (v) => Number(v)),
            `${type} ${JSON.stringify(config)}`,
          ).toEqual(new Array(count).fill(0));
        }
      }
    }
  });
});

describe("given a block coder whose block buffer holds another block's values", () => {
  it("when decoding a block with no coefficient bits, expect zeros in every value slot", () => {
    const header = { int32: 0, int64: 0, float: 9, double: 12 } as const;
    for (const type of ["int32", "int64", "float", "double"] as const) {
      for (let dims = 1; dims <= 4; dims++) {
        const config = expert(0, header[type], 64, -1074);
        const coder = new BlockCoder(traitsOf(type), dims as 1 | 2 | 3 | 4, config);
        const slots = coder.size * traitsOf(type).words;
        // One block of ones (small values: a nonzero exponent for floats), header only.
        coder.values.fill(type === "float" ? 0x3f800000 : type === "double" ? 0 : 1, 0, slots);
        if (type === "double") for (let i = 1; i < slots; i += 2) coder.values[i] = 0x3ff00000;
        const stream = new BitStream(new Uint8Array(64));
        coder.encode(stream);
        stream.flush();
        stream.rewind();
        coder.values.fill(12345, 0, slots);
        const reader = new BitReader();
        reader.attach(stream);
        coder.decode(reader);
        expect(Array.from(coder.values.subarray(0, slots)), `${type} ${dims}D`).toEqual(
          new Array(slots).fill(0),
        );
      }
    }
  });
});
