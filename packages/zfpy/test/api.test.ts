// The public surface: exports, constants (checked against zfpy's module), dtype maps, twins, `out`
// through strides, NaN handling, and the header description.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleResponse,
  pyNumber,
  toBase64,
} from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import * as zfpy from "../src/index.js";
import { compareBytes, fill } from "./arrays.js";

const {
  _decompress,
  compress,
  compress_numpy,
  decompress,
  decompress_numpy,
  decompressHeaderless,
  dtype_to_ztype,
  dtypeToZtype,
  header,
  readHeader,
  ztype_to_dtype,
  ztypeToDtype,
} = zfpy;

describe("given the package's public surface", () => {
  it("when listed, expect exactly these exports (a change here is a change of the API)", () => {
    expect(Object.keys(zfpy).sort()).toEqual(
      [
        "DEFAULT_MAX_OUTPUT_BYTES",
        "HEADER_FULL",
        "HEADER_MAGIC",
        "HEADER_META",
        "HEADER_MODE",
        "ZfpyMemoryError",
        "ZfpyOverflowError",
        "ZfpyRuntimeError",
        "ZfpyTypeError",
        "ZfpyValueError",
        "_decompress",
        "compress",
        "compressStream",
        "compress_numpy",
        "createStreamCompressor",
        "createStreamDecompressor",
        "decompress",
        "decompressHeaderless",
        "decompressStream",
        "decompress_numpy",
        "dtypeToZtype",
        "dtype_to_ztype",
        "header",
        "isZfpyError",
        "mode_expert",
        "mode_fixed_accuracy",
        "mode_fixed_precision",
        "mode_fixed_rate",
        "mode_null",
        "mode_reversible",
        "readHeader",
        "type_double",
        "type_float",
        "type_int32",
        "type_int64",
        "type_none",
        "ztypeToDtype",
        "ztype_to_dtype",
        // random access (region.ts)
        "CompressedNdarray",
        "buildIndex",
        "build_index",
        "decompressPreview",
        "decompressRegion",
        "decompress_preview",
        "decompress_region",
        "openCompressed",
        "open_compressed",
      ].sort(),
    );
  });

  it("when inspected, expect no lower package re-exported whole (import @zfpjs/codec and @zfpjs/header directly)", () => {
    expect(zfpy).not.toHaveProperty("codec");
    expect(zfpy).not.toHaveProperty("zfpHeader");
  });

  it("when dtypes and zfp types are mapped, expect zfpy's table both ways", () => {
    expect(["int32", "int64", "float32", "float64"].map((d) => dtype_to_ztype(d))).toEqual([1, 2, 3, 4]);
    expect([1, 2, 3, 4].map((z) => ztype_to_dtype(z))).toEqual(["int32", "int64", "float32", "float64"]);
    expect(dtype_to_ztype("bigint64")).toBe(2);
    expect(dtype_to_ztype(Float32Array)).toBe(3);
    expect(dtype_to_ztype(ndarray(new BigInt64Array(2)).dtype)).toBe(2);
    expect(dtypeToZtype).toBe(dtype_to_ztype);
    expect(ztypeToDtype).toBe(ztype_to_dtype);
    expect(() => dtype_to_ztype(Uint16Array)).toThrow(/^Unknown dtype: Uint16Array/);
  });
});

describe("given the camelCase twins", () => {
  const a = ndarray(fill("float64", [6, 5], 3), [6, 5]);

  it("when compress/decompress are used, expect compress_numpy/decompress_numpy's bytes and values", () => {
    expect(compareBytes(compress(a, { precision: 20 }), compress_numpy(a, { precision: 20 }))).toBe("equal");
    expect(
      compareBytes(compress(a, { writeHeader: false }), compress_numpy(a, { write_header: false })),
    ).toBe("equal");
    const bytes = compress(a);
    expect(decompress(bytes).data).toEqual(decompress_numpy(bytes).data);
    expect(readHeader(bytes)).toEqual(header(bytes));
  });

  it("when decompressHeaderless gets a dtype name or a zfp type, expect _decompress's values", () => {
    const raw = compress(a, { tolerance: 1e-6, writeHeader: false });
    const expected = _decompress(raw, zfpy.type_double, [6, 5], { tolerance: 1e-6 });
    for (const type of ["float64", zfpy.type_double] as const) {
      const values = decompressHeaderless(raw, { type, shape: [6, 5], tolerance: 1e-6 });
      expect(values.data).toEqual(expected.data);
      expect(values.shape).toEqual([6, 5]);
    }
  });
});

