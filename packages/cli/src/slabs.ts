// Compression and decompression of a field in slabs of whole block rows along its slowest
// dimension, so a long run can report progress. zfp codes blocks in order, w slowest, x fastest
// (src/template/compress.c), with no padding between blocks, so coding consecutive slabs into one
// stream and flushing (or aligning) only after the last gives exactly the bytes of one call.
import * as codec from "@zfpjs/codec";

/** A bit stream whose flush and align can be held back between slabs. */
export class SlabStream extends codec.BitStream {
  /** While true, flush() and align() do nothing (the stream continues with the next slab). */
  hold = false;

  override flush(): number {
    return this.hold ? 0 : super.flush();
  }

  override align(): number {
    return this.hold ? 0 : super.align();
  }
}

const SIZE_NAMES = ["nx", "ny", "nz", "nw"] as const;
const STRIDE_NAMES = ["sx", "sy", "sz", "sw"] as const;

/** The sub-fields, in coding order, of whole block rows along the slowest used dimension, each
 * holding about `slabValues` values (at least one block row). Contiguous fields only. */
function slabsOf(field: codec.Field, slabValues: number): codec.Field[] {
  const dims = codec.fieldDims(field);
  const slow = SIZE_NAMES[dims - 1]!;
  const length = field[slow];
  let stride = 1;
  for (let axis = 0; axis < dims - 1; axis++) stride *= field[SIZE_NAMES[axis]!];
  const rows = Math.max(1, Math.floor(slabValues / (stride * 4))) * 4;
  if (rows >= length) return [field];
  const slabs: codec.Field[] = [];
  for (let start = 0; start < length; start += rows) {
    // The strides of the faster dimensions do not depend on the slowest size, so each slab keeps
    // the field's layout; only its extent and starting element change.
    const slab: codec.Field = { ...field, [slow]: Math.min(rows, length - start), offset: start * stride };
    for (const name of STRIDE_NAMES) delete slab[name];
    slabs.push(slab);
  }
  return slabs;
}

/** Compresses `field` (contiguous) slab by slab; calls `onProgress(valuesDone)` after each. */
export function compressInSlabs(
  stream: SlabStream,
  config: codec.ZfpConfig,
  field: codec.Field,
  options: codec.CompressOptions & { slabValues: number; onProgress?: (done: number) => void },
): number {
  const slabs = slabsOf(field, options.slabValues);
  let size = 0;
  let done = 0;
  slabs.forEach((slab, index) => {
    stream.hold = index < slabs.length - 1;
    size = codec.compress(stream, config, slab, { nonFinite: options.nonFinite });
    done += codec.fieldSize(slab);
    options.onProgress?.(done);
  });
  stream.hold = false;
  return size;
}

/** Decompresses into `field` (contiguous) slab by slab; calls `onProgress(valuesDone)` after each. */
export function decompressInSlabs(
  stream: SlabStream,
  config: codec.ZfpConfig,
  field: codec.Field,
  options: { slabValues: number; onProgress?: (done: number) => void },
): number {
  const slabs = slabsOf(field, options.slabValues);
  let size = 0;
  let done = 0;
  slabs.forEach((slab, index) => {
    stream.hold = index < slabs.length - 1;
    size = codec.decompress(stream, config, slab);
    done += codec.fieldSize(slab);
    options.onProgress?.(done);
  });
  stream.hold = false;
  return size;
}
