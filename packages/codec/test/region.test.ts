import { askZfpy, describeWithOracle, fromBase64, toBase64 } from "@zfpjs/tooling/oracle";
import { beforeAll, describe, expect, it } from "vitest";
import { BlockSkimmer, fieldBlocks, fixedBlockBits, RunStream } from "../src/blocks.js";
import {
  BitStream,
  type BlockStream,
  buildBlockIndex,
  CompressedArray,
  compress,
  compressToBytes,
  compressWithIndex,
  decompress,
  decompressPreview,
  decompressRegion,
  expert,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  IndexMismatchError,
  InvalidIndexError,
  isZfpError,
  maximumSize,
  NonFiniteValueError,
  parseBlockIndex,
  RegionOutOfBoundsError,
  reversible,
  type ScalarArray,
  type ScalarType,
  serializeBlockIndex,
  TruncatedStreamError,
  type ZfpConfig,
} from "../src/index.js";
import { bytesOf, DTYPE, fieldOf, hex, makeArray, makeData, seededRandom } from "./support.js";

const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];
// C-order shapes with partial blocks along every axis.
const SHAPES: number[][] = [[37], [13, 10], [9, 7, 10], [5, 6, 7, 9]];

interface Mode {
  name: string;
  zfpy: { rate?: string; precision?: string; tolerance?: string };
  config: (type: ScalarType, dims: 1 | 2 | 3 | 4) => ZfpConfig;
}
const MODES: Mode[] = [
  { name: "fixed rate 7", zfpy: { rate: "7" }, config: (type, dims) => fixedRate(7, { type, dims }) },
  { name: "fixed precision 13", zfpy: { precision: "13" }, config: () => fixedPrecision(13) },
  { name: "fixed accuracy 0.01", zfpy: { tolerance: "0.01" }, config: () => fixedAccuracy(0.01) },
  { name: "reversible", zfpy: {}, config: () => reversible() },
];

class HeldStream extends BitStream {
  override align(): number {
    return 0;
  }
}

function zfpSizes(shape: readonly number[]): [number, number, number, number] {
  const n = [...shape].reverse();
  return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 0];
}

function blockStream(
  type: ScalarType,
  shape: readonly number[],
  config: ZfpConfig,
  firstBit = 0,
): BlockStream {
  const [nx, ny, nz, nw] = zfpSizes(shape);
  return { type, nx, ny, nz, nw, config, firstBit };
}

function fullDecode(bytes: Uint8Array, stream: BlockStream): ScalarArray {
  const { nx, ny, nz, nw } = stream;
  const out = makeArray(stream.type, (nx || 1) * (ny || 1) * (nz || 1) * (nw || 1));
  const source = new BitStream(bytes);
  source.rseek(stream.firstBit ?? 0);
  decompress(source, stream.config, { type: stream.type, data: out, nx, ny, nz, nw });
  return out;
}

/** The bit where every block starts and the end of the last, found by decoding block by block. */
function decodedOffsets(bytes: Uint8Array, stream: BlockStream): number[] {
  const n = [stream.nx, stream.ny || 1, stream.nz || 1, stream.nw || 1];
  const dims = [stream.nx, stream.ny, stream.nz, stream.nw].filter((v) => v > 0).length;
  const source = new HeldStream(bytes);
  source.rseek(stream.firstBit ?? 0);
  const scratch = makeArray(stream.type, 256);
  const offsets = [source.rtell()];
  for (let w = 0; w < n[3]!; w += 4)
    for (let z = 0; z < n[2]!; z += 4)
      for (let y = 0; y < n[1]!; y += 4)
        for (let x = 0; x < n[0]!; x += 4) {
          decompress(source, stream.config, {
            type: stream.type,
            data: scratch,
            nx: Math.min(n[0]! - x, 4),
            ny: dims > 1 ? Math.min(n[1]! - y, 4) : 0,
            nz: dims > 2 ? Math.min(n[2]! - z, 4) : 0,
            nw: dims > 3 ? Math.min(n[3]! - w, 4) : 0,
            sx: 1,
            sy: 4,
            sz: 16,
            sw: 64,
          });
          offsets.push(source.rtell());
        }
  return offsets;
}

