import assert from "node:assert/strict";
import { ZfpPool } from "@zfpjs/parallel";
import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import ndarray from "ndarray";

// One pool for the whole program: one worker thread per core (or { threads: n }).
const pool = new ZfpPool();

// A 3D float32 field, C order (numpy shape (64, 48, 32)).
const field = ndarray(
  new Float32Array(64 * 48 * 32).map((_, i) => Math.sin(i / 300)),
  [64, 48, 32],
);

// compress_numpy's arguments and bytes, compressed on every core.
const bytes = await pool.compress(field, { tolerance: 1e-3 });
assert.deepEqual(bytes, compress_numpy(field, { tolerance: 1e-3 }));

// decompress_numpy's result. Fixed-rate streams decode in parallel; this variable-rate one is
// decoded by one worker (still off the main thread)...
const back = await pool.decompress(bytes);
assert.deepEqual(back.shape, [64, 48, 32]);
assert.deepEqual(back.data, decompress_numpy(bytes).data);

// ...unless the pool also returns where each slab starts (the bytes are the same).
const { bytes: same, index } = await pool.compressWithIndex(field, { tolerance: 1e-3 });
assert.deepEqual(same, bytes);
assert.deepEqual((await pool.decompress(same, { index })).data, back.data);

// Many independent chunks (a Zarr or HDF5 read) spread across the workers, results in order.
const chunks = [compress_numpy(field, { rate: 8 }), bytes];
const arrays = await pool.decompressMany(chunks);
console.log(arrays.map((a) => a.shape.join("x")).join(", "), `from ${pool.threads} threads`);

await pool.close(); // waits for calls in progress, then ends the workers
