// Zarr v2 stores written by Debian's zarr 2.13 + numcodecs 0.11 (ZFPY), read through zarrita
// with @zfpjs/zarr; chunks re-encoded by @zfpjs/zarr equal numcodecs' bytes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { register, zfpyCodecEntry } from "../src/index.js";
import {
  askPython,
  chunkIndices,
  chunkOf,
  DirectoryStore,
  describeWithZarrOracle,
  fromBase64,
  strides,
  TYPED_ARRAYS,
  ZFPY_DTYPES,
} from "./support.js";

type Dtype = (typeof ZFPY_DTYPES)[number];

// every mode as numcodecs 0.11 takes it (reversible is mode 4 with tolerance -1)
const MODES = [
  { name: "accuracy", compressor: { mode: 4, tolerance: 0.01 } },
  { name: "rate", compressor: { mode: 2, rate: 12 } },
  { name: "precision", compressor: { mode: 3, precision: 14 } },
  { name: "reversible", compressor: { mode: 4, tolerance: -1 } },
];
// 1-4D, each with edge chunks
const SHAPES = [
  { shape: [37], chunks: [16] },
  { shape: [10, 7], chunks: [4, 4] },
  { shape: [6, 9, 5], chunks: [4, 4, 3] },
  { shape: [5, 3, 6, 4], chunks: [2, 3, 4, 3] },
];

interface Case {
  dtype: Dtype;
  mode: (typeof MODES)[number];
  shape: number[];
  chunks: number[];
  dir: string;
  data: Uint8Array;
  read: Uint8Array;
}

const root = mkdtempSync(join(tmpdir(), "zfpjs-zarr-v2-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function view(dtype: Dtype, bytes: Uint8Array) {
  const copy = bytes.slice();
  return new TYPED_ARRAYS[dtype](copy.buffer, 0, copy.byteLength / TYPED_ARRAYS[dtype].BYTES_PER_ELEMENT);
}

describeWithZarrOracle("given Zarr v2 stores written by zarr 2.13 + numcodecs ZFPY", () => {
  const cases: Case[] = [];
  for (const dtype of ZFPY_DTYPES)
    for (const mode of MODES)
      for (const { shape, chunks } of SHAPES)
        cases.push({ dtype, mode, shape, chunks, dir: "", data: new Uint8Array(), read: new Uint8Array() });

  beforeAll(() => {
    register();
    cases.forEach((c, i) => {
      c.dir = join(root, `a${i}`);
    });
    const answers = askPython(
      cases.map((c, i) => ({
        op: "write_v2",
        dir: c.dir,
        dtype: c.dtype,
        shape: c.shape,
        chunks: c.chunks,
        compressor: c.mode.compressor,
        seed: i,
      })),
    );
    answers.forEach((answer, i) => {
      cases[i]!.data = fromBase64(answer.data!);
      cases[i]!.read = fromBase64(answer.read!);
    });
  }, 300_000);

  describe.each(ZFPY_DTYPES)("of %s", (dtype) => {
    it("when read through zarrita, expect zarr-python's values in every mode, 1-4D, with edge chunks", async () => {
      for (const c of cases.filter((c) => c.dtype === dtype)) {
        const array = await zarr.open(new DirectoryStore(c.dir), { kind: "array" });
        const got = await zarr.get(array);
        expect(got.shape, `${c.mode.name} ${c.shape}`).toEqual(c.shape);
        expect(got.data, `${c.mode.name} ${c.shape}`).toEqual(view(dtype, c.read));
      }
    });

    it("when each chunk is encoded with 8-bit words, expect numcodecs' bytes; with 64-bit words, those bytes zero-padded; both decode alike", () => {
      let checked = 0;
      for (const c of cases.filter((c) => c.dtype === dtype)) {
        const config = JSON.parse(readFileSync(join(c.dir, ".zarray"), "utf8")).compressor;
        const { id: _, ...configuration } = config;
        const meta = { dataType: dtype, shape: c.chunks, fillValue: 0 };
        const debian = zfpyCodecEntry("numcodecs.zfpy", { wordBits: 8 }).fromConfig(configuration, meta);
        const wheels = zfpyCodecEntry("numcodecs.zfpy").fromConfig(configuration, meta);
        const data = view(dtype, c.data);
        for (const index of chunkIndices(c.shape, c.chunks)) {
          const chunk = chunkOf(
            data as Float64Array,
            c.shape,
            c.chunks,
            index,
            (n) => new TYPED_ARRAYS[dtype](n) as Float64Array,
          );
          const stored = new Uint8Array(readFileSync(join(c.dir, index.join("."))));
          const input = { data: chunk, shape: c.chunks, stride: strides(c.chunks) };
          expect(debian.encode(input), `${c.mode.name} ${c.shape} chunk ${index}`).toEqual(stored);
          const padded = new Uint8Array(Math.ceil(stored.length / 8) * 8);
          padded.set(stored);
          const wide = wheels.encode(input);
          expect(wide).toEqual(padded);
          expect(wheels.decode(wide).data).toEqual(debian.decode(stored).data);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  });
});

describeWithZarrOracle("given a zarr-python store with a fill value, partly written", () => {
  const dir = join(root, "fill");
  const shape = [10, 13];
  const chunks = [4, 5];
  let read: Float32Array;

  beforeAll(() => {
    register();
    const [answer] = askPython([
      {
        op: "write_v2",
        dir,
        dtype: "float32",
        shape,
        chunks,
        compressor: { mode: 4, tolerance: -1 },
        fill_value: -2.5,
        region: [
          [0, 6],
          [0, 7],
        ],
        seed: 42,
      },
    ]);
    read = new Float32Array(fromBase64(answer!.read!).slice().buffer);
  }, 300_000);

  it("when read through zarrita, expect zarr-python's values: the fill value in missing chunks and unwritten parts", async () => {
    expect(existsSync(join(dir, "2.2"))).toBe(false); // a missing chunk
    const array = await zarr.open(new DirectoryStore(dir), { kind: "array" });
    const got = await zarr.get(array);
    expect(got.data).toEqual(read);
    expect(read[1 * 13 + 12]).toBe(-2.5); // row 1, column 12: never written
  });

  it("when the stored chunks are re-encoded (padded with the fill value), expect numcodecs' bytes", () => {
    const codec = zfpyCodecEntry("numcodecs.zfpy", { wordBits: 8 }).fromConfig(
      { mode: 4, tolerance: -1, rate: -1, precision: -1, compression_kwargs: { tolerance: -1 } },
      { dataType: "float32", shape: chunks, fillValue: -2.5 },
    );
    let stored = 0;
    for (const index of chunkIndices(shape, chunks)) {
      const path = join(dir, index.join("."));
      if (!existsSync(path)) continue;
      const chunk = chunkOf(read, shape, chunks, index, (n) => new Float32Array(n), -2.5);
      expect(codec.encode({ data: chunk, shape: chunks, stride: strides(chunks) })).toEqual(
        new Uint8Array(readFileSync(path)),
      );
      stored++;
    }
    expect(stored).toBe(4);
  });
});
