// Slab-wise compression and chunked decompression (SlabCompressor, SlabDecompressor) against zfpy:
// the concatenated slabs are zfpy's one-shot stream, and chunked decoding gives zfpy's values.
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleRequest,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BitStream,
  compress,
  compressToBytes,
  expert,
  type Field,
  fieldSlab,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  InvalidFieldError,
  maximumSize,
  reversible,
  type ScalarType,
  SlabCompressor,
  SlabDecompressor,
  TruncatedStreamError,
  type WordBits,
  type ZfpConfig,
} from "../src/index.js";
import {
  arrayFromBytes,
  bytesOf,
  DTYPE,
  fieldOf,
  hex,
  makeArray,
  makeData,
  padTo8,
  seededRandom,
  ZTYPE,
} from "./support.js";

type Dims = 1 | 2 | 3 | 4;
interface Mode {
  name: string;
  zfpy: { tolerance?: string; rate?: string; precision?: string };
  config: (dims: Dims) => ZfpConfig;
}

const MODES: Mode[] = [
  { name: "reversible", zfpy: {}, config: () => reversible() },
  { name: "precision 17", zfpy: { precision: "17" }, config: () => fixedPrecision(17) },
  { name: "tolerance 1e-3", zfpy: { tolerance: "1e-3" }, config: () => fixedAccuracy(1e-3) },
  { name: "rate 8", zfpy: { rate: "8" }, config: (dims) => fixedRate(8, { type: null, dims }) },
  { name: "rate 3.5", zfpy: { rate: "3.5" }, config: (dims) => fixedRate(3.5, { type: null, dims }) },
];

// numpy shapes (C order, first axis slowest) with a partial block at the end of every axis.
const SHAPES: Record<Dims, number[]> = { 1: [45], 2: [23, 5], 3: [14, 3, 6], 4: [10, 2, 3, 5] };
const TYPES: ScalarType[] = ["int32", "int64", "float", "double"];
const DIMS: Dims[] = [1, 2, 3, 4];

/** Slab row counts covering `length` rows: whole block rows, the last one ending the field. */
function schedules(length: number): number[][] {
  const plan = (sizes: number[]) => {
    const out: number[] = [];
    let done = 0;
    for (let i = 0; done < length; i++) {
      const rows = Math.min(sizes[i % sizes.length]!, length - done);
      out.push(rows);
      done += rows;
    }
    return out;
  };
  return [plan([4]), plan([8, 12]), plan([length])];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function compressSlabs(config: ZfpConfig, field: Field, rows: number[], wordBits: WordBits): Uint8Array {
  const compressor = new SlabCompressor(config, field, { wordBits, nonFinite: "as-c" });
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const n of rows) {
    parts.push(compressor.write(fieldSlab(field, start, n)));
    start += n;
  }
  expect(compressor.finished).toBe(true);
  return concat(parts);
}

/** Feeds `bytes` in random chunks and collects every slab into one C-ordered array. */
function decodeChunked(
  config: ZfpConfig,
  field: Field,
  bytes: Uint8Array,
  wordBits: WordBits,
  seed: number,
  slabRows: number,
  intoCaller: boolean,
) {
  const random = seededRandom(seed);
  const decoder = new SlabDecompressor(config, field, { wordBits, slabRows });
  const out: Field = { ...field, data: makeArray(field.type, field.data.length) };
  const slabs: number[] = [];
  let at = 0;
  const take = () => {
    for (;;) {
      // Into the whole output (the decoder cuts the slab's rows), or into a new array.
      const slab = decoder.next(intoCaller ? out : undefined);
      if (!slab) return;
      slabs.push(slab.start);
      if (!intoCaller) {
        const target = fieldSlab(out, slab.start, slab.rows);
        (target.data as Float64Array).set(slab.field.data as Float64Array, target.offset);
      }
    }
  };
  while (at < bytes.length) {
    const n = 1 + Math.floor(random() * random() * 40);
    decoder.push(bytes.subarray(at, at + n));
    at += n;
    take();
  }
  decoder.end();
  take();
  expect(decoder.finished).toBe(true);
  return { data: out.data, slabs };
}

