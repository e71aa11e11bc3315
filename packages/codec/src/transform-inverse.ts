// Inverse decorrelating transforms (mirrors src/template/decode.c inv_lift and revdecode.c rev_inv_lift).
//
// The inverses of transform-forward.ts, lines along w, z, y, then x (same block layout and line
// numbering). There is one lift per precision; the fused variants (conversions on the first or
// last pass) are parameters of that lift.

import { POWER_TABLE } from "./block-float.js";

const NB = 0xaaaaaaaa | 0; // negabinary mask (negabinary.ts NEGABINARY_MASK), a literal the JIT folds

const NO_FLOATS = new Float32Array(0);
const NO_INTS = new Int32Array(0);

/**
 * The inverse lift (decode.c inv_lift) of p[b], p[b + s], p[b + 2s], p[b + 3s]. The fused variants
 * are this one lift with parameters: `fromNegabinary` converts the values as they are loaded (the
 * first pass), `toFloats` stores float(int) * POWER_TABLE[power] rounded to float as C computes it (block-float.ts
 * intsToFloat) into out[o], out[o + step], out[o + 2 step], out[o + 3 step] (the last pass of a
 * float block) instead of back into p.
 */
function inverseLift32(
  p: Int32Array,
  b: number,
  s: number,
  fromNegabinary: boolean,
  toFloats: boolean,
  out: Float32Array,
  o: number,
  step: number,
  power: number,
): void {
  let x = p[b];
  let y = p[b + s];
  let z = p[b + 2 * s];
  let w = p[b + 3 * s];
  if (fromNegabinary) {
    x = ((x ^ NB) - NB) | 0;
    y = ((y ^ NB) - NB) | 0;
    z = ((z ^ NB) - NB) | 0;
    w = ((w ^ NB) - NB) | 0;
  }
  y = (y + (w >> 1)) | 0;
  w = (w - (y >> 1)) | 0;
  y = (y + w) | 0;
  w <<= 1;
  w = (w - y) | 0;
  z = (z + x) | 0;
  x <<= 1;
  x = (x - z) | 0;
  y = (y + z) | 0;
  z <<= 1;
  z = (z - y) | 0;
  w = (w + x) | 0;
  x <<= 1;
  x = (x - w) | 0;
  if (toFloats) {
    const scale = POWER_TABLE[power];
    out[o] = Math.fround(x) * scale;
    out[o + step] = Math.fround(y) * scale;
    out[o + 2 * step] = Math.fround(z) * scale;
    out[o + 3 * step] = Math.fround(w) * scale;
  } else {
    p[b] = x;
    p[b + s] = y;
    p[b + 2 * s] = z;
    p[b + 3 * s] = w;
  }
}

function reversibleInverseLift32(p: Int32Array, b: number, s: number): void {
  const x = p[b];
  let y = p[b + s];
  let z = p[b + 2 * s];
  let w = p[b + 3 * s];
  w = (w + z) | 0;
  z = (z + y) | 0;
  w = (w + z) | 0;
  y = (y + x) | 0;
  z = (z + y) | 0;
  w = (w + z) | 0;
  p[b + s] = y;
  p[b + 2 * s] = z;
  p[b + 3 * s] = w;
}

function reversibleInverseLift64(p: Int32Array, b: number, s: number): void {
  const ix = 2 * b;
  const iy = 2 * (b + s);
  const iz = 2 * (b + 2 * s);
  const iw = 2 * (b + 3 * s);
  const xl = p[ix];
  const xh = p[ix + 1];
  let yl = p[iy];
  let yh = p[iy + 1];
  let zl = p[iz];
  let zh = p[iz + 1];
  let wl = p[iw];
  let wh = p[iw + 1];
  let t: number;
  // w += z; z += y; w += z; y += x; z += y; w += z
  t = (wl + zl) | 0;
  wh = (wh + zh + +(t >>> 0 < wl >>> 0)) | 0;
  wl = t;
  t = (zl + yl) | 0;
  zh = (zh + yh + +(t >>> 0 < zl >>> 0)) | 0;
  zl = t;
  t = (wl + zl) | 0;
  wh = (wh + zh + +(t >>> 0 < wl >>> 0)) | 0;
  wl = t;
  t = (yl + xl) | 0;
  yh = (yh + xh + +(t >>> 0 < yl >>> 0)) | 0;
  yl = t;
  t = (zl + yl) | 0;
  zh = (zh + yh + +(t >>> 0 < zl >>> 0)) | 0;
  zl = t;
  t = (wl + zl) | 0;
  wh = (wh + zh + +(t >>> 0 < wl >>> 0)) | 0;
  wl = t;
  p[iy] = yl;
  p[iy + 1] = yh;
  p[iz] = zl;
  p[iz + 1] = zh;
  p[iw] = wl;
  p[iw + 1] = wh;
}

// Inverse transform of 32-bit integers, the first pass loading negabinary when `fromNegabinary`.
function inverse32(block: Int32Array, dims: number, fromNegabinary: boolean): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis >= 0; axis--) {
    const stride = 1 << (2 * axis);
    const first = fromNegabinary && axis === dims - 1;
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      inverseLift32(block, low + (t - low) * 4, stride, first, false, NO_FLOATS, 0, 0, 0);
    }
  }
}

