// The pool's calls, shared by the Node and browser entries: how arrays are split into slabs, how
// slabs travel, and how their streams are joined.
import {
  asBytes,
  BitStream,
  type BlockIndex,
  checkBlockIndex,
  parseBlockIndex,
  type ScalarArray,
  type ScalarType,
  type ZfpConfig,
} from "@zfpjs/codec";
import { traitsOf } from "@zfpjs/codec/blocks";
import { HEADER_FULL, HEADER_MAX_BITS, type Header, readHeader, writeHeader } from "@zfpjs/header";
import {
  type ArrayInput,
  type CompressedInput,
  type CompressNumpyOptions,
  compress_numpy,
  DEFAULT_MAX_OUTPUT_BYTES,
  type DecompressedArray,
  type DecompressOptions,
  decompress_numpy,
  type ZfpyData,
} from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { PoolClosedError, SlabIndexError, WorkerFailedError } from "./errors.js";
import { type FlatArray, flatten } from "./input.js";
import type { TaskResult, ZfpSizes } from "./protocol.js";
import { Scheduler, type SpawnWorker } from "./scheduler.js";
import { appendBits } from "./stitch.js";

/** Options of a {@link ZfpPool}. */
export interface ZfpPoolOptions {
  /** Number of workers. Default: the cores available (availableParallelism / hardwareConcurrency). */
  threads?: number;
  /**
   * Share arrays with the workers through SharedArrayBuffer. Default: true where it exists and is
   * usable (Node; cross-origin-isolated pages); false sends copies as transferred ArrayBuffers.
   */
  sharedMemory?: boolean;
  /**
   * Smallest number of values worth a slab of its own (default 32768): smaller arrays go to
   * fewer workers, since each slab costs a message and a partial block row of work.
   */
  minSlabValues?: number;
}

/**
 * Where each slab of a stream starts, as {@link ZfpPool.compressWithIndex} returns it: slab k
 * holds `rows[k]` rows of the array's first (slowest) axis and its first block starts at bit
 * `bitOffsets[k]` of the stream (header included). Lets {@link ZfpPool.decompress} decode the
 * slabs of a variable-rate stream in parallel.
 */
export interface SlabIndex {
  readonly rows: readonly number[];
  readonly bitOffsets: readonly number[];
}

/** Options of {@link ZfpPool.decompress}: decompress_numpy's, plus an optional slab index. */
export interface PoolDecompressOptions extends DecompressOptions {
  /**
   * Where blocks start, to decode the slabs of a variable-rate stream without skimming it:
   * codec's serialised block index (what zfpy's `build_index` returns and `decompress_region`
   * takes), a parsed `BlockIndex`, or the {@link SlabIndex} of {@link ZfpPool.compressWithIndex}.
   * An index of another stream is refused (codec's `IndexMismatchError`, `InvalidIndexError`
   * for bytes that are no index, {@link SlabIndexError}).
   */
  index?: SlabIndex | BlockIndex | CompressedInput | null;
}

/** Bytes that hold the longest header in whole 32-bit words. */
const HEADER_BYTES = Math.ceil(HEADER_MAX_BITS / 32) * 4;

/**
 * Largest input buffer the pool keeps between calls (256 MiB: a float32 array of 400^3);
 * larger inputs get shared memory of their own, dropped after the call.
 */
const ARENA_LIMIT = 256 * 2 ** 20;

/** Default of {@link ZfpPoolOptions.minSlabValues}. */
const MIN_SLAB_VALUES = 1 << 15;

/** Smallest maxbits at which every fixed-rate block is exactly maxbits long (zfp-facts §4.10). */
const FIXED_RATE_FLOOR: Record<ScalarType, number> = { int32: 1, int64: 1, float: 9, double: 12 };

function sharedMemoryUsable(): boolean {
  if (typeof SharedArrayBuffer !== "function") return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated === undefined || isolated === true;
}

function isShared(view: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === "function" && view.buffer instanceof SharedArrayBuffer;
}

/** A copy of `data` in shared memory. */
function toShared<T extends ScalarArray | Uint8Array>(data: T): T {
  const ctor = data.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new ctor(new SharedArrayBuffer(data.byteLength));
  (copy as Uint8Array).set(data as Uint8Array);
  return copy;
}

