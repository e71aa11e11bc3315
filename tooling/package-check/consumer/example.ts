// Type-checked by test/package-check.test.ts with TypeScript 5.0 and the current 5.x under
// node16, nodenext and bundler resolution (strict, noUncheckedIndexedAccess, no skipLibCheck).
import * as bitstream from "@zfpjs/bitstream";
import * as codec from "@zfpjs/codec";
import * as header from "@zfpjs/header";
import { compress_numpy, decompress_numpy, isZfpyError, ztype_to_dtype } from "@zfpjs/zfpy";
import * as browser from "@zfpjs/zfpy/browser";

const values = new Float32Array([1, 2, 3, 4, 5, 6]);
const bytes: Uint8Array = compress_numpy(values, { tolerance: 1e-3 });
const field = decompress_numpy(bytes);
const first: number = Number(field.get(0));
const shape: number[] = field.shape;
const same: Uint8Array = browser.compress_numpy(values, { tolerance: 1e-3 });
try {
  decompress_numpy(new Uint8Array(8));
} catch (error) {
  if (isZfpyError(error)) console.log(error.message);
}
console.log(
  first,
  shape,
  same.length,
  ztype_to_dtype(3),
  Object.keys({ ...bitstream, ...codec, ...header }).length,
);