// The lift (decode.c inv_lift on int64, as pairs of 32-bit halves with carries) is written in the
// loop: as a function it was too large for V8 to inline (a call per line). Measured
// reconstruction int64 3D rate 8 1373 -> 1203 ns a block, tol1e-3 1489 -> 1203, 2D rate 8
// 333 -> 283 (A/B best of 15, both orders).
function inverse64(p: Int32Array, dims: number, fromNegabinary: boolean): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis >= 0; axis--) {
    const s = 1 << (2 * axis);
    const first = fromNegabinary && axis === dims - 1;
    for (let line = 0; line < lines; line++) {
      const low = line & (s - 1);
      const b = low + (line - low) * 4;
      const ix = 2 * b;
      const iy = 2 * (b + s);
      const iz = 2 * (b + 2 * s);
      const iw = 2 * (b + 3 * s);
      let xl = p[ix];
      let xh = p[ix + 1];
      let yl = p[iy];
      let yh = p[iy + 1];
      let zl = p[iz];
      let zh = p[iz + 1];
      let wl = p[iw];
      let wh = p[iw + 1];
      let t: number;
      let u: number;
      if (first) {
        // from negabinary (negabinary.ts fromNegabinary): (v ^ mask) - mask on pairs, in the
        // first pass instead of a pass of its own (measured reconstruction int64 3D rate 8 1071
        // -> 995 ns a block; 2D and float64 within noise; A/B best of 25, both orders)
        t = xl ^ NB;
        xl = (t - NB) | 0;
        xh = ((xh ^ NB) - NB - +(t >>> 0 < NB >>> 0)) | 0;
        t = yl ^ NB;
        yl = (t - NB) | 0;
        yh = ((yh ^ NB) - NB - +(t >>> 0 < NB >>> 0)) | 0;
        t = zl ^ NB;
        zl = (t - NB) | 0;
        zh = ((zh ^ NB) - NB - +(t >>> 0 < NB >>> 0)) | 0;
        t = wl ^ NB;
        wl = (t - NB) | 0;
        wh = ((wh ^ NB) - NB - +(t >>> 0 < NB >>> 0)) | 0;
      }
      // y += w >> 1; w -= y >> 1
      u = (wl >>> 1) | (wh << 31);
      t = (yl + u) | 0;
      yh = (yh + (wh >> 1) + +(t >>> 0 < yl >>> 0)) | 0;
      yl = t;
      u = (yl >>> 1) | (yh << 31);
      t = (wl - u) | 0;
      wh = (wh - (yh >> 1) - +(wl >>> 0 < u >>> 0)) | 0;
      wl = t;
      // y += w; w <<= 1; w -= y
      t = (yl + wl) | 0;
      yh = (yh + wh + +(t >>> 0 < yl >>> 0)) | 0;
      yl = t;
      wh = (wh << 1) | (wl >>> 31);
      wl <<= 1;
      t = (wl - yl) | 0;
      wh = (wh - yh - +(wl >>> 0 < yl >>> 0)) | 0;
      wl = t;
      // z += x; x <<= 1; x -= z
      t = (zl + xl) | 0;
      zh = (zh + xh + +(t >>> 0 < zl >>> 0)) | 0;
      zl = t;
      xh = (xh << 1) | (xl >>> 31);
      xl <<= 1;
      t = (xl - zl) | 0;
      xh = (xh - zh - +(xl >>> 0 < zl >>> 0)) | 0;
      xl = t;
      // y += z; z <<= 1; z -= y
      t = (yl + zl) | 0;
      yh = (yh + zh + +(t >>> 0 < yl >>> 0)) | 0;
      yl = t;
      zh = (zh << 1) | (zl >>> 31);
      zl <<= 1;
      t = (zl - yl) | 0;
      zh = (zh - yh - +(zl >>> 0 < yl >>> 0)) | 0;
      zl = t;
      // w += x; x <<= 1; x -= w
      t = (wl + xl) | 0;
      wh = (wh + xh + +(t >>> 0 < wl >>> 0)) | 0;
      wl = t;
      xh = (xh << 1) | (xl >>> 31);
      xl <<= 1;
      t = (xl - wl) | 0;
      xh = (xh - wh - +(xl >>> 0 < wl >>> 0)) | 0;
      xl = t;
      p[ix] = xl;
      p[ix + 1] = xh;
      p[iy] = yl;
      p[iy + 1] = yh;
      p[iz] = zl;
      p[iz + 1] = zh;
      p[iw] = wl;
      p[iw + 1] = wh;
    }
  }
}

function reversibleInverse32(block: Int32Array, dims: number): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis >= 0; axis--) {
    const stride = 1 << (2 * axis);
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      reversibleInverseLift32(block, low + (t - low) * 4, stride);
    }
  }
}

function reversibleInverse64(block: Int32Array, dims: number): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis >= 0; axis--) {
    const stride = 1 << (2 * axis);
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      reversibleInverseLift64(block, low + (t - low) * 4, stride);
    }
  }
}

/** Inverse of {@link forwardTransform} (not exact: the forward transform drops low bits). */
export function inverseTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  if (words === 1) inverse32(block, dims, false);
  else inverse64(block, dims, false);
}

/** {@link inverseTransform} of 64-bit negabinary coefficients: fromNegabinary and the inverse transform in one. */
export function inverseTransformFromNegabinary64(block: Int32Array, dims: number): void {
  inverse64(block, dims, true);
}

/** {@link inverseTransform} of 32-bit negabinary coefficients: fromNegabinary and the inverse transform in one. */
export function inverseTransformFromNegabinary32(block: Int32Array, dims: number): void {
  inverse32(block, dims, true);
}

/**
 * Float blocks: fromNegabinary, the inverse transform and the conversion to floats
 * (float(int) * scale, as intsToFloat, with scale = POWER_TABLE[power]) in one. Value (i, j, k, l)
 * of the block goes to out[origin + i sx + j sy + k sz + l sw]: strides 1, 4, 16, 64 and origin 0
 * give block order; a field's strides put a full block straight into the field. The power's index
 * (a small integer) is passed rather than the double, which would be a heap number per call.
 */
export function inverseTransformToFloat(
  block: Int32Array,
  dims: number,
  out: Float32Array,
  power: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
): void {
  inverseTransformTo(block, dims, true, out, NO_INTS, power, origin, sx, sy, sz, sw);
}

/**
 * int32 blocks: {@link inverseTransformFromNegabinary32} with value (i, j, k, l) stored to
 * out[origin + i sx + j sy + k sz + l sw] (a full block straight into a field).
 */
export function inverseTransformToInt32(
  block: Int32Array,
  dims: number,
  out: Int32Array,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
): void {
  inverseTransformTo(block, dims, false, NO_FLOATS, out, 0, origin, sx, sy, sz, sw);
}