interface Case {
  type: ScalarType;
  dims: Dims;
  mode: Mode;
  data: ReturnType<typeof makeData>;
  compressed?: OracleResponse;
  decoded?: OracleResponse;
}

const cases: Case[] = [];
let seed = 1;
for (const type of TYPES)
  for (const dims of DIMS)
    for (const mode of MODES) {
      const count = SHAPES[dims].reduce((a, b) => a * b, 1);
      cases.push({ type, dims, mode, data: makeData(type, "smooth", count, seed++) });
    }

describeWithOracle("slab-wise streams against zfpy's one-shot streams", () => {
  beforeAll(() => {
    const compressed = askZfpy(
      cases.map(
        (c): OracleRequest => ({
          op: "compress",
          dtype: DTYPE[c.type],
          shape: SHAPES[c.dims],
          data: toBase64(c.data),
          write_header: false,
          ...c.mode.zfpy,
        }),
      ),
    );
    cases.forEach((c, i) => {
      c.compressed = compressed[i];
    });
    const decoded = askZfpy(
      cases.map(
        (c): OracleRequest => ({
          op: "_decompress",
          bytes: (c.compressed as { bytes: string }).bytes ?? "",
          ztype: ZTYPE[c.type],
          shape: SHAPES[c.dims],
          ...c.mode.zfpy,
        }),
      ),
    );
    cases.forEach((c, i) => {
      c.decoded = decoded[i];
    });
  });

  for (const type of TYPES) {
    describe(`given ${type} data`, () => {
      for (const dims of DIMS) {
        it(`when ${dims}D ${JSON.stringify(SHAPES[dims])} in every mode, expect zfpy's bytes from every slab plan and zfpy's values from every chunking`, () => {
          for (const c of cases.filter((k) => k.type === type && k.dims === dims)) {
            expect(c.compressed?.ok, `${c.mode.name}: ${JSON.stringify(c.compressed)}`).toBe(true);
            expect(c.decoded?.ok, `${c.mode.name}: ${JSON.stringify(c.decoded)}`).toBe(true);
            const expected = fromBase64((c.compressed as { bytes: string }).bytes);
            const values = hex(
              bytesOf(arrayFromBytes(type, fromBase64((c.decoded as { data: string }).data))),
            );
            const config = c.mode.config(dims);
            const field = fieldOf(type, c.data, SHAPES[dims]);
            const length = SHAPES[dims][0]!;
            for (const rows of schedules(length)) {
              const label = `${c.mode.name}, slabs ${rows.join("+")}`;
              expect(hex(compressSlabs(config, field, rows, 8)), `${label}, 8-bit words`).toBe(hex(expected));
              expect(hex(compressSlabs(config, field, rows, 64)), `${label}, 64-bit words`).toBe(
                hex(padTo8(expected)),
              );
            }
            for (const [wordBits, bytes] of [
              [8, expected],
              [64, padTo8(expected)],
            ] as const) {
              for (const slabRows of [4, 8]) {
                for (const intoCaller of [false, true]) {
                  const label = `${c.mode.name}, ${wordBits}-bit words, ${slabRows}-row slabs${intoCaller ? " into caller memory" : ""}`;
                  const decoded = decodeChunked(config, field, bytes, wordBits, seed++, slabRows, intoCaller);
                  expect(hex(bytesOf(decoded.data)), label).toBe(values);
                  const starts = Array.from({ length: Math.ceil(length / slabRows) }, (_, i) => i * slabRows);
                  expect(decoded.slabs, label).toEqual(starts);
                }
              }
            }
          }
        });
      }
    });
  }
});

