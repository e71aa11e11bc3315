import assert from "node:assert/strict";
import { BitStream, compressToBytes, fixedPrecision } from "@zfpjs/codec";
import { decodeChunk, parseCdValues } from "@zfpjs/hdf5";
import { writeHeader } from "@zfpjs/header";

// What H5Z-ZFP stores for a float dataset chunked [1, 16, 16] at precision 20: the versions word
// (zfp 1.0.0, codec 5, H5Z-ZFP 1.1.0), then a zfp header of the chunk without its size-1 axis.
const config = fixedPrecision(20);
const headerBytes = new Uint8Array(20); // little-endian uint32 words 1..5
const stream = new BitStream(headerBytes, { wordBits: 8 });
writeHeader(stream, { type: "float", nx: 16, ny: 16 }, config);
stream.flush();
const cdValues = [0x10005110, ...new Uint32Array(headerBytes.buffer)];
assert.deepEqual(parseCdValues(cdValues).shape, [16, 16]);

// A stored chunk is a header-less zfp stream; any HDF5 reader can hand it to decodeChunk.
const values = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i / 9));
const chunk = compressToBytes(
  config,
  { type: "float", data: values, nx: 16, ny: 16, nz: 0, nw: 0 },
  { wordBits: 8 },
);
const decoded = decodeChunk(cdValues, chunk, { chunkShape: [1, 16, 16] });
assert.ok(decoded.every((v, i) => Math.abs(Number(v) - values[i]!) < 1e-4));
console.log(chunk.length, "bytes for", decoded.length, "values");