/** The C-order slice [start, stop) of a C-order array of `shape`. */
function sliceC(data: ScalarArray, shape: readonly number[], start: number[], stop: number[]): ScalarArray {
  const d = shape.length;
  const extent = stop.map((s, a) => s - start[a]!);
  const out = makeArray(
    data instanceof BigInt64Array
      ? "int64"
      : data instanceof Int32Array
        ? "int32"
        : data instanceof Float32Array
          ? "float"
          : "double",
    extent.reduce((p, v) => p * v, 1),
  );
  const strides = shape.map((_, a) => shape.slice(a + 1).reduce((p, v) => p * v, 1));
  for (let i = 0; i < out.length; i++) {
    let rest = i;
    let at = 0;
    for (let a = d - 1; a >= 0; a--) {
      at += (start[a]! + (rest % extent[a]!)) * strides[a]!;
      rest = Math.floor(rest / extent[a]!);
    }
    (out as Float64Array)[i] = (data as Float64Array)[at]!;
  }
  return out;
}

/** Random boxes (C order) of a shape, plus the whole array, a single element at the far corner and blocks on the edges. */
function boxesOf(shape: readonly number[], seed: number): { start: number[]; stop: number[] }[] {
  const random = seededRandom(seed);
  const boxes = [
    { start: shape.map(() => 0), stop: [...shape] },
    { start: shape.map((n) => n - 1), stop: [...shape] },
    { start: shape.map((n) => Math.max(0, n - 6)), stop: shape.map((n) => n - 1) },
  ];
  for (let t = 0; t < 5; t++) {
    const start = shape.map((n) => Math.floor(random() * n));
    const stop = start.map((s, a) => s + 1 + Math.floor(random() * (shape[a]! - s)));
    boxes.push({ start, stop });
  }
  return boxes;
}

function regionOf(box: { start: number[]; stop: number[] }): { start: number[]; stop: number[] } {
  return { start: [...box.start].reverse(), stop: [...box.stop].reverse() };
}

interface Case {
  type: ScalarType;
  shape: number[];
  mode: Mode;
  data: ScalarArray;
}
const CASES: Case[] = [];
TYPES.forEach((type, t) => {
  SHAPES.forEach((shape, s) => {
    for (const mode of MODES) {
      const count = shape.reduce((p, v) => p * v, 1);
      CASES.push({ type, shape, mode, data: makeData(type, t % 2 ? "random" : "smooth", count, 10 * t + s) });
    }
  });
});

describeWithOracle("given zfpy's header-less streams of every type, 1-4D, every mode", () => {
  let streams: Uint8Array[] = [];
  beforeAll(() => {
    const answers = askZfpy(
      CASES.map((c) => ({
        op: "compress" as const,
        dtype: DTYPE[c.type],
        shape: c.shape,
        data: toBase64(c.data),
        write_header: false,
        ...c.mode.zfpy,
      })),
    );
    streams = answers.map((a) => {
      if (!a.ok) throw new Error(`zfpy raised ${a.error}: ${a.message}`);
      return fromBase64(a.bytes!);
    });
  });

  CASES.forEach((c, i) => {
    const label = `${c.type} ${c.shape.join("x")} ${c.mode.name}`;
    it(`when skimming ${label}, expect every block offset the decoder reaches`, () => {
      const stream = blockStream(c.type, c.shape, c.mode.config(c.type, c.shape.length as 1 | 2 | 3 | 4));
      const expected = decodedOffsets(streams[i]!, stream);
      const skimmer = new BlockSkimmer(streams[i]!, stream.config, c.type, c.shape.length as 1 | 2 | 3 | 4);
      const found = [0];
      for (let b = 0; b < fieldBlocks(stream); b++) found.push(skimmer.skip(found[b]!, 1));
      expect(found).toEqual(expected);
    });

    it(`when decoding regions of ${label}, expect the full decode's slices bit for bit`, () => {
      const stream = blockStream(c.type, c.shape, c.mode.config(c.type, c.shape.length as 1 | 2 | 3 | 4));
      const full = fullDecode(streams[i]!, stream);
      const index =
        fixedBlockBits(stream.config, c.type) < 0
          ? buildBlockIndex(streams[i]!, stream, { interval: 3 })
          : undefined;
      const array = new CompressedArray(streams[i]!, stream, { cacheBlocks: 5, index });
      for (const box of boxesOf(c.shape, i)) {
        const expected = hex(bytesOf(sliceC(full, c.shape, box.start, box.stop)));
        const message = `box ${JSON.stringify(box)}`;
        expect(hex(bytesOf(decompressRegion(streams[i]!, stream, regionOf(box), { index }))), message).toBe(
          expected,
        );
        expect(hex(bytesOf(array.slice(regionOf(box)))), `${message} through the cached array`).toBe(
          expected,
        );
      }
    });
  });
});

