import assert from "node:assert/strict";
import { _decompress, compress_numpy, dtype_to_ztype, type_float } from "@zfpjs/zfpy";
import ndarray from "ndarray";

const values = new Float32Array(48).map((_, i) => i / 4);
const a = ndarray(values, [4, 12]);

// No header: the caller keeps the type, the shape and the mode.
const bytes = compress_numpy(a, { precision: 20, write_header: false });

// A new array...
const b = _decompress(bytes, type_float, [4, 12], { precision: 20 });
// ...or into an ndarray of the same dtype and shape (any strides)...
const out = ndarray(new Float32Array(48), [4, 12]);
_decompress(bytes, dtype_to_ztype(out.dtype), out.shape, { out, precision: 20 });
// ...or into raw memory of exactly the right size (zfpy's out=ndarray.data).
const memory = new ArrayBuffer(48 * 4);
const c = _decompress(bytes, type_float, [4, 12], { out: memory, precision: 20 });

assert.deepEqual(out.data, b.data);
assert.deepEqual(new Float32Array(memory), b.data);
assert.equal(c.get(3, 11), b.get(3, 11));
console.log("max error:", Math.max(...b.data.map((v, i) => Math.abs(v - values[i]!))));