// The two above: floats when `toFloats`, else ints.
function inverseTransformTo(
  block: Int32Array,
  dims: number,
  toFloats: boolean,
  out: Float32Array,
  ints: Int32Array,
  power: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
): void {
  if (dims === 1) {
    inverseLift32(block, 0, 1, true, toFloats, out, origin, sx, power);
    if (!toFloats) {
      ints[origin] = block[0];
      ints[origin + sx] = block[1];
      ints[origin + 2 * sx] = block[2];
      ints[origin + 3 * sx] = block[3];
    }
    return;
  }
  // Lines along w and z in place (3D and 4D), the first pass from negabinary.
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis > 1; axis--) {
    const stride = 1 << (2 * axis);
    const negabinary = axis === dims - 1;
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      inverseLift32(block, low + (t - low) * 4, stride, negabinary, false, out, 0, 0, 0);
    }
  }
  // Lines along y and x, one 4x4 slab at a time in locals: slab t is local (., ., t & 3, t >> 2).
  // Measured on float32 3D prec16 against both passes through the block array: reconstruction
  // 441 -> 394 ns a block, whole decompress 4.5% faster (A/B in one process, best of 40).
  const negabinary = dims === 2;
  for (let t = 0; t < lines >> 2; t++) {
    const o = origin + (t & 3) * sz + (t >> 2) * sw;
    inverseSlab(block, 16 * t, negabinary, toFloats, out, ints, o, sx, sy, power);
  }
}

/**
 * The last two passes (lines along y, then x) of the 4x4 slab p[b..b+15], in locals; value (i, j)
 * goes to out[o + i sx + j sy] as float(int) * scale (as inverseLift32's toFloats) when
 * `toFloats`, else to ints[o + i sx + j sy]. `fromNegabinary` converts the values as they are
 * loaded (2D blocks).
 */
function inverseSlab(
  p: Int32Array,
  b: number,
  fromNegabinary: boolean,
  toFloats: boolean,
  out: Float32Array,
  ints: Int32Array,
  o: number,
  sx: number,
  sy: number,
  power: number,
): void {
  let a0 = p[b];
  let a1 = p[b + 1];
  let a2 = p[b + 2];
  let a3 = p[b + 3];
  let a4 = p[b + 4];
  let a5 = p[b + 5];
  let a6 = p[b + 6];
  let a7 = p[b + 7];
  let a8 = p[b + 8];
  let a9 = p[b + 9];
  let a10 = p[b + 10];
  let a11 = p[b + 11];
  let a12 = p[b + 12];
  let a13 = p[b + 13];
  let a14 = p[b + 14];
  let a15 = p[b + 15];
  if (fromNegabinary) {
    a0 = ((a0 ^ NB) - NB) | 0;
    a1 = ((a1 ^ NB) - NB) | 0;
    a2 = ((a2 ^ NB) - NB) | 0;
    a3 = ((a3 ^ NB) - NB) | 0;
    a4 = ((a4 ^ NB) - NB) | 0;
    a5 = ((a5 ^ NB) - NB) | 0;
    a6 = ((a6 ^ NB) - NB) | 0;
    a7 = ((a7 ^ NB) - NB) | 0;
    a8 = ((a8 ^ NB) - NB) | 0;
    a9 = ((a9 ^ NB) - NB) | 0;
    a10 = ((a10 ^ NB) - NB) | 0;
    a11 = ((a11 ^ NB) - NB) | 0;
    a12 = ((a12 ^ NB) - NB) | 0;
    a13 = ((a13 ^ NB) - NB) | 0;
    a14 = ((a14 ^ NB) - NB) | 0;
    a15 = ((a15 ^ NB) - NB) | 0;
  }
  a4 = (a4 + (a12 >> 1)) | 0;
  a12 = (a12 - (a4 >> 1)) | 0;
  a4 = (a4 + a12) | 0;
  a12 = ((a12 << 1) - a4) | 0;
  a8 = (a8 + a0) | 0;
  a0 = ((a0 << 1) - a8) | 0;
  a4 = (a4 + a8) | 0;
  a8 = ((a8 << 1) - a4) | 0;
  a12 = (a12 + a0) | 0;
  a0 = ((a0 << 1) - a12) | 0;
  a5 = (a5 + (a13 >> 1)) | 0;
  a13 = (a13 - (a5 >> 1)) | 0;
  a5 = (a5 + a13) | 0;
  a13 = ((a13 << 1) - a5) | 0;
  a9 = (a9 + a1) | 0;
  a1 = ((a1 << 1) - a9) | 0;
  a5 = (a5 + a9) | 0;
  a9 = ((a9 << 1) - a5) | 0;
  a13 = (a13 + a1) | 0;
  a1 = ((a1 << 1) - a13) | 0;
  a6 = (a6 + (a14 >> 1)) | 0;
  a14 = (a14 - (a6 >> 1)) | 0;
  a6 = (a6 + a14) | 0;
  a14 = ((a14 << 1) - a6) | 0;
  a10 = (a10 + a2) | 0;
  a2 = ((a2 << 1) - a10) | 0;
  a6 = (a6 + a10) | 0;
  a10 = ((a10 << 1) - a6) | 0;
  a14 = (a14 + a2) | 0;
  a2 = ((a2 << 1) - a14) | 0;
  a7 = (a7 + (a15 >> 1)) | 0;
  a15 = (a15 - (a7 >> 1)) | 0;
  a7 = (a7 + a15) | 0;
  a15 = ((a15 << 1) - a7) | 0;
  a11 = (a11 + a3) | 0;
  a3 = ((a3 << 1) - a11) | 0;
  a7 = (a7 + a11) | 0;
  a11 = ((a11 << 1) - a7) | 0;
  a15 = (a15 + a3) | 0;
  a3 = ((a3 << 1) - a15) | 0;
  a1 = (a1 + (a3 >> 1)) | 0;
  a3 = (a3 - (a1 >> 1)) | 0;
  a1 = (a1 + a3) | 0;
  a3 = ((a3 << 1) - a1) | 0;
  a2 = (a2 + a0) | 0;
  a0 = ((a0 << 1) - a2) | 0;
  a1 = (a1 + a2) | 0;
  a2 = ((a2 << 1) - a1) | 0;
  a3 = (a3 + a0) | 0;
  a0 = ((a0 << 1) - a3) | 0;
  a5 = (a5 + (a7 >> 1)) | 0;
  a7 = (a7 - (a5 >> 1)) | 0;
  a5 = (a5 + a7) | 0;
  a7 = ((a7 << 1) - a5) | 0;
  a6 = (a6 + a4) | 0;
  a4 = ((a4 << 1) - a6) | 0;
  a5 = (a5 + a6) | 0;
  a6 = ((a6 << 1) - a5) | 0;
  a7 = (a7 + a4) | 0;
  a4 = ((a4 << 1) - a7) | 0;
  a9 = (a9 + (a11 >> 1)) | 0;
  a11 = (a11 - (a9 >> 1)) | 0;
  a9 = (a9 + a11) | 0;
  a11 = ((a11 << 1) - a9) | 0;
  a10 = (a10 + a8) | 0;
  a8 = ((a8 << 1) - a10) | 0;
  a9 = (a9 + a10) | 0;
  a10 = ((a10 << 1) - a9) | 0;
  a11 = (a11 + a8) | 0;
  a8 = ((a8 << 1) - a11) | 0;
  a13 = (a13 + (a15 >> 1)) | 0;
  a15 = (a15 - (a13 >> 1)) | 0;
  a13 = (a13 + a15) | 0;
  a15 = ((a15 << 1) - a13) | 0;
  a14 = (a14 + a12) | 0;
  a12 = ((a12 << 1) - a14) | 0;
  a13 = (a13 + a14) | 0;
  a14 = ((a14 << 1) - a13) | 0;
  a15 = (a15 + a12) | 0;
  a12 = ((a12 << 1) - a15) | 0;
  const r1 = o + sy;
  const r2 = o + 2 * sy;
  const r3 = o + 3 * sy;
  if (toFloats) {
    const scale = POWER_TABLE[power];
    out[o] = Math.fround(a0) * scale;
    out[o + sx] = Math.fround(a1) * scale;
    out[o + 2 * sx] = Math.fround(a2) * scale;
    out[o + 3 * sx] = Math.fround(a3) * scale;
    out[r1] = Math.fround(a4) * scale;
    out[r1 + sx] = Math.fround(a5) * scale;
    out[r1 + 2 * sx] = Math.fround(a6) * scale;
    out[r1 + 3 * sx] = Math.fround(a7) * scale;
    out[r2] = Math.fround(a8) * scale;
    out[r2 + sx] = Math.fround(a9) * scale;
    out[r2 + 2 * sx] = Math.fround(a10) * scale;
    out[r2 + 3 * sx] = Math.fround(a11) * scale;
    out[r3] = Math.fround(a12) * scale;
    out[r3 + sx] = Math.fround(a13) * scale;
    out[r3 + 2 * sx] = Math.fround(a14) * scale;
    out[r3 + 3 * sx] = Math.fround(a15) * scale;
    return;
  }
  ints[o] = a0;
  ints[o + sx] = a1;
  ints[o + 2 * sx] = a2;
  ints[o + 3 * sx] = a3;
  ints[r1] = a4;
  ints[r1 + sx] = a5;
  ints[r1 + 2 * sx] = a6;
  ints[r1 + 3 * sx] = a7;
  ints[r2] = a8;
  ints[r2 + sx] = a9;
  ints[r2 + 2 * sx] = a10;
  ints[r2 + 3 * sx] = a11;
  ints[r3] = a12;
  ints[r3 + sx] = a13;
  ints[r3 + 2 * sx] = a14;
  ints[r3 + 3 * sx] = a15;
}

