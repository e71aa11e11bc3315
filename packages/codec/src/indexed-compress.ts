// Compression that records the block index as it goes: the field is coded in runs of blocks
// (pieces of block rows cut at every K-th block) into one stream whose flush is held between
// runs, so the bytes are exactly those of one compress() call (src/template/compress.c codes the
// blocks in this order with nothing between them), and the write position before each run is a
// block offset.
import { BitStream, InvalidArgumentError } from "@zfpjs/bitstream";
import {
  type BlockIndex,
  DEFAULT_INDEX_INTERVAL,
  InvalidIndexError,
  MAX_INDEX_INTERVAL,
  makeBlockIndex,
} from "./block-index.js";
import { type CompressOptions, compress } from "./compress.js";
import type { ZfpConfig } from "./config.js";
import { NonFiniteValueError } from "./errors.js";
import { type Field, fieldBlocks, fieldLayout } from "./field.js";

/** A bit stream whose {@link flush} can be held back while a field is coded in several calls. */
export class RunStream extends BitStream {
  /** While true, flush() does nothing (the stream continues with the next run of blocks). */
  hold = false;

  override flush(): number {
    return this.hold ? 0 : super.flush();
  }
}

/**
 * Compresses `field` into `stream` from its write position (after a header, say) exactly as
 * {@link compress} does, and records the block index on the way: the bit where every K-th block
 * starts and where the last one ends. Returns `stream.size()` and the index (its checksums cover
 * the stream's bytes from 0 to that size).
 *
 * @example
 * ```ts
 * const stream = new RunStream(new Uint8Array(maximumSize(config, field)));
 * const { size, index } = compressWithIndex(stream, config, field);
 * const bytes = stream.bytes.subarray(0, size);
 * ```
 */
export function compressWithIndex(
  stream: RunStream,
  config: ZfpConfig,
  field: Field,
  options: CompressOptions & { interval?: number } = {},
): { size: number; index: BlockIndex } {
  const interval = options.interval ?? DEFAULT_INDEX_INTERVAL;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INDEX_INTERVAL) {
    throw new InvalidIndexError(
      `expected an interval K in 1..${MAX_INDEX_INTERVAL}, got ${String(interval)}`,
    );
  }
  const nonFinite = options.nonFinite ?? "error";
  if (nonFinite !== "error" && nonFinite !== "as-c") {
    throw new InvalidArgumentError(`expected nonFinite to be "error" or "as-c", got ${String(nonFinite)}`);
  }
  const layout = fieldLayout(field);
  const { dims, nx, ny, nz, nw, sx, sy, sz, sw, offset } = layout;
  // Refuse NaN and infinities in the whole field before any run is written (compress would
  // check run by run, after earlier runs were written, and count indices within the run).
  if (layout.traits.isFloat && config.minexp >= -1074 && nonFinite === "error") {
    const data = field.data as Float32Array | Float64Array;
    let index = 0;
    for (let w = 0; w < nw; w++)
      for (let z = 0; z < nz; z++)
        for (let y = 0; y < ny; y++)
          for (let x = 0, at = offset + w * sw + z * sz + y * sy; x < nx; x++, at += sx, index++) {
            const v = data[at]!;
            if (v - v !== 0) throw new NonFiniteValueError(index, v);
          }
  }
  const blocks = fieldBlocks(layout);
  const offsets = new Float64Array(Math.ceil(blocks / interval));
  const nbx = Math.ceil(nx / 4);
  let b = 0;
  const held = stream.hold;
  stream.hold = true;
  try {
    for (let w = 0; w < nw; w += 4) {
      for (let z = 0; z < nz; z += 4) {
        for (let y = 0; y < ny; y += 4) {
          for (let bx = 0; bx < nbx; ) {
            // The run ends at the row's end or just before the next recorded block.
            const end = Math.min(nbx, bx + interval - (b % interval));
            if (b % interval === 0) offsets[b / interval] = stream.wtell();
            compress(
              stream,
              config,
              {
                type: field.type,
                data: field.data,
                nx: Math.min(nx, 4 * end) - 4 * bx,
                ny: dims > 1 ? Math.min(ny - y, 4) : 0,
                nz: dims > 2 ? Math.min(nz - z, 4) : 0,
                nw: dims > 3 ? Math.min(nw - w, 4) : 0,
                sx,
                sy,
                sz,
                sw,
                offset: offset + 4 * bx * sx + y * sy + z * sz + w * sw,
              },
              { nonFinite: "as-c" },
            );
            b += end - bx;
            bx = end;
          }
        }
      }
    }
  } finally {
    stream.hold = held;
  }
  const endBit = stream.wtell();
  stream.flush();
  const size = stream.size();
  return { size, index: makeBlockIndex(stream.bytes.subarray(0, size), interval, blocks, offsets, endBit) };
}