describe("given _decompress with an out ndarray that is not contiguous", () => {
  it("when decoding into a transposed, reversed view, expect each element where the view puts it", () => {
    const values = fill("float32", [4, 6], 9);
    const bytes = compress_numpy(ndarray(values, [4, 6]), { write_header: false });
    // out is the [4, 6] view of a [6, 4] array, transposed and with its first axis reversed.
    const storage = new Float32Array(24);
    const out = ndarray(storage, [6, 4]).transpose(1, 0).step(-1, 1);
    expect(_decompress(bytes, zfpy.type_float, [4, 6], { out })).toBe(out);
    const expected = ndarray(values, [4, 6]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 6; j++) expect(out.get(i, j)).toBe(expected.get(i, j));
  });

  it("when the shape has leading zeros (zfp's unused sizes), expect them dropped as zfpy drops them", () => {
    const bytes = compress_numpy(new Int32Array([5, 6, 7, 8]), { write_header: false });
    const values = _decompress(bytes, zfpy.type_int32, [0, 0, 4]);
    expect(values.shape).toEqual([4]);
    expect(values.data).toEqual(new Int32Array([5, 6, 7, 8]));
  });
});

describe("given inputs that are views of larger memory", () => {
  it("when a bare typed array is a subarray, expect the bytes of a copy of it", () => {
    const big = fill("float32", [40], 2) as Float32Array;
    const part = big.subarray(3, 30);
    expect(compareBytes(compress_numpy(part, { rate: 12 }), compress_numpy(part.slice(), { rate: 12 }))).toBe(
      "equal",
    );
  });

  it("when a rate asks for more memory than can be allocated, expect zfpy's MemoryError naming the size", () => {
    const error = (() => {
      try {
        compress_numpy(new Int32Array(4 ** 10), { rate: 1e10, write_header: false });
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected an error");
    })();
    expect(error).toBeInstanceOf(zfpy.ZfpyMemoryError);
    expect(zfpy.isZfpyError(error, "ZfpyMemory") && error.pythonError).toBe("MemoryError");
    expect(error.message).toMatch(/^cannot allocate \d+ bytes for the compressed stream/);
  });
});

describe("given decompressed arrays", () => {
  it("when decompress_numpy returns, expect a C-ordered ndarray over a fresh typed array of the stored type", () => {
    const data = BigInt64Array.from({ length: 24 }, (_, i) => BigInt(i) * 3n ** 30n);
    const bytes = compress_numpy(ndarray(data, [2, 3, 4]));
    const a = decompress_numpy(bytes);
    expect(a.data).toBeInstanceOf(BigInt64Array);
    expect(a.data).not.toBe(data);
    expect(a.shape).toEqual([2, 3, 4]);
    expect(a.stride).toEqual([12, 4, 1]);
    expect(a.get(1, 2, 3)).toBe(23n * 3n ** 30n);
  });
});

const NAN_DATA = new Float32Array([1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5, 6, 7, -0]);
let answers: OracleResponse[] = [];

describeWithOracle("given zfpy's module and NaN handling", () => {
  beforeAll(() => {
    answers = askZfpy([
      {
        op: "eval",
        code:
          "np.array([zfpy.HEADER_MAGIC, zfpy.HEADER_META, zfpy.HEADER_MODE, zfpy.HEADER_FULL, zfpy.type_none," +
          " zfpy.type_int32, zfpy.type_int64, zfpy.type_float, zfpy.type_double, zfpy.mode_null," +
          " zfpy.mode_expert, zfpy.mode_fixed_rate, zfpy.mode_fixed_precision, zfpy.mode_fixed_accuracy], np.int64)",
      },
      { op: "compress", dtype: "float32", shape: [8], data: toBase64(NAN_DATA) },
      { op: "compress", dtype: "float32", shape: [8], data: toBase64(NAN_DATA), precision: pyNumber(10) },
      { op: "eval", code: "np.frombuffer(zfpy.compress_numpy(np.arange(1, 20)), np.uint8)" },
      { op: "eval", code: "zfpy.decompress_numpy(zfpy.compress_numpy(np.arange(1, 20), tolerance=1e-3))" },
    ]);
  });

  it("when the constants are compared with zfpy's, expect the same values (mode_reversible is ours: 5)", () => {
    const answer = answers[0]!;
    if (!answer.ok) throw new Error(answer.message);
    const expected = Array.from(new BigInt64Array(fromBase64(answer.data!).buffer), Number);
    expect([
      zfpy.HEADER_MAGIC,
      zfpy.HEADER_META,
      zfpy.HEADER_MODE,
      zfpy.HEADER_FULL,
      zfpy.type_none,
      zfpy.type_int32,
      zfpy.type_int64,
      zfpy.type_float,
      zfpy.type_double,
      zfpy.mode_null,
      zfpy.mode_expert,
      zfpy.mode_fixed_rate,
      zfpy.mode_fixed_precision,
      zfpy.mode_fixed_accuracy,
    ]).toEqual(expected);
    expect(zfpy.mode_reversible).toBe(5);
  });

  it("when NaN and infinities are compressed losslessly, expect zfpy's bytes and the exact values back", () => {
    const answer = answers[1]!;
    if (!answer.ok) throw new Error(answer.message);
    const bytes = compress_numpy(NAN_DATA, { wordBits: 8 });
    expect(compareBytes(bytes, fromBase64(answer.bytes!))).toBe("equal");
    expect(new Uint32Array(decompress_numpy(bytes).data.buffer)).toEqual(new Uint32Array(NAN_DATA.buffer));
  });

  it("when NaN meets a lossy mode, expect a refusal by default and zfpy's bytes with nonFinite 'as-c'", () => {
    expect(() => compress_numpy(NAN_DATA, { precision: 10 })).toThrow(
      /expected finite values in a lossy mode/,
    );
    const answer = answers[2]!;
    if (!answer.ok) throw new Error(answer.message);
    const bytes = compress_numpy(NAN_DATA, { precision: 10, wordBits: 8, nonFinite: "as-c" });
    expect(compareBytes(bytes, fromBase64(answer.bytes!))).toBe("equal");
  });

  describe("given the README's claims about zfpy's documentation example", () => {
    const myArray = ndarray(BigInt64Array.from({ length: 19 }, (_, i) => BigInt(i + 1)));

    it("when np.arange(1, 20) is compressed, expect zfpy's 61 bytes, plus 3 zero bytes with 64-bit words", () => {
      const answer = answers[3]!;
      if (!answer.ok) throw new Error(answer.message);
      const expected = fromBase64(answer.data!);
      expect(expected.length).toBe(61);
      expect(compareBytes(compress_numpy(myArray, { wordBits: 8 }), expected)).toBe("equal");
      const padded = compress_numpy(myArray);
      expect(padded.length).toBe(64);
      expect(compareBytes(padded.subarray(0, 61), expected)).toBe("equal");
      expect(Array.from(padded.subarray(61))).toEqual([0, 0, 0]);
    });

    it("when it is compressed with tolerance 1e-3, expect zfpy's [0, 2, 2, 4, ...] (integers ignore tolerances)", () => {
      const answer = answers[4]!;
      if (!answer.ok) throw new Error(answer.message);
      const values = decompress_numpy(compress_numpy(myArray, { tolerance: 1e-3 }));
      expect(values.data).toEqual(new BigInt64Array(fromBase64(answer.data!).buffer));
      expect(Array.from(values.data.slice(0, 5) as BigInt64Array, Number)).toEqual([0, 2, 2, 4, 4]);
    });
  });
});

describe("given header()", () => {
  it("when reading a zfpy-style stream, expect its type, C-order shape and mode described", () => {
    const bytes = compress_numpy(ndarray(new Float32Array(12), [3, 4]), { precision: 10 });
    const info = header(bytes);
    expect(info).toMatchObject({
      dtype: "float32",
      typeCode: zfpy.type_float,
      shapeC: [3, 4],
      shapeZfp: [4, 3],
      mode: "fixed-precision",
      modeNumber: zfpy.mode_fixed_precision,
      precision: 10,
      headerBits: 96,
    });
  });
});