describe("given expert parameter sets and streams after a header", () => {
  const SETS: [number, number, number, number][] = [
    [5, 100, 30, -10],
    [0, 16658, 20, -1074],
    [64, 64, 64, -1074],
    [300, 300, 64, -1075],
    [20, 400, 64, -1075],
    [3, 3, 64, -1074],
  ];
  for (const type of TYPES) {
    for (const set of SETS) {
      it(`when skimming and cutting regions of ${type} with expert ${set.join(" ")}, expect the full decode's values`, () => {
        const shape = [6, 9, 11];
        const config = expert(...set);
        const data = makeData(type, "random", 6 * 9 * 11, set[1]);
        // 37 leading bits stand for a header: blocks need not start on a byte.
        const field = fieldOf(type, data, shape);
        const body = compressToBytes(config, field);
        const out = new BitStream(new Uint8Array(body.length + 5), { wordBits: 8 });
        out.writeBits(0x1234567, 32);
        out.writeBits(0x15, 5);
        out.copyBits(new BitStream(body), body.length * 8);
        out.flush();
        const bytes = out.bytes.subarray(0, out.size());
        const stream = blockStream(type, shape, config, 37);
        const expected = decodedOffsets(bytes, stream);
        const index = buildBlockIndex(bytes, stream, { interval: 4 });
        expect(Array.from(index.offsets)).toEqual(
          expected.filter((_, b) => b % 4 === 0 && b < expected.length - 1),
        );
        expect(index.endBit).toBe(expected.at(-1));
        const full = fullDecode(bytes, stream);
        for (const box of boxesOf(shape, set[0])) {
          expect(hex(bytesOf(decompressRegion(bytes, stream, regionOf(box), { index })))).toBe(
            hex(bytesOf(sliceC(full, shape, box.start, box.stop))),
          );
        }
      });
    }
  }
});

