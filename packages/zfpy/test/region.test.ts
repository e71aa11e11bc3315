// decompress_region, build_index, decompress_preview and open_compressed against zfpy's own
// streams and zfpy's own full decode of them (the oracle).
import * as codec from "@zfpjs/codec";
import { askZfpy, describeWithOracle, fromBase64, type OracleDtype, toBase64 } from "@zfpjs/tooling/oracle";
import { arrayOfDtype, arrayOfDtypeBytes, bytesOf, hex, seededRandom } from "@zfpjs/tooling/testing";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import {
  build_index,
  compress_numpy,
  decompress_numpy,
  decompress_preview,
  decompress_region,
  open_compressed,
  type ZfpyData,
} from "../src/index.js";

const DTYPES: OracleDtype[] = ["int32", "int64", "float32", "float64"];
const SHAPES = [[29], [11, 10], [9, 6, 7], [5, 6, 7, 5]];
const MODES: Record<string, string>[] = [{ rate: "9" }, { precision: "11" }, { tolerance: "0.05" }, {}];

interface Case {
  dtype: OracleDtype;
  shape: number[];
  mode: Record<string, string>;
  data: ZfpyData;
}

function values(dtype: OracleDtype, count: number, seed: number): ZfpyData {
  const random = seededRandom(seed);
  const out = arrayOfDtype(dtype, count) as ZfpyData;
  for (let i = 0; i < count; i++) {
    const v = Math.sin(i * 0.3) * 100 + random() * 10;
    if (out instanceof BigInt64Array) out[i] = BigInt(Math.round(v));
    else if (out instanceof Int32Array) out[i] = Math.round(v);
    else out[i] = v;
  }
  return out;
}

