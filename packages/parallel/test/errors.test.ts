// Failures: errors from workers keep their class and tag, the pool outlives them, close() ends it.
import {
  IndexMismatchError,
  InvalidArgumentError,
  InvalidIndexError,
  NonFiniteValueError,
  TruncatedStreamError,
  ZfpError,
} from "@zfpjs/codec";
import {
  compress_numpy,
  decompress_numpy,
  ZfpyRuntimeError,
  ZfpyTypeError,
  ZfpyValueError,
} from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviveError, serializeError } from "../src/errors.js";
import { PoolClosedError, SlabIndexError, ZfpPool } from "../src/node.js";
import { field } from "./arrays.js";

/** What `call` throws (or rejects with); fails the test if it does not. */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

/** Expects `error` to be an instance of `cls` with `expected`'s message and tag. */
function expectSame(
  error: unknown,
  expected: unknown,
  cls: abstract new (...args: never[]) => unknown,
): void {
  expect(error).toBeInstanceOf(cls);
  expect((error as Error).message).toBe((expected as Error).message);
  expect((error as ZfpError).tag).toBe((expected as ZfpError).tag);
}

let pool: ZfpPool;
beforeAll(() => {
  pool = new ZfpPool({ threads: 2, minSlabValues: 1 });
});
afterAll(() => pool.close());

const array = ndarray(field("float32", [40, 30]), [40, 30]);

describe("given invalid arguments", () => {
  it("when compressing, expect compress_numpy's error, class and tag", async () => {
    const cases: [unknown, object][] = [
      [array, { rate: 4, precision: 8 }],
      [array, { rate: "fast" }],
      [array, { wordBits: 12 }],
      [array, { nonFinite: "ignore" }],
      ["not an array", {}],
      [null, {}],
      [new Float32Array(0), {}],
      [new Uint8Array(16), {}],
      [ndarray(new Float32Array(4), [1, 1, 1, 1, 4]), {}],
      [{ data: new Float32Array(8), shape: [4, 4] }, {}],
      // 4D sizes above 2^12 do not fit the header's 48 bits: "Failed to write header to stream".
      [ndarray(new Float32Array(5000), [1, 1, 1, 5000]), {}],
    ];
    for (const [arr, options] of cases) {
      const expected = await thrown(() => compress_numpy(arr as Float32Array, options));
      expect(expected).toBeInstanceOf(ZfpError);
      const error = await thrown(() => pool.compress(arr as Float32Array, options));
      expectSame(error, expected, (expected as object).constructor as typeof ZfpError);
    }
  });

  it("when 4D sizes do not fit a header but no header is written, expect compress_numpy's bytes", async () => {
    const wide = ndarray(field("float32", [2, 1, 1, 5000]), [2, 1, 1, 5000]);
    const options = { rate: 8, write_header: false };
    expect(await pool.compress(wide, options)).toEqual(compress_numpy(wide, options));
  });

  it("when a value in a later slab is NaN, expect the codec's NonFiniteValueError with the serial index", async () => {
    const data = field("float64", [60, 50]) as Float64Array;
    data[45 * 50 + 7] = Number.NaN;
    data[52 * 50 + 1] = Number.POSITIVE_INFINITY;
    const nan = ndarray(data, [60, 50]);
    const expected = await thrown(() => compress_numpy(nan, { tolerance: 1e-3 }));
    const error = await thrown(() => pool.compress(nan, { tolerance: 1e-3 }));
    expectSame(error, expected, NonFiniteValueError);
    expect((error as NonFiniteValueError).index).toBe((expected as NonFiniteValueError).index);
    expect(Number.isNaN((error as NonFiniteValueError).value)).toBe(true);
    // Reversible mode stores them; "as-c" writes zfp's bytes.
    expect(await pool.compress(nan)).toEqual(compress_numpy(nan));
    expect(await pool.compress(nan, { rate: 8, nonFinite: "as-c" })).toEqual(
      compress_numpy(nan, { rate: 8, nonFinite: "as-c" }),
    );
  });
});