describe("given a block index", () => {
  const shape = [20, 24, 28];
  const type = "float";
  const data = makeData(type, "smooth", 20 * 24 * 28, 3);
  const config = fixedAccuracy(1e-3);
  const bytes = compressToBytes(config, fieldOf(type, data, shape));
  const stream = blockStream(type, shape, config);

  it("when serialised and parsed, expect the same index", () => {
    const index = buildBlockIndex(bytes, stream, { interval: 7 });
    const parsed = parseBlockIndex(serializeBlockIndex(index));
    expect({ ...parsed, offsets: Array.from(parsed.offsets) }).toEqual({
      ...index,
      offsets: Array.from(index.offsets),
    });
    expect(serializeBlockIndex(index).length).toBe(56 + 4 * (Math.ceil(fieldBlocks(stream) / 7) - 1));
  });

  it("when any byte of the serialised index changes or it is cut, expect InvalidIndexError", () => {
    const saved = serializeBlockIndex(buildBlockIndex(bytes, stream));
    for (const at of [0, 4, 9, 30, 45, saved.length - 1]) {
      const bad = saved.slice();
      bad[at]! ^= 1;
      expect(() => parseBlockIndex(bad), `byte ${at}`).toThrow(InvalidIndexError);
    }
    expect(() => parseBlockIndex(saved.subarray(0, saved.length - 4))).toThrow(InvalidIndexError);
  });

  it("when used with another stream, another field or another first bit, expect IndexMismatchError", () => {
    const index = buildBlockIndex(bytes, stream);
    const region = { start: [0, 0, 0], stop: [4, 4, 4] };
    const other = compressToBytes(config, fieldOf(type, makeData(type, "random", data.length, 9), shape));
    expect(() => decompressRegion(other, stream, region, { index })).toThrow(IndexMismatchError);
    // Same length, one changed byte: the sampled check sees the first bytes, the full check every byte.
    const changed = bytes.slice();
    changed[0]! ^= 1;
    expect(() => decompressRegion(changed, stream, region, { index })).toThrow(IndexMismatchError);
    const inner = bytes.slice();
    inner[Math.floor(bytes.length / 2) + 3]! ^= 0x10;
    expect(() => decompressRegion(inner, stream, region, { index, verifyIndex: "full" })).toThrow(
      IndexMismatchError,
    );
    expect(() => decompressRegion(bytes, blockStream(type, [20, 24, 32], config), region, { index })).toThrow(
      IndexMismatchError,
    );
    expect(() => decompressRegion(bytes, { ...stream, firstBit: 8 }, region, { index })).toThrow(
      IndexMismatchError,
    );
  });

  it("when the stream is truncated, expect TruncatedStreamError from the skim and from a fixed-rate region", () => {
    expect(() => buildBlockIndex(bytes.subarray(0, bytes.length - 9), stream)).toThrow(TruncatedStreamError);
    // A forged size: 2^38 blocks in 10 bytes is refused before offsets are allocated for them.
    const forged = { type, nx: 2 ** 40, ny: 0, nz: 0, nw: 0, config } as const;
    expect(() => buildBlockIndex(new Uint8Array(10), forged)).toThrow(TruncatedStreamError);
    expect(() => decompressRegion(new Uint8Array(10), forged, { start: [5], stop: [6] })).toThrow(
      TruncatedStreamError,
    );
    const rate = fixedRate(8, { type, dims: 3 });
    const fixed = compressToBytes(rate, fieldOf(type, data, shape));
    const cut = fixed.subarray(0, fixed.length - 9);
    expect(() =>
      decompressRegion(cut, blockStream(type, shape, rate), { start: [0, 0, 0], stop: [1, 1, 1] }),
    ).toThrow(TruncatedStreamError);
  });

  it("when a region reaches outside the array or is malformed, expect RegionOutOfBoundsError", () => {
    for (const region of [
      { start: [0, 0, 0], stop: [29, 4, 4] },
      { start: [-1, 0, 0], stop: [4, 4, 4] },
      { start: [3, 0, 0], stop: [2, 4, 4] },
      { start: [0, 0], stop: [4, 4] },
      { start: [0.5, 0, 0], stop: [4, 4, 4] },
    ]) {
      expect(() => decompressRegion(bytes, stream, region), JSON.stringify(region)).toThrow(
        RegionOutOfBoundsError,
      );
    }
    const array = new CompressedArray(bytes, stream);
    expect(() => array.get(28, 0, 0)).toThrow(RegionOutOfBoundsError);
    expect(() => array.get(0, 0, 0, 1)).toThrow(RegionOutOfBoundsError);
    const error = (() => {
      try {
        decompressRegion(bytes, stream, { start: [0, 0, 0], stop: [0, 0, 99] });
      } catch (e) {
        return e;
      }
    })();
    expect(isZfpError(error, "RegionOutOfBounds")).toBe(true);
  });

  it("when a region is empty, expect an empty array", () => {
    expect(decompressRegion(bytes, stream, { start: [3, 4, 5], stop: [3, 9, 9] }).length).toBe(0);
  });
});