/** zfp's sizes (nx fastest, unused 0) of a C-order shape whose first axis has `rows` rows. */
function zfpSizes(shape: readonly number[], rows: number): ZfpSizes {
  const sizes = [0, 0, 0, 0];
  const d = shape.length;
  for (let k = 0; k < d; k++) sizes[k] = k === d - 1 ? rows : shape[d - 1 - k]!;
  return sizes as unknown as ZfpSizes;
}

/** Splits `rows` rows into at most `parts` slabs of whole block rows (4 rows); their row counts. */
function slabRows(rows: number, parts: number): number[] {
  const blockRows = Math.ceil(rows / 4);
  const n = Math.max(1, Math.min(parts, blockRows));
  const out: number[] = [];
  let start = 0;
  for (let k = 1; k <= n; k++) {
    const end = Math.min(rows, Math.floor((blockRows * k) / n) * 4);
    out.push(end - start);
    start = end;
  }
  return out;
}

function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** A compressed stream and where its slabs start. */
export interface IndexedStream {
  readonly bytes: Uint8Array;
  readonly index: SlabIndex;
}

/** The pool's calls over a {@link Scheduler}; each entry point adds its platform's workers. */
export class PoolCore {
  /** Number of workers. */
  readonly threads: number;
  /** Whether arrays are shared with workers (SharedArrayBuffer) rather than transferred. */
  readonly sharedMemory: boolean;
  private readonly minSlabValues: number;
  private readonly scheduler: Scheduler;
  /** Shared memory reused for inputs between calls (see #borrowArena), and whether a call holds it. */
  #arena: SharedArrayBuffer | null = null;
  #arenaBusy = false;

  protected constructor(options: ZfpPoolOptions, spawn: SpawnWorker, defaultThreads: number) {
    const threads = options.threads ?? defaultThreads;
    if (!(Number.isSafeInteger(threads) && threads >= 1)) {
      throw new RangeError(`threads must be an integer >= 1, got ${String(threads)}`);
    }
    this.threads = threads;
    this.sharedMemory = (options.sharedMemory ?? true) && sharedMemoryUsable();
    const minSlab = options.minSlabValues ?? MIN_SLAB_VALUES;
    if (!(Number.isSafeInteger(minSlab) && minSlab >= 1)) {
      throw new RangeError(`minSlabValues must be an integer >= 1, got ${String(minSlab)}`);
    }
    this.minSlabValues = minSlab;
    this.scheduler = new Scheduler(spawn, threads);
  }

  /**
   * Compresses an array as @zfpjs/zfpy's `compress_numpy` (same arguments, same bytes), its
   * slabs of whole block rows compressed in parallel and joined bit-exactly.
   */
  async compress(arr: ArrayInput, options: CompressNumpyOptions = {}): Promise<Uint8Array> {
    return (await this.compressWithIndex(arr, options)).bytes;
  }