/** Inverse of {@link reversibleForwardTransform}. */
export function reversibleInverseTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  if (words === 1) reversibleInverse32(block, dims);
  else reversibleInverse64(block, dims);
}

// Lossy 64-bit inverse transform in doubles, for blocks whose decoded coefficients are multiples
// of 2^L with L >= 15 + 2 dims (no bit plane below L read). C's int64 arithmetic wraps modulo
// 2^64, which only changes results through the right shifts; so the one sum that is shifted
// inside a lift (y after y += w >> 1) and every lift output are brought back into [-2^63, 2^63)
// as C's wrapped int64 value: one comparison inline, the rare wrap out of line. A lift's inputs
// are then below 2^63 and every value inside it below 17.5 * 2^63 < 2^67.2 in magnitude; a pass
// turns multiples of 2^k into multiples of 2^(k - 2), so the last pass works on multiples of at
// least 2^(L - 2 dims) >= 2^15: at most 53 significant bits, double arithmetic is exact, and the
// halvings (C's >> 1) are exact too (no floor needed).
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;
const TWO_32 = 4294967296;

// v (|v| >= 2^63, an exact integer below 2^70) as C's wrapped int64; -2^63 maps to itself.
function wrapFar(v: number): number {
  return v - TWO_64 * Math.floor((v + TWO_63) / TWO_64);
}

// The high half of coefficient pair i (negabinary) as a double: the coefficient itself when its
// low half is zero.
function highAt(p: Int32Array, i: number): number {
  return (((p[2 * i + 1] ^ NB) - NB) | 0) * TWO_32;
}

// The inverse lift (decode.c inv_lift) in doubles of wide[b], wide[b + s], wide[b + 2s],
// wide[b + 3s]; `fromPairs` loads them from the negabinary pairs of `p` instead (the first pass).
// The w pass of 4D blocks; the other passes are written out in locals below.
function inverseLiftDouble(
  p: Int32Array,
  wide: Float64Array,
  b: number,
  s: number,
  fromPairs: boolean,
): void {
  let x: number;
  let y: number;
  let z: number;
  let w: number;
  if (fromPairs) {
    x = highAt(p, b);
    y = highAt(p, b + s);
    z = highAt(p, b + 2 * s);
    w = highAt(p, b + 3 * s);
  } else {
    x = wide[b];
    y = wide[b + s];
    z = wide[b + 2 * s];
    w = wide[b + 3 * s];
  }
  y += w * 0.5;
  if (Math.abs(y) >= TWO_63) y = wrapFar(y);
  w -= y * 0.5;
  y += w;
  w = 2 * w - y;
  z += x;
  x = 2 * x - z;
  y += z;
  z = 2 * z - y;
  w += x;
  x = 2 * x - w;
  if (Math.abs(x) >= TWO_63) x = wrapFar(x);
  if (Math.abs(y) >= TWO_63) y = wrapFar(y);
  if (Math.abs(z) >= TWO_63) z = wrapFar(z);
  if (Math.abs(w) >= TWO_63) w = wrapFar(w);
  wide[b] = x;
  wide[b + s] = y;
  wide[b + 2 * s] = z;
  wide[b + 3 * s] = w;
}

/**
 * Converts the 64-bit negabinary block `block` (no plane below `lowest`, which is below 32) into
 * `wide` as doubles (exact: multiples of 2^lowest below 2^63) for {@link inverseTransformWide},
 * and returns whether that transform is exact for it: always when lowest >= 15 + 2 dims; else
 * from its magnitude: with no digit above plane T every coefficient is below 2^M, M = T + 1, a
 * pass multiplies that bound by at most 17.5 < 2^4.25 until the wraps cap it, so the last pass
 * sees values below 2^min(M + 4.25 dims, 68) on multiples of 2^(lowest - 2 dims): exact when that
 * spans at most 53 bits, and the halvings are exact when lowest >= 2 dims. So small-valued blocks
 * (int64 fields well below 2^63) whose low planes were read take it too. One pass for both
 * (measured against scanning, then converting: int64 2D rate 8 smooth reconstruction 19.4 -> 17.2
 * ms CPU, 3D 21.0 -> 19.1; A/B in one process, best of 40).
 */
