// The codecs' contracts without the oracle: registration, schema validation with typed errors
// naming the member, data types and chunk shapes, refusals of chunks that disagree with the array.
import { isZfpError, NonFiniteValueError, TruncatedStreamError } from "@zfpjs/codec";
import { compress_numpy } from "@zfpjs/zfpy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import {
  ChunkMismatchError,
  InvalidCodecConfigError,
  parseZfpConfig,
  register,
  UnsupportedChunkError,
  zfpCodecEntry,
  zfpyCodecEntry,
} from "../src/index.js";

const float32 = (shape: number[]) => ({ dataType: "float32", shape, fillValue: 0 });

describe("given the package", () => {
  it("when imported, expect zarrita's registry untouched; register(map) fills that map only", async () => {
    expect(zarr.registry.has("numcodecs.zfpy")).toBe(false);
    expect(zarr.registry.has("zfp")).toBe(false);
    const map = new Map<string, () => Promise<unknown>>();
    expect(register(map)).toBe(map);
    expect([...map.keys()].sort()).toEqual(
      ["https://codec.zarrs.dev/array_to_bytes/zfp", "numcodecs.zfpy", "zarrs.zfp", "zfp"].sort(),
    );
    expect(zarr.registry.has("zfp")).toBe(false);
    const entry = (await map.get("zarrs.zfp")!()) as { kind: string };
    expect(entry.kind).toBe("array_to_bytes");
    register();
    expect(zarr.registry.has("numcodecs.zfpy")).toBe(true);
    expect(zarr.registry.has("https://codec.zarrs.dev/array_to_bytes/zfp")).toBe(true);
  });
});

