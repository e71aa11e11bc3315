// Loaded by index.html through its import map; the test drives it with page.evaluate.
import * as bitstream from "@zfpjs/bitstream";
import * as codec from "@zfpjs/codec";
import * as header from "@zfpjs/header";
import * as zfpy from "@zfpjs/zfpy";
import { decode, encode, fromBase64 } from "./codec.js";

let nextId = 0;
const pending = new Map();
let worker;

function inWorker(message) {
  if (!worker) {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (event) => {
      pending.get(event.data.id)(event.data.result);
      pending.delete(event.data.id);
    };
    worker.onerror = (event) => {
      for (const resolve of pending.values())
        resolve({ ok: false, name: "WorkerError", message: event.message });
      pending.clear();
    };
  }
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, ...message });
  });
}

window.zfpjs = {
  decode: (bytes) => decode(zfpy, bytes),
  encode: (request) => encode(zfpy, request),
  decodeInWorker: (bytes) => inWorker({ op: "decode", bytes }),
  encodeInWorker: (request) => inWorker({ op: "encode", request }),
  // The lower layers' own builds: read a zfpy stream's header with @zfpjs/header over
  // @zfpjs/codec's BitStream, and count what each build exports.
  readHeader(bytes) {
    const found = header.readHeader(new codec.BitStream(fromBase64(bytes)));
    return { type: found.type, dims: found.dims, nx: found.nx, ny: found.ny, nz: found.nz, nw: found.nw };
  },
  // A module by URL (another origin, as from a CDN): its number of exports, or the failure.
  load: (url) =>
    import(url).then(
      (module) => Object.keys(module).length,
      (error) => String(error),
    ),
  exported: () => ({
    bitstream: Object.keys(bitstream).length,
    codec: Object.keys(codec).length,
    header: Object.keys(header).length,
    zfpy: Object.keys(zfpy).length,
  }),
};
window.zfpjsReady = true;