export function wideFromPairs(block: Int32Array, dims: number, lowest: number, wide: Float64Array): boolean {
  const size = 1 << (2 * dims);
  let high = 0;
  let low = 0;
  for (let i = 0; i < size; i++) {
    const l = block[2 * i];
    const h = block[2 * i + 1];
    low |= l;
    high |= h;
    // fromNegabinary on the pair (as inverse64's first pass), then high * 2^32 + unsigned low
    const t = l ^ NB;
    wide[i] = (((h ^ NB) - NB - +(t >>> 0 < NB >>> 0)) | 0) * TWO_32 + (((t - NB) | 0) >>> 0);
  }
  if (lowest >= 15 + 2 * dims) return true;
  const m = high !== 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(low);
  return lowest >= 2 * dims && lowest >= Math.min(m + ((17 * dims + 3) >> 2), 68) + 2 * dims - 53;
}

/**
 * Lossy 64-bit blocks whose coefficients (negabinary pairs in `block`) are multiples of 2^32,
 * or that {@link wideFromPairs} converted into `wide` (`converted`; when it returned true):
 * fromNegabinary, the inverse transform (in exact doubles, C's int64 results) and the output in
 * one. Value (i, j, k, l) goes to out[o] as its int64 value times `scale` (double blocks, `toDoubles`)
 * or to the pair ints[2o], ints[2o + 1] (int64 blocks), o = origin + i sx + j sy + k sz + l sw.
 * `wide` is scratch for the passes of 3D and 4D blocks.
 */
export function inverseTransformWide(
  block: Int32Array,
  dims: number,
  converted: boolean,
  wide: Float64Array,
  toDoubles: boolean,
  out: Float64Array,
  ints: Int32Array,
  scale: number,
  origin: number,
  sx: number,
  sy: number,
  sz: number,
  sw: number,
): void {
  // Blocks of multiples of 2^32 are converted as the first pass loads them.
  const fromPairs = !converted;
  if (dims === 1) {
    inverseLineWide(block, wide, fromPairs, toDoubles, out, ints, origin, sx, scale);
    return;
  }
  const lines = 1 << (2 * (dims - 1));
  // Lines along w (4D) through `wide`, the first pass from the pairs.
  if (dims === 4) for (let t = 0; t < 64; t++) inverseLiftDouble(block, wide, t, 64, fromPairs);
  // Lines along z (3D and 4D), four at a time in locals (measured against a loop of
  // inverseLiftDouble: float64 3D tol1e-3 smooth reconstruction 14.3 -> 12.4 ms CPU, noisy 13.7
  // -> 13.1; A/B in one process, best of 40).
  if (dims >= 3) {
    const first = fromPairs && dims === 3;
    for (let g = 0; g < lines >> 2; g++) inverseColumnsWide(block, wide, 64 * (g >> 2) + 4 * (g & 3), first);
  }
  // Lines along y and x, one 4x4 slab at a time in locals (as inverseSlab), stored by the last
  // pass: measured against converting, transforming in place and storing in three loops, float64
  // 2D tol1e-3 smooth reconstruction 30.5 -> 20.8 ms, decompress 67.4 -> 56.1 ms; 3D tol1e-3
  // 41.4 -> 33.3 ms; int64 3D rate 8 noisy 67.5 -> 61.6 ms (A/B in one process, best of 15).
  const slabFromPairs = fromPairs && dims === 2;
  for (let t = 0; t < lines >> 2; t++) {
    const o = origin + (t & 3) * sz + (t >> 2) * sw;
    inverseSlabWide(block, wide, 16 * t, slabFromPairs, toDoubles, out, ints, o, sx, sy, scale);
  }
}

// 1D blocks: the one lift in locals (inverseLiftDouble), values stored by storeWide at o + i sx.
// Measured against inverseLiftDouble through the scratch and four stores (not inlined: a call per
// block): int64 1D rate 8 smooth reconstruction 29.3 -> 19.3 ms CPU, float64 1D tol1e-3 smooth
// 28.3 -> 25.5 (A/B in one process, best of 40); 3D unchanged.
function inverseLineWide(
  p: Int32Array,
  wide: Float64Array,
  fromPairs: boolean,
  toDoubles: boolean,
  out: Float64Array,
  ints: Int32Array,
  o: number,
  sx: number,
  scale: number,
): void {
  let x: number;
  let y: number;
  let z: number;
  let w: number;
  if (fromPairs) {
    x = highAt(p, 0);
    y = highAt(p, 1);
    z = highAt(p, 2);
    w = highAt(p, 3);
  } else {
    x = wide[0];
    y = wide[1];
    z = wide[2];
    w = wide[3];
  }
  y += w * 0.5;
  // wrapFar written out: with the call (rarely taken, so not inlined after its first deopt) the
  // merge made x..w tagged and every block allocated four heap numbers (float64 1D tol1e-3 smooth
  // decompress 80.5 -> 73.9 ms CPU, rate 8 73.8 -> 67.2; A/B in one process, best of 30, load 12).
  if (Math.abs(y) >= TWO_63) y -= TWO_64 * Math.floor((y + TWO_63) / TWO_64);
  w -= y * 0.5;
  y += w;
  w = 2 * w - y;
  z += x;
  x = 2 * x - z;
  y += z;
  z = 2 * z - y;
  w += x;
  x = 2 * x - w;
  if (Math.abs(x) >= TWO_63) x -= TWO_64 * Math.floor((x + TWO_63) / TWO_64);
  if (Math.abs(y) >= TWO_63) y -= TWO_64 * Math.floor((y + TWO_63) / TWO_64);
  if (Math.abs(z) >= TWO_63) z -= TWO_64 * Math.floor((z + TWO_63) / TWO_64);
  if (Math.abs(w) >= TWO_63) w -= TWO_64 * Math.floor((w + TWO_63) / TWO_64);
  storeWide(x, toDoubles, out, ints, scale, o);
  storeWide(y, toDoubles, out, ints, scale, o + sx);
  storeWide(z, toDoubles, out, ints, scale, o + 2 * sx);
  storeWide(w, toDoubles, out, ints, scale, o + 3 * sx);
}

