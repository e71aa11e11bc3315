// 8- and 16-bit integers in and out of zfp's int32 blocks, as zfp_promote_* and zfp_demote_*
// (zfp's src/share/... utility functions, exported by libzfp) convert them: the value is moved to
// the top bits of an int32 (unsigned values re-centred on zero first) and moved back with clamping.

/** The 8/16-bit Zarr types the zfp codec promotes to int32. */
export type SmallIntArray = Int8Array | Uint8Array | Int16Array | Uint16Array;

/** Shift and offset of each small type: int32 = (v - offset) << shift. */
function layout(data: SmallIntArray): { shift: number; offset: number } {
  if (data instanceof Int8Array) return { shift: 23, offset: 0 };
  if (data instanceof Uint8Array) return { shift: 23, offset: 0x80 };
  if (data instanceof Int16Array) return { shift: 15, offset: 0 };
  return { shift: 15, offset: 0x8000 };
}

/**
 * Promotes small-integer values to a new Int32Array of the same length, as
 * zfp_promote_{int8,uint8,int16,uint16}_to_int32 do value by value.
 */
export function promote(data: SmallIntArray): Int32Array {
  const { shift, offset } = layout(data);
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i]! - offset) << shift;
  return out;
}

/**
 * Demotes int32 values into `out` (same length), as zfp_demote_int32_to_{int8,uint8,int16,uint16}
 * do: an arithmetic shift right, the offset added back, then clamping to the type's range.
 */
export function demote(values: Int32Array, out: SmallIntArray): void {
  const { shift, offset } = layout(out);
  const bits = 31 - shift; // 8 or 16
  const min = offset === 0 ? -(1 << (bits - 1)) : 0;
  const max = offset === 0 ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
  for (let i = 0; i < values.length; i++) {
    const v = (values[i]! >> shift) + offset;
    out[i] = Math.min(Math.max(v, min), max);
  }
}
