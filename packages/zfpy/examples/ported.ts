import assert from "node:assert/strict";
import {
  _decompress,
  compress_numpy,
  DEFAULT_MAX_OUTPUT_BYTES,
  decompress_numpy,
  isZfpyError,
  type_double,
} from "@zfpjs/zfpy";
import ndarray from "ndarray";

const a = ndarray(
  Float64Array.from({ length: 16 }, (_, i) => i / 7),
  [4, 4],
);

// Python lines port as they are: zfpy's positional arguments...
const b = compress_numpy(a, -1, 8, -1, false); // zfpy.compress_numpy(a, -1, 8, -1, False)
const out = ndarray(new Float64Array(16), [4, 4]);
_decompress(b, type_double, [4, 4], out, -1, 8, -1); // fills and returns out, as zfpy does

// ...and Python's refusals: a misspelt option is an error, not a silent default.
try {
  compress_numpy(a, { tolerence: 1e-3 } as never);
} catch (error) {
  assert.ok(isZfpyError(error, "ZfpyType"));
  console.log(error.message); // compress_numpy() got an unexpected keyword argument 'tolerence' ...
}

// A dtype assertion types the result: f.get(i, j) is a number, no cast needed.
const f = decompress_numpy(compress_numpy(a, { tolerance: 1e-6 }), { dtype: "float64" });
assert.ok(Math.abs(f.get(3, 3) * 2 - (15 / 7) * 2) < 1e-5);

// Decoded output is capped at 1 GiB unless raised: a tiny stream may declare gigabytes.
assert.equal(DEFAULT_MAX_OUTPUT_BYTES, 2 ** 30);
const big = decompress_numpy(compress_numpy(a), { maxOutputBytes: 4 * 2 ** 30 });
console.log(big.dtype, big.shape, out.get(3, 3));