// The lines along z of columns (0..3, j) of a 3D block (values b + i + 16 k, b = 4 j), in
// locals, into `wide`; from the negabinary pairs of `p` when `fromPairs`.
function inverseColumnsWide(p: Int32Array, wide: Float64Array, b: number, fromPairs: boolean): void {
  let c00: number;
  let c01: number;
  let c02: number;
  let c03: number;
  let c10: number;
  let c11: number;
  let c12: number;
  let c13: number;
  let c20: number;
  let c21: number;
  let c22: number;
  let c23: number;
  let c30: number;
  let c31: number;
  let c32: number;
  let c33: number;
  if (fromPairs) {
    c00 = highAt(p, b + 0);
    c01 = highAt(p, b + 16);
    c02 = highAt(p, b + 32);
    c03 = highAt(p, b + 48);
    c10 = highAt(p, b + 1);
    c11 = highAt(p, b + 17);
    c12 = highAt(p, b + 33);
    c13 = highAt(p, b + 49);
    c20 = highAt(p, b + 2);
    c21 = highAt(p, b + 18);
    c22 = highAt(p, b + 34);
    c23 = highAt(p, b + 50);
    c30 = highAt(p, b + 3);
    c31 = highAt(p, b + 19);
    c32 = highAt(p, b + 35);
    c33 = highAt(p, b + 51);
  } else {
    c00 = wide[b + 0];
    c01 = wide[b + 16];
    c02 = wide[b + 32];
    c03 = wide[b + 48];
    c10 = wide[b + 1];
    c11 = wide[b + 17];
    c12 = wide[b + 33];
    c13 = wide[b + 49];
    c20 = wide[b + 2];
    c21 = wide[b + 18];
    c22 = wide[b + 34];
    c23 = wide[b + 50];
    c30 = wide[b + 3];
    c31 = wide[b + 19];
    c32 = wide[b + 35];
    c33 = wide[b + 51];
  }
  c01 += c03 * 0.5;
  if (Math.abs(c01) >= TWO_63) c01 = wrapFar(c01);
  c03 -= c01 * 0.5;
  c01 += c03;
  c03 = 2 * c03 - c01;
  c02 += c00;
  c00 = 2 * c00 - c02;
  c01 += c02;
  c02 = 2 * c02 - c01;
  c03 += c00;
  c00 = 2 * c00 - c03;
  if (Math.abs(c00) >= TWO_63) c00 = wrapFar(c00);
  if (Math.abs(c01) >= TWO_63) c01 = wrapFar(c01);
  if (Math.abs(c02) >= TWO_63) c02 = wrapFar(c02);
  if (Math.abs(c03) >= TWO_63) c03 = wrapFar(c03);
  c11 += c13 * 0.5;
  if (Math.abs(c11) >= TWO_63) c11 = wrapFar(c11);
  c13 -= c11 * 0.5;
  c11 += c13;
  c13 = 2 * c13 - c11;
  c12 += c10;
  c10 = 2 * c10 - c12;
  c11 += c12;
  c12 = 2 * c12 - c11;
  c13 += c10;
  c10 = 2 * c10 - c13;
  if (Math.abs(c10) >= TWO_63) c10 = wrapFar(c10);
  if (Math.abs(c11) >= TWO_63) c11 = wrapFar(c11);
  if (Math.abs(c12) >= TWO_63) c12 = wrapFar(c12);
  if (Math.abs(c13) >= TWO_63) c13 = wrapFar(c13);
  c21 += c23 * 0.5;
  if (Math.abs(c21) >= TWO_63) c21 = wrapFar(c21);
  c23 -= c21 * 0.5;
  c21 += c23;
  c23 = 2 * c23 - c21;
  c22 += c20;
  c20 = 2 * c20 - c22;
  c21 += c22;
  c22 = 2 * c22 - c21;
  c23 += c20;
  c20 = 2 * c20 - c23;
  if (Math.abs(c20) >= TWO_63) c20 = wrapFar(c20);
  if (Math.abs(c21) >= TWO_63) c21 = wrapFar(c21);
  if (Math.abs(c22) >= TWO_63) c22 = wrapFar(c22);
  if (Math.abs(c23) >= TWO_63) c23 = wrapFar(c23);
  c31 += c33 * 0.5;
  if (Math.abs(c31) >= TWO_63) c31 = wrapFar(c31);
  c33 -= c31 * 0.5;
  c31 += c33;
  c33 = 2 * c33 - c31;
  c32 += c30;
  c30 = 2 * c30 - c32;
  c31 += c32;
  c32 = 2 * c32 - c31;
  c33 += c30;
  c30 = 2 * c30 - c33;
  if (Math.abs(c30) >= TWO_63) c30 = wrapFar(c30);
  if (Math.abs(c31) >= TWO_63) c31 = wrapFar(c31);
  if (Math.abs(c32) >= TWO_63) c32 = wrapFar(c32);
  if (Math.abs(c33) >= TWO_63) c33 = wrapFar(c33);
  wide[b + 0] = c00;
  wide[b + 16] = c01;
  wide[b + 32] = c02;
  wide[b + 48] = c03;
  wide[b + 1] = c10;
  wide[b + 17] = c11;
  wide[b + 33] = c12;
  wide[b + 49] = c13;
  wide[b + 2] = c20;
  wide[b + 18] = c21;
  wide[b + 34] = c22;
  wide[b + 50] = c23;
  wide[b + 3] = c30;
  wide[b + 19] = c31;
  wide[b + 35] = c32;
  wide[b + 51] = c33;
}

// C's int64 value v (an exact integer double) to out[o] times scale, or to the pair at ints[2o].
function storeWide(
  v: number,
  toDoubles: boolean,
  out: Float64Array,
  ints: Int32Array,
  scale: number,
  o: number,
): void {
  if (toDoubles) {
    out[o] = v * scale;
  } else {
    ints[2 * o] = v | 0;
    ints[2 * o + 1] = Math.floor(v * 2.3283064365386963e-10) | 0;
  }
}