  /**
   * As {@link compress}, also returning where each slab starts in the stream (a
   * {@link SlabIndex}), which lets {@link decompress} decode a variable-rate stream in parallel.
   * The bytes are the same as {@link compress}'s; the index is not part of them.
   */
  async compressWithIndex(arr: ArrayInput, options: CompressNumpyOptions = {}): Promise<IndexedStream> {
    if (this.scheduler.closed) throw new PoolClosedError();
    const flat = flatten(arr);
    // Anything the slab path does not take (not an array, empty, a view outside its data, ...):
    // zfpy itself reports the error, on this thread (it fails before compressing anything).
    if (flat === undefined) return whole(compress_numpy(arr, options));
    const config = configOf(flat, options);
    if (config === undefined) {
      const data = flat.data.slice() as ZfpyData; // only the values, moved to the worker
      const bytes = await this.scheduler.run(
        { op: "compressWhole", array: { data, shape: [...flat.shape] }, options },
        [data.buffer as ArrayBuffer],
      );
      return whole((bytes as { bytes: Uint8Array }).bytes);
    }
    const withHeader = options.write_header === undefined ? true : Boolean(options.write_header);
    const wordBits = options.wordBits ?? 64;
    // The header first, so that sizes it cannot hold fail before any work (zfpy reports them).
    const header = new BitStream(new Uint8Array(HEADER_BYTES), { wordBits: 32 });
    let head = 0;
    if (withHeader) {
      try {
        head = writeHeader(
          header,
          { type: flat.type, ...sizesOf(zfpSizes(flat.shape, flat.shape[0]!)) },
          config,
        );
      } catch {
        return whole(compress_numpy(arr, options));
      }
      header.flush();
    }
    const rows = slabRows(flat.shape[0]!, this.#partsFor(product(flat.shape)));
    const results = await this.#runSlabs(flat, config, options, rows);
    let total = head;
    for (const r of results) total += r.bits;
    const size = Math.ceil(total / wordBits) * (wordBits / 8);
    // Nothing to write (0 bits per block, no header): zfpy's "Failed to write to stream".
    if (size === 0) return whole(compress_numpy(arr, options));
    const out = new Uint8Array(Math.ceil(size / 4) * 4);
    appendBits(out, 0, header.bytes, head);
    const bitOffsets: number[] = [];
    let at = head;
    for (const r of results) {
      bitOffsets.push(at);
      appendBits(out, at, r.bytes, r.bits);
      at += r.bits;
    }
    return { bytes: size === out.length ? out : out.slice(0, size), index: { rows, bitOffsets } };
  }

  /**
   * Decompresses a stream with a full header as @zfpjs/zfpy's `decompress_numpy` (same values,
   * same errors), off the calling thread, its slabs of whole block rows decoded in parallel:
   * fixed-rate streams split by block ranges; variable-rate streams split at the offsets of a
   * block index (`options.index`: codec's serialised index as zfpy's `build_index` returns it,
   * or the {@link SlabIndex} of {@link compressWithIndex}); without an index, one worker skims
   * the stream for slab offsets (codec's BlockSkimmer) while the others decode the slabs found.
   * Small arrays and pools of one thread decode the stream whole in one worker.
   */
  async decompress(
    compressed: CompressedInput,
    options: PoolDecompressOptions = {},
  ): Promise<DecompressedArray> {
    if (this.scheduler.closed) throw new PoolClosedError();
    if (!isBytes(compressed)) return decompress_numpy(compressed, options); // zfpy's TypeError
    const bytes = asBytes(compressed as ArrayBufferView);
    const plan = this.#planDecode(bytes, options);
    if (plan === undefined) return this.#decompressWhole(bytes, options);
    const { header, rows, starts } = plan;
    const shape = [header.nw!, header.nz!, header.ny!, header.nx!].filter((n) => n > 0);
    const source = this.sharedMemory ? (isShared(bytes) ? bytes : toShared(bytes)) : undefined;
    let parts: ScalarArray[];
    if (starts.length === rows.length) {
      const jobs: Promise<TaskResult>[] = [];
      for (let k = 0; k < rows.length; k++) jobs.push(this.#decodeSlab(plan, shape, bytes, source, k));
      parts = ((await settleInOrder(jobs)) as { data: ScalarArray }[]).map((r) => r.data);
    } else {
      const skimmed = await this.#decodeSkimming(plan, shape, bytes, source);
      // A stream the skim or a slab could not decode (truncated, corrupt): decompress_numpy on
      // the whole stream gives zfpy's own result or error.
      if (skimmed === undefined) return this.#decompressWhole(bytes, options);
      parts = skimmed;
    }
    const rowSize = product(shape) / shape[0]!;
    const out = new (traitsOf(header.type!).array)(product(shape));
    let row = 0;
    for (let k = 0; k < rows.length; k++) {
      (out as Float64Array).set(parts[k] as Float64Array, row * rowSize);
      row += rows[k]!;
    }
    return ndarray(out as ZfpyData, shape) as DecompressedArray;
  }

  /** Runs the decoding of slab k, whose first block starts at bit `plan.starts[k]`. */
  #decodeSlab(
    plan: DecodePlan,
    shape: readonly number[],
    bytes: Uint8Array,
    source: Uint8Array | undefined,
    k: number,
    continuation = false,
  ): Promise<TaskResult> {
    const { rows, starts } = plan;
    const startBit = starts[k]!;
    let slice: Uint8Array;
    let offset = startBit;
    if (source !== undefined) slice = source;
    else {
      // Only the bytes this slab reads (plus a word of slack; the rest of the stream when its
      // end is not known yet), moved to the worker.
      const first = Math.floor(startBit / 8);
      const next = plan.limits?.[k] ?? starts[k + 1];
      const end = next !== undefined ? Math.min(bytes.length, Math.ceil(next / 8) + 8) : bytes.length;
      slice = bytes.slice(first, end);
      offset = startBit - first * 8;
    }
    const task = {
      op: "decodeSlab",
      type: plan.header.type!,
      bytes: slice,
      startBit: offset,
      skipBlocks: plan.skips?.[k] ?? 0,
      sizes: zfpSizes(shape, rows[k]!),
      config: plan.config,
    } as const;
    return this.scheduler.run(task, source === undefined ? [slice.buffer as ArrayBuffer] : [], {
      continuation,
    });
  }

  /**
   * Decodes a variable-rate stream without an index as a pipeline: slab 0 starts after the
   * header; a skim task (urgent, so the worker that ran the previous one takes it next) finds
   * where slab k + 1 starts, which queues its decoding and the next skim. Skimming costs about a
   * quarter of decoding, so the other workers decode while one skims, and the skimming worker
   * decodes too once the offsets are known. Undefined when a skim or a slab fails to decode.
   */
  async #decodeSkimming(
    plan: DecodePlan,
    shape: readonly number[],
    bytes: Uint8Array,
    source: Uint8Array | undefined,
  ): Promise<ScalarArray[] | undefined> {
    const { header, config, rows, starts } = plan;
    const n = rows.length;
    const blocksPerRow = product(shape.slice(1).map((v) => Math.ceil(v / 4)));
    const decodes: Promise<Settled>[] = [];
    const skims: Promise<Settled>[] = [];
    // Tasks after the first two continue this call: close() waits for them (see RunOptions).
    const decode = (k: number): void => {
      decodes[k] = settle(this.#decodeSlab(plan, shape, bytes, source, k, k > 0));
    };
    const skim = (k: number): void => {
      const startBit = starts[k]!;
      const first = Math.floor(startBit / 8);
      const view = source !== undefined ? source.subarray(first) : bytes.slice(first);
      const task = {
        op: "skimBlocks",
        type: header.type!,
        bytes: view,
        startBit: startBit - first * 8,
        count: (rows[k]! / 4) * blocksPerRow,
        dims: shape.length as 1 | 2 | 3 | 4,
        config,
      } as const;
      const onResult = (result: TaskResult): void => {
        starts[k + 1] = first * 8 + (result as { bit: number }).bit;
        if (k + 2 < n) skim(k + 1); // urgent: ahead of the decoding queued below
        decode(k + 1);
      };
      skims[k] = settle(
        this.scheduler.run(task, source === undefined ? [view.buffer as ArrayBuffer] : [], {
          urgent: true,
          onResult,
          continuation: k > 0,
        }),
      );
    };
    skim(0);
    decode(0);
    let failure: unknown;
    // skims[k + 1] exists once skims[k] has succeeded (its onResult queued it).
    for (let k = 0; k + 1 < n; k++) {
      const s = await skims[k]!;
      if (!s.ok) {
        failure = s.error;
        break;
      }
    }
    const settled = await Promise.all(decodes);
    const parts: ScalarArray[] = [];
    for (const s of settled) {
      if (!s.ok) failure ??= s.error;
      else parts.push((s.value as { data: ScalarArray }).data);
    }
    if (failure !== undefined) {
      if (failure instanceof WorkerFailedError || failure instanceof PoolClosedError) throw failure;
      return undefined;
    }
    return parts;
  }

  /**
   * Decompresses many independent streams (Zarr or HDF5 chunks), each as `decompress_numpy`, spread
   * across the workers; the results are in the order of `streams`. The first failure rejects the
   * call (after every stream has finished).
   */
  async decompressMany(
    streams: readonly CompressedInput[],
    options: DecompressOptions = {},
  ): Promise<DecompressedArray[]> {
    return settleInOrder(
      streams.map((stream) => {
        if (!isBytes(stream)) return Promise.resolve().then(() => decompress_numpy(stream, options));
        return this.#decompressWhole(asBytes(stream as ArrayBufferView), options);
      }),
    );
  }

  /** Waits for calls in progress, then terminates the workers; later calls are refused. */
  close(): Promise<void> {
    return this.scheduler.close();
  }

  #partsFor(count: number): number {
    return Math.max(1, Math.min(this.threads, Math.floor(count / this.minSlabValues)));
  }

