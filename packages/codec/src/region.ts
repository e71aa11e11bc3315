// Random access into a zfp stream: a box of values, single blocks through an LRU cache, and a
// preview of every block's top bit planes. zfp's blocks are independent (src/template/decompress.c
// decodes them in order with no state carried over), so any run of consecutive blocks decodes
// alone once its first bit is known: fixed-rate blocks are maxbits apart, other modes need a
// block index (block-index.ts) or a skim (block-skim.ts). The C++ counterpart of the cached array
// is zfp's const_array (include/zfp/constarray*.hpp).
import { asBytes, BitStream, type BufferSource, TruncatedStreamError, ZfpError } from "@zfpjs/bitstream";
import { acquireCoder, releaseCoder } from "./block-coder.js";
import { type BlockIndex, type BlockStream, buildBlockIndex, checkBlockIndex } from "./block-index.js";
import { BlockSkimmer } from "./block-skim.js";
import { InvalidParameterError, type ZfpConfig } from "./config.js";
import { allocateArray, decompress } from "./decompress.js";
import { fieldBlocks, fieldDims, fieldLayout, type ScalarArray } from "./field.js";
import { traitsOf } from "./traits.js";

/** A box of a field, in zfp's dimension order (x first): `start` inclusive, `stop` exclusive, one entry per dimension. */
export interface Region {
  start: readonly number[];
  stop: readonly number[];
}

/** A region or an element outside the array, or a malformed region. */
export class RegionOutOfBoundsError extends ZfpError {
  constructor(message: string) {
    super("RegionOutOfBounds", message);
  }
}

/** Options of the random-access readers. */
export interface RandomAccessOptions {
  /**
   * Block index of a variable-rate stream (ignored for fixed rate, whose blocks are maxbits
   * apart). Without one, a variable-rate stream is skimmed once to build it.
   */
  index?: BlockIndex;
  /** Check the index against a CRC-32 of the whole stream, not only its size and a sampled CRC. */
  verifyIndex?: "sample" | "full";
}

// A stream whose align() keeps the read position where the last block ended (decompress aligns
// after its last block; the block after it is what the caller wants next).
class HeldStream extends BitStream {
  override align(): number {
    return 0;
  }
}

/** Bits of every block when all blocks have one size (fixed rate, or expert with minbits = maxbits); else -1. */
export function fixedBlockBits(config: ZfpConfig, type: BlockStream["type"]): number {
  const traits = traitsOf(type);
  if (config.minexp < -1074 || config.minbits !== config.maxbits) return -1;
  // Below a float block's header the budget wraps and blocks are coded in full (DIFFERENCES.md).
  if (traits.isFloat && config.maxbits < 1 + traits.ebits) return -1;
  return config.maxbits;
}

/** Finds where blocks start: by arithmetic for fixed-size blocks, else from an index plus skimming. */
class BlockLocator {
  private readonly fixed: number;
  private readonly first: number;
  private readonly index: BlockIndex | null;
  private readonly skimmer: BlockSkimmer | null;
  private cursorBlock = -1;
  private cursorBit = 0;

  constructor(bytes: Uint8Array, stream: BlockStream, options: RandomAccessOptions) {
    this.first = stream.firstBit ?? 0;
    this.fixed = fixedBlockBits(stream.config, stream.type);
    const blocks = fieldBlocks(stream);
    if (this.fixed >= 0) {
      const end = this.first + blocks * this.fixed;
      if (end > bytes.length * 8) throw new TruncatedStreamError(end, bytes.length * 8);
      this.index = null;
      this.skimmer = null;
      return;
    }
    if (options.index) {
      checkBlockIndex(options.index, bytes, stream, { full: options.verifyIndex === "full" });
      this.index = options.index;
    } else {
      this.index = buildBlockIndex(bytes, stream);
    }
    this.skimmer = new BlockSkimmer(bytes, stream.config, stream.type, fieldDims(stream));
  }

