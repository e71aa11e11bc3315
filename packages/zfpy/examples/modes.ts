import assert from "node:assert/strict";
import { compress_numpy, decompress_numpy, header } from "@zfpjs/zfpy";
import ndarray from "ndarray";

// A 2D float64 field, C order: 64 rows of 100 values (numpy shape (64, 100)).
const field = ndarray(
  new Float64Array(64 * 100).map((_, i) => Math.sin(i / 50) * 100),
  [64, 100],
);

for (const options of [{}, { tolerance: 1e-6 }, { rate: 16 }, { precision: 24 }]) {
  const bytes = compress_numpy(field, options);
  const back = decompress_numpy(bytes);
  assert.deepEqual(back.shape, [64, 100]);
  const { mode } = header(bytes);
  console.log(JSON.stringify(options).padEnd(20), mode.padEnd(16), `${bytes.length} bytes`);
}

// Views compress as they are seen (here: every other column, reversed), as zfpy compresses them.
const view = field.step(1, -2);
const viewBytes = compress_numpy(view, { tolerance: 1e-6 });
assert.deepEqual(decompress_numpy(viewBytes).shape, [64, 50]);

// wordBits 8 gives the bytes of Debian's zfpy (8-bit stream words): the same stream, unpadded.
const padded = compress_numpy(field, { rate: 7.5 });
const debian = compress_numpy(field, { rate: 7.5, wordBits: 8 });
assert.deepEqual(padded.subarray(0, debian.length), debian);
assert.equal(padded.length % 8, 0);