  async #runSlabs(
    flat: FlatArray,
    config: ZfpConfig,
    options: CompressNumpyOptions,
    rows: readonly number[],
  ): Promise<{ bytes: Uint8Array; bits: number }[]> {
    const rowSize = product(flat.shape) / flat.shape[0]!;
    let shared: ScalarArray | undefined;
    let lease: SharedArrayBuffer | undefined;
    if (isShared(flat.data)) shared = flat.data;
    else if (this.sharedMemory && rows.length > 1) {
      lease = this.#borrowArena(flat.data.byteLength);
      const ctor = flat.data.constructor as new (
        buffer: SharedArrayBuffer,
        at: number,
        length: number,
      ) => ScalarArray;
      shared = new ctor(lease, 0, flat.data.length);
      (shared as Float64Array).set(flat.data as Float64Array);
    }
    try {
      return await this.#compressSlabs(flat, shared, config, options, rows, rowSize);
    } finally {
      // Every slab task has settled (settleInOrder waits for all): no worker reads the arena now.
      if (lease === this.#arena) this.#arenaBusy = false;
    }
  }

  /**
   * Shared memory of at least `bytes` for one call's input: the pool's arena when it is free
   * and large enough, grown up to {@link ARENA_LIMIT}, else a new buffer for this call only.
   * Copying into memory already touched is several times faster than into fresh pages (64 MB:
   * 34 ms against 203 ms, measured on the loaded development machine).
   */
  #borrowArena(bytes: number): SharedArrayBuffer {
    if (this.#arenaBusy || bytes > ARENA_LIMIT) return new SharedArrayBuffer(bytes);
    if (this.#arena === null || this.#arena.byteLength < bytes) this.#arena = new SharedArrayBuffer(bytes);
    this.#arenaBusy = true;
    return this.#arena;
  }

  async #compressSlabs(
    flat: FlatArray,
    shared: ScalarArray | undefined,
    config: ZfpConfig,
    options: CompressNumpyOptions,
    rows: readonly number[],
    rowSize: number,
  ): Promise<{ bytes: Uint8Array; bits: number }[]> {
    const jobs: Promise<TaskResult>[] = [];
    let row = 0;
    for (const n of rows) {
      const begin = row * rowSize;
      const end = (row + n) * rowSize;
      const data = shared !== undefined ? shared.subarray(begin, end) : flat.data.slice(begin, end);
      const task = {
        op: "compressSlab",
        type: flat.type,
        data,
        sizes: zfpSizes(flat.shape, n),
        config,
        nonFinite: options.nonFinite ?? "error",
        firstIndex: begin,
      } as const;
      jobs.push(this.scheduler.run(task, shared !== undefined ? [] : [data.buffer as ArrayBuffer]));
      row += n;
    }
    return (await settleInOrder(jobs)) as { bytes: Uint8Array; bits: number }[];
  }

  async #decompressWhole(bytes: Uint8Array, options: DecompressOptions): Promise<DecompressedArray> {
    const shared = isShared(bytes);
    const copy = shared ? bytes : bytes.slice();
    const result = await this.scheduler.run(
      {
        op: "decompressWhole",
        bytes: copy,
        options: { maxElements: options.maxElements, maxOutputBytes: options.maxOutputBytes },
      },
      shared ? [] : [copy.buffer as ArrayBuffer],
    );
    const { data, shape } = result as { data: ScalarArray; shape: number[] };
    return ndarray(data as ZfpyData, shape) as DecompressedArray;
  }

  /** Slabs worth decoding in parallel: more than threads, so that uneven slabs balance. */
  #decodeParts(count: number): number {
    return Math.max(1, Math.min(4 * this.threads, Math.floor(count / this.minSlabValues)));
  }

  /**
   * The slabs of a stream to decode in parallel, or undefined to decode it whole. `starts` holds
   * every slab's first bit, or only slab 0's when the others are to be found by skimming.
   */
  #planDecode(bytes: Uint8Array, options: PoolDecompressOptions): DecodePlan | undefined {
    let header: Header;
    try {
      header = readHeader(new BitStream(bytes), HEADER_FULL);
    } catch {
      return undefined; // the worker's decompress_numpy reports it
    }
    const { type, config } = header;
    if (type === undefined || config === undefined || header.nx === undefined) return undefined;
    const shape = [header.nw!, header.nz!, header.ny!, header.nx].filter((n) => n > 0);
    const count = product(shape);
    // Beyond a cap, the worker's decompress_numpy refuses with zfpy's error.
    const maxElements = options.maxElements ?? Number.POSITIVE_INFINITY;
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    if (typeof maxElements !== "number" || !(count <= maxElements)) return undefined;
    if (typeof maxBytes !== "number" || !(count * traitsOf(type).words * 4 <= maxBytes)) return undefined;
    const blocksPerRow = product(shape.slice(1).map((n) => Math.ceil(n / 4)));
    const available = bytes.length * 8;
    const index = options.index;
    if (isBytes(index) || isBlockIndex(index)) {
      // codec's block index (zfpy's build_index): InvalidIndexError or IndexMismatchError here.
      const blockIndex = isBlockIndex(index)
        ? index
        : parseBlockIndex(asBytes(index as unknown as ArrayBufferView));
      const stream = { type, nx: header.nx, ny: header.ny!, nz: header.nz!, nw: header.nw!, config };
      checkBlockIndex(blockIndex, bytes, { ...stream, firstBit: header.bits });
      const rows = slabRows(shape[0]!, this.#decodeParts(count));
      if (rows.length === 1) return undefined;
      return { header, config, rows, ...indexedStarts(blockIndex, rows, blocksPerRow) };
    }
    // An empty slab index (compressWithIndex of an array it compressed whole) means none.
    const slabIndex = index as SlabIndex | null | undefined;
    if (
      slabIndex !== undefined &&
      slabIndex !== null &&
      !(Array.isArray(slabIndex.rows) && slabIndex.rows.length === 0)
    ) {
      const { rows, bitOffsets } = checkIndex(slabIndex, shape[0]!, header.bits, available);
      return { header, config, rows, starts: bitOffsets };
    }
    if (this.threads === 1) return undefined;
    const fixed = config.minbits === config.maxbits && config.maxbits >= FIXED_RATE_FLOOR[type];
    if (!fixed) {
      // Variable rate: skim for the slab offsets while decoding (see #decodeSkimming).
      const rows = slabRows(shape[0]!, this.#decodeParts(count));
      if (rows.length === 1) return undefined;
      return { header, config, rows, starts: [header.bits] };
    }
    const blocks = blocksPerRow * Math.ceil(shape[0]! / 4);
    if (header.bits + blocks * config.maxbits > available) return undefined; // zfpy's truncation error
    const rows = slabRows(shape[0]!, this.#partsFor(count));
    if (rows.length === 1) return undefined;
    // Fixed rate: every block is exactly maxbits long, so slab k starts at the header's end plus
    // maxbits per block before it (zfp-facts §4.10; zfp's own fixed-rate random access).
    const starts: number[] = [];
    let row = 0;
    for (const n of rows) {
      starts.push(header.bits + (row / 4) * blocksPerRow * config.maxbits);
      row += n;
    }
    return { header, config, rows, starts };
  }
}

/** A decoding plan: slab row counts and where slabs start (see #planDecode). */
interface DecodePlan {
  readonly header: Header;
  readonly config: ZfpConfig;
  readonly rows: number[];
  readonly starts: number[];
  /** Blocks to skim from `starts[k]` to slab k's first block (a block index's); default 0. */
  readonly skips?: number[];
  /** A bit slab k reads no further than, where `starts[k + 1]` is not one. */
  readonly limits?: number[];
}

type Settled = { ok: true; value: TaskResult } | { ok: false; error: unknown };

/** `job` as a promise that never rejects (so that a failure waits for its turn to be read). */
function settle(job: Promise<TaskResult>): Promise<Settled> {
  return job.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function isBlockIndex(value: unknown): value is BlockIndex {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as BlockIndex).offsets instanceof Float64Array &&
    typeof (value as BlockIndex).interval === "number"
  );
}

