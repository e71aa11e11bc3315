// Native side of the benchmark: a long-lived Python process timing Debian's zfpy (zfp 1.0, C)
// on the exact bytes the JavaScript side compresses (protocol in native_worker.py).
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The Python interpreter with Debian's zfpy and numpy (same variable as the test oracle). */
export const PYTHON = process.env.ZFPJS_ORACLE_PYTHON ?? "/usr/bin/python3";
const WORKER_SCRIPT = join(here, "native_worker.py");

/** zfpy keyword arguments as the worker passes them to compress_numpy. */
export interface NativeKwargs {
  rate?: number;
  precision?: number;
  tolerance?: number;
}

/** What the worker measured for one array and mode. */
export interface NativeTiming {
  /** Seconds per compress_numpy call, one per repetition. */
  compress: number[];
  /** Seconds per decompress_numpy call, one per repetition. */
  decompress: number[];
  /** Thread CPU seconds (time.thread_time) per compress_numpy call. */
  compressCpu: number[];
  /** Thread CPU seconds per decompress_numpy call. */
  decompressCpu: number[];
  /** SHA-1 of the decompressed array's bytes (C order); empty without details. */
  sha1: string;
  /** The compressed stream (with header) of the last repetition; empty without details. */
  bytes: Uint8Array;
}

/** Native peak memory for one compress and one decompress. */
export interface NativeMemory {
  /** tracemalloc peak (Python and numpy allocations; zfp's malloc'd stream buffer is not traced). */
  compressTraced: number;
  decompressTraced: number;
  /** Growth of the process's peak RSS (VmHWM after a reset), or null where it cannot be reset. */
  compressRss: number | null;
  decompressRss: number | null;
}

/** Versions reported by the worker. */
export interface NativeInfo {
  python: string;
  numpy: string;
  zfpy: string;
  zfpy_path: string;
}

/** Whether Debian's zfpy can be imported, and if not, why. */
export function nativeAvailable(): { ok: boolean; reason: string } {
  const probe = spawnSync(PYTHON, ["-c", "import zfpy, numpy"], { encoding: "utf8" });
  if (probe.status === 0) return { ok: true, reason: "" };
  return {
    ok: false,
    reason: `${PYTHON} -c 'import zfpy' failed: ${probe.error?.message ?? probe.stderr.trim()}`,
  };
}

interface Pending {
  resolve: (value: { message: Record<string, unknown>; payload: Uint8Array }) => void;
  reject: (error: Error) => void;
}

/** A running native worker. Requests are answered in order, one at a time. */
export class NativeWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private pendingHeader: Record<string, unknown> | undefined;
  private exited: Error | undefined;
  private stderr = "";

  constructor() {
    this.child = spawn(PYTHON, [WORKER_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.drain();
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    this.child.on("exit", (code, signal) => {
      this.exited = new Error(`native worker exited (code ${code}, signal ${signal}): ${this.stderr.trim()}`);
      for (const pending of this.queue.splice(0)) pending.reject(this.exited);
    });
  }

  private drain(): void {
    for (;;) {
      if (!this.pendingHeader) {
        const newline = this.buffered.indexOf(10);
        if (newline < 0) return;
        this.pendingHeader = JSON.parse(this.buffered.subarray(0, newline).toString("utf8")) as Record<
          string,
          unknown
        >;
        this.buffered = this.buffered.subarray(newline + 1);
      }
      const size = Number(this.pendingHeader.nbytes ?? 0);
      if (this.buffered.length < size) return;
      const payload = new Uint8Array(this.buffered.subarray(0, size));
      this.buffered = this.buffered.subarray(size);
      const message = this.pendingHeader;
      this.pendingHeader = undefined;
      const pending = this.queue.shift();
      if (!pending) throw new Error("native worker answered a request that was never sent");
      if (message.ok === false) {
        pending.reject(new Error(`zfpy raised ${String(message.error)}: ${String(message.message)}`));
      } else {
        pending.resolve({ message, payload });
      }
    }
  }

  private request(
    message: Record<string, unknown>,
    payload?: ArrayBufferView,
  ): Promise<{ message: Record<string, unknown>; payload: Uint8Array }> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      const header = { ...message, nbytes: payload ? payload.byteLength : 0 };
      this.child.stdin.write(`${JSON.stringify(header)}\n`);
      if (payload) {
        this.child.stdin.write(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
      }
    });
  }

  /** Python, numpy and zfpy versions. */
  async info(): Promise<NativeInfo> {
    const { message } = await this.request({ cmd: "info" });
    return message as unknown as NativeInfo;
  }

  /** Sends an array (its exact bytes, C order) to the worker under `id`. */
  async load(id: string, dtype: string, shape: number[], data: ArrayBufferView): Promise<void> {
    await this.request({ cmd: "load", id, dtype, shape }, data);
  }

  /**
   * Times `reps` compress_numpy then `reps` decompress_numpy calls after `warmup` untimed pairs;
   * with `details` (default) also returns the compressed bytes and the SHA-1 of the values.
   */
  async time(
    id: string,
    kwargs: NativeKwargs,
    reps: number,
    warmup: number,
    details = true,
  ): Promise<NativeTiming> {
    const { message, payload } = await this.request({ cmd: "time", id, kwargs, reps, warmup, details });
    return {
      compress: message.compress as number[],
      decompress: message.decompress as number[],
      compressCpu: message.compress_cpu as number[],
      decompressCpu: message.decompress_cpu as number[],
      sha1: (message.sha1 as string | undefined) ?? "",
      bytes: payload,
    };
  }

  /** Peak memory of one compress and one decompress of array `id`. */
  async memory(id: string, kwargs: NativeKwargs): Promise<NativeMemory> {
    const { message } = await this.request({ cmd: "memory", id, kwargs });
    return {
      compressTraced: message.compress_traced as number,
      decompressTraced: message.decompress_traced as number,
      compressRss: message.compress_rss as number | null,
      decompressRss: message.decompress_rss as number | null,
    };
  }

  /** Drops array `id` in the worker. */
  async free(id: string): Promise<void> {
    await this.request({ cmd: "free", id });
  }

  /** Ends the worker (closes its stdin and waits for it to exit). */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    await done;
  }
}