  /** Bit offset where block `b` starts. */
  offsetOf(b: number): number {
    if (this.fixed >= 0) return this.first + b * this.fixed;
    const index = this.index!;
    const entry = Math.floor(b / index.interval);
    let from = entry * index.interval;
    let bit = index.offsets[entry]!;
    if (this.cursorBlock >= from && this.cursorBlock <= b) {
      from = this.cursorBlock;
      bit = this.cursorBit;
    }
    if (from < b) bit = this.skimmer!.skip(bit, b - from);
    this.cursorBlock = b;
    this.cursorBit = bit;
    return bit;
  }

  /** Records that block `b` starts at `bit` (where decoding the block before it stopped). */
  note(b: number, bit: number): void {
    this.cursorBlock = b;
    this.cursorBit = bit;
  }
}

function fieldShape(stream: BlockStream): Pick<BlockStream, "type" | "nx" | "ny" | "nz" | "nw"> {
  return { type: stream.type, nx: stream.nx, ny: stream.ny, nz: stream.nz, nw: stream.nw };
}

function sizesOf(stream: BlockStream): [number, number, number, number] {
  return [stream.nx, stream.ny || 1, stream.nz || 1, stream.nw || 1];
}

// Coordinates may exceed 2^31 (1D fields): block numbers use division, not shifts; `& 3` is
// exact for any safe integer.
// Validates a region against sizes; returns [lo, hi] padded to 4 dimensions.
function checkRegion(region: Region, sizes: readonly number[], dims: number): [number[], number[]] {
  const { start, stop } = region ?? ({} as Region);
  if (!Array.isArray(start) || !Array.isArray(stop) || start.length !== dims || stop.length !== dims) {
    throw new RegionOutOfBoundsError(
      `expected a region with ${dims} start and ${dims} stop coordinates, got start ${JSON.stringify(start)} and stop ${JSON.stringify(stop)}`,
    );
  }
  const lo = [0, 0, 0, 0];
  const hi = [1, 1, 1, 1];
  for (let a = 0; a < dims; a++) {
    const s = start[a];
    const e = stop[a];
    const n = sizes[a]!;
    if (!Number.isSafeInteger(s) || !Number.isSafeInteger(e) || s < 0 || s > e || e > n) {
      throw new RegionOutOfBoundsError(
        `region [${start.join(", ")}] to [${stop.join(", ")}] (stop exclusive) does not fit the array of sizes [${sizes.slice(0, dims).join(", ")}] along axis ${a}: expected integers 0 <= start <= stop <= ${n}`,
      );
    }
    lo[a] = s;
    hi[a] = e;
  }
  return [lo, hi];
}

/**
 * Decodes the values of a box of a stream's field (zfp order, x fastest) into a new array, bit
 * for bit the values a full {@link decompress} gives there. Only the block rows that meet the box
 * are decoded, each run of blocks with one call; fixed-rate streams seek by arithmetic, others
 * use `options.index` (or build one by skimming when none is given). Throws
 * {@link RegionOutOfBoundsError}, {@link IndexMismatchError}, {@link TruncatedStreamError}.
 *
 * @example
 * ```ts
 * const stream = { type: "float", nx: 256, ny: 256, nz: 256, nw: 0, config: fixedRate(8, { type: "float", dims: 3 }) } as const;
 * const cube = decompressRegion(bytes, stream, { start: [0, 0, 0], stop: [64, 64, 64] });
 * ```
 */