/**
 * Where each slab starts, from a checked block index: slab k's first block b lies b mod K blocks
 * after the recorded block floor(b / K) * K, which its worker skims (BlockSkimmer, no value
 * decoded) before decoding; it reads no further than the next recorded offset after its slab.
 */
function indexedStarts(
  index: BlockIndex,
  rows: readonly number[],
  blocksPerRow: number,
): { starts: number[]; skips: number[]; limits: number[] } {
  const starts: number[] = [];
  const skips: number[] = [];
  const limits: number[] = [];
  const at = (block: number): number => Math.floor(block / index.interval);
  let row = 0;
  for (const n of rows) {
    const block = (row / 4) * blocksPerRow;
    starts.push(index.offsets[at(block)]!);
    skips.push(block - at(block) * index.interval);
    row += n;
    const end = at(Math.ceil(row / 4) * blocksPerRow) + 1; // the recorded block after this slab's last
    limits.push(end < index.offsets.length ? index.offsets[end]! : index.endBit);
  }
  return { starts, skips, limits };
}

/** The results of `jobs` in order once all have settled; the first failure (in order) if any. */
async function settleInOrder<T>(jobs: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(jobs);
  const values: T[] = [];
  for (const s of settled) {
    if (s.status === "rejected") throw s.reason;
    values.push(s.value);
  }
  return values;
}

