// Variable-rate decompress in parallel: with codec's block index (zfpy's build_index) or none
// (one worker skims for slab offsets while the others decode), the pool's arrays are
// decompress_numpy's for every type, 1-4D, mode and index interval; wrong indexes are typed errors.
import { IndexMismatchError, InvalidIndexError, parseBlockIndex } from "@zfpjs/codec";
import { build_index, compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZfpPool } from "../src/node.js";
import { PoolCore } from "../src/pool.js";
import type { Request } from "../src/protocol.js";
import type { WorkerEvents, WorkerPort } from "../src/scheduler.js";
import { handleRequest } from "../src/tasks.js";
import { DTYPES, field, SHAPES } from "./arrays.js";

/** A pool whose workers run on this thread and record each task's op, to see which path ran. */
class RecordingPool extends PoolCore {
  readonly ops: string[];
  constructor(threads: number) {
    const ops: string[] = [];
    const spawn = (events: WorkerEvents): WorkerPort => ({
      postMessage(message) {
        const request = message as Request;
        ops.push(request.op);
        setTimeout(() => events.message(handleRequest(request).reply), 0);
      },
      terminate() {},
    });
    super({ threads, minSlabValues: 1, sharedMemory: false }, spawn, threads);
    this.ops = ops;
  }
}

// Slabs down to one value: up to 4 * threads slabs, so slab counts exceed the thread counts.
let pool: ZfpPool;
let transferring: ZfpPool;
let recording: RecordingPool;
beforeAll(() => {
  pool = new ZfpPool({ threads: 2, minSlabValues: 1 });
  transferring = new ZfpPool({ threads: 3, minSlabValues: 1, sharedMemory: false });
  recording = new RecordingPool(2);
});
afterAll(async () => {
  await pool.close();
  await transferring.close();
  await recording.close();
});

const VARIABLE = [
  { name: "reversible", options: {} },
  { name: "precision 14", options: { precision: 14 } },
  { name: "tolerance 1e-2", options: { tolerance: 1e-2 } },
] as const;

const CASES = DTYPES.flatMap((dtype) =>
  ([1, 2, 3, 4] as const).flatMap((dims) => VARIABLE.map((mode) => ({ dtype, dims, mode }))),
);

function expectSame(got: { shape: number[]; data: unknown }, serial: { shape: number[]; data: unknown }) {
  expect(got.shape).toEqual(serial.shape);
  expect(got.data).toEqual(serial.data);
}

describe.each(CASES.map((c) => [`${c.dims}D ${c.dtype}, ${c.mode.name}`, c] as const))(
  "given a %s stream (partial blocks on every axis)",
  (_, c) => {
    const shape = SHAPES[c.dims];
    const bytes = compress_numpy(ndarray(field(c.dtype, shape), shape), c.mode.options);
    const serial = decompress_numpy(bytes);

    it("when decompressed without an index, expect decompress_numpy's array from skimmed slabs", async () => {
      expectSame(await pool.decompress(bytes), serial);
      expectSame(await transferring.decompress(bytes), serial);
      recording.ops.length = 0;
      expectSame(await recording.decompress(bytes), serial);
      expect(recording.ops).toContain("skimBlocks");
      expect(recording.ops.filter((op) => op === "decodeSlab").length).toBeGreaterThan(2);
      expect(recording.ops).not.toContain("decompressWhole");
    });

    it("when decompressed with zfpy's block index (K = 1, 3, 64; bytes or parsed), expect decompress_numpy's array", async () => {
      for (const interval of [1, 3, 64]) {
        const index = build_index(bytes, { interval });
        expectSame(await pool.decompress(bytes, { index }), serial);
        expectSame(await transferring.decompress(bytes, { index: parseBlockIndex(index) }), serial);
        recording.ops.length = 0;
        expectSame(await recording.decompress(bytes, { index: index.buffer as ArrayBuffer }), serial);
        expect(recording.ops.filter((op) => op === "decodeSlab").length).toBeGreaterThan(2);
        expect(recording.ops).not.toContain("skimBlocks");
        expect(recording.ops).not.toContain("decompressWhole");
      }
    });
  },
);

describe("given a fixed-rate stream and its block index", () => {
  it("when decompressed with the index, expect decompress_numpy's array", async () => {
    const bytes = compress_numpy(ndarray(field("float64", [37, 29]), [37, 29]), { rate: 8 });
    expectSame(
      await pool.decompress(bytes, { index: build_index(bytes, { interval: 5 }) }),
      decompress_numpy(bytes),
    );
  });
});

describe("given indexes that do not belong to the stream", () => {
  const shape = [37, 29];
  const bytes = compress_numpy(ndarray(field("float32", shape), shape), { tolerance: 1e-2 });
  const other = compress_numpy(ndarray(field("float32", shape, 7), shape), { tolerance: 1e-2 });

  it("when the index is another stream's or no index at all, expect codec's typed error, and the pool still works", async () => {
    for (const p of [pool, transferring]) {
      await expect(p.decompress(bytes, { index: build_index(other) })).rejects.toBeInstanceOf(
        IndexMismatchError,
      );
      await expect(p.decompress(bytes, { index: new Uint8Array(80) })).rejects.toBeInstanceOf(
        InvalidIndexError,
      );
      const saved = build_index(bytes);
      const cut = saved.slice(0, saved.length - 1);
      await expect(p.decompress(bytes, { index: cut })).rejects.toBeInstanceOf(InvalidIndexError);
      expectSame(await p.decompress(bytes), decompress_numpy(bytes));
    }
  });

  it("when the index is of the same stream with other parameters' blocks, expect IndexMismatchError", async () => {
    const small = compress_numpy(ndarray(field("float32", [36, 29]), [36, 29]), { tolerance: 1e-2 });
    await expect(pool.decompress(bytes, { index: build_index(small) })).rejects.toMatchObject({
      tag: "IndexMismatch",
    });
  });
});

describe("given a truncated variable-rate stream and no index", () => {
  it("when decompressed, expect decompress_numpy's result or error, and the pool still works", async () => {
    const shape = [60, 50];
    const bytes = compress_numpy(ndarray(field("float64", shape), shape), { precision: 20 });
    for (const cut of [bytes.length >> 1, bytes.length - 40]) {
      const short = bytes.slice(0, cut);
      let expected: unknown;
      try {
        expected = decompress_numpy(short);
      } catch (error) {
        expected = error;
      }
      for (const p of [pool, transferring, recording]) {
        if (expected instanceof Error) {
          const error = await p.decompress(short).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(expected.constructor);
          expect((error as Error).message).toBe(expected.message);
        } else {
          expectSame(await p.decompress(short), expected as { shape: number[]; data: unknown });
        }
      }
    }
    expectSame(await pool.decompress(bytes), decompress_numpy(bytes));
  });
});

describe("given a pool closed while it skims and decodes a stream", () => {
  it("when the call was running, expect it to finish with decompress_numpy's array, later calls refused", async () => {
    const closing = new ZfpPool({ threads: 2, minSlabValues: 1 });
    const shape = [64, 33];
    const bytes = compress_numpy(ndarray(field("float32", shape), shape), { precision: 18 });
    const running = closing.decompress(bytes);
    const closed = closing.close();
    expectSame(await running, decompress_numpy(bytes));
    await closed;
    await expect(closing.decompress(bytes)).rejects.toMatchObject({ tag: "PoolClosed" });
  });
});
