import assert from "node:assert/strict";
import {
  compressToBytes,
  type Field,
  fieldSlab,
  fixedAccuracy,
  SlabCompressor,
  SlabDecompressor,
} from "@zfpjs/codec";

// 1000 rows (y, the slowest axis) of 256 floats, compressed 64 rows at a time.
const shape = { type: "float", nx: 256, ny: 1000, nz: 0, nw: 0 } as const;
const field: Field = {
  ...shape,
  data: Float32Array.from({ length: 256 * 1000 }, (_, i) => Math.sin(i / 300)),
};
const config = fixedAccuracy(1e-4);

const compressor = new SlabCompressor(config, shape); // { wordBits, nonFinite, prefix } as options
const parts: Uint8Array[] = [];
for (let y = 0; y < shape.ny; y += 64) {
  parts.push(compressor.write(fieldSlab(field, y, Math.min(64, shape.ny - y)))); // bytes completed so far
}
const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
assert.deepEqual(bytes, compressToBytes(config, field)); // exactly the one-shot stream

// Decompress from 1000-byte chunks, as they would arrive, into one output array.
const out: Field = { ...shape, data: new Float32Array(256 * 1000) };
const decompressor = new SlabDecompressor(config, shape, { slabRows: 64 });
const decodeReady = () => {
  for (let slab = decompressor.next(out); slab; slab = decompressor.next(out)) {
    console.log(`rows ${slab.start} to ${slab.start + slab.rows - 1} decoded`);
  }
};
for (let at = 0; at < bytes.length; at += 1000) {
  decompressor.push(bytes.subarray(at, at + 1000));
  decodeReady(); // only whole slabs, each as soon as its bytes are in
}
decompressor.end();
decodeReady(); // the rest, now that the input has ended
assert.ok(decompressor.finished);