function whole(bytes: Uint8Array): IndexedStream {
  return { bytes, index: { rows: [], bitOffsets: [] } };
}

function sizesOf(sizes: ZfpSizes): { nx: number; ny: number; nz: number; nw: number } {
  return { nx: sizes[0], ny: sizes[1], nz: sizes[2], nw: sizes[3] };
}

function isBytes(value: unknown): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)
  );
}

/**
 * The config zfpy uses for this array and these options: zfpy compresses a one-value array of
 * the same type and dimensionality (so its checks and errors are zfpy's own) and the config is
 * read back from that stream's header. Undefined where a header cannot carry the config exactly
 * (fixed rates above 2048 bits per block): the caller compresses such arrays whole.
 */
function configOf(flat: FlatArray, options: CompressNumpyOptions): ZfpConfig | undefined {
  const ctor = flat.data.constructor as new (length: number) => ScalarArray;
  const probe = { data: new ctor(1) as ZfpyData, shape: flat.shape.map(() => 1) };
  const bytes = compress_numpy(probe, { ...options, write_header: true });
  const config = readHeader(new BitStream(bytes), HEADER_FULL).config!;
  if (config.minbits === config.maxbits && config.maxbits > 2048) return undefined;
  return config;
}

/** `index` checked against the stream: rows summing to the first axis in whole block rows. */
function checkIndex(
  index: SlabIndex,
  rows: number,
  headerEnd: number,
  available: number,
): { rows: number[]; bitOffsets: number[] } {
  const r = Array.from(index?.rows ?? []);
  const o = Array.from(index?.bitOffsets ?? []);
  const fail = (why: string): never => {
    throw new SlabIndexError(`slab index does not fit this stream: ${why}`);
  };
  if (r.length === 0 || r.length !== o.length) fail("rows and bitOffsets must be non-empty and as long");
  let sum = 0;
  for (let k = 0; k < r.length; k++) {
    const n = r[k]!;
    if (!(Number.isSafeInteger(n) && n >= 1)) fail(`rows[${k}] is ${String(n)}`);
    if (k < r.length - 1 && n % 4 !== 0) fail(`rows[${k}] = ${n} is not a multiple of 4`);
    const at = o[k]!;
    if (!(Number.isSafeInteger(at) && at >= headerEnd && at <= available))
      fail(`bitOffsets[${k}] is ${String(at)}`);
    if (k > 0 && at < o[k - 1]!) fail(`bitOffsets[${k}] is before bitOffsets[${k - 1}]`);
    sum += n;
  }
  if (o[0] !== headerEnd) fail(`bitOffsets[0] is ${String(o[0])}, the header ends at bit ${headerEnd}`);
  if (sum !== rows) fail(`rows sum to ${sum}, the array has ${rows}`);
  return { rows: r, bitOffsets: o };
}
