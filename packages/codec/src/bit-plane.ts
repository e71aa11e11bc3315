// Embedded bit-plane coder with bit budget (mirrors src/template/encode.c encode_ints / decode.c decode_ints).
//
// `u` holds `size` unsigned P-bit coefficients in coded order, `words` 32-bit slots each (low
// first). Planes P-1 down to P-planes are coded most significant first; a budget of `maxbits`
// bits may stop the block anywhere. The coefficients are first transposed into bit planes (plane
// k is a `size`-bit set whose bit i is bit k of coefficient i, stored in 32-bit words), so the coder
// works on whole words: verbatim runs are single writes and scans jump to the next one bit.

/** The stream operations the coder needs (BitStream provides them). */
interface BitWriter {
  writeBit(bit: number): number;
  writeBits(value: number, n: number): number;
}
interface BitReader {
  readBit(): number;
  readBits(n: number): number;
}

// Scratch: plane k, word g is PLANES[k * groups + g] (groups = 32-coefficient words per plane).
const PLANES = new Int32Array(64 * 8);
const ROWS = new Int32Array(32);

/** Transposes a 32x32 bit matrix in place: afterwards bit r of a[c] is the former bit c of a[r]. */
export function transpose32(a: Int32Array): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = (k + j + 1) & ~j) {
      const t = ((a[k] >>> j) ^ a[k + j]) & m;
      a[k] ^= t << j;
      a[k + j] ^= t;
    }
  }
}

// Coefficients -> planes (every plane of every half; rows beyond `size` are zero).
function toPlanes(u: Int32Array, words: number, size: number, groups: number): void {
  for (let h = 0; h < words; h++) {
    for (let g = 0; g < groups; g++) {
      const first = 32 * g;
      const count = Math.min(size - first, 32);
      for (let r = 0; r < count; r++) ROWS[r] = u[(first + r) * words + h];
      for (let r = count; r < 32; r++) ROWS[r] = 0;
      transpose32(ROWS);
      const plane = 32 * h;
      for (let c = 0; c < 32; c++) PLANES[(plane + c) * groups + g] = ROWS[c];
    }
  }
}

// Planes -> coefficients.
function fromPlanes(u: Int32Array, words: number, size: number, groups: number): void {
  for (let h = 0; h < words; h++) {
    for (let g = 0; g < groups; g++) {
      const plane = 32 * h;
      for (let c = 0; c < 32; c++) ROWS[c] = PLANES[(plane + c) * groups + g];
      transpose32(ROWS);
      const first = 32 * g;
      const count = Math.min(size - first, 32);
      for (let r = 0; r < count; r++) u[(first + r) * words + h] = ROWS[r];
    }
  }
}

// Position of the lowest one bit at or after position n in the plane starting at `base`, or `size`.
function nextOne(base: number, n: number, size: number, groups: number): number {
  let g = n >> 5;
  let x = PLANES[base + g] & (-1 << (n & 31));
  while (x === 0) {
    if (++g >= groups) return size;
    x = PLANES[base + g];
  }
  return (g << 5) + (31 - Math.clz32(x & -x));
}

/**
 * Encodes the bit planes of `u` with a budget of `maxbits` bits (any non-negative number, e.g. a
 * wrapped uint32) and `planes` planes at most; returns the number of bits written.
 */
export function encodePlanes(
  stream: BitWriter,
  u: Int32Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const groups = size > 32 ? size >> 5 : 1;
  const last = size - 1;
  toPlanes(u, words, size, groups);
  let bits = maxbits;
  let n = 0;
  for (let k = precision - 1; bits > 0 && k >= kmin; k--) {
    const base = k * groups;
    // Coefficients already significant: their bit k verbatim (fewer if the budget ends here).
    const c = Math.min(n, bits);
    bits -= c;
    let g = 0;
    for (; 32 * g + 32 <= c; g++) stream.writeBits(PLANES[base + g], 32);
    if ((c & 31) !== 0) stream.writeBits(PLANES[base + g], c & 31);
    // The rest: group tests, each followed by a unary scan to the next one bit.
    while (bits > 0 && n < size) {
      const j = nextOne(base, n, size, groups);
      bits--;
      if (j === size) {
        stream.writeBit(0);
        break;
      }
      stream.writeBit(1);
      const stop = Math.min(j, last);
      let zeros = stop - n;
      if (zeros >= bits) {
        // The budget ends inside the scan.
        for (let left = bits; left > 0; left -= 32) stream.writeBits(0, Math.min(left, 32));
        bits = 0;
        break;
      }
      bits -= zeros;
      n = stop;
      while (zeros >= 32) {
        stream.writeBits(0, 32);
        zeros -= 32;
      }
      if (n < last) {
        // zeros, then the one bit of coefficient j
        if (zeros === 31) {
          stream.writeBits(0, 31);
          stream.writeBit(1);
        } else {
          stream.writeBits(1 << zeros, zeros + 1);
        }
        bits--;
      } else if (zeros > 0) {
        // The last coefficient's one bit is implied.
        stream.writeBits(0, zeros);
      }
      n++;
    }
  }
  return maxbits - bits;
}

/**
 * Decodes what {@link encodePlanes} wrote into `u`; returns the bits read. When the budget ends
 * inside a scan, the coefficient reached gets its bit anyway, as zfp's decoder does.
 */
export function decodePlanes(
  stream: BitReader,
  u: Int32Array,
  words: 1 | 2,
  size: number,
  maxbits: number,
  planes: number,
): number {
  const precision = words * 32;
  const kmin = planes < precision ? precision - planes : 0;
  const groups = size > 32 ? size >> 5 : 1;
  const last = size - 1;
  PLANES.fill(0, 0, precision * groups);
  let bits = maxbits;
  let n = 0;
  for (let k = precision - 1; bits > 0 && k >= kmin; k--) {
    const base = k * groups;
    const c = Math.min(n, bits);
    bits -= c;
    let g = 0;
    for (; 32 * g + 32 <= c; g++) PLANES[base + g] = stream.readBits(32);
    if ((c & 31) !== 0) PLANES[base + g] = stream.readBits(c & 31);
    while (bits > 0 && n < size) {
      bits--;
      if (stream.readBit() === 0) break;
      while (bits > 0 && n < last) {
        bits--;
        if (stream.readBit() !== 0) break;
        n++;
      }
      PLANES[base + (n >> 5)] |= 1 << (n & 31);
      n++;
    }
  }
  fromPlanes(u, words, size, groups);
  return maxbits - bits;
}
