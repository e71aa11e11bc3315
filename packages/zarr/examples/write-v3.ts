import assert from "node:assert/strict";
import { register } from "@zfpjs/zarr";
import * as zarr from "zarrita";

register();

// A Zarr v3 array compressed with zarr-extensions' zfp codec, in an in-memory store.
const store = new Map<string, Uint8Array>();
const array = await zarr.create(store, {
  shape: [100, 60],
  chunkShape: [32, 32],
  dtype: "float32",
  codecs: [{ name: "zfp", configuration: { mode: "fixed_accuracy", tolerance: 0.001 } }],
});
const data = Float32Array.from({ length: 6000 }, (_, i) => Math.sin(i / 50) * Math.cos(i / 7));
await zarr.set(array, null, { data, shape: [100, 60], stride: [60, 1] });

const back = await zarr.get(array);
assert.ok(back.data.every((v, i) => Math.abs(Number(v) - data[i]!) <= 0.001));
console.log(
  store.size - 1,
  "chunks,",
  [...store.values()].reduce((n, b) => n + b.length, 0),
  "bytes",
);
