// Block gather with partial-block padding, and scatter (mirrors src/template/compress.c/decompress.c and encode.c pad_block).
//
// Values are moved as 32-bit words (`words` per value), so NaN payloads and int64 halves travel
// untouched. Block index of local (i, j, k, l) is i + 4j + 16k + 64l.

// Pads the 4-vector p[b], p[b+s], p[b+2s], p[b+3s] (values of `words` slots) that has c valid entries.
function padLine(p: Int32Array, words: number, b: number, s: number, c: number): void {
  if (c >= 4) return;
  for (let t = 0; t < words; t++) {
    const v0 = p[b * words + t];
    if (c === 3) {
      p[(b + 3 * s) * words + t] = v0;
    } else if (c === 2) {
      p[(b + 2 * s) * words + t] = p[(b + s) * words + t];
      p[(b + 3 * s) * words + t] = v0;
    } else if (c === 1) {
      p[(b + s) * words + t] = v0;
      p[(b + 2 * s) * words + t] = v0;
      p[(b + 3 * s) * words + t] = v0;
    } else {
      p[b * words + t] = 0;
      p[(b + s) * words + t] = 0;
      p[(b + 2 * s) * words + t] = 0;
      p[(b + 3 * s) * words + t] = 0;
    }
  }
}

/**
 * Copies the cx*cy*cz*cw valid values of a block whose origin is element `origin` of the field
 * `src` into the block `dst` (block index order; arguments in the order of {@link scatterBlock}), then pads a partial block as zfp does: along x for the valid rows,
 * then along y, z, w, each pass reading what the earlier ones wrote.
 */
export function gatherBlock(
  dst: Int32Array,
  src: Int32Array,
  words: 1 | 2,
  dims: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
  cx: number,
  cy: number,
  cz: number,
  cw: number,
): void {
  const full = cx === 4 && (dims < 2 || cy === 4) && (dims < 3 || cz === 4) && (dims < 4 || cw === 4);
  if (full) {
    // Full block: 4^(dims-1) rows of 4.
    const rows = 1 << (2 * (dims - 1));
    if (words === 1) {
      for (let r = 0; r < rows; r++) {
        const from = origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw;
        const to = 4 * r;
        dst[to] = src[from];
        dst[to + 1] = src[from + sx];
        dst[to + 2] = src[from + 2 * sx];
        dst[to + 3] = src[from + 3 * sx];
      }
    } else {
      const step = 2 * sx;
      for (let r = 0; r < rows; r++) {
        const from = 2 * (origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw);
        const to = 8 * r;
        dst[to] = src[from];
        dst[to + 1] = src[from + 1];
        dst[to + 2] = src[from + step];
        dst[to + 3] = src[from + step + 1];
        dst[to + 4] = src[from + 2 * step];
        dst[to + 5] = src[from + 2 * step + 1];
        dst[to + 6] = src[from + 3 * step];
        dst[to + 7] = src[from + 3 * step + 1];
      }
    }
    return;
  }
  for (let l = 0; l < cw; l++) {
    for (let k = 0; k < cz; k++) {
      for (let j = 0; j < cy; j++) {
        let from = origin + l * sw + k * sz + j * sy;
        const to = 64 * l + 16 * k + 4 * j;
        if (words === 1) {
          for (let i = 0; i < cx; i++, from += sx) dst[to + i] = src[from];
        } else {
          for (let i = 0; i < cx; i++, from += sx) {
            dst[2 * (to + i)] = src[2 * from];
            dst[2 * (to + i) + 1] = src[2 * from + 1];
          }
        }
      }
    }
  }
  if (cx === 4 && cy === 4 && cz === 4 && cw === 4) return;
  // Unused dimensions have count 1 and are never padded.
  const py = dims > 1 ? 4 : 1;
  const pz = dims > 2 ? 4 : 1;
  for (let l = 0; l < cw; l++)
    for (let k = 0; k < cz; k++)
      for (let j = 0; j < cy; j++) padLine(dst, words, 64 * l + 16 * k + 4 * j, 1, cx);
  if (dims > 1)
    for (let l = 0; l < cw; l++)
      for (let k = 0; k < cz; k++)
        for (let i = 0; i < 4; i++) padLine(dst, words, 64 * l + 16 * k + i, 4, cy);
  if (dims > 2)
    for (let l = 0; l < cw; l++)
      for (let j = 0; j < py; j++)
        for (let i = 0; i < 4; i++) padLine(dst, words, 64 * l + 4 * j + i, 16, cz);
  if (dims > 3)
    for (let k = 0; k < pz; k++)
      for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) padLine(dst, words, 16 * k + 4 * j + i, 64, cw);
}

