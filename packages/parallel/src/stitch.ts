// Concatenating partial streams bit-exactly, a 32-bit word at a time (zfp's OpenMP path joins its
// chunk streams with stream_copy, bit-exact as here; src/template/ompcompress.c).

/** True where a Uint32Array's words are the stream's little-endian bytes (every common host). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * ORs the first `bits` bits of `source` (a stream zero-padded to whole 32-bit words; the
 * padding must be zero) into `target` from bit `at` on. `target`'s bits from `at` on must be
 * zero, and its byte length a multiple of 4. Bits of `source` past the end of `target` are
 * dropped (they can only be padding).
 */
export function appendBits(target: Uint8Array, at: number, source: Uint8Array, bits: number): void {
  if (bits === 0) return;
  if (!LITTLE_ENDIAN || (source.byteOffset & 3) !== 0 || (target.byteOffset & 3) !== 0) {
    appendBytes(target, at, source, bits);
    return;
  }
  const out = new Uint32Array(target.buffer, target.byteOffset, target.byteLength >>> 2);
  const words = Math.ceil(bits / 32);
  const src = new Uint32Array(source.buffer, source.byteOffset, words);
  const first = at >>> 5;
  const shift = at & 31;
  if (shift === 0) {
    out.set(src.subarray(0, Math.min(words, out.length - first)), first);
    return;
  }
  const back = 32 - shift;
  const last = out.length - 1;
  for (let i = 0; i < words; i++) {
    const word = src[i]!;
    const k = first + i;
    out[k] = out[k]! | (word << shift);
    if (k < last) out[k + 1] = word >>> back;
  }
}

/** {@link appendBits} a byte at a time, for big-endian hosts and unaligned views. */
function appendBytes(target: Uint8Array, at: number, source: Uint8Array, bits: number): void {
  const bytes = Math.ceil(bits / 8);
  const first = at >>> 3;
  const shift = at & 7;
  const back = 8 - shift;
  const last = target.length - 1;
  for (let i = 0; i < bytes; i++) {
    const byte = source[i]!;
    const k = first + i;
    if (shift === 0) {
      target[k] = byte;
    } else {
      target[k] = target[k]! | ((byte << shift) & 0xff);
      if (k < last) target[k + 1] = byte >>> back;
    }
  }
}
