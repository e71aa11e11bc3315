// Streaming with zfpy's header (createStreamCompressor, compressStream, createStreamDecompressor,
// decompressStream) against Debian's zfpy: slab-wise bytes are zfpy's one-shot stream, and
// chunked decoding from a ReadableStream gives zfpy's values.

import { TruncatedStreamError } from "@zfpjs/codec";
import {
  askZfpy,
  describeWithOracle,
  fromBase64,
  type OracleDtype,
  type OracleRequest,
  type OracleResponse,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { oracleParams, seededRandom } from "@zfpjs/tooling/testing";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import {
  compress,
  compressStream,
  createStreamCompressor,
  createStreamDecompressor,
  decompressStream,
  type ModeOptions,
  type StreamSlab,
  type ZfpyData,
  ZfpyRuntimeError,
  ZfpyValueError,
} from "../src/index.js";
import { arrayOf, bytesOf, fill, padTo8 } from "./arrays.js";

const DTYPES: OracleDtype[] = ["int32", "int64", "float32", "float64"];
// First axis (the slowest) long, with a partial block at the end of every axis.
const SHAPES: Record<number, number[]> = { 1: [45], 2: [23, 5], 3: [14, 3, 6], 4: [10, 2, 3, 5] };
const MODES: { name: string; options: ModeOptions }[] = [
  { name: "reversible", options: {} },
  { name: "tolerance 1e-3", options: { tolerance: 1e-3 } },
  { name: "rate 8", options: { rate: 8 } },
  { name: "rate 3.5", options: { rate: 3.5 } },
  { name: "precision 12", options: { precision: 12 } },
];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A ReadableStream of `bytes` in random chunks of 1 to ~60 bytes. */
function chunked(bytes: Uint8Array, seed: number): ReadableStream<Uint8Array> {
  const random = seededRandom(seed);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const n = 1 + Math.floor(random() * random() * 60);
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return concat(parts);
}

function slabWise(array: ndarray.NdArray<ZfpyData>, rows: number, options: object): Uint8Array {
  const compressor = createStreamCompressor(array.dtype as "float32", array.shape, options);
  const parts: Uint8Array[] = [];
  for (let start = 0; start < array.shape[0]!; start += rows) {
    const end = Math.min(start + rows, array.shape[0]!);
    parts.push(compressor.write(array.hi(end).lo(start) as ndarray.NdArray<ZfpyData>));
  }
  expect(compressor.finished).toBe(true);
  return concat(parts);
}

interface Case {
  dtype: OracleDtype;
  dims: number;
  mode: (typeof MODES)[number];
  array: ndarray.NdArray<ZfpyData>;
  header?: OracleResponse;
  raw?: OracleResponse;
  decoded?: OracleResponse;
}

const cases: Case[] = [];
for (const dtype of DTYPES)
  for (const dims of [1, 2, 3, 4])
    for (const mode of MODES) {
      const shape = SHAPES[dims]!;
      cases.push({ dtype, dims, mode, array: ndarray(fill(dtype, shape, dims * 5 + cases.length), shape) });
    }

describeWithOracle("streams with zfpy's header against zfpy", () => {
  beforeAll(() => {
    const requests: OracleRequest[] = [];
    for (const c of cases) {
      const base = {
        op: "compress",
        dtype: c.dtype,
        shape: c.array.shape,
        data: toBase64(c.array.data),
      } as const;
      requests.push({ ...base, ...oracleParams(c.mode.options) });
      requests.push({ ...base, ...oracleParams(c.mode.options), write_header: false });
    }
    const answers = askZfpy(requests);
    cases.forEach((c, i) => {
      c.header = answers[2 * i];
      c.raw = answers[2 * i + 1];
    });
    const decoded = askZfpy(
      cases.map((c) => ({ op: "decompress", bytes: (c.header as { bytes: string }).bytes })),
    );
    cases.forEach((c, i) => {
      c.decoded = decoded[i];
    });
  });

  for (const dtype of DTYPES) {
    describe(`given ${dtype} arrays`, () => {
      for (const dims of [1, 2, 3, 4]) {
        it(`when ${dims}D ${JSON.stringify(SHAPES[dims])} in every mode, expect zfpy's bytes slab by slab and through a ReadableStream, and zfpy's values from chunked decoding`, async () => {
          let seed = dims;
          for (const c of cases.filter((k) => k.dtype === dtype && k.dims === dims)) {
            for (const answer of [c.header, c.raw, c.decoded])
              expect(answer?.ok, JSON.stringify(answer)).toBe(true);
            const withHeader = fromBase64((c.header as { bytes: string }).bytes);
            const raw = fromBase64((c.raw as { bytes: string }).bytes);
            const values = hex(fromBase64((c.decoded as { data: string }).data));
            const name = c.mode.name;
            for (const rows of [4, 8, 100]) {
              for (const writeHeader of [true, false]) {
                const want = writeHeader ? withHeader : raw;
                const options = { ...c.mode.options, writeHeader };
                const label = `${name}, ${rows}-row slabs, header ${writeHeader}`;
                expect(
                  hex(slabWise(c.array, rows, { ...options, wordBits: 8 })),
                  `${label}, 8-bit words`,
                ).toBe(hex(want));
                expect(hex(slabWise(c.array, rows, options)), `${label}, 64-bit words`).toBe(
                  hex(padTo8(want)),
                );
              }
            }
            const streamed = await readAll(
              compressStream(c.array, { ...c.mode.options, slabValues: 1 }) as ReadableStream<Uint8Array>,
            );
            expect(hex(streamed), `${name}: compressStream`).toBe(hex(padTo8(withHeader)));
            for (const [words, bytes] of [
              [8, withHeader],
              [64, padTo8(withHeader)],
            ] as const) {
              const out = arrayOf(dtype, c.array.size);
              const starts: number[] = [];
              for await (const slab of decompressStream(chunked(bytes, seed++), { slabRows: 4 })) {
                starts.push(slab.start);
                expect(slab.arrayShape).toEqual(c.array.shape);
                expect(slab.shape.slice(1)).toEqual(c.array.shape.slice(1));
                (out as Float64Array).set(
                  slab.data as Float64Array,
                  slab.start * (c.array.size / c.array.shape[0]!),
                );
              }
              expect(hex(bytesOf(out)), `${name}, ${words}-bit words: values`).toBe(values);
              expect(starts).toEqual(
                Array.from({ length: Math.ceil(c.array.shape[0]! / 4) }, (_, i) => i * 4),
              );
            }
            // Header-less, into caller memory.
            const out = arrayOf(dtype, c.array.size);
            const slabs = decompressStream(chunked(raw, seed++), {
              type: dtype,
              shape: c.array.shape,
              wordBits: 8,
              out,
              ...c.mode.options,
            });
            for await (const slab of slabs) expect(slab.data.buffer).toBe(out.buffer);
            expect(hex(bytesOf(out)), `${name}, header-less into out: values`).toBe(values);
          }
        });
      }
    });
  }
});

describe("decompressStream", () => {
  const array = ndarray(fill("float32", [40, 16], 3), [40, 16]);
  const bytes = compress(array, { tolerance: 1e-2 });

  it("when the stream ends inside a slab, expect a ZfpyRuntimeError caused by TruncatedStreamError, after only whole slabs", async () => {
    for (const cut of [30, Math.floor(bytes.length / 2), bytes.length - 9]) {
      const seen: StreamSlab[] = [];
      const run = async () => {
        for await (const slab of decompressStream(chunked(bytes.subarray(0, cut), cut), { slabRows: 8 }))
          seen.push(slab);
      };
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `cut at ${cut}`).toBeInstanceOf(ZfpyRuntimeError);
      expect((error as Error).cause).toBeInstanceOf(TruncatedStreamError);
      expect(seen.every((slab) => slab.shape[0] === 8)).toBe(true);
      expect(seen.length).toBeLessThan(5);
    }
  });

  it("when the header is cut or not zfp's, expect ZfpyValueError", async () => {
    const drain = async (input: Uint8Array) => {
      for await (const _ of decompressStream(chunked(input, 1))) {
        // nothing
      }
    };
    await expect(drain(bytes.subarray(0, 10))).rejects.toBeInstanceOf(ZfpyValueError);
    await expect(drain(new Uint8Array(64).fill(7))).rejects.toBeInstanceOf(ZfpyValueError);
  });

  it("when the consumer stops early, expect the source cancelled", async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const slab of decompressStream(source, { slabRows: 4 })) {
      expect(slab.start).toBe(0);
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("when a push decoder gets the stream byte by byte, expect every slab once and a bounded buffer", () => {
    const decoder = createStreamDecompressor({ slabRows: 4 });
    const starts: number[] = [];
    for (const byte of bytes) {
      decoder.push(Uint8Array.of(byte));
      for (let slab = decoder.next(); slab; slab = decoder.next()) starts.push(slab.start);
    }
    decoder.end();
    for (let slab = decoder.next(); slab; slab = decoder.next()) starts.push(slab.start);
    expect(starts).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36]);
    expect(decoder.shape).toEqual([40, 16]);
    expect(decoder.dtype).toBe("float32");
  });
});