describe("given a cached array", () => {
  const shape = [8, 8, 12]; // 2 x 2 x 3 blocks
  const type = "double";
  const data = makeData(type, "smooth", 8 * 8 * 12, 4);
  const config = fixedPrecision(20);
  const bytes = compressToBytes(config, fieldOf(type, data, shape));
  const stream = blockStream(type, shape, config);
  const full = fullDecode(bytes, stream) as Float64Array;

  it("when reading values, expect the full decode's and least-recently-used eviction", () => {
    const array = new CompressedArray(bytes, stream, { cacheBlocks: 2 });
    expect(array.get(0, 0, 0)).toBe(full[0]);
    expect(array.get(1, 2, 3)).toBe(full[1 + 12 * 2 + 96 * 3]);
    expect(array.statistics).toEqual({ hits: 1, misses: 1, evictions: 0 });
    expect(array.get(4, 0, 0)).toBe(full[4]); // block 1
    expect(array.get(0, 4, 0)).toBe(full[48]); // block 2: evicts block 0, the least recently used
    expect(array.statistics).toEqual({ hits: 1, misses: 3, evictions: 1 });
    expect(array.cachedBlocks).toBe(2);
    expect(array.get(4, 0, 0)).toBe(full[4]); // block 1 stayed
    expect(array.statistics.hits).toBe(2);
    expect(array.get(3, 3, 3)).toBe(full[3 + 36 + 288]); // block 0 was evicted
    expect(array.statistics).toEqual({ hits: 2, misses: 4, evictions: 2 });
    for (let i = 0; i < full.length; i += 7) {
      const x = i % 12;
      const y = Math.floor(i / 12) % 8;
      const z = Math.floor(i / 96);
      expect(array.get(x, y, z)).toBe(full[i]);
    }
    expect(array.cachedBlocks).toBe(2);
  });

  it("when slicing into caller memory, expect the values there and a wrong buffer refused", () => {
    const array = new CompressedArray(bytes, stream, { cacheBlocks: 12 });
    const out = new Float64Array(3 * 5 * 7);
    expect(array.slice({ start: [2, 1, 4], stop: [9, 6, 7] }, out)).toBe(out);
    expect(hex(bytesOf(out))).toBe(hex(bytesOf(sliceC(full, shape, [4, 1, 2], [7, 6, 9]))));
    expect(() => array.slice({ start: [0, 0, 0], stop: [1, 1, 1] }, new Float32Array(1))).toThrow();
    array.clearCache();
    expect(array.cachedBlocks).toBe(0);
  });
});

describe("given a preview", () => {
  for (const type of ["float", "double"] as const) {
    for (const [shape, config] of [
      [[16, 20, 24], fixedAccuracy(1e-6)],
      [[40, 33], fixedRate(24, { type, dims: 2 })],
      [[50], fixedPrecision(30)],
    ] as [number[], ZfpConfig][]) {
      const dims = shape.length;
      it(`when previewing ${type} ${shape.join("x")} at 4..16 planes, expect the documented bound on the difference from the full decode`, () => {
        const data = makeData(
          type,
          "random",
          shape.reduce((p, v) => p * v, 1),
          dims,
        ) as Float64Array;
        const bytes = compressToBytes(config, fieldOf(type, data, shape));
        const stream = blockStream(type, shape, config);
        const full = fullDecode(bytes, stream) as Float64Array;
        const [nx, ny, nz] = zfpSizes(shape);
        for (const planes of [4, 8, 12, 16]) {
          const preview = decompressPreview(bytes, stream, planes) as Float64Array;
          let worst = 0;
          for (let i = 0; i < full.length; i++) {
            // The block's exponent e: max |value| of the input block < 2^e.
            const x = i % nx;
            const y = Math.floor(i / nx) % (ny || 1);
            const z = Math.floor(i / (nx * (ny || 1))) % (nz || 1);
            let max = 0;
            for (let k = z & ~3; k < Math.min((z & ~3) + 4, nz || 1); k++)
              for (let j = y & ~3; j < Math.min((y & ~3) + 4, ny || 1); j++)
                for (let h = x & ~3; h < Math.min((x & ~3) + 4, nx); h++)
                  max = Math.max(max, Math.abs(data[h + nx * (j + (ny || 1) * k)]!));
            const e = Math.floor(Math.log2(max)) + 1;
            const bound = 2 ** (e - planes + 2 * dims + 2);
            const error = Math.abs(preview[i]! - full[i]!);
            worst = Math.max(worst, error / bound);
            expect(error, `value ${i} at ${planes} planes`).toBeLessThanOrEqual(bound);
          }
          // The bound is not vacuous: the preview does differ at few planes.
          if (planes === 4) expect(worst).toBeGreaterThan(0);
        }
      });
    }
  }

  for (const type of ["int32", "int64"] as const) {
    it(`when previewing ${type} 2D and 3D at several plane counts, expect |difference| <= 2^(P - planes + 2d + 2)`, () => {
      for (const shape of [
        [13, 18],
        [9, 10, 11],
      ]) {
        const dims = shape.length;
        const data = makeData(
          type,
          "random",
          shape.reduce((p, v) => p * v, 1),
          7,
        );
        const config = fixedPrecision(type === "int32" ? 28 : 60);
        const bytes = compressToBytes(config, fieldOf(type, data, shape));
        const stream = blockStream(type, shape, config);
        const full = fullDecode(bytes, stream);
        const P = type === "int32" ? 32 : 64;
        // Values below 2^21: int64's top 43 planes are empty, so its previews need more planes to differ.
        for (const planes of type === "int32" ? [8, 16, 24] : [32, 40, 48]) {
          const preview = decompressPreview(bytes, stream, planes);
          let differs = false;
          for (let i = 0; i < full.length; i++) {
            const error = Math.abs(Number(preview[i]!) - Number(full[i]!));
            differs ||= error > 0;
            expect(error).toBeLessThanOrEqual(2 ** (P - planes + 2 * dims + 2));
          }
          expect(differs).toBe(true);
        }
      }
    });
  }

  it("when previewing a reversible stream, expect a refusal", () => {
    const bytes = compressToBytes(reversible(), fieldOf("float", new Float32Array(16), [16]));
    expect(() => decompressPreview(bytes, blockStream("float", [16], reversible()), 8)).toThrow(/lossy/);
  });
});