describe("given zfp codec configurations", () => {
  it.each([
    { mode: "fixed_rate", rate: 10.5 },
    { mode: "fixed_precision", precision: 19 },
    { mode: "fixed_accuracy", tolerance: 0.05 },
    { mode: "reversible" },
    { mode: "expert", minbits: 1, maxbits: 13, maxprec: 19, minexp: -2 },
  ])("when the schema allows %o, expect it accepted as given", (config) => {
    expect(parseZfpConfig(config)).toEqual(config);
    expect(zfpCodecEntry().fromConfig(config, float32([4, 4])).kind).toBe("array_to_bytes");
  });

  it.each([
    [null, "configuration"],
    [[], "configuration"],
    [{}, "mode"],
    [{ mode: "lossless" }, "mode"],
    [{ mode: 2, rate: 8 }, "mode"],
    [{ mode: "fixed_rate" }, "rate"],
    [{ mode: "fixed_rate", rate: "8" }, "rate"],
    [{ mode: "fixed_rate", rate: 8, precision: 3 }, "precision"],
    [{ mode: "fixed_precision", precision: 1.5 }, "precision"],
    [{ mode: "fixed_precision", precision: -1 }, "precision"],
    [{ mode: "fixed_accuracy", tolerance: null }, "tolerance"],
    [{ mode: "reversible", tolerance: 0 }, "tolerance"],
    [{ mode: "expert", minbits: 1, maxbits: 13, maxprec: 19 }, "minexp"],
    [{ mode: "expert", minbits: 1, maxbits: 13, maxprec: 19, minexp: -2.5 }, "minexp"],
    [{ mode: "expert", minbits: -1, maxbits: 13, maxprec: 19, minexp: -2 }, "minbits"],
    [
      { mode: "expert", minbits: 1, maxbits: 13, maxprec: 19, minexp: -2, write_header: true },
      "write_header",
    ],
  ])("when the schema rejects %o, expect InvalidCodecConfigError naming %s", (config, field) => {
    const error = (() => {
      try {
        zfpCodecEntry().fromConfig(config, float32([4, 4]));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidCodecConfigError);
    expect(isZfpError(error, "InvalidCodecConfig")).toBe(true);
    expect((error as InvalidCodecConfigError).field).toBe(field);
  });

  it.each([
    [{ mode: "expert", minbits: 20, maxbits: 13, maxprec: 19, minexp: -2 }, "minbits"],
    [{ mode: "expert", minbits: 1, maxbits: 13, maxprec: 0, minexp: -2 }, "maxprec"],
    [{ mode: "expert", minbits: 1, maxbits: 2 ** 32, maxprec: 19, minexp: -2 }, "maxbits"],
    [{ mode: "expert", minbits: 1, maxbits: 13, maxprec: 19, minexp: 2 ** 31 }, "minexp"],
  ])("when zfp refuses the parameters %o, expect InvalidCodecConfigError naming %s", (config, field) => {
    expect(() => zfpCodecEntry().fromConfig(config, float32([4, 4]))).toThrow(
      expect.objectContaining({ name: "InvalidCodecConfigError", field }),
    );
  });

  it("when an array's metadata holds a rejected configuration, expect zarrita to surface the typed error", async () => {
    register();
    const store = new Map<string, Uint8Array>();
    await zarr.create(store, {
      shape: [8],
      chunkShape: [4],
      dtype: "float32",
      codecs: [{ name: "zfp", configuration: { mode: "fixed_rate" } }],
    });
    store.set("/c/0", new Uint8Array(8));
    const array = await zarr.open(store, { kind: "array" });
    const error = await zarr.get(array).catch((e: unknown) => e);
    const cause = error instanceof InvalidCodecConfigError ? error : (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(InvalidCodecConfigError);
    expect((cause as InvalidCodecConfigError).field).toBe("rate");
  });
});

describe("given numcodecs.zfpy configurations", () => {
  it.each([
    [{ mode: 7 }, "mode"],
    [{ mode: "4" }, "mode"],
    [{ mode: 4, tolerance: "0.1" }, "tolerance"],
    [{ mode: 2, rate: true }, "rate"],
    [{ mode: 3, precision: 2.5 }, "precision"],
    [{ mode: 4, tolerance: 0.1, level: 3 }, "level"],
    [{ mode: 4, compression_kwargs: [1] }, "compression_kwargs"],
  ])("when numcodecs would refuse %o, expect InvalidCodecConfigError naming %s", (config, field) => {
    expect(() => zfpyCodecEntry().fromConfig(config, float32([4]))).toThrow(
      expect.objectContaining({ name: "InvalidCodecConfigError", field }),
    );
  });

  it("when the data type is not zfpy's, expect UnsupportedChunkError", () => {
    expect(() => zfpyCodecEntry().fromConfig({ mode: 5 }, { dataType: "uint8", shape: [4] })).toThrow(
      UnsupportedChunkError,
    );
  });

  it("when a chunk's header disagrees with the array (type, size, more values than a chunk), expect ChunkMismatchError or a typed refusal", () => {
    const codec = zfpyCodecEntry().fromConfig({ mode: 5 }, float32([4, 4]));
    expect(() => codec.decode(compress_numpy(new Float64Array(16)))).toThrow(ChunkMismatchError);
    expect(() => codec.decode(compress_numpy({ data: new Float32Array(8), shape: [2, 4] }))).toThrow(
      ChunkMismatchError,
    );
    expect(() => codec.decode(compress_numpy(new Float32Array(64)))).toThrow(
      expect.objectContaining({ name: "ZfpyValueError" }),
    );
    expect(() => codec.decode(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ name: "ZfpyValueError" }),
    );
  });
});

describe("given the zfp codec's data types and chunk shapes", () => {
  it("when the data type is not numeric, expect UnsupportedChunkError", () => {
    expect(() =>
      zfpCodecEntry().fromConfig({ mode: "reversible" }, { dataType: "bool", shape: [4] }),
    ).toThrow(UnsupportedChunkError);
  });

  it("when a chunk has more than four axes, expect size-1 axes dropped (zarrs), and five axes above 1 refused", () => {
    const six = zfpCodecEntry().fromConfig(
      { mode: "fixed_precision", precision: 12 },
      float32([4, 1, 3, 1, 2, 1]),
    );
    const three = zfpCodecEntry().fromConfig({ mode: "fixed_precision", precision: 12 }, float32([4, 3, 2]));
    const data = Float32Array.from({ length: 24 }, (_, i) => i * 0.5);
    const bytes = six.encode({ data, shape: [4, 1, 3, 1, 2, 1], stride: [6, 6, 2, 2, 1, 1] });
    expect(bytes).toEqual(three.encode({ data, shape: [4, 3, 2], stride: [6, 2, 1] }));
    expect(six.decode(bytes).shape).toEqual([4, 1, 3, 1, 2, 1]);
    expect(() => zfpCodecEntry().fromConfig({ mode: "reversible" }, float32([2, 2, 2, 2, 2]))).toThrow(
      UnsupportedChunkError,
    );
  });

  it("when a 0-D array is written and read, expect its one value back (nx = 1)", async () => {
    register();
    const store = new Map<string, Uint8Array>();
    const array = await zarr.create(store, {
      shape: [],
      chunkShape: [],
      dtype: "float64",
      codecs: [{ name: "zfp", configuration: { mode: "reversible" } }],
    });
    await zarr.set(array, null, 2.5);
    expect(await zarr.get(array)).toBe(2.5);
  });

  it("when a chunk is strided (not C-contiguous), expect the bytes of its C-ordered copy", () => {
    const codec = zfpCodecEntry().fromConfig({ mode: "fixed_accuracy", tolerance: 0.01 }, float32([3, 5]));
    const c = Float32Array.from({ length: 15 }, (_, i) => Math.sqrt(i));
    const f = new Float32Array(15); // the same values, Fortran order
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) f[x * 3 + y] = c[y * 5 + x]!;
    expect(codec.encode({ data: f, shape: [3, 5], stride: [1, 3] })).toEqual(
      codec.encode({ data: c, shape: [3, 5], stride: [5, 1] }),
    );
  });

  it("when lossy values are not finite, expect NonFiniteValueError; a truncated chunk, TruncatedStreamError", () => {
    const codec = zfpCodecEntry().fromConfig({ mode: "fixed_precision", precision: 20 }, float32([4]));
    expect(() =>
      codec.encode({ data: new Float32Array([1, Number.NaN, 3, 4]), shape: [4], stride: [1] }),
    ).toThrow(NonFiniteValueError);
    const bytes = codec.encode({ data: new Float32Array([1, 2, 3, 4]), shape: [4], stride: [1] });
    expect(() => codec.decode(bytes.subarray(0, 2))).toThrow(TruncatedStreamError);
  });

  it("when uint32 and uint64 values exceed the signed range, expect them clamped as zarrs clamps", () => {
    const u32 = zfpCodecEntry().fromConfig({ mode: "reversible" }, { dataType: "uint32", shape: [4] });
    const back32 = u32.decode(
      u32.encode({ data: new Uint32Array([0, 5, 0x80000000, 0xffffffff]), shape: [4], stride: [1] }),
    );
    expect(back32.data).toEqual(new Uint32Array([0, 5, 0x7fffffff, 0x7fffffff]));
    const u64 = zfpCodecEntry().fromConfig({ mode: "reversible" }, { dataType: "uint64", shape: [2] });
    const back64 = u64.decode(
      u64.encode({ data: new BigUint64Array([7n, 2n ** 64n - 1n]), shape: [2], stride: [1] }),
    );
    expect(back64.data).toEqual(new BigUint64Array([7n, 2n ** 63n - 1n]));
  });
});

describe("given arbitrary bytes as a stored chunk", () => {
  it("when decoded by either codec in any mode, expect values of the chunk's shape or a typed ZfpError, never a crash", () => {
    const codecs = [
      zfpyCodecEntry().fromConfig({ mode: 4, tolerance: 0.01 }, float32([4, 5])),
      zfpyCodecEntry().fromConfig({ mode: 4, tolerance: -1 }, { dataType: "int64", shape: [3, 2, 2] }),
      zfpCodecEntry().fromConfig({ mode: "fixed_rate", rate: 6 }, float32([4, 5])),
      zfpCodecEntry().fromConfig({ mode: "reversible" }, { dataType: "uint16", shape: [7] }),
      zfpCodecEntry().fromConfig(
        { mode: "expert", minbits: 1, maxbits: 200, maxprec: 20, minexp: -8 },
        { dataType: "int64", shape: [2, 2, 2, 3] },
      ),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(codecs.length - 1), (bytes, k) => {
        try {
          const chunk = codecs[k]!.decode(bytes);
          expect(chunk.data.length).toBe(chunk.shape.reduce((a, b) => a * b, 1));
        } catch (error) {
          expect(isZfpError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
