import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BitStream,
  BufferTooSmallError,
  InvalidArgumentError,
  TruncatedStreamError,
  type WordBits,
} from "../src/index.js";
import {
  bigOfBits,
  bitsOf32,
  bitsOf64,
  bitsOfBig,
  bitsOfBytes,
  bytesOfBits,
  numberOfBits,
} from "./bit-model.js";

// ---- arbitraries ---------------------------------------------------------------------

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const wordBits = fc.constantFrom<WordBits>(8, 16, 32, 64);

type WriteOp =
  | { op: "bit"; value: number }
  | { op: "bits"; value: number; n: number }
  | { op: "bits64"; low: number; high: number; n: number }
  | { op: "big"; value: bigint; n: number }
  | { op: "pad"; n: number }
  | { op: "wseek"; at: number }
  | { op: "flush" };

const writeOp: fc.Arbitrary<WriteOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("bit" as const), value: int32 }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("bits" as const),
      value: fc.oneof(uint32, int32),
      n: fc.integer({ min: 0, max: 32 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("bits64" as const),
      low: uint32,
      high: uint32,
      n: fc.integer({ min: 0, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("big" as const),
      value: fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }),
      n: fc.integer({ min: 0, max: 64 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("pad" as const), n: fc.integer({ min: 0, max: 200 }) }),
  },
  // `at` is a fraction of (capacity + 2 bytes), so some seeks land past the end.
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("wseek" as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("flush" as const) }) },
);

type ReadOp =
  | { op: "bit" }
  | { op: "bits"; n: number }
  | { op: "into"; n: number }
  | { op: "big"; n: number }
  | { op: "skip"; n: number }
  | { op: "rseek"; at: number }
  | { op: "align" };