export function decompressRegion(
  data: BufferSource,
  stream: BlockStream,
  region: Region,
  options: RandomAccessOptions = {},
): ScalarArray {
  const bytes = asBytes(data);
  const dims = fieldDims(stream);
  const n = sizesOf(stream);
  const [lo, hi] = checkRegion(region, n, dims);
  const ox = hi[0]! - lo[0]!;
  const oy = hi[1]! - lo[1]!;
  const oz = hi[2]! - lo[2]!;
  const out = allocateArray(stream.type, ox * oy * oz * (hi[3]! - lo[3]!));
  if (out.length === 0) return out;
  const locator = new BlockLocator(bytes, stream, options);
  const source = new HeldStream(bytes);
  const nbx = Math.ceil(n[0] / 4);
  const nby = Math.ceil(n[1] / 4);
  const nbz = Math.ceil(n[2] / 4);
  const bx0 = Math.floor(lo[0]! / 4);
  const bx1 = Math.ceil(hi[0]! / 4);
  const x0 = 4 * bx0;
  const wx = Math.min(n[0], 4 * bx1) - x0;
  const run = bx1 - bx0;
  const scratch = allocateArray(stream.type, wx * 4 ** (dims - 1));
  for (let bw = Math.floor(lo[3]! / 4); bw < Math.ceil(hi[3]! / 4); bw++) {
    const cw = Math.min(n[3] - 4 * bw, 4);
    for (let bz = Math.floor(lo[2]! / 4); bz < Math.ceil(hi[2]! / 4); bz++) {
      const cz = Math.min(n[2] - 4 * bz, 4);
      for (let by = Math.floor(lo[1]! / 4); by < Math.ceil(hi[1]! / 4); by++) {
        const cy = Math.min(n[1] - 4 * by, 4);
        const b = bx0 + nbx * (by + nby * (bz + nbz * bw));
        source.rseek(locator.offsetOf(b));
        // The run of blocks bx0..bx1-1 as one field, with the array's partial extents at its edges.
        decompress(source, stream.config, {
          type: stream.type,
          data: scratch,
          nx: wx,
          ny: dims > 1 ? cy : 0,
          nz: dims > 2 ? cz : 0,
          nw: dims > 3 ? cw : 0,
        });
        locator.note(b + run, source.rtell());
        // Copy the rows of the run that lie in the region.
        for (let l = Math.max(lo[3]!, 4 * bw); l < Math.min(hi[3]!, 4 * bw + cw); l++) {
          for (let k = Math.max(lo[2]!, 4 * bz); k < Math.min(hi[2]!, 4 * bz + cz); k++) {
            for (let j = Math.max(lo[1]!, 4 * by); j < Math.min(hi[1]!, 4 * by + cy); j++) {
              const from = lo[0]! - x0 + wx * (j - 4 * by + cy * (k - 4 * bz + cz * (l - 4 * bw)));
              const to = ox * (j - lo[1]! + oy * (k - lo[2]! + oz * (l - lo[3]!)));
              copyRow(scratch, from, out, to, ox);
            }
          }
        }
      }
    }
  }
  return out;
}

function copyRow(from: ScalarArray, start: number, to: ScalarArray, at: number, count: number): void {
  (to as Float64Array).set((from as Float64Array).subarray(start, start + count), at);
}

/** How a {@link CompressedArray}'s block cache has fared. */
export interface CacheStatistics {
  /** Lookups answered from the cache. */
  hits: number;
  /** Lookups that decoded a block. */
  misses: number;
  /** Blocks dropped to make room (least recently used first). */
  evictions: number;
}

/**
 * A read-only array over a compressed stream (as zfp's const_array): values are decoded a block at
 * a time on first use and kept in an LRU cache of `cacheBlocks` decoded blocks. Coordinates are
 * in zfp order (x first). Blocks are located as {@link decompressRegion} does; the stream must
 * stay unchanged while the array is used.
 *
 * @example
 * ```ts
 * const array = new CompressedArray(bytes, stream, { cacheBlocks: 256 });
 * array.get(10, 20, 30); // one value
 * array.slice({ start: [0, 0, 0], stop: [8, 8, 8] }, out); // into caller memory
 * ```
 */
export class CompressedArray {
  /** Scalar type of the values. */
  readonly type: BlockStream["type"];
  /** Dimensionality, 1 to 4. */
  readonly dims: 1 | 2 | 3 | 4;
  /** Sizes in zfp order, one per dimension. */
  readonly sizes: readonly number[];
  /** Most decoded blocks kept. */
  readonly cacheBlocks: number;
  private readonly stream: BlockStream;
  private readonly source: HeldStream;
  private readonly locator: BlockLocator;
  private readonly cache = new Map<number, ScalarArray>();
  private readonly blocks: [number, number, number, number];
  private readonly stats: CacheStatistics = { hits: 0, misses: 0, evictions: 0 };
  private scratch: ScalarArray;