describe("compressStream from a SlabSource", () => {
  const array = ndarray(fill("float64", [30, 7, 5], 9), [30, 7, 5]);

  it("when the slabs come from an async generator, expect compress()'s bytes", async () => {
    async function* slabs() {
      for (let row = 0; row < 30; row += 8)
        yield array.hi(Math.min(row + 8, 30)).lo(row) as ndarray.NdArray<ZfpyData>;
    }
    const stream = compressStream({ dtype: "float64", shape: [30, 7, 5], slabs: slabs() }, { precision: 20 });
    expect(hex(await readAll(stream as ReadableStream<Uint8Array>))).toBe(
      hex(compress(array, { precision: 20 })),
    );
  });

  it("when the slabs end early or have the wrong shape, expect the stream to error with ZfpyValueError", async () => {
    const early = compressStream({ dtype: "float64", shape: [30, 7, 5], slabs: [array.hi(8)] }, { rate: 8 });
    await expect(readAll(early as ReadableStream<Uint8Array>)).rejects.toBeInstanceOf(ZfpyValueError);
    const wrong = compressStream(
      { dtype: "float64", shape: [30, 7, 5], slabs: [array.hi(8, 6)] },
      { rate: 8 },
    );
    await expect(readAll(wrong as ReadableStream<Uint8Array>)).rejects.toBeInstanceOf(ZfpyValueError);
  });
});
