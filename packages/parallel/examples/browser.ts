import { ZfpPool } from "@zfpjs/parallel";
import ndarray from "ndarray";

// In a browser the package's default entry starts module Web Workers (dist/worker.js, found
// next to the entry with new URL("./worker.js", import.meta.url)): one per logical core.
const pool = new ZfpPool();

const field = ndarray(
  new Float64Array(40 * 40 * 40).map((_, i) => Math.cos(i / 700)),
  [40, 40, 40],
);
const bytes = await pool.compress(field, { rate: 16 }); // compress_numpy's bytes
const back = await pool.decompress(bytes); // fixed rate: decoded in parallel

// SharedArrayBuffer is used on cross-origin-isolated pages; elsewhere arrays are transferred.
console.log(`${bytes.length} bytes, shape ${back.shape}, shared memory: ${pool.sharedMemory}`);
await pool.close();
