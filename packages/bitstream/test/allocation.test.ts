// The hot paths must not allocate once optimized. A loop of 2 million iterations that
// allocates one small object per iteration triggers about 16 young-generation collections
// here (measured with Node 20); an allocation-free loop triggers none. Each loop is a function of its own and runs several times first, so that the
// optimizing compiler has seen all of it; the limit of 5 leaves room for a late compilation
// on a busy machine (optimized code arriving mid-run) while still catching any allocation per
// call.
import { PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { BitStream } from "../src/index.js";

const CALLS = 2_000_000;
const WARM_UP_RUNS = 6;
const MAX_COLLECTIONS = 5;

/** Runs `loop` a few times, then once more, and returns the collections during that last run. */
async function collectionsOnceOptimized(loop: () => number): Promise<number> {
  let checksum = 0;
  for (let run = 0; run < WARM_UP_RUNS; run++) checksum ^= loop();
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    count += list.getEntries().length;
  });
  observer.observe({ entryTypes: ["gc"] });
  checksum ^= loop();
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  expect(Number.isInteger(checksum)).toBe(true);
  return count;
}

describe("allocation-free hot paths", () => {
  const stream = new BitStream(new Uint8Array(CALLS * 12 + 64));
  const pair = new Uint32Array(2);

  it("when millions of single bits and 7-bit fields are written, expect no garbage collection", async () => {
    const loop = (): number => {
      stream.rewind();
      for (let i = 0; i < CALLS; i++) {
        stream.writeBit(i);
        stream.writeBits(i, 7);
      }
      return stream.flush();
    };
    expect(await collectionsOnceOptimized(loop)).toBeLessThanOrEqual(MAX_COLLECTIONS);
  });

  it("when millions of single bits and 7-bit fields are read, expect no garbage collection", async () => {
    const loop = (): number => {
      let checksum = 0;
      stream.rewind();
      for (let i = 0; i < CALLS; i++) {
        checksum += stream.readBit();
        checksum ^= stream.readBits(7);
      }
      return checksum;
    };
    expect(await collectionsOnceOptimized(loop)).toBeLessThanOrEqual(MAX_COLLECTIONS);
  });

  it("when millions of 32-bit fields (int32 values with bit 31 set half the time) and 64-bit fields are written, expect no garbage collection", async () => {
    const loop = (): number => {
      stream.rewind();
      for (let i = 0; i < CALLS; i++) {
        stream.writeBits(Math.imul(i, 0x9e3779b1), 32);
        stream.writeBits64(i, ~i, 64);
      }
      return stream.flush();
    };
    expect(await collectionsOnceOptimized(loop)).toBeLessThanOrEqual(MAX_COLLECTIONS);
  });

  it("when millions of 32-bit fields and 64-bit fields (into a Uint32Array) are read, expect no garbage collection", async () => {
    const loop = (): number => {
      let checksum = 0;
      stream.rewind();
      for (let i = 0; i < CALLS; i++) {
        checksum ^= stream.readBits(32) & 0xffff;
        stream.readBitsInto(64, pair);
        checksum ^= pair[1]! & 0xffff;
      }
      return checksum;
    };
    expect(await collectionsOnceOptimized(loop)).toBeLessThanOrEqual(MAX_COLLECTIONS);
  });
});