/** The C-order slice of an ndarray as a compact copy. */
function slice(a: ndarray.NdArray<ZfpyData>, start: number[], stop: number[]): ZfpyData {
  const view = a.lo(...start).hi(...stop.map((s, i) => s - start[i]!));
  const out = new (a.data.constructor as new (n: number) => ZfpyData)(view.size);
  const shape = view.shape;
  for (let i = 0; i < view.size; i++) {
    let rest = i;
    const at: number[] = [];
    for (let k = shape.length - 1; k >= 0; k--) {
      at[k] = rest % shape[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    (out as Float64Array)[i] = view.get(...at) as number;
  }
  return out;
}

function boxes(shape: number[], seed: number): { start: number[]; stop: number[] }[] {
  const random = seededRandom(seed);
  const list = [
    { start: shape.map(() => 0), stop: [...shape] },
    { start: shape.map((n) => n - 1), stop: [...shape] },
  ];
  for (let t = 0; t < 4; t++) {
    const start = shape.map((n) => Math.floor(random() * n));
    list.push({ start, stop: start.map((s, a) => s + 1 + Math.floor(random() * (shape[a]! - s))) });
  }
  return list;
}

const CASES: Case[] = [];
DTYPES.forEach((dtype, t) => {
  SHAPES.forEach((shape, s) => {
    MODES.forEach((mode, m) => {
      const count = shape.reduce((p, v) => p * v, 1);
      CASES.push({ dtype, shape, mode, data: values(dtype, count, 100 * t + 10 * s + m) });
    });
  });
});

describeWithOracle("given zfpy's streams with a header, every dtype, 1-4D, every mode", () => {
  let streams: Uint8Array[] = [];
  let decoded: ndarray.NdArray<ZfpyData>[] = [];
  beforeAll(() => {
    const compressed = askZfpy(
      CASES.map((c) => ({
        op: "compress" as const,
        dtype: c.dtype,
        shape: c.shape,
        data: toBase64(c.data),
        ...c.mode,
      })),
    );
    streams = compressed.map((a) => {
      if (!a.ok) throw new Error(`zfpy raised ${a.error}: ${a.message}`);
      return fromBase64(a.bytes!);
    });
    const full = askZfpy(streams.map((bytes) => ({ op: "decompress" as const, bytes: toBase64(bytes) })));
    decoded = full.map((a, i) => {
      if (!a.ok) throw new Error(`zfpy raised ${a.error}: ${a.message}`);
      return ndarray(arrayOfDtypeBytes(a.dtype!, fromBase64(a.data!)) as ZfpyData, CASES[i]!.shape);
    });
  });

  CASES.forEach((c, i) => {
    const label = `${c.dtype} ${c.shape.join("x")} ${JSON.stringify(c.mode)}`;
    it(`when decoding regions of ${label}, with and without an index, expect zfpy's full decode sliced`, () => {
      const index = build_index(streams[i]!, { interval: 2 });
      const array = open_compressed(streams[i]!, { index, cacheBlocks: 3 });
      for (const box of boxes(c.shape, i)) {
        const expected = hex(bytesOf(slice(decoded[i]!, box.start, box.stop)));
        const region = decompress_region(streams[i]!, box.start, box.stop);
        expect(region.shape).toEqual(box.stop.map((s, a) => s - box.start[a]!));
        expect(hex(bytesOf(region.data)), JSON.stringify(box)).toBe(expected);
        expect(hex(bytesOf(decompress_region(streams[i]!, box.start, box.stop, { index }).data))).toBe(
          expected,
        );
        expect(hex(bytesOf(array.slice(box.start, box.stop).data))).toBe(expected);
        expect(array.get(...box.start)).toBe(decoded[i]!.get(...box.start));
      }
    });
  });

  it("when a header-less stream is given with its type, shape and mode, expect the same region", () => {
    const data = values("float32", 9 * 6 * 7, 5);
    const [answer] = askZfpy([
      {
        op: "compress",
        dtype: "float32",
        shape: [9, 6, 7],
        data: toBase64(data),
        tolerance: "0.01",
        write_header: false,
      },
    ]);
    const bytes = fromBase64(answer!.ok ? answer.bytes! : "");
    const options = { type: "float32", shape: [9, 6, 7], tolerance: 0.01 };
    const full = codec.decompressToArray(bytes, codec.fixedAccuracy(0.01), {
      type: "float",
      nx: 7,
      ny: 6,
      nz: 9,
      nw: 0,
    });
    const index = build_index(bytes, options);
    const region = decompress_region(bytes, [2, 1, 3], [8, 6, 7], { ...options, index });
    expect(hex(bytesOf(region.data))).toBe(
      hex(bytesOf(slice(ndarray(full as Float32Array, [9, 6, 7]), [2, 1, 3], [8, 6, 7]))),
    );
  });
});

describe("given the facade's refusals", () => {
  const a = ndarray(
    Float64Array.from({ length: 12 * 10 * 9 }, (_, i) => Math.cos(i / 7)),
    [12, 10, 9],
  );
  const bytes = compress_numpy(a, { precision: 20 });

  it("when a region reaches outside the array, expect RegionOutOfBounds", () => {
    expect(() => decompress_region(bytes, [0, 0, 0], [13, 1, 1])).toThrow(codec.RegionOutOfBoundsError);
    expect(() => decompress_region(bytes, [0, 0], [1, 1])).toThrow(codec.RegionOutOfBoundsError);
    expect(() => open_compressed(bytes).get(0, 0, 9)).toThrow(codec.RegionOutOfBoundsError);
  });

  it("when the index belongs to another stream or is not an index, expect IndexMismatch or InvalidIndex", () => {
    const other = compress_numpy(a, { precision: 21 });
    expect(() => decompress_region(bytes, [0, 0, 0], [2, 2, 2], { index: build_index(other) })).toThrow(
      codec.IndexMismatchError,
    );
    expect(() => decompress_region(bytes, [0, 0, 0], [2, 2, 2], { index: new Uint8Array(60) })).toThrow(
      codec.InvalidIndexError,
    );
  });

  it("when the stream is truncated, expect TruncatedStream", () => {
    const cut = bytes.subarray(0, bytes.length - 40);
    expect(() => build_index(cut)).toThrow(codec.TruncatedStreamError);
    expect(() => decompress_region(cut, [10, 8, 0], [12, 10, 9])).toThrow(codec.TruncatedStreamError);
    const fixed = compress_numpy(a, { rate: 8 });
    expect(() => decompress_region(fixed.subarray(0, fixed.length - 20), [0, 0, 0], [1, 1, 1])).toThrow(
      codec.TruncatedStreamError,
    );
  });
});

describe("given a preview", () => {
  it("when previewing a fixed-rate and a fixed-accuracy stream, expect the documented bound against the full decode", () => {
    const a = ndarray(
      Float32Array.from({ length: 16 * 16 }, (_, i) => Math.sin(i / 9) * 3),
      [16, 16],
    );
    for (const options of [{ rate: 20 }, { tolerance: 1e-4 }]) {
      const bytes = compress_numpy(a, options);
      const full = decompress_numpy(bytes);
      const coarse = decompress_preview(bytes, 6);
      expect(coarse.shape).toEqual([16, 16]);
      // Every value is below 4 = 2^2 in magnitude, so e <= 2 in every block.
      const bound = 2 ** (2 - 6 + 2 * 2 + 2);
      let differs = false;
      for (let i = 0; i < 256; i++) {
        const error = Math.abs((coarse.data[i] as number) - (full.data[i] as number));
        expect(error).toBeLessThanOrEqual(bound);
        differs ||= error > 0;
      }
      expect(differs).toBe(true);
    }
  });
});