describe("given bad streams", () => {
  it("when decompressing, expect decompress_numpy's error, class and tag, from the workers", async () => {
    const good = compress_numpy(array, { rate: 8 });
    const variable = compress_numpy(array, { tolerance: 1e-4 });
    const corrupt = variable.slice();
    corrupt.fill(0xff, 20);
    const cases: unknown[] = [
      good.subarray(0, 5),
      good.subarray(0, good.length - 30),
      variable.subarray(0, 40),
      corrupt,
      new Uint8Array(64),
      "bytes",
    ];
    for (const bytes of cases) {
      const expected = await thrown(() => decompress_numpy(bytes as Uint8Array));
      const error = await thrown(() => pool.decompress(bytes as Uint8Array));
      expectSame(error, expected, (expected as object).constructor as typeof ZfpError);
      if ((expected as Error).cause !== undefined) {
        expect((error as Error).cause).toBeInstanceOf((expected as { cause: object }).cause.constructor);
      }
    }
    const tooMany = await thrown(() => pool.decompress(good, { maxElements: 100 }));
    expectSame(tooMany, await thrown(() => decompress_numpy(good, { maxElements: 100 })), ZfpyValueError);
  });

  it("when a stream is truncated inside its blocks, expect ZfpyRuntimeError caused by TruncatedStreamError", async () => {
    const variable = compress_numpy(array, { precision: 20 });
    const error = await thrown(() => pool.decompress(variable.subarray(0, variable.length / 2)));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect((error as ZfpError).tag).toBe("ZfpyRuntime");
    expect((error as Error).cause).toBeInstanceOf(TruncatedStreamError);
  });

  it("when a slab index does not fit the stream, expect SlabIndexError", async () => {
    const { bytes, index } = await pool.compressWithIndex(array, { tolerance: 1e-3 });
    const bad = [
      { rows: [...index.rows, 4], bitOffsets: [...index.bitOffsets, 0] },
      { rows: index.rows, bitOffsets: [0, ...index.bitOffsets.slice(1)] },
      { rows: [3, ...index.rows.slice(1)], bitOffsets: index.bitOffsets },
      { rows: index.rows, bitOffsets: index.bitOffsets.map((o) => o + bytes.length * 8) },
    ];
    for (const slabs of bad) {
      const error = await thrown(() => pool.decompress(bytes, { index: slabs }));
      expect(error).toBeInstanceOf(SlabIndexError);
      expect((error as ZfpError).tag).toBe("SlabIndex");
    }
  });

  it("when decompressMany meets one bad stream, expect its error, then the pool still works", async () => {
    const good = compress_numpy(array, { precision: 12 });
    const error = await thrown(() => pool.decompressMany([good, good.subarray(0, 30), good]));
    expectSame(error, await thrown(() => decompress_numpy(good.subarray(0, 30))), ZfpyRuntimeError);
    const again = await pool.decompressMany([good, good]);
    expect(again.map((a) => a.data)).toEqual([decompress_numpy(good).data, decompress_numpy(good).data]);
    expect(await thrown(() => pool.decompressMany([42 as unknown as Uint8Array]))).toBeInstanceOf(
      ZfpyTypeError,
    );
  });
});

describe("given a pool after failures", () => {
  it("when called again, expect correct results", async () => {
    await thrown(() => pool.compress(array, { rate: 1, precision: 1 }));
    await thrown(() => pool.decompress(new Uint8Array(64)));
    expect(await pool.compress(array, { rate: 8 })).toEqual(compress_numpy(array, { rate: 8 }));
  });
});

describe("given pool options", () => {
  it("when threads or minSlabValues are not positive integers, expect a RangeError", () => {
    expect(() => new ZfpPool({ threads: 0 })).toThrow(RangeError);
    expect(() => new ZfpPool({ threads: 1.5 })).toThrow(RangeError);
    expect(() => new ZfpPool({ minSlabValues: 0 })).toThrow(RangeError);
  });

  it("when threads is not given, expect one worker per available core", async () => {
    const { availableParallelism } = await import("node:os");
    const defaults = new ZfpPool();
    expect(defaults.threads).toBe(availableParallelism());
    expect(defaults.sharedMemory).toBe(true);
    await defaults.close();
  });
});

describe("given a closed pool", () => {
  it("when closed while calls run, expect them to finish, then later calls refused with PoolClosedError", async () => {
    const closing = new ZfpPool({ threads: 1 });
    const running = closing.compress(array, { rate: 8 });
    const closed = closing.close();
    expect(await running).toEqual(compress_numpy(array, { rate: 8 }));
    await closed;
    for (const call of [
      () => closing.compress(array),
      () => closing.decompress(compress_numpy(array)),
      () => closing.decompressMany([compress_numpy(array)]),
    ]) {
      const error = await thrown(call);
      expect(error).toBeInstanceOf(PoolClosedError);
      expect((error as ZfpError).tag).toBe("PoolClosed");
    }
  });
});

describe("given the codec's errors", () => {
  it("when compress_numpy refuses an option, expect its class and message from the pool", async () => {
    const expected = await thrown(() => compress_numpy(array, { nonFinite: "x" as "error" }));
    expect(expected).toBeInstanceOf(ZfpError);
    expectSame(
      await thrown(() => pool.compress(array, { nonFinite: "x" as "error" })),
      expected,
      (expected as object).constructor as typeof ZfpError,
    );
  });

  it("when one crosses the thread boundary (serialised, cloned, revived), expect the same class, tag and message", () => {
    for (const error of [
      new InvalidArgumentError("bad argument"),
      new IndexMismatchError("it is for another stream"),
      new InvalidIndexError("expected the magic bytes"),
      new TruncatedStreamError(100, 64),
    ]) {
      const revived = reviveError(structuredClone(serializeError(error)));
      expectSame(revived, error, error.constructor as typeof ZfpError);
    }
  });
});
