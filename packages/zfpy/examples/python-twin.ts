import assert from "node:assert/strict";
import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import ndarray from "ndarray";

const myArray = ndarray(BigInt64Array.from({ length: 19 }, (_, i) => BigInt(i + 1))); // np.arange(1, 20)
const compressedData = compress_numpy(myArray);
const decompressedArray = decompress_numpy(compressedData);

// confirm lossless compression/decompression
assert.deepEqual(decompressedArray.data, myArray.data);

// The lossy snippet, with np.arange(1, 20, dtype=np.float64): integer blocks ignore a tolerance
// (zfpy itself returns [0, 2, 2, 4, ...] for the int64 array), floating-point blocks honour it.
const myFloats = ndarray(Float64Array.from({ length: 19 }, (_, i) => i + 1));
const lossy = compress_numpy(myFloats, { tolerance: 1e-3 });
const approximate = decompress_numpy(lossy);

// "allclose" instead of "equal" due to the lossy compression
for (let i = 0; i < myFloats.size; i++) {
  assert.ok(Math.abs(Number(approximate.get(i)) - myFloats.get(i)) <= 1e-3);
}
console.log(compressedData.length, "bytes lossless,", lossy.length, "bytes with tolerance 1e-3");
