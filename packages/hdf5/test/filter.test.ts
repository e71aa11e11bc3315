// The filter's contracts: cd_values parsing (versions, big-endian writers), the size-1 axis rule,
// and typed refusals of bad cd_values and chunks.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BitStream, compressToBytes, expert, isZfpError, TruncatedStreamError } from "@zfpjs/codec";
import { writeHeader } from "@zfpjs/header";
import fc from "fast-check";
import * as hdf5 from "jsfive";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChunkMismatchError,
  decodeChunk,
  InvalidCdValuesError,
  parseCdValues,
  register,
} from "../src/index.js";
import { describeWithH5Oracle, writeWithH5py } from "./support.js";

/** cd_values as H5Z-ZFP's set_local stores them for `field` and `config`. */
function cdValuesOf(
  field: { type: "float" | "double" | "int32" | "int64"; nx: number; ny?: number },
  config = expert(1, 900, 30, -12),
) {
  const bytes = new Uint8Array(20);
  const stream = new BitStream(bytes, { wordBits: 8 });
  writeHeader(stream, field, config);
  stream.flush();
  return [0x10005110, ...new Uint32Array(bytes.buffer)];
}

function swapWords(words: number[]): number[] {
  return words.map((w, i) =>
    i === 0 ? w : (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0,
  );
}

describe("given cd_values", () => {
  it("when parsed, expect the versions of word 0 and the header's type, sizes and parameters", () => {
    const parameters = parseCdValues(cdValuesOf({ type: "double", nx: 6, ny: 5 }));
    expect(parameters).toMatchObject({
      zfpVersion: 0x1000,
      codecVersion: 5,
      filterVersion: 0x110,
      swapped: false,
      type: "double",
      shape: [5, 6],
      nx: 6,
      ny: 5,
      nz: 0,
      nw: 0,
      config: { minbits: 1, maxbits: 900, maxprec: 30, minexp: -12 },
    });
  });

  it("when a big-endian writer stored the header words, expect them swapped back", () => {
    const words = cdValuesOf({ type: "float", nx: 7 });
    const swapped = parseCdValues(swapWords(words));
    expect(swapped.swapped).toBe(true);
    expect({ ...swapped, swapped: false }).toEqual({ ...parseCdValues(words) });
  });

  it.each([
    ["too short", [0x10005110]],
    ["not a zfp header", [0x10005110, 0x12345678, 0, 0, 0, 0]],
    ["a word that is not uint32", [0x10005110, -1, 0]],
    ["a fraction", [0x10005110, 1.5]],
    ["a header cut short", cdValuesOf({ type: "float", nx: 7 }).slice(0, 2)],
  ])("when they are %s, expect InvalidCdValuesError", (_, words) => {
    expect(() => parseCdValues(words as number[])).toThrow(InvalidCdValuesError);
    expect(() => parseCdValues(words as number[])).toThrow(
      expect.objectContaining({ tag: "InvalidCdValues" }),
    );
  });
});

describe("given a chunk", () => {
  const cdValues = cdValuesOf({ type: "float", nx: 8, ny: 4 });
  const values = Float32Array.from({ length: 32 }, (_, i) => Math.cos(i / 3));
  const chunk = compressToBytes(
    expert(1, 900, 30, -12),
    { type: "float", data: values, nx: 8, ny: 4, nz: 0, nw: 0 },
    { wordBits: 8 },
  );

  it("when its chunk shape has size-1 axes around the header's sizes, expect it decoded; other shapes refused", () => {
    const decoded = decodeChunk(cdValues, chunk, { chunkShape: [1, 4, 1, 8] });
    expect(decoded).toBeInstanceOf(Float32Array);
    expect(decoded.length).toBe(32);
    expect(() => decodeChunk(cdValues, chunk, { chunkShape: [8, 4] })).toThrow(ChunkMismatchError);
    expect(() => decodeChunk(cdValues, chunk, { chunkShape: [4, 8, 2] })).toThrow(ChunkMismatchError);
  });

  it("when jsfive's element size disagrees with the header's type, expect ChunkMismatchError", () => {
    const filters = new Map<
      number,
      (buf: ArrayBuffer, itemsize: number, cd: ArrayLike<number>) => ArrayBuffer
    >();
    register(filters);
    const filter = filters.get(32013)!;
    const buffer = chunk.slice().buffer;
    expect(new Float32Array(filter(buffer, 4, cdValues))).toEqual(decodeChunk(cdValues, chunk));
    expect(() => filter(buffer, 8, cdValues)).toThrow(ChunkMismatchError);
  });

  it("when it is truncated, expect TruncatedStreamError", () => {
    expect(() => decodeChunk(cdValues, chunk.subarray(0, 5))).toThrow(TruncatedStreamError);
  });
});

const root = mkdtempSync(join(tmpdir(), "zfpjs-hdf5-swap-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeWithH5Oracle("given an h5py file's cd_values byte-swapped as a big-endian writer stores them", () => {
  let expected: Float64Array;
  let file: hdf5.File;

  beforeAll(() => {
    const path = join(root, "swap.h5");
    const read = writeWithH5py(path, [
      {
        name: "d",
        dtype: "float64",
        shape: [12, 10],
        chunks: [8, 8],
        mode: { mode: "precision", precision: 24 },
        seed: 9,
      },
    ]);
    expected = new Float64Array(read.d!.slice().buffer);
    const bytes = readFileSync(path);
    file = new hdf5.File(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      "swap.h5",
    );
    register(hdf5.Filters);
  }, 300_000);

  it("when read through jsfive, expect h5py's values as with the original words", () => {
    const dataset = file.get("d") as hdf5.Dataset;
    const pipeline = dataset._dataobjects.filter_pipeline![0]!;
    const words = pipeline.get("client_data") as number[];
    expect(parseCdValues(words).swapped).toBe(false);
    pipeline.set("client_data", swapWords(words));
    expect(parseCdValues(pipeline.get("client_data") as number[]).swapped).toBe(true);
    expect(Float64Array.from(dataset.value as number[])).toEqual(expected);
  });
});

describe("given arbitrary bytes", () => {
  it("when decoded as a chunk, expect the header's number of values or a typed ZfpError, never a crash", () => {
    const cdValues = [
      cdValuesOf({ type: "float", nx: 8, ny: 4 }),
      cdValuesOf({ type: "int64", nx: 5 }, expert(1, 16658, 64, -1075)),
      cdValuesOf({ type: "double", nx: 3, ny: 3 }, expert(64, 64, 64, -1074)),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(cdValues.length - 1), (bytes, k) => {
        try {
          const values = decodeChunk(cdValues[k]!, bytes);
          const { nx, ny } = parseCdValues(cdValues[k]!);
          expect(values.length).toBe(nx * (ny || 1));
        } catch (error) {
          expect(isZfpError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("when given as cd_values, expect parameters or InvalidCdValuesError", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 7 }), (words) => {
        try {
          parseCdValues(words);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidCdValuesError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
