import assert from "node:assert/strict";
import { ZfpPool } from "@zfpjs/parallel";
import { build_index, compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
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

// decompress_numpy's result, its slabs decoded on every core: without an index one worker
// skims the stream for where slabs start while the others decode them...
const back = await pool.decompress(bytes);
assert.deepEqual(back.shape, [64, 48, 32]);
assert.deepEqual(back.data, decompress_numpy(bytes).data);

// ...with zfpy's block index (build_index, as decompress_region takes it) every worker decodes
// from the start; compressWithIndex returns the pool's own slab index with the same bytes.
const index = build_index(bytes);
assert.deepEqual((await pool.decompress(bytes, { index })).data, back.data);
const { bytes: same, index: slabs } = await pool.compressWithIndex(field, { tolerance: 1e-3 });
assert.deepEqual(same, bytes);
assert.deepEqual((await pool.decompress(same, { index: slabs })).data, back.data);

// Many independent chunks (a Zarr or HDF5 read) spread across the workers, results in order.
const chunks = [compress_numpy(field, { rate: 8 }), bytes];
const arrays = await pool.decompressMany(chunks);
console.log(arrays.map((a) => a.shape.join("x")).join(", "), `from ${pool.threads} threads`);

await pool.close(); // waits for calls in progress, then ends the workers
