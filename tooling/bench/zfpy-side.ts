// JavaScript side of the benchmark: loads @zfpjs/zfpy (from source, in-process) and times its
// compress_numpy / decompress_numpy, and measures their memory.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ScalarArray } from "./fields.js";

/** The facade, resolved through this package's dependency (tsx runs with the `source` condition). */
export const ZFPY_PACKAGE = "@zfpjs/zfpy";

/** The array argument compress_numpy accepts (`{ data, shape }`, C order). */
export interface ArrayInput {
  data: ScalarArray;
  shape: number[];
}

/** compress_numpy options (zfpy's keywords) plus the stream word size option. */
export interface CompressOptions {
  rate?: number;
  precision?: number;
  tolerance?: number;
  write_header?: boolean;
  wordBits?: 8 | 16 | 32 | 64;
}

/** What an ndarray returned by decompress_numpy offers us. */
export interface NdArrayLike {
  data: ScalarArray;
  shape: number[];
  offset?: number;
}

/** The part of @zfpjs/zfpy the benchmark uses. */
export interface ZfpyFacade {
  compress_numpy(array: ArrayInput, options?: CompressOptions): Uint8Array;
  decompress_numpy(bytes: Uint8Array): NdArrayLike;
}

/** Loads the facade (or `modulePath` instead), or says why it cannot be used yet. */
export async function loadZfpy(
  modulePath: string | undefined,
): Promise<{ facade: ZfpyFacade; from: string } | { facade: undefined; reason: string }> {
  let specifier = ZFPY_PACKAGE;
  let from = ZFPY_PACKAGE;
  if (modulePath) {
    const path = isAbsolute(modulePath) ? modulePath : resolve(modulePath);
    if (!existsSync(path)) return { facade: undefined, reason: `${path} does not exist` };
    specifier = pathToFileURL(path).href;
    from = path;
  } else {
    try {
      from = fileURLToPath(import.meta.resolve(ZFPY_PACKAGE));
    } catch {
      // Reported by the import below.
    }
  }
  try {
    const module = (await import(specifier)) as Partial<ZfpyFacade>;
    if (typeof module.compress_numpy !== "function" || typeof module.decompress_numpy !== "function") {
      return { facade: undefined, reason: `${from} does not export compress_numpy and decompress_numpy yet` };
    }
    return { facade: module as ZfpyFacade, from };
  } catch (error) {
    return { facade: undefined, reason: `importing ${from} failed: ${(error as Error).message}` };
  }
}

/** Bytes of a typed array view. */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** SHA-1 of the values of a decompressed ndarray (its C-ordered data, as numpy's tobytes). */
export function sha1OfArray(array: NdArrayLike): string {
  const size = array.shape.reduce((a, b) => a * b, 1);
  const data = array.data;
  const offset = array.offset ?? 0;
  const view = data.subarray(offset, offset + size);
  return createHash("sha1").update(bytesOf(view)).digest("hex");
}

/**
 * CPU seconds this process has run (process.cpuUsage: getrusage, user + system). Exact at any
 * moment (the kernel accounts the running slice on the call), where the scheduler's schedstat
 * counter moves only at ticks and context switches and under-reported each call by ~2 ms. It
 * counts V8's helper threads (GC, compiler) too, so JS CPU times are, if anything, high: the
 * native side's time.thread_time counts its main thread only.
 */
export function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Wall and process CPU seconds of one call of `action`, with its result. */
export function timed<T>(action: () => T): { seconds: number; cpuSeconds: number; result: T } {
  const cpuStart = cpuSeconds();
  const start = performance.now();
  const result = action();
  const seconds = (performance.now() - start) / 1000;
  return { seconds, cpuSeconds: cpuSeconds() - cpuStart, result };
}

const gc = (globalThis as { gc?: () => void }).gc;
const procStatus = "/proc/self/status";

function statusBytes(field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(procStatus, "utf8"));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Resets the process's peak RSS (Linux clear_refs); false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** Memory one call used, as far as Node can tell. */
export interface JsMemory {
  /** Growth of ArrayBuffer memory across the call (its output plus temporaries not yet collected). */
  arrayBuffers: number;
  /** Growth of the V8 heap across the call (approximate: a scavenge during the call lowers it). */
  heap: number;
  /** Garbage collections that started during the call (0 when the call allocates little on the JS heap). */
  gcs: number;
  /** Growth of the process's peak RSS over the RSS before the call, or null off Linux. */
  rss: number | null;
}

const gcEntries: PerformanceEntry[] = [];
let gcObserver: PerformanceObserver | undefined;

/**
 * Runs `action` once after a full GC (when node runs with --expose-gc) and reports the memory
 * it allocated and the garbage collections during it. The result is kept alive until the
 * measurements are taken.
 */
export async function measureMemory<T>(action: () => T): Promise<{ memory: JsMemory; result: T }> {
  if (!gcObserver) {
    gcObserver = new PerformanceObserver((list) => {
      gcEntries.push(...list.getEntries());
    });
    gcObserver.observe({ entryTypes: ["gc"] });
  }
  gc?.();
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  const canReset = existsSync(procStatus) && resetPeakRss();
  const before = process.memoryUsage();
  const rssBefore = canReset ? statusBytes("VmRSS") : Number.NaN;
  const start = performance.now();
  const result = action();
  const end = performance.now();
  const after = process.memoryUsage();
  const rssPeak = canReset ? statusBytes("VmHWM") : Number.NaN;
  // GC entries arrive asynchronously: let them in, then count those that began during the call.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const gcs = gcEntries.filter((entry) => entry.startTime >= start && entry.startTime <= end).length;
  gcEntries.length = 0;
  return {
    result,
    memory: {
      arrayBuffers: after.arrayBuffers - before.arrayBuffers,
      heap: after.heapUsed - before.heapUsed,
      gcs,
      rss: canReset ? rssPeak - rssBefore : null,
    },
  };
}

/** Stops watching garbage collections (at exit). */
export function stopGcObserver(): void {
  gcObserver?.disconnect();
  gcObserver = undefined;
}

/** Whether exact memory measurement is possible (a GC can be forced). */
export const canForceGc = gc !== undefined;