// inverseSlab in doubles: slab wide[b..b+15] (or the pairs of `p` when `fromPairs`), value (i, j)
// stored by storeWide at o + i sx + j sy.
function inverseSlabWide(
  p: Int32Array,
  wide: Float64Array,
  b: number,
  fromPairs: boolean,
  toDoubles: boolean,
  out: Float64Array,
  ints: Int32Array,
  o: number,
  sx: number,
  sy: number,
  scale: number,
): void {
  let a0: number;
  let a1: number;
  let a2: number;
  let a3: number;
  let a4: number;
  let a5: number;
  let a6: number;
  let a7: number;
  let a8: number;
  let a9: number;
  let a10: number;
  let a11: number;
  let a12: number;
  let a13: number;
  let a14: number;
  let a15: number;
  if (fromPairs) {
    a0 = (((p[2 * b + 1] ^ NB) - NB) | 0) * TWO_32;
    a1 = (((p[2 * b + 3] ^ NB) - NB) | 0) * TWO_32;
    a2 = (((p[2 * b + 5] ^ NB) - NB) | 0) * TWO_32;
    a3 = (((p[2 * b + 7] ^ NB) - NB) | 0) * TWO_32;
    a4 = (((p[2 * b + 9] ^ NB) - NB) | 0) * TWO_32;
    a5 = (((p[2 * b + 11] ^ NB) - NB) | 0) * TWO_32;
    a6 = (((p[2 * b + 13] ^ NB) - NB) | 0) * TWO_32;
    a7 = (((p[2 * b + 15] ^ NB) - NB) | 0) * TWO_32;
    a8 = (((p[2 * b + 17] ^ NB) - NB) | 0) * TWO_32;
    a9 = (((p[2 * b + 19] ^ NB) - NB) | 0) * TWO_32;
    a10 = (((p[2 * b + 21] ^ NB) - NB) | 0) * TWO_32;
    a11 = (((p[2 * b + 23] ^ NB) - NB) | 0) * TWO_32;
    a12 = (((p[2 * b + 25] ^ NB) - NB) | 0) * TWO_32;
    a13 = (((p[2 * b + 27] ^ NB) - NB) | 0) * TWO_32;
    a14 = (((p[2 * b + 29] ^ NB) - NB) | 0) * TWO_32;
    a15 = (((p[2 * b + 31] ^ NB) - NB) | 0) * TWO_32;
  } else {
    a0 = wide[b];
    a1 = wide[b + 1];
    a2 = wide[b + 2];
    a3 = wide[b + 3];
    a4 = wide[b + 4];
    a5 = wide[b + 5];
    a6 = wide[b + 6];
    a7 = wide[b + 7];
    a8 = wide[b + 8];
    a9 = wide[b + 9];
    a10 = wide[b + 10];
    a11 = wide[b + 11];
    a12 = wide[b + 12];
    a13 = wide[b + 13];
    a14 = wide[b + 14];
    a15 = wide[b + 15];
  }
  a4 += a12 * 0.5;
  if (Math.abs(a4) >= TWO_63) a4 = wrapFar(a4);
  a12 -= a4 * 0.5;
  a4 += a12;
  a12 = 2 * a12 - a4;
  a8 += a0;
  a0 = 2 * a0 - a8;
  a4 += a8;
  a8 = 2 * a8 - a4;
  a12 += a0;
  a0 = 2 * a0 - a12;
  if (Math.abs(a0) >= TWO_63) a0 = wrapFar(a0);
  if (Math.abs(a4) >= TWO_63) a4 = wrapFar(a4);
  if (Math.abs(a8) >= TWO_63) a8 = wrapFar(a8);
  if (Math.abs(a12) >= TWO_63) a12 = wrapFar(a12);
  a5 += a13 * 0.5;
  if (Math.abs(a5) >= TWO_63) a5 = wrapFar(a5);
  a13 -= a5 * 0.5;
  a5 += a13;
  a13 = 2 * a13 - a5;
  a9 += a1;
  a1 = 2 * a1 - a9;
  a5 += a9;
  a9 = 2 * a9 - a5;
  a13 += a1;
  a1 = 2 * a1 - a13;
  if (Math.abs(a1) >= TWO_63) a1 = wrapFar(a1);
  if (Math.abs(a5) >= TWO_63) a5 = wrapFar(a5);
  if (Math.abs(a9) >= TWO_63) a9 = wrapFar(a9);
  if (Math.abs(a13) >= TWO_63) a13 = wrapFar(a13);
  a6 += a14 * 0.5;
  if (Math.abs(a6) >= TWO_63) a6 = wrapFar(a6);
  a14 -= a6 * 0.5;
  a6 += a14;
  a14 = 2 * a14 - a6;
  a10 += a2;
  a2 = 2 * a2 - a10;
  a6 += a10;
  a10 = 2 * a10 - a6;
  a14 += a2;
  a2 = 2 * a2 - a14;
  if (Math.abs(a2) >= TWO_63) a2 = wrapFar(a2);
  if (Math.abs(a6) >= TWO_63) a6 = wrapFar(a6);
  if (Math.abs(a10) >= TWO_63) a10 = wrapFar(a10);
  if (Math.abs(a14) >= TWO_63) a14 = wrapFar(a14);
  a7 += a15 * 0.5;
  if (Math.abs(a7) >= TWO_63) a7 = wrapFar(a7);
  a15 -= a7 * 0.5;
  a7 += a15;
  a15 = 2 * a15 - a7;
  a11 += a3;
  a3 = 2 * a3 - a11;
  a7 += a11;
  a11 = 2 * a11 - a7;
  a15 += a3;
  a3 = 2 * a3 - a15;
  if (Math.abs(a3) >= TWO_63) a3 = wrapFar(a3);
  if (Math.abs(a7) >= TWO_63) a7 = wrapFar(a7);
  if (Math.abs(a11) >= TWO_63) a11 = wrapFar(a11);
  if (Math.abs(a15) >= TWO_63) a15 = wrapFar(a15);
  a1 += a3 * 0.5;
  if (Math.abs(a1) >= TWO_63) a1 = wrapFar(a1);
  a3 -= a1 * 0.5;
  a1 += a3;
  a3 = 2 * a3 - a1;
  a2 += a0;
  a0 = 2 * a0 - a2;
  a1 += a2;
  a2 = 2 * a2 - a1;
  a3 += a0;
  a0 = 2 * a0 - a3;
  if (Math.abs(a0) >= TWO_63) a0 = wrapFar(a0);
  if (Math.abs(a1) >= TWO_63) a1 = wrapFar(a1);
  if (Math.abs(a2) >= TWO_63) a2 = wrapFar(a2);
  if (Math.abs(a3) >= TWO_63) a3 = wrapFar(a3);
  a5 += a7 * 0.5;
  if (Math.abs(a5) >= TWO_63) a5 = wrapFar(a5);
  a7 -= a5 * 0.5;
  a5 += a7;
  a7 = 2 * a7 - a5;
  a6 += a4;
  a4 = 2 * a4 - a6;
  a5 += a6;
  a6 = 2 * a6 - a5;
  a7 += a4;
  a4 = 2 * a4 - a7;
  if (Math.abs(a4) >= TWO_63) a4 = wrapFar(a4);
  if (Math.abs(a5) >= TWO_63) a5 = wrapFar(a5);
  if (Math.abs(a6) >= TWO_63) a6 = wrapFar(a6);
  if (Math.abs(a7) >= TWO_63) a7 = wrapFar(a7);
  a9 += a11 * 0.5;
  if (Math.abs(a9) >= TWO_63) a9 = wrapFar(a9);
  a11 -= a9 * 0.5;
  a9 += a11;
  a11 = 2 * a11 - a9;
  a10 += a8;
  a8 = 2 * a8 - a10;
  a9 += a10;
  a10 = 2 * a10 - a9;
  a11 += a8;
  a8 = 2 * a8 - a11;
  if (Math.abs(a8) >= TWO_63) a8 = wrapFar(a8);
  if (Math.abs(a9) >= TWO_63) a9 = wrapFar(a9);
  if (Math.abs(a10) >= TWO_63) a10 = wrapFar(a10);
  if (Math.abs(a11) >= TWO_63) a11 = wrapFar(a11);
  a13 += a15 * 0.5;
  if (Math.abs(a13) >= TWO_63) a13 = wrapFar(a13);
  a15 -= a13 * 0.5;
  a13 += a15;
  a15 = 2 * a15 - a13;
  a14 += a12;
  a12 = 2 * a12 - a14;
  a13 += a14;
  a14 = 2 * a14 - a13;
  a15 += a12;
  a12 = 2 * a12 - a15;
  if (Math.abs(a12) >= TWO_63) a12 = wrapFar(a12);
  if (Math.abs(a13) >= TWO_63) a13 = wrapFar(a13);
  if (Math.abs(a14) >= TWO_63) a14 = wrapFar(a14);
  if (Math.abs(a15) >= TWO_63) a15 = wrapFar(a15);
  const r1 = o + sy;
  const r2 = o + 2 * sy;
  const r3 = o + 3 * sy;
  if (toDoubles) {
    out[o] = a0 * scale;
    out[o + sx] = a1 * scale;
    out[o + 2 * sx] = a2 * scale;
    out[o + 3 * sx] = a3 * scale;
    out[r1] = a4 * scale;
    out[r1 + sx] = a5 * scale;
    out[r1 + 2 * sx] = a6 * scale;
    out[r1 + 3 * sx] = a7 * scale;
    out[r2] = a8 * scale;
    out[r2 + sx] = a9 * scale;
    out[r2 + 2 * sx] = a10 * scale;
    out[r2 + 3 * sx] = a11 * scale;
    out[r3] = a12 * scale;
    out[r3 + sx] = a13 * scale;
    out[r3 + 2 * sx] = a14 * scale;
    out[r3 + 3 * sx] = a15 * scale;
    return;
  }
  ints[2 * o] = a0 | 0;
  ints[2 * o + 1] = Math.floor(a0 * 2.3283064365386963e-10) | 0;
  ints[2 * (o + sx)] = a1 | 0;
  ints[2 * (o + sx) + 1] = Math.floor(a1 * 2.3283064365386963e-10) | 0;
  ints[2 * (o + 2 * sx)] = a2 | 0;
  ints[2 * (o + 2 * sx) + 1] = Math.floor(a2 * 2.3283064365386963e-10) | 0;
  ints[2 * (o + 3 * sx)] = a3 | 0;
  ints[2 * (o + 3 * sx) + 1] = Math.floor(a3 * 2.3283064365386963e-10) | 0;
  ints[2 * r1] = a4 | 0;
  ints[2 * r1 + 1] = Math.floor(a4 * 2.3283064365386963e-10) | 0;
  ints[2 * (r1 + sx)] = a5 | 0;
  ints[2 * (r1 + sx) + 1] = Math.floor(a5 * 2.3283064365386963e-10) | 0;
  ints[2 * (r1 + 2 * sx)] = a6 | 0;
  ints[2 * (r1 + 2 * sx) + 1] = Math.floor(a6 * 2.3283064365386963e-10) | 0;
  ints[2 * (r1 + 3 * sx)] = a7 | 0;
  ints[2 * (r1 + 3 * sx) + 1] = Math.floor(a7 * 2.3283064365386963e-10) | 0;
  ints[2 * r2] = a8 | 0;
  ints[2 * r2 + 1] = Math.floor(a8 * 2.3283064365386963e-10) | 0;
  ints[2 * (r2 + sx)] = a9 | 0;
  ints[2 * (r2 + sx) + 1] = Math.floor(a9 * 2.3283064365386963e-10) | 0;
  ints[2 * (r2 + 2 * sx)] = a10 | 0;
  ints[2 * (r2 + 2 * sx) + 1] = Math.floor(a10 * 2.3283064365386963e-10) | 0;
  ints[2 * (r2 + 3 * sx)] = a11 | 0;
  ints[2 * (r2 + 3 * sx) + 1] = Math.floor(a11 * 2.3283064365386963e-10) | 0;
  ints[2 * r3] = a12 | 0;
  ints[2 * r3 + 1] = Math.floor(a12 * 2.3283064365386963e-10) | 0;
  ints[2 * (r3 + sx)] = a13 | 0;
  ints[2 * (r3 + sx) + 1] = Math.floor(a13 * 2.3283064365386963e-10) | 0;
  ints[2 * (r3 + 2 * sx)] = a14 | 0;
  ints[2 * (r3 + 2 * sx) + 1] = Math.floor(a14 * 2.3283064365386963e-10) | 0;
  ints[2 * (r3 + 3 * sx)] = a15 | 0;
  ints[2 * (r3 + 3 * sx) + 1] = Math.floor(a15 * 2.3283064365386963e-10) | 0;
}
