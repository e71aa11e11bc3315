// Typed results: the result type follows the stream's scalar type where the call says it (a
// ztype constant, a dtype assertion), so a strict TypeScript viewer needs no casts. These
// assertions are checked by `tsc` (the typecheck step of `pnpm test`) and at run time.
import ndarray from "ndarray";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  _decompress,
  compress,
  compress_numpy,
  type DecompressedArray,
  decompress,
  decompress_numpy,
  decompressHeaderless,
  isZfpyError,
  type_double,
  type_float,
  type_int64,
  type ZfpyData,
  ZfpyMemoryError,
  type ZfpyNdArray,
  ZfpyTypeError,
  ZfpyValueError,
} from "../src/index.js";

const field = new Float32Array(16).map((_, i) => i / 4);

describe("given a dtype assertion on decompress_numpy", () => {
  it("when the stream holds that type, expect NdArray<Float32Array> and arithmetic without casts", () => {
    const bytes = compress_numpy(ndarray(field, [4, 4]));
    const a = decompress_numpy(bytes, { dtype: "float32" });
    expectTypeOf(a).toEqualTypeOf<ZfpyNdArray<Float32Array>>();
    expectTypeOf(a.data).toEqualTypeOf<Float32Array>();
    expectTypeOf(a.get(0, 0)).toEqualTypeOf<number>();
    expectTypeOf(a.dtype).toEqualTypeOf<"float32">();
    expect(a.get(1, 1) * 2).toBe(2.5);
    expect(decompress(bytes, { dtype: "float32" }).get(1, 1) * 2).toBe(2.5);
  });

  it("when the stream holds another type, expect a ZfpyTypeError before decoding", () => {
    const bytes = compress_numpy(new Float64Array(4));
    expect(() => decompress_numpy(bytes, { dtype: "float32" })).toThrow(ZfpyTypeError);
    expect(() => decompress_numpy(bytes, { dtype: "float32" })).toThrow(
      'decompress_numpy(): the stream holds float64 values, not the float32 asked for with { dtype: "float32" }',
    );
    expect(() => decompress_numpy(bytes, { dtype: "bfloat16" as never })).toThrow(ZfpyTypeError);
  });

  it("when no dtype is given, expect the union, which needs a check before arithmetic", () => {
    const a = decompress_numpy(compress_numpy(field));
    expectTypeOf(a).toEqualTypeOf<DecompressedArray>();
    expectTypeOf(a.data).toEqualTypeOf<ZfpyData>();
    // @ts-expect-error number | bigint: the union cannot be multiplied without narrowing
    expect(a.get(0) * 2).toBe(0);
  });
});

describe("given _decompress with a ztype constant", () => {
  const raw = compress_numpy(new Float64Array(16).fill(3), { write_header: false });

  it("when type_double is passed, expect NdArray<Float64Array>", () => {
    const a = _decompress(raw, type_double, [4, 4]);
    expectTypeOf(a).toEqualTypeOf<ZfpyNdArray<Float64Array>>();
    expectTypeOf(_decompress(raw, type_float, [4, 4], null, -1, 8)).toEqualTypeOf<
      ZfpyNdArray<Float32Array>
    >();
    expect(a.get(3, 3) * 2).toBe(6);
  });

  it("when an ndarray out is passed, expect out's own type back (zfpy returns out)", () => {
    const out = ndarray(new Float64Array(16), [4, 4]);
    const r = _decompress(raw, type_double, [4, 4], out);
    expectTypeOf(r).toEqualTypeOf<typeof out>();
    expect(r).toBe(out);
  });

  it("when decompressHeaderless gets a dtype name, expect its array type", () => {
    const a = decompressHeaderless(raw, { type: "float64", shape: [16] });
    expectTypeOf(a.data).toEqualTypeOf<Float64Array>();
    expect(a.get(15) * 2).toBe(6);
  });
});

describe("given int64 results", () => {
  const values = BigInt64Array.from([1n, -2n, 3n, 2n ** 40n]);

  it("when decompressed, expect dtype 'int64' as numpy, header() and ztype_to_dtype say (today: 'bigint64')", () => {
    const a = decompress_numpy(compress_numpy(values));
    expect(a.dtype).toBe("int64");
    const raw = compress_numpy(values, { write_header: false });
    const b = _decompress(raw, type_int64, [4]);
    expectTypeOf(b.dtype).toEqualTypeOf<"int64">();
    expect(b.dtype).toBe("int64");
    expect(b.get(3) * 2n).toBe(2n ** 41n);
    expect(decompress_numpy(compress_numpy(values), { dtype: "int64" }).data).toEqual(values);
  });
});

describe("given zfpy's positional forms in TypeScript", () => {
  it("when compress_numpy takes positional values, expect them typed like Python's parameters", () => {
    const a = ndarray(new Float64Array(16), [4, 4]);
    expectTypeOf(compress_numpy(a, 1e-3)).toEqualTypeOf<Uint8Array>();
    expectTypeOf(compress_numpy(a, -1, 8, -1, false)).toEqualTypeOf<Uint8Array>();
    expectTypeOf(compress_numpy(a, -1, 8, -1, false, { wordBits: 8 })).toEqualTypeOf<Uint8Array>();
    // @ts-expect-error compress (camelCase) takes an options object only
    expect(() => compress(a, 1e-3)).toThrow(ZfpyTypeError);
    // @ts-expect-error an unknown option name is a type error as well as a run-time one
    expect(() => compress_numpy(a, { tolerence: 1e-3 })).toThrow(ZfpyTypeError);
  });
});

describe("given isZfpyError with a tag", () => {
  it("when the tag matches, expect the error narrowed to its class; otherwise false", () => {
    const error: unknown = new ZfpyMemoryError(64, "a test");
    if (isZfpyError(error, "ZfpyMemory")) {
      expectTypeOf(error).toEqualTypeOf<ZfpyMemoryError>();
      expect(error.requestedBytes).toBe(64);
    } else {
      throw new Error("expected a ZfpyMemoryError to match its tag");
    }
    expect(isZfpyError(error, "ZfpyValue")).toBe(false);
    expect(isZfpyError(new ZfpyValueError("x"), "ZfpyValue")).toBe(true);
    expect(isZfpyError(new Error("x"))).toBe(false);
    // @ts-expect-error only this package's tags are accepted
    isZfpyError(error, "BadMagic");
  });
});