  constructor(
    data: BufferSource,
    stream: BlockStream,
    options: RandomAccessOptions & { cacheBlocks?: number } = {},
  ) {
    const bytes = asBytes(data);
    const cacheBlocks = options.cacheBlocks ?? 1024;
    if (!Number.isSafeInteger(cacheBlocks) || cacheBlocks < 1) {
      throw new InvalidParameterError("cacheBlocks", `expected an integer >= 1, got ${String(cacheBlocks)}`);
    }
    this.cacheBlocks = cacheBlocks;
    this.stream = stream;
    this.type = stream.type;
    this.dims = fieldDims(stream);
    const n = sizesOf(stream);
    this.sizes = Object.freeze(n.slice(0, this.dims));
    this.blocks = n.map((v) => Math.ceil(v / 4)) as [number, number, number, number];
    this.locator = new BlockLocator(bytes, stream, options);
    this.source = new HeldStream(bytes);
    this.scratch = allocateArray(this.type, 0);
  }

  /** Hits, misses and evictions of the block cache so far (a copy). */
  get statistics(): CacheStatistics {
    return { ...this.stats };
  }

  /** Blocks in the cache now. */
  get cachedBlocks(): number {
    return this.cache.size;
  }

  /** Empties the cache (statistics are kept). */
  clearCache(): void {
    this.cache.clear();
  }

  /** The value at (x, y, z, w); coordinates beyond the dimensionality must be 0 or omitted. */
  get(x: number, y = 0, z = 0, w = 0): number | bigint {
    const at = [x, y, z, w];
    for (let a = 0; a < 4; a++) {
      const v = at[a]!;
      const n = a < this.dims ? this.sizes[a]! : 1;
      if (!Number.isSafeInteger(v) || v < 0 || v >= n) {
        throw new RegionOutOfBoundsError(
          `index (${at.slice(0, this.dims).join(", ")}) is outside the array of sizes [${this.sizes.join(", ")}] (zfp order, x first)`,
        );
      }
    }
    const block = this.block(Math.floor(x / 4), Math.floor(y / 4), Math.floor(z / 4), Math.floor(w / 4));
    return block[(x & 3) + 4 * (y & 3) + 16 * (z & 3) + 64 * (w & 3)]!;
  }

  /**
   * Copies a box (zfp order, x fastest) into `out` (a typed array of the stream's type holding
   * exactly the box's values) or into a new array, through the block cache.
   */
  slice(region: Region, out?: ScalarArray): ScalarArray {
    const [lo, hi] = checkRegion(region, this.sizes, this.dims);
    const ox = hi[0]! - lo[0]!;
    const oy = hi[1]! - lo[1]!;
    const oz = hi[2]! - lo[2]!;
    const count = ox * oy * oz * (hi[3]! - lo[3]!);
    const target = out ?? allocateArray(this.type, count);
    const expected = allocateArray(this.type, 0).constructor;
    if (target.constructor !== expected || target.length !== count) {
      throw new InvalidParameterError(
        "out",
        `expected a ${expected.name} of ${count} values for the region, got a ${target.constructor.name} of ${target.length}`,
      );
    }
    if (count === 0) return target;
    const values = target as Float64Array;
    for (let bw = Math.floor(lo[3]! / 4); bw < Math.ceil(hi[3]! / 4); bw++) {
      for (let bz = Math.floor(lo[2]! / 4); bz < Math.ceil(hi[2]! / 4); bz++) {
        for (let by = Math.floor(lo[1]! / 4); by < Math.ceil(hi[1]! / 4); by++) {
          this.decodeMissing(Math.floor(lo[0]! / 4), Math.ceil(hi[0]! / 4), by, bz, bw);
          for (let bx = Math.floor(lo[0]! / 4); bx < Math.ceil(hi[0]! / 4); bx++) {
            const block = this.block(bx, by, bz, bw) as Float64Array;
            const x0 = Math.max(lo[0]!, 4 * bx);
            const x1 = Math.min(hi[0]!, 4 * bx + 4);
            for (let l = Math.max(lo[3]!, 4 * bw); l < Math.min(hi[3]!, 4 * bw + 4); l++) {
              for (let k = Math.max(lo[2]!, 4 * bz); k < Math.min(hi[2]!, 4 * bz + 4); k++) {
                for (let j = Math.max(lo[1]!, 4 * by); j < Math.min(hi[1]!, 4 * by + 4); j++) {
                  const from = 4 * (j & 3) + 16 * (k & 3) + 64 * (l & 3);
                  const to = ox * (j - lo[1]! + oy * (k - lo[2]! + oz * (l - lo[3]!))) - lo[0]!;
                  for (let x = x0; x < x1; x++) values[to + x] = block[from + (x & 3)]!;
                }
              }
            }
          }
        }
      }
    }
    return target;
  }

