// Micro-benchmark of the bit stream's hot paths (zfp's stream_write_bit(s)/stream_read_bit(s)):
// bits per second written and read for 1-, 7-, 32- and 64-bit fields.
// Run: npx tsx packages/bitstream/bench/bitstream.bench.ts
import { BitStream } from "../src/index.js";

/** One row of {@link runBitstreamBench}: throughput for one field width. */
export interface BitstreamBenchResult {
  /** Field width in bits (1 uses writeBit/readBit, 64 uses writeBits64/readBitsInto). */
  field: number;
  /** Bits written per second (best of the timed runs). */
  writeBitsPerSecond: number;
  /** Bits read per second (best of the timed runs). */
  readBitsPerSecond: number;
}

/** Options of {@link runBitstreamBench}. */
export interface BitstreamBenchOptions {
  /** Field widths to measure; default [1, 7, 32, 64]. */
  fields?: number[];
  /** Size of the stream buffer in bytes; default 1 MiB. */
  bufferBytes?: number;
  /** Timed runs per measurement (the best is kept); default 7. */
  runs?: number;
  /** A quick pass (the workspace harness's --quick): 256 KiB buffer and 3 runs unless set. */
  quick?: boolean;
}

// A cheap deterministic generator, so every run writes the same values.
function randomWords(count: number, seed: number): Int32Array {
  const out = new Int32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state | 0;
  }
  return out;
}

// Keeps results observable so the optimizer cannot drop the reads.
let sink = 0;

// One function per access pattern, so each loop is compiled for one call shape, as in a codec.
function writeOneBits(stream: BitStream, values: Int32Array, count: number): void {
  stream.rewind();
  for (let i = 0; i < count; i++) stream.writeBit(values[i]!);
  stream.flush();
}

function writeFields(stream: BitStream, values: Int32Array, field: number, count: number): void {
  stream.rewind();
  for (let i = 0; i < count; i++) stream.writeBits(values[i]!, field);
  stream.flush();
}

function writeWideFields(stream: BitStream, values: Int32Array, field: number, count: number): void {
  stream.rewind();
  for (let i = 0; i < count; i++) stream.writeBits64(values[i]!, values[count - 1 - i]!, field);
  stream.flush();
}

function readOneBits(stream: BitStream, count: number): number {
  stream.rewind();
  let acc = 0;
  for (let i = 0; i < count; i++) acc += stream.readBit();
  return acc;
}

function readFields(stream: BitStream, field: number, count: number): number {
  stream.rewind();
  let acc = 0;
  for (let i = 0; i < count; i++) acc ^= stream.readBits(field);
  return acc;
}

function readWideFields(stream: BitStream, field: number, count: number, pair: Uint32Array): number {
  stream.rewind();
  let acc = 0;
  for (let i = 0; i < count; i++) {
    stream.readBitsInto(field, pair);
    acc ^= pair[0]! ^ pair[1]!;
  }
  return acc;
}

function write(stream: BitStream, values: Int32Array, field: number, count: number): void {
  if (field === 1) writeOneBits(stream, values, count);
  else if (field <= 32) writeFields(stream, values, field, count);
  else writeWideFields(stream, values, field, count);
}

function read(stream: BitStream, field: number, count: number, pair: Uint32Array): number {
  if (field === 1) return readOneBits(stream, count);
  if (field <= 32) return readFields(stream, field, count);
  return readWideFields(stream, field, count, pair);
}

function best(runs: number, body: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    body();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest / 1000;
}

/**
 * Measures write and read throughput of {@link BitStream} for each field width: fills a buffer
 * with fields of that width (values fixed by a seeded generator), then reads them back.
 * Returns bits per second, best of `runs` timed passes after a warm-up pass.
 */
export function runBitstreamBench(options: BitstreamBenchOptions = {}): BitstreamBenchResult[] {
  const fields = options.fields ?? [1, 7, 32, 64];
  const bufferBytes = options.bufferBytes ?? (options.quick ? 1 << 18 : 1 << 20);
  const runs = options.runs ?? (options.quick ? 3 : 7);
  const stream = new BitStream(new Uint8Array(bufferBytes));
  const pair = new Uint32Array(2);
  const results: BitstreamBenchResult[] = [];
  for (const field of fields) {
    const count = Math.floor((bufferBytes * 8 - 64) / field);
    const values = randomWords(count, 0x9e3779b9 ^ field);
    const bits = count * field;
    write(stream, values, field, count); // warm-up
    sink ^= read(stream, field, count, pair);
    const writeSeconds = best(runs, () => write(stream, values, field, count));
    const readSeconds = best(runs, () => {
      sink ^= read(stream, field, count, pair);
    });
    results.push({
      field,
      writeBitsPerSecond: Math.round(bits / writeSeconds),
      readBitsPerSecond: Math.round(bits / readSeconds),
    });
  }
  if (sink === 0.5) console.log(sink); // never true; keeps `sink` live
  return results;
}

function formatRate(bitsPerSecond: number): string {
  return `${(bitsPerSecond / 1e6).toFixed(0).padStart(6)} Mbit/s`;
}

const invokedDirectly = typeof process !== "undefined" && process.argv[1]?.endsWith("bitstream.bench.ts");
if (invokedDirectly) {
  console.log(`@zfpjs/bitstream micro-benchmark (node ${process.version}, 1 MiB buffer, best of 7)`);
  console.log("field | write          | read");
  for (const row of runBitstreamBench()) {
    console.log(
      `${String(row.field).padStart(5)} | ${formatRate(row.writeBitsPerSecond)} | ${formatRate(row.readBitsPerSecond)}`,
    );
  }
}
