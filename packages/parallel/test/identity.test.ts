// The pool's bytes are compress_numpy's, and its arrays decompress_numpy's, for every type, 1-4D,
// mode, header or not, and word size; zfpy itself (the oracle) agrees on Debian's 8-bit words.
import { askZfpy, describeWithOracle, fromBase64, type OracleRequest, toBase64 } from "@zfpjs/tooling/oracle";
import { compress_numpy, decompress_numpy, decompressHeaderless } from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZfpPool } from "../src/node.js";
import { DTYPES, field, MODES, SHAPES } from "./arrays.js";

// Three workers and slabs down to one value: every array is split into as many slabs as it has
// block rows (up to 3), so slab joins fall at every bit offset.
let pool: ZfpPool;
let transferring: ZfpPool;
beforeAll(() => {
  pool = new ZfpPool({ threads: 3, minSlabValues: 1 });
  transferring = new ZfpPool({ threads: 2, minSlabValues: 1, sharedMemory: false });
});
afterAll(async () => {
  await pool.close();
  await transferring.close();
});

const CASES = DTYPES.flatMap((dtype) =>
  ([1, 2, 3, 4] as const).flatMap((dims) => MODES.map((mode) => ({ dtype, dims, mode }))),
);

describe.each(CASES.map((c) => [`${c.dims}D ${c.dtype}, ${c.mode.name}`, c] as const))(
  "given a %s array",
  (_, c) => {
    const shape = SHAPES[c.dims];
    const array = ndarray(field(c.dtype, shape), shape);

    it("when compressed by the pool, expect compress_numpy's bytes with and without header, 8- and 64-bit words", async () => {
      for (const write_header of [true, false]) {
        for (const wordBits of [8, 64] as const) {
          const options = { ...c.mode.options, write_header, wordBits };
          const serial = compress_numpy(array, options);
          expect(await pool.compress(array, options)).toEqual(serial);
          expect(await transferring.compress(array, options)).toEqual(serial);
        }
      }
    });

    it("when the pool decompresses the stream, expect decompress_numpy's array (also from the slab index)", async () => {
      const { bytes, index } = await pool.compressWithIndex(array, c.mode.options);
      expect(index.rows.length).toBeGreaterThan(1);
      const serial = decompress_numpy(bytes);
      for (const got of [
        await pool.decompress(bytes),
        await pool.decompress(bytes, { index }),
        await transferring.decompress(bytes, { index }),
      ]) {
        expect(got.shape).toEqual(serial.shape);
        expect(got.data).toEqual(serial.data);
      }
      // Headerless streams decode to the same values (the pool's bytes are zfp's).
      const raw = await pool.compress(array, { ...c.mode.options, write_header: false });
      const type = { int32: 1, int64: 2, float32: 3, float64: 4 }[c.dtype];
      expect(decompressHeaderless(raw, { type, shape, ...c.mode.options }).data).toEqual(serial.data);
    });
  },
);

describe("given a 3D float32 array of 64x32x32 (three slabs of 5-6 block rows)", () => {
  it("when compressed and decompressed at fixed rate, expect the serial bytes and values", async () => {
    const array = ndarray(field("float32", [64, 32, 32]), [64, 32, 32]);
    const bytes = await pool.compress(array, { rate: 12 });
    expect(bytes).toEqual(compress_numpy(array, { rate: 12 }));
    expect((await pool.decompress(bytes)).data).toEqual(decompress_numpy(bytes).data);
  });
});

describe("given a fixed rate above 2048 bits per block (the header's long form)", () => {
  it("when compressed (whole, by one worker), expect compress_numpy's bytes and an empty slab index", async () => {
    const array = ndarray(field("float64", [3000]), [3000]);
    const { bytes, index } = await pool.compressWithIndex(array, { rate: 600 });
    expect(bytes).toEqual(compress_numpy(array, { rate: 600 }));
    expect(index).toEqual({ rows: [], bitOffsets: [] });
    expect((await pool.decompress(bytes, { index })).data).toEqual(decompress_numpy(bytes).data);
  });
});

