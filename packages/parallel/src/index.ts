/**
 * @zfpjs/parallel: zfp compression and decompression on every core, byte-identical to
 * @zfpjs/zfpy. This is the browser (and default) entry: module Web Workers, no Node built-ins.
 * Node resolves the package to its worker_threads entry (the "node" export condition), which
 * has the same API.
 *
 * ```ts
 * import { ZfpPool } from "@zfpjs/parallel";
 * const pool = new ZfpPool({ threads: 4 });
 * const bytes = await pool.compress(array, { rate: 8 }); // compress_numpy's bytes
 * const back = await pool.decompress(bytes); // decompress_numpy's result
 * await pool.close();
 * ```
 *
 * @packageDocumentation
 */
import { PoolCore, type ZfpPoolOptions } from "./pool.js";
import type { Reply } from "./protocol.js";
import type { WorkerEvents, WorkerPort } from "./scheduler.js";

export { PoolClosedError, SlabIndexError, WorkerFailedError } from "./errors.js";
export type { IndexedStream, PoolDecompressOptions, SlabIndex, ZfpPoolOptions } from "./pool.js";

/** Options of the browser {@link ZfpPool}. */
export interface BrowserPoolOptions extends ZfpPoolOptions {
  /**
   * URL of the worker module (this package's dist/worker.js, or your bundler's output for it).
   * Default: `new URL("./worker.js", import.meta.url)`, which bundlers such as Vite and webpack
   * follow.
   */
  workerUrl?: string | URL;
}

/** The browser's Worker constructor, typed for what the pool uses. */
interface BrowserWorker {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): void;
  onmessage: ((event: { data: Reply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
}
type WorkerConstructor = new (url: string | URL, options: { type: "module"; name?: string }) => BrowserWorker;

function spawner(url: string | URL): (events: WorkerEvents) => WorkerPort {
  const Worker = (globalThis as { Worker?: WorkerConstructor }).Worker;
  if (Worker === undefined) {
    throw new TypeError("Web Workers are not available here; in Node, import the package's node entry");
  }
  return (events) => {
    const worker = new Worker(url, { type: "module", name: "zfpjs-parallel" });
    worker.onmessage = (event) => events.message(event.data);
    worker.onerror = (event) => events.failure(new Error(event.message ?? "worker error"));
    worker.onmessageerror = () => events.failure(new Error("a message from the worker could not be read"));
    return worker;
  };
}

/**
 * A pool of module Web Workers that compress and decompress zfp streams in parallel, giving
 * exactly @zfpjs/zfpy's bytes and arrays. Share one pool across calls; {@link close} it when done.
 *
 * What runs in parallel: compress (slabs of whole block rows, one per worker, joined
 * bit-exactly), decompress of fixed-rate streams (block ranges), of variable-rate streams at the
 * offsets of a block index (zfpy's `build_index`, or the {@link SlabIndex} of
 * `compressWithIndex`) or, without one, while one worker skims for slab offsets, and
 * `decompressMany` (one stream per worker). Small arrays decode in one worker.
 */
export class ZfpPool extends PoolCore {
  constructor(options: BrowserPoolOptions = {}) {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency;
    super(
      options,
      spawner(options.workerUrl ?? new URL("./worker.js", import.meta.url)),
      Math.max(1, cores ?? 4),
    );
  }
}