/** Stores the cx*cy*cz*cw valid values of the block `src` (block order) into the field `dst` at element `origin`. */
export function scatterBlock(
  src: Int32Array,
  dst: Int32Array,
  words: 1 | 2,
  dims: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
  cx: number,
  cy: number,
  cz: number,
  cw: number,
): void {
  if (cx === 4 && (dims < 2 || cy === 4) && (dims < 3 || cz === 4) && (dims < 4 || cw === 4)) {
    // Full block: 4^(dims-1) rows of 4.
    const rows = 1 << (2 * (dims - 1));
    if (words === 1) {
      for (let r = 0; r < rows; r++) {
        const to = origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw;
        const from = 4 * r;
        dst[to] = src[from];
        dst[to + sx] = src[from + 1];
        dst[to + 2 * sx] = src[from + 2];
        dst[to + 3 * sx] = src[from + 3];
      }
    } else {
      const step = 2 * sx;
      for (let r = 0; r < rows; r++) {
        const to = 2 * (origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw);
        const from = 8 * r;
        dst[to] = src[from];
        dst[to + 1] = src[from + 1];
        dst[to + step] = src[from + 2];
        dst[to + step + 1] = src[from + 3];
        dst[to + 2 * step] = src[from + 4];
        dst[to + 2 * step + 1] = src[from + 5];
        dst[to + 3 * step] = src[from + 6];
        dst[to + 3 * step + 1] = src[from + 7];
      }
    }
    return;
  }
  for (let l = 0; l < cw; l++) {
    for (let k = 0; k < cz; k++) {
      for (let j = 0; j < cy; j++) {
        let to = origin + l * sw + k * sz + j * sy;
        const from = 64 * l + 16 * k + 4 * j;
        if (words === 1) {
          for (let i = 0; i < cx; i++, to += sx) dst[to] = src[from + i];
        } else {
          for (let i = 0; i < cx; i++, to += sx) {
            dst[2 * to] = src[2 * (from + i)];
            dst[2 * to + 1] = src[2 * (from + i) + 1];
          }
        }
      }
    }
  }
}

/**
 * Stores zeros (+0.0 for floats) into the cx*cy*cz*cw values of the block of `dst` at element
 * `origin`: a block that decoded to zero, without filling and scattering a block of zeros.
 */
export function zeroBlock(
  dst: Int32Array,
  words: 1 | 2,
  dims: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
  cx: number,
  cy: number,
  cz: number,
  cw: number,
): void {
  if (cx === 4 && (dims < 2 || cy === 4) && (dims < 3 || cz === 4) && (dims < 4 || cw === 4)) {
    // Full block: 4^(dims-1) rows of 4.
    const rows = 1 << (2 * (dims - 1));
    if (words === 1) {
      for (let r = 0; r < rows; r++) {
        const to = origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw;
        dst[to] = 0;
        dst[to + sx] = 0;
        dst[to + 2 * sx] = 0;
        dst[to + 3 * sx] = 0;
      }
    } else {
      const step = 2 * sx;
      for (let r = 0; r < rows; r++) {
        const to = 2 * (origin + (r & 3) * sy + ((r >> 2) & 3) * sz + (r >> 4) * sw);
        dst[to] = 0;
        dst[to + 1] = 0;
        dst[to + step] = 0;
        dst[to + step + 1] = 0;
        dst[to + 2 * step] = 0;
        dst[to + 2 * step + 1] = 0;
        dst[to + 3 * step] = 0;
        dst[to + 3 * step + 1] = 0;
      }
    }
    return;
  }
  for (let l = 0; l < cw; l++) {
    for (let k = 0; k < cz; k++) {
      for (let j = 0; j < cy; j++) {
        let to = origin + l * sw + k * sz + j * sy;
        for (let i = 0; i < cx; i++, to += sx) {
          if (words === 1) dst[to] = 0;
          else {
            dst[2 * to] = 0;
            dst[2 * to + 1] = 0;
          }
        }
      }
    }
  }
}