describe("given calls that overlap and inputs that grow (the pool's reused shared memory)", () => {
  it("when several compress calls run at once and one after another, expect each its own bytes", async () => {
    const arrays = [
      [20, 30, 40],
      [33, 17],
      [41, 30, 40],
      [20, 30, 40],
    ].map((shape, k) => ndarray(field("float32", shape, k + 7), shape));
    const expected = arrays.map((a) => compress_numpy(a, { tolerance: 1e-3 }));
    expect(await Promise.all(arrays.map((a) => pool.compress(a, { tolerance: 1e-3 })))).toEqual(expected);
    for (const [k, a] of arrays.entries())
      expect(await pool.compress(a, { tolerance: 1e-3 })).toEqual(expected[k]);
  });
});

describe("given strided and offset views", () => {
  it("when compressed, expect compress_numpy's bytes for the same view", async () => {
    const base = ndarray(field("float64", [24, 20, 18]), [24, 20, 18]);
    const views = [
      base.transpose(2, 0, 1),
      base.step(-1, 2, 1),
      base.hi(20, 17, 15).lo(3, 2, 1),
      base.pick(null, 3, null),
    ];
    for (const view of views) {
      for (const options of [{}, { rate: 10 }, { tolerance: 1e-3 }]) {
        expect(await pool.compress(view, options)).toEqual(compress_numpy(view, options));
      }
    }
  });

  it("when given a bare typed array and a { data, shape } object, expect compress_numpy's bytes", async () => {
    const data = field("float32", [5000]) as Float32Array;
    expect(await pool.compress(data, { precision: 10 })).toEqual(compress_numpy(data, { precision: 10 }));
    const plain = { data, shape: [50, 100] };
    expect(await pool.compress(plain, { rate: 4 })).toEqual(compress_numpy(plain, { rate: 4 }));
  });

  it("when the data lies in a SharedArrayBuffer, expect compress_numpy's bytes", async () => {
    const shared = new Float32Array(new SharedArrayBuffer(4 * 40 * 40));
    shared.set(field("float32", [40, 40]) as Float32Array);
    const array = ndarray(shared, [40, 40]);
    expect(await pool.compress(array, { rate: 6 })).toEqual(compress_numpy(array, { rate: 6 }));
  });
});

describeWithOracle("given zfpy (Debian, 8-bit words) as the oracle", () => {
  const cases = DTYPES.flatMap((dtype) =>
    ([1, 2, 3, 4] as const).flatMap((dims) =>
      MODES.filter((m) => m.name !== "rate 3.5").map((mode) => ({ dtype, dims, mode })),
    ),
  );
  let answers: ReturnType<typeof askZfpy> = [];
  beforeAll(() => {
    const requests: OracleRequest[] = cases.map((c) => ({
      op: "compress",
      dtype: c.dtype,
      shape: SHAPES[c.dims],
      data: toBase64(field(c.dtype, SHAPES[c.dims])),
      ...Object.fromEntries(Object.entries(c.mode.options).map(([k, v]) => [k, String(v)])),
    }));
    answers = askZfpy(requests);
  });

  it("when the pool compresses every type, 1-4D, in every mode, expect zfpy's bytes", async () => {
    for (const [i, c] of cases.entries()) {
      const answer = answers[i]!;
      if (!answer.ok) throw new Error(`zfpy raised ${answer.error}: ${answer.message}`);
      const shape = SHAPES[c.dims];
      const got = await pool.compress(ndarray(field(c.dtype, shape), shape), {
        ...c.mode.options,
        wordBits: 8,
      });
      expect(got, `${c.dims}D ${c.dtype} ${c.mode.name}`).toEqual(fromBase64(answer.bytes!));
    }
  });
});