const readOp: fc.Arbitrary<ReadOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("bit" as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant("bits" as const), n: fc.integer({ min: 0, max: 32 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("into" as const), n: fc.integer({ min: 0, max: 64 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("big" as const), n: fc.integer({ min: 0, max: 64 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("skip" as const), n: fc.integer({ min: 0, max: 100 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("rseek" as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("align" as const) }) },
);

type ViewKind = "uint8" | "dataview" | "int16" | "arraybuffer" | "uint8-offset-3";

/** A backing view of `length` bytes at an odd or even offset inside guarded memory. */
interface Backing {
  kind: ViewKind;
  offset: number;
  length: number;
  fill: number;
}

const backing: fc.Arbitrary<Backing> = fc.record({
  kind: fc.constantFrom<ViewKind>("uint8", "dataview", "int16", "arraybuffer", "uint8-offset-3"),
  offset: fc.integer({ min: 0, max: 15 }),
  length: fc.integer({ min: 0, max: 48 }),
  fill: fc.integer({ min: 0, max: 255 }),
});

const GUARD = 10;

/** Builds the view described by `spec` with guard bytes before and after it. */
function makeView(spec: Backing): {
  view: ArrayBuffer | ArrayBufferView;
  whole: Uint8Array;
  start: number;
  length: number;
} {
  let { offset, length } = spec;
  if (spec.kind === "int16") {
    offset &= ~1;
    length &= ~1;
  }
  if (spec.kind === "uint8-offset-3") offset = 3;
  if (spec.kind === "arraybuffer") offset = 0;
  const total = spec.kind === "arraybuffer" ? length : GUARD + offset + length + GUARD;
  const buffer = new ArrayBuffer(total);
  const whole = new Uint8Array(buffer);
  // Pseudo-random initial contents, so no test relies on zeroed memory.
  for (let i = 0; i < total; i++) whole[i] = (spec.fill * 31 + i * 97) & 0xff;
  const start = spec.kind === "arraybuffer" ? 0 : GUARD + offset;
  let view: ArrayBuffer | ArrayBufferView;
  switch (spec.kind) {
    case "arraybuffer":
      view = buffer;
      break;
    case "dataview":
      view = new DataView(buffer, start, length);
      break;
    case "int16":
      view = new Int16Array(buffer, start, length / 2);
      break;
    default:
      view = new Uint8Array(buffer, start, length);
  }
  return { view, whole, start, length };
}

function expectBufferTooSmall(action: () => unknown, endBit: number, capacity: number): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BufferTooSmallError);
  expect((caught as BufferTooSmallError).required).toBe(Math.ceil(endBit / 8));
  expect((caught as BufferTooSmallError).available).toBe(capacity);
}

function expectTruncated(action: () => unknown, endBit: number, capacityBits: number): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TruncatedStreamError);
  expect((caught as TruncatedStreamError).requiredBits).toBe(endBit);
  expect((caught as TruncatedStreamError).availableBits).toBe(capacityBits);
}

// ---- the write-then-read model check -----------------------------------------------

describe("BitStream against a bit-array model", () => {
  it("given random writes, seeks, pads and flushes over any view, when the stream is read back with random reads, skips, seeks and aligns, expect every value, position, size, error and byte to match the model and no byte outside the view to change", () => {
    fc.assert(
      fc.property(
        backing,
        wordBits,
        fc.array(writeOp, { maxLength: 60 }),
        fc.array(readOp, { maxLength: 60 }),
        (spec, W, writes, reads) => {
          const { view, whole, start, length } = makeView(spec);
          const before = whole.slice();
          const cap = length * 8;
          const stream = new BitStream(view, { wordBits: W });
          expect(stream.capacity).toBe(length);
          expect(stream.capacityBits).toBe(cap);
          expect(stream.wordBits).toBe(W);

          const memory = bitsOfBytes(whole.subarray(start, start + length));
          let w = 0;
          const put = (bits: number[]): void => {
            for (const bit of bits) memory[w++] = bit;
          };

          for (const step of writes) {
            switch (step.op) {
              case "bit": {
                if (w + 1 > cap) {
                  expectBufferTooSmall(() => stream.writeBit(step.value), w + 1, length);
                  break;
                }
                expect(stream.writeBit(step.value)).toBe(step.value & 1);
                put([step.value & 1]);
                break;
              }
              case "bits": {
                if (w + step.n > cap) {
                  expectBufferTooSmall(() => stream.writeBits(step.value, step.n), w + step.n, length);
                  break;
                }
                const rest = stream.writeBits(step.value, step.n);
                expect(rest).toBe(step.n === 32 ? 0 : step.value >>> step.n);
                put(bitsOf32(step.value >>> 0, step.n));
                break;
              }
              case "bits64": {
                if (w + step.n > cap) {
                  expectBufferTooSmall(
                    () => stream.writeBits64(step.low, step.high, step.n),
                    w + step.n,
                    length,
                  );
                  break;
                }
                stream.writeBits64(step.low, step.high, step.n);
                put(bitsOf64(step.low, step.high, step.n));
                break;
              }
              case "big": {
                if (w + step.n > cap) {
                  expectBufferTooSmall(() => stream.writeBigBits(step.value, step.n), w + step.n, length);
                  break;
                }
                stream.writeBigBits(step.value, step.n);
                put(bitsOfBig(step.value, step.n));
                break;
              }
              case "pad": {
                if (w + step.n > cap) {
                  expectBufferTooSmall(() => stream.pad(step.n), w + step.n, length);
                  break;
                }
                stream.pad(step.n);
                put(new Array(step.n).fill(0));
                break;
              }
              case "wseek": {
                const at = Math.floor(step.at * (cap + 17));
                if (at > cap) {
                  expectBufferTooSmall(() => stream.wseek(at), at, length);
                  break;
                }
                stream.wseek(at);
                w = at;
                break;
              }
              case "flush": {
                const padding = (W - (w % W)) % W;
                if (w + padding > cap) {
                  expectBufferTooSmall(() => stream.flush(), w + padding, length);
                  break;
                }
                expect(stream.flush()).toBe(padding);
                put(new Array(padding).fill(0));
                // After a flush every written bit is in memory.
                expect(bitsOfBytes(stream.bytes)).toEqual(memory);
                break;
              }
            }
            expect(stream.wtell()).toBe(w);
            expect(stream.size()).toBe(Math.floor(w / W) * (W / 8));
          }

          // Commit pending bits without padding (wseek to the current position does that).
          stream.wseek(stream.wtell());
          expect(bitsOfBytes(stream.bytes)).toEqual(memory);
          // The guard bytes around the view are untouched.
          expect(whole.subarray(0, start)).toEqual(before.subarray(0, start));
          expect(whole.subarray(start + length)).toEqual(before.subarray(start + length));
          expect(whole.subarray(start, start + length)).toEqual(bytesOfBits(memory));

          // Reading past the end throws, except that reading zero bits never does.
          let r = 0;
          const take = (n: number): number[] => memory.slice(r, r + n);
          for (const step of reads) {
            switch (step.op) {
              case "bit": {
                if (r + 1 > cap) {
                  expectTruncated(() => stream.readBit(), r + 1, cap);
                  break;
                }
                expect(stream.readBit()).toBe(memory[r]);
                r += 1;
                break;
              }
              case "bits": {
                if (step.n > 0 && r + step.n > cap) {
                  expectTruncated(() => stream.readBits(step.n), r + step.n, cap);
                  break;
                }
                expect(stream.readBits(step.n)).toBe(numberOfBits(take(step.n)));
                r += step.n;
                break;
              }
              case "into": {
                const out = new Uint32Array([7, 7]);
                if (step.n > 0 && r + step.n > cap) {
                  expectTruncated(() => stream.readBitsInto(step.n, out), r + step.n, cap);
                  expect([...out]).toEqual([7, 7]);
                  break;
                }
                stream.readBitsInto(step.n, out);
                const bits = take(step.n);
                expect(out[0]).toBe(numberOfBits(bits.slice(0, 32)));
                expect(out[1]).toBe(numberOfBits(bits.slice(32)));
                r += step.n;
                break;
              }
              case "big": {
                if (step.n > 0 && r + step.n > cap) {
                  expectTruncated(() => stream.readBigBits(step.n), r + step.n, cap);
                  break;
                }
                expect(stream.readBigBits(step.n)).toBe(bigOfBits(take(step.n)));
                r += step.n;
                break;
              }
              case "skip":
                stream.skip(step.n);
                r += step.n;
                break;
              case "rseek":
                r = Math.floor(step.at * (cap + 40));
                stream.rseek(r);
                break;
              case "align": {
                const skipped = (W - (r % W)) % W;
                expect(stream.align()).toBe(skipped);
                r += skipped;
                break;
              }
            }
            expect(stream.rtell()).toBe(r);
            expect(stream.size()).toBe(Math.max(Math.floor(w / W), Math.ceil(r / W)) * (W / 8));
          }
          // Reading never writes.
          expect(whole.subarray(start, start + length)).toEqual(bytesOfBits(memory));
          expect(whole.subarray(0, start)).toEqual(before.subarray(0, start));
          expect(whole.subarray(start + length)).toEqual(before.subarray(start + length));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("given random fields of 0..64 bits, when written back to back and read with the same widths, expect the same values (round trip)", () => {
    const field = fc.record({ low: uint32, high: uint32, n: fc.integer({ min: 0, max: 64 }) });
    fc.assert(
      fc.property(wordBits, fc.array(field, { maxLength: 200 }), (W, fields) => {
        const totalBits = fields.reduce((sum, f) => sum + f.n, 0);
        const stream = new BitStream(new Uint8Array(Math.ceil(totalBits / W) * (W / 8)), { wordBits: W });
        for (const f of fields) {
          if (f.n <= 32) stream.writeBits(f.low, f.n);
          else stream.writeBits64(f.low, f.high, f.n);
        }
        expect(stream.flush()).toBe((W - (totalBits % W)) % W);
        expect(stream.size()).toBe(stream.capacity);
        stream.rewind();
        const out = new Uint32Array(2);
        for (const f of fields) {
          stream.readBitsInto(f.n, out);
          const lowBits = Math.min(f.n, 32);
          expect(out[0]).toBe(lowBits === 32 ? f.low : f.low & ((1 << lowBits) - 1));
          expect(out[1]).toBe(f.n <= 32 ? 0 : f.n === 64 ? f.high : f.high & ((1 << (f.n - 32)) - 1));
        }
        expect(stream.rtell()).toBe(totalBits);
        expect(stream.align()).toBe((W - (totalBits % W)) % W);
        expect(stream.size()).toBe(stream.capacity);
      }),
      { numRuns: 300 },
    );
  });

  it("given independently written chunks, when concatenated with copyBits after a prefix of any length, expect the bit concatenation of the chunks", () => {
    const chunk = fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 300 });
    fc.assert(
      fc.property(
        wordBits,
        fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 80 }),
        fc.array(chunk, { maxLength: 6 }),
        fc.integer({ min: 0, max: 7 }),
        (W, prefix, chunks, sourceOffset) => {
          // Each chunk is its own stream (flushed to its word size), read from `sourceOffset`.
          const sources = chunks.map((bits) => {
            const buffer = new Uint8Array(Math.ceil((sourceOffset + bits.length) / 64) * 8);
            const source = new BitStream(buffer, { wordBits: W });
            source.pad(sourceOffset);
            for (const bit of bits) source.writeBit(bit);
            source.flush();
            source.rseek(sourceOffset);
            return source;
          });
          const expected = [...prefix, ...chunks.flat()];
          const destination = new BitStream(new Uint8Array(Math.ceil(expected.length / 64) * 8 + 8), {
            wordBits: W,
          });
          for (const bit of prefix) destination.writeBit(bit);
          sources.forEach((source, i) => {
            destination.copyBits(source, chunks[i]!.length);
            expect(source.rtell()).toBe(sourceOffset + chunks[i]!.length);
          });
          expect(destination.wtell()).toBe(expected.length);
          destination.flush();
          expect(bitsOfBytes(destination.bytes).slice(0, expected.length)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("given any invalid bit count, when passed to a read or write, expect InvalidArgumentError and no change", () => {
    const invalid = fc.oneof(
      fc.constantFrom(-1, 33, 65, 0.5, 31.5, Number.NaN, Number.POSITIVE_INFINITY, -0.25),
      fc.integer({ min: 65, max: 1 << 30 }),
    );
    fc.assert(
      fc.property(invalid, (n) => {
        const stream = new BitStream(new Uint8Array(64));
        stream.writeBits(0b101, 3);
        const out = new Uint32Array(2);
        const bitCountOf32 = !(n >= 0 && n <= 32 && Number.isInteger(n));
        const bitCountOf64 = !(n >= 0 && n <= 64 && Number.isInteger(n));
        if (bitCountOf32) {
          expect(() => stream.writeBits(1, n)).toThrow(InvalidArgumentError);
          expect(() => stream.readBits(n)).toThrow(InvalidArgumentError);
        }
        if (bitCountOf64) {
          expect(() => stream.writeBits64(1, 1, n)).toThrow(InvalidArgumentError);
          expect(() => stream.writeBigBits(1n, n)).toThrow(InvalidArgumentError);
          expect(() => stream.readBitsInto(n, out)).toThrow(InvalidArgumentError);
          expect(() => stream.readBigBits(n)).toThrow(InvalidArgumentError);
        }
        if (!(n >= 0 && Number.isInteger(n))) {
          expect(() => stream.pad(n)).toThrow(InvalidArgumentError);
          expect(() => stream.skip(n)).toThrow(InvalidArgumentError);
          expect(() => stream.wseek(n)).toThrow(InvalidArgumentError);
          expect(() => stream.rseek(n)).toThrow(InvalidArgumentError);
          expect(() => stream.copyBits(new BitStream(new Uint8Array(8)), n)).toThrow(InvalidArgumentError);
        }
        expect(stream.wtell()).toBe(3);
        expect(stream.rtell()).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
