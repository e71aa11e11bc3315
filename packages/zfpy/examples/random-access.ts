import assert from "node:assert/strict";
import {
  build_index,
  compress_numpy,
  decompress_numpy,
  decompress_preview,
  decompress_region,
  open_compressed,
} from "@zfpjs/zfpy";
import ndarray from "ndarray";

// A 3D float32 volume, C order: 64 slices of 48 rows of 40 values.
const volume = ndarray(
  Float32Array.from({ length: 64 * 48 * 40 }, (_, i) => Math.sin(i / 500)),
  [64, 48, 40],
);
const bytes = compress_numpy(volume, { tolerance: 1e-4 });
const full = decompress_numpy(bytes, { dtype: "float32" });

// A box as numpy slices it, a[30:33, 0:4, 8:20]: only the blocks it meets are decoded.
// A variable-rate stream finds its blocks through an index, built once and saved beside it.
const index = build_index(bytes);
const box = decompress_region(bytes, [30, 0, 8], [33, 4, 20], { index });
assert.deepEqual(box.shape, [3, 4, 12]);
assert.equal(box.get(2, 3, 11), full.get(32, 3, 19)); // bit for bit the full decode's value

// A read-only array over the stream, with an LRU cache of 64 decoded blocks (zfp's const_array).
const array = open_compressed(bytes, { index, cacheBlocks: 64 });
assert.equal(array.get(63, 47, 39), full.get(63, 47, 39));

// A coarse preview from each block's top 8 bit planes: the whole array, quickly, less precisely.
const coarse = decompress_preview(bytes, 8, { index });
assert.deepEqual(coarse.shape, [64, 48, 40]);
console.log(`index: ${index.length} bytes for a ${bytes.length}-byte stream`);
