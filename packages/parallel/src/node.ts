/**
 * @zfpjs/parallel for Node: the same {@link ZfpPool} as the browser entry, on worker_threads.
 * This file is also the workers' script: loaded in a pool worker, it serves requests.
 *
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { PoolCore, type ZfpPoolOptions } from "./pool.js";
import type { Reply, Request } from "./protocol.js";
import type { WorkerEvents, WorkerPort } from "./scheduler.js";
import { handleRequest } from "./tasks.js";

export { PoolClosedError, SlabIndexError, WorkerFailedError } from "./errors.js";
export type { IndexedStream, PoolDecompressOptions, SlabIndex, ZfpPoolOptions } from "./pool.js";

const WORKER_MARK = "@zfpjs/parallel worker";

/**
 * A worker running this file. Run from TypeScript sources (this repository's tests), the worker
 * first registers tsx's loader (a development dependency) and resolves the workspace packages to
 * their sources, as the tests do.
 */
function startWorker(): Worker {
  // Workers inherit the process's Node options, except --input-type, which applies to the main
  // script only (`node --input-type=module -e ...`) and stops a worker loading a file.
  const execArgv = process.execArgv.filter((arg, i, all) => {
    return !arg.startsWith("--input-type") && all[i - 1] !== "--input-type";
  });
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL(import.meta.url), { workerData: WORKER_MARK, execArgv });
  }
  // tsx's ESM API, found through its package.json exports (its CommonJS build cannot load it).
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8"));
  const api = new URL(exports["./esm/api"].import.default, pathToFileURL(manifest)).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Worker(boot, {
    eval: true,
    workerData: WORKER_MARK,
    execArgv: [...execArgv, "--conditions=source"],
  });
}

function spawn(events: WorkerEvents): WorkerPort {
  const worker = startWorker();
  let stopping = false;
  worker.on("message", (reply: Reply) => events.message(reply));
  worker.on("error", (error) => events.failure(error));
  worker.on("messageerror", (error) => events.failure(error));
  worker.on("exit", (code) => {
    if (!stopping) events.failure(new Error(`worker exited with code ${code}`));
  });
  worker.unref(); // an idle pool does not keep the process alive
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => {
      stopping = true;
      return worker.terminate();
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

/**
 * A pool of worker threads that compress and decompress zfp streams in parallel, giving exactly
 * @zfpjs/zfpy's bytes and arrays. Share one pool across calls; {@link close} it when done (an
 * idle pool does not keep the process alive).
 *
 * What runs in parallel: compress (slabs of whole block rows, one per worker, joined
 * bit-exactly), decompress of fixed-rate streams (block ranges), of variable-rate streams at the
 * offsets of a block index (zfpy's `build_index`, or the {@link SlabIndex} of
 * `compressWithIndex`) or, without one, while one worker skims for slab offsets, and
 * `decompressMany` (one stream per worker). Small arrays decode in one worker.
 */
export class ZfpPool extends PoolCore {
  constructor(options: ZfpPoolOptions = {}) {
    super(options, spawn, availableParallelism());
  }
}

if (!isMainThread && workerData === WORKER_MARK && parentPort !== null) {
  const port = parentPort;
  port.on("message", (request: Request) => {
    const { reply, transfer } = handleRequest(request);
    port.postMessage(reply, transfer);
  });
}