describe("SlabCompressor", () => {
  const field = fieldOf("double", makeData("double", "smooth", 11 * 6, 3), [11, 6]);

  it("when given expert parameters, expect the one-shot stream (zfpy has no expert mode; compress is checked against zfp elsewhere)", () => {
    const config = expert(5, 100, 30, -10);
    for (const rows of schedules(11)) {
      expect(hex(compressSlabs(config, field, rows, 64))).toBe(hex(compressToBytes(config, field)));
      expect(hex(compressSlabs(config, field, rows, 8))).toBe(
        hex(compressToBytes(config, field, { wordBits: 8 })),
      );
    }
  });

  it("when a prefix is written first, expect its bits right before the blocks, without padding", () => {
    const config = fixedPrecision(12);
    const compressor = new SlabCompressor(config, field, { wordBits: 8, prefix: (s) => s.writeBits(5, 3) });
    const slabs = concat([
      compressor.write(fieldSlab(field, 0, 8)),
      compressor.write(fieldSlab(field, 8, 3)),
    ]);
    const one = new BitStream(new Uint8Array(maximumSize(config, field, 8)), { wordBits: 8 });
    one.writeBits(5, 3);
    const size = compress(one, config, field);
    expect(hex(slabs)).toBe(hex(one.bytes.subarray(0, size)));
    const decoder = new SlabDecompressor(config, field, { wordBits: 8, startBits: 3, slabRows: 4 });
    decoder.push(slabs);
    decoder.end();
    const got: number[] = [];
    for (let slab = decoder.next(); slab; slab = decoder.next())
      got.push(...(slab.field.data as Float64Array));
    const plain = new SlabDecompressor(config, field, { wordBits: 8 });
    plain.push(compressToBytes(config, field, { wordBits: 8 }));
    plain.end();
    expect(got).toEqual([...(plain.next()!.field.data as Float64Array)]);
    expect(slabs[0]! & 7).toBe(5);
  });

  it("when a slab is not whole block rows, of other sizes, past the end or after the last, expect InvalidFieldError and no change", () => {
    const compressor = new SlabCompressor(fixedPrecision(12), field);
    expect(() => compressor.write(fieldSlab(field, 0, 3))).toThrow(InvalidFieldError);
    expect(() => compressor.write({ ...fieldSlab(field, 0, 4), nx: 5 })).toThrow(InvalidFieldError);
    expect(compressor.rowsDone).toBe(0);
    compressor.write(fieldSlab(field, 0, 8));
    expect(() => compressor.write(fieldSlab(field, 0, 4))).toThrow(InvalidFieldError);
    compressor.write(fieldSlab(field, 8, 3));
    expect(() => compressor.write(fieldSlab(field, 8, 3))).toThrow(InvalidFieldError);
  });
});

describe("SlabDecompressor", () => {
  const shape = [37, 9];
  const field = fieldOf("float", makeData("float", "random", 37 * 9, 5), shape);
  const config = fixedAccuracy(1e-2);
  const bytes = compressToBytes(config, field);

  it("when the input ends inside a slab, expect TruncatedStreamError and only whole slabs before it", () => {
    for (const cut of [1, 9, Math.floor(bytes.length / 2), bytes.length - 9]) {
      const decoder = new SlabDecompressor(config, field, { slabRows: 8 });
      decoder.push(bytes.subarray(0, cut));
      const before: number[] = [];
      for (let slab = decoder.next(); slab; slab = decoder.next()) before.push(slab.rows);
      decoder.end();
      expect(() => {
        for (let slab = decoder.next(); slab; slab = decoder.next()) before.push(slab.rows);
      }, `cut at ${cut}`).toThrow(TruncatedStreamError);
      expect(before.every((rows) => rows === 8)).toBe(true);
      expect(decoder.finished).toBe(false);
    }
  });

  it("when fed the stream one byte at a time, expect a bounded buffer and few failed tries", () => {
    const decoder = new SlabDecompressor(config, field, { slabRows: 4 });
    let largest = 0;
    let slabs = 0;
    for (const byte of bytes) {
      decoder.push(Uint8Array.of(byte));
      largest = Math.max(largest, decoder.bufferedBytes);
      while (decoder.next()) slabs++;
    }
    decoder.end();
    while (decoder.next()) slabs++;
    expect(slabs).toBe(10);
    expect(largest).toBeLessThan(bytes.length / 3);
  });
});