  // Decodes the blocks bx0..bx1-1 of one block row that are not cached, each run of consecutive
  // ones with one decode call (a call per block costs several times a block's decoding), and
  // caches them; runs are cut to the cache's size so they stay cached until used.
  private decodeMissing(bx0: number, bx1: number, by: number, bz: number, bw: number): void {
    const [nbx, nby, nbz] = this.blocks;
    const row = nbx * (by + nby * (bz + nbz * bw));
    for (let bx = bx0; bx < bx1; ) {
      if (this.cache.has(row + bx)) {
        bx++;
        continue;
      }
      let end = bx + 1;
      while (end < bx1 && end - bx < this.cacheBlocks && !this.cache.has(row + end)) end++;
      if (end - bx > 1) this.decodeRun(bx, end, by, bz, bw);
      bx = end;
    }
  }

  private decodeRun(bx0: number, bx1: number, by: number, bz: number, bw: number): void {
    const { stream, dims } = this;
    const [nbx, nby, nbz] = this.blocks;
    const x0 = 4 * bx0;
    const wx = Math.min(stream.nx, 4 * bx1) - x0;
    const cy = dims > 1 ? Math.min(stream.ny - 4 * by, 4) : 1;
    const cz = dims > 2 ? Math.min(stream.nz - 4 * bz, 4) : 1;
    const cw = dims > 3 ? Math.min(stream.nw - 4 * bw, 4) : 1;
    const size = wx * 4 ** (dims - 1);
    if (this.scratch.length < size) this.scratch = allocateArray(this.type, size);
    const scratch = this.scratch as Float64Array;
    const b = bx0 + nbx * (by + nby * (bz + nbz * bw));
    this.source.rseek(this.locator.offsetOf(b));
    decompress(this.source, stream.config, {
      type: stream.type,
      data: scratch,
      nx: wx,
      ny: dims > 1 ? cy : 0,
      nz: dims > 2 ? cz : 0,
      nw: dims > 3 ? cw : 0,
    });
    this.locator.note(b + bx1 - bx0, this.source.rtell());
    for (let bx = bx0; bx < bx1; bx++) {
      const values = this.freeBlock() as Float64Array;
      const cx = Math.min(wx - 4 * (bx - bx0), 4);
      for (let l = 0; l < cw; l++)
        for (let k = 0; k < cz; k++)
          for (let j = 0; j < cy; j++) {
            const from = 4 * (bx - bx0) + wx * (j + cy * (k + cz * l));
            const to = 4 * j + 16 * k + 64 * l;
            for (let i = 0; i < cx; i++) values[to + i] = scratch[from + i]!;
          }
      this.stats.misses++;
      this.cache.set(b + bx - bx0, values);
    }
  }

  // A block buffer: a new one while the cache has room, else the least recently used one's.
  private freeBlock(): ScalarArray {
    const cache = this.cache;
    if (cache.size < this.cacheBlocks) return allocateArray(this.type, 1 << (2 * this.dims));
    const oldest = cache.keys().next().value as number;
    const values = cache.get(oldest)!;
    cache.delete(oldest);
    this.stats.evictions++;
    return values;
  }