describe("given compression that records the index", () => {
  const configs: [string, (type: ScalarType, dims: 1 | 2 | 3 | 4) => ZfpConfig][] = [
    ["fixed accuracy", () => fixedAccuracy(0.01)],
    ["fixed precision", () => fixedPrecision(9)],
    ["reversible", () => reversible()],
    ["fixed rate", (type, dims) => fixedRate(5, { type, dims })],
  ];
  for (const type of TYPES) {
    for (const shape of SHAPES) {
      for (const [name, make] of configs) {
        it(`when compressing ${type} ${shape.join("x")} ${name} after 13 header bits, expect compress's bytes and the skimmed index`, () => {
          const dims = shape.length as 1 | 2 | 3 | 4;
          const config = make(type, dims);
          const data = makeData(
            type,
            "random",
            shape.reduce((p, v) => p * v, 1),
            dims,
          );
          const field = fieldOf(type, data, shape);
          for (const interval of [1, 3, 128]) {
            const stream = new RunStream(new Uint8Array(maximumSize(config, field)));
            stream.writeBits(0x1abc, 13);
            const { size, index } = compressWithIndex(stream, config, field, { interval });
            const plain = new BitStream(new Uint8Array(maximumSize(config, field)));
            plain.writeBits(0x1abc, 13);
            const expected = plain.bytes.subarray(0, compress(plain, config, field));
            const bytes = stream.bytes.subarray(0, size);
            expect(hex(bytes)).toBe(hex(expected));
            const skimmed = buildBlockIndex(bytes, { ...blockStream(type, shape, config, 13) }, { interval });
            expect({ ...index, offsets: Array.from(index.offsets) }).toEqual({
              ...skimmed,
              offsets: Array.from(skimmed.offsets),
            });
          }
        });
      }
    }
  }

  it("when a lossy field holds NaN, expect NonFiniteValueError with the field's index before anything is written", () => {
    const data = new Float32Array(13 * 10).fill(1);
    data[97] = Number.NaN;
    const stream = new RunStream(new Uint8Array(4096));
    const error = (() => {
      try {
        compressWithIndex(stream, fixedPrecision(10), fieldOf("float", data, [10, 13]), { interval: 2 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NonFiniteValueError);
    expect((error as NonFiniteValueError).index).toBe(97);
    expect(stream.wtell()).toBe(0);
    const field = fieldOf("float", data, [10, 13]);
    expect(() =>
      compressWithIndex(stream, fixedPrecision(10), field, { nonFinite: "bogus" as "as-c" }),
    ).toThrow(/nonFinite/);
    // "as-c": C's bytes for the NaN block, as compress writes them.
    const { size } = compressWithIndex(stream, fixedPrecision(10), field, { nonFinite: "as-c", interval: 2 });
    expect(hex(stream.bytes.subarray(0, size))).toBe(
      hex(compressToBytes(fixedPrecision(10), field, { nonFinite: "as-c" })),
    );
  });
});
