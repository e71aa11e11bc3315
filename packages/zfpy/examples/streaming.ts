import assert from "node:assert/strict";
import {
  compress,
  compressStream,
  createStreamCompressor,
  createStreamDecompressor,
  decompress,
  decompressStream,
} from "@zfpjs/zfpy";
import ndarray from "ndarray";

const values = Float64Array.from({ length: 300 * 128 }, (_, i) => Math.sin(i / 500));
const a = ndarray(values, [300, 128]);

// Compress to a ReadableStream<Uint8Array> (a fetch body, a Response, a file writer's source).
const body = compressStream(a, { tolerance: 1e-6, slabValues: 64 * 128 });
const response = new Response(body as ReadableStream<Uint8Array>); // as a server would send it

// Decompress a fetch body as it arrives: each slab is whole rows of the first axis, in order.
const out = new Float64Array(300 * 128);
for await (const slab of decompressStream(response.body!, { out, slabRows: 64 })) {
  console.log(`rows ${slab.start}..${slab.start + slab.shape[0]! - 1} of ${slab.arrayShape[0]}`);
}
assert.deepEqual(out, decompress(compress(a, { tolerance: 1e-6 })).data);

// Slab by slab from any source (a file read in parts): the bytes joined are compress()'s.
const compressor = createStreamCompressor("float64", [300, 128], { tolerance: 1e-6 });
const parts = [0, 100, 200].map((row) => compressor.write(a.hi(row + 100).lo(row)));
assert.deepEqual(new Uint8Array(await new Blob(parts).arrayBuffer()), compress(a, { tolerance: 1e-6 }));

// A push decoder, fed chunks of any size (a WebSocket, worker messages): slabs as they complete.
const decoder = createStreamDecompressor({ slabRows: 100 });
const bytes = compress(a, { rate: 16 });
let rows = 0;
for (let at = 0; at <= bytes.length; at += 1000) {
  if (at < bytes.length) decoder.push(bytes.subarray(at, at + 1000));
  else decoder.end();
  for (let slab = decoder.next(); slab; slab = decoder.next()) rows += slab.shape[0]!;
}
assert.equal(rows, 300);
assert.ok(decoder.finished);