  // The decoded block (bx, by, bz, bw), from the cache or decoded into it.
  private block(bx: number, by: number, bz: number, bw: number): ScalarArray {
    const [nbx, nby, nbz] = this.blocks;
    const b = bx + nbx * (by + nby * (bz + nbz * bw));
    const cache = this.cache;
    const hit = cache.get(b);
    if (hit !== undefined) {
      this.stats.hits++;
      // Map iteration order is insertion order: re-inserting makes this block the newest.
      cache.delete(b);
      cache.set(b, hit);
      return hit;
    }
    this.stats.misses++;
    const values = this.freeBlock();
    const stream = this.stream;
    const dims = this.dims;
    this.source.rseek(this.locator.offsetOf(b));
    decompress(this.source, stream.config, {
      type: stream.type,
      data: values,
      nx: Math.min(stream.nx - 4 * bx, 4),
      ny: dims > 1 ? Math.min(stream.ny - 4 * by, 4) : 0,
      nz: dims > 2 ? Math.min(stream.nz - 4 * bz, 4) : 0,
      nw: dims > 3 ? Math.min(stream.nw - 4 * bw, 4) : 0,
      sx: 1,
      sy: 4,
      sz: 16,
      sw: 64,
    });
    this.locator.note(b + 1, this.source.rtell());
    cache.set(b, values);
    return values;
  }
}

/**
 * A coarse decode: every block decoded from its first bit planes only, at most `planes` of them
 * (zfp's embedded coding puts the most significant planes first, so this reads a prefix of each
 * block). For lossy (non-reversible) streams. For float and double, the difference from the full
 * decode at a value of block b is below 2^(e_b - planes + 2d + 2), where e_b is the block's
 * exponent (max |value| of the block < 2^e_b) and d the dimensionality; the codec README shows
 * measured errors. Integer streams: below 2^(P - planes + 2d + 2) with P = 32 or 64.
 *
 * @example
 * ```ts
 * const coarse = decompressPreview(bytes, stream, 8);
 * ```
 */
export function decompressPreview(
  data: BufferSource,
  stream: BlockStream,
  planes: number,
  options: RandomAccessOptions = {},
): ScalarArray {
  const bytes = asBytes(data);
  const config = stream.config;
  if (config.minexp < -1074) {
    throw new InvalidParameterError(
      "planes",
      "a preview needs a lossy stream; reversible blocks have no error bound when cut",
    );
  }
  if (!Number.isInteger(planes) || planes < 1 || planes > 64) {
    throw new InvalidParameterError("planes", `expected an integer in 1..64, got ${String(planes)}`);
  }
  const maxprec = Math.min(planes, config.maxprec);
  const dims = fieldDims(stream);
  const n = sizesOf(stream);
  const locator = new BlockLocator(bytes, stream, options);
  const source = new HeldStream(bytes);
  source.rseek(stream.firstBit ?? 0);
  if (fixedBlockBits(config, stream.type) >= 0) {
    // Fixed-size blocks: with maxprec lowered, the decoder stops after the top planes and skips
    // to minbits (= maxbits), the next block's start, so one call decodes the whole field.
    const data = allocateArray(stream.type, n[0] * n[1] * n[2] * n[3]);
    decompress(source, { ...config, maxprec }, { ...fieldShape(stream), data });
    return data;
  }
  // Variable-size blocks: each block starts where the index (and a skim from its entry) says;
  // its top planes are decoded with the block stages directly (a decompress call per block cost
  // more than the whole field's full decode).
  const preview: ZfpConfig = { minbits: 0, maxbits: config.maxbits, maxprec, minexp: config.minexp };
  const out = allocateArray(stream.type, n[0] * n[1] * n[2] * n[3]);
  const layout = fieldLayout({ ...fieldShape(stream), data: out });
  const coder = acquireCoder(layout.traits, dims, preview);
  const { block, reader } = coder;
  reader.attach(source);
  try {
    let b = 0;
    for (let w = 0; w < n[3]; w += 4) {
      const cw = Math.min(n[3] - w, 4);
      for (let z = 0; z < n[2]; z += 4) {
        const cz = Math.min(n[2] - z, 4);
        for (let y = 0; y < n[1]; y += 4) {
          const cy = Math.min(n[1] - y, 4);
          const row = y * layout.sy + z * layout.sz + w * layout.sw;
          for (let x = 0; x < n[0]; x += 4) {
            reader.pos = locator.offsetOf(b++);
            coder.decodeCoefficients(reader, block);
            coder.reconstruct(block, layout, row + x, Math.min(n[0] - x, 4), cy, cz, cw);
          }
        }
      }
    }
  } finally {
    reader.drop();
    releaseCoder(coder);
  }
  return out;
}
