// Decorrelating transforms (mirrors src/template/encode.c fwd_lift, decode.c inv_lift, revencode.c/revdecode.c rev_*_lift).
//
// A block holds 4^d integers in block index order (x fastest). 32-bit blocks are Int32Arrays with
// one slot per value; 64-bit blocks use two slots per value (see int64-pair.ts). Forward
// transforms lift every line along x, then y, z, w; inverse transforms go w, z, y, x.
import { addHalfPair, addPair, sarPair, shlPair, subHalfPair, subPair } from "./int64-pair.js";
import { LINE_STARTS } from "./permutation.js";

/** Lifts one line of 32-bit values: p[b], p[b+s], p[b+2s], p[b+3s]. */
type Lift = (p: Int32Array, b: number, s: number) => void;

function forwardLift32(p: Int32Array, b: number, s: number): void {
  let x = p[b];
  let y = p[b + s];
  let z = p[b + 2 * s];
  let w = p[b + 3 * s];
  x = (x + w) | 0;
  x >>= 1;
  w = (w - x) | 0;
  z = (z + y) | 0;
  z >>= 1;
  y = (y - z) | 0;
  x = (x + z) | 0;
  x >>= 1;
  z = (z - x) | 0;
  w = (w + y) | 0;
  w >>= 1;
  y = (y - w) | 0;
  w = (w + (y >> 1)) | 0;
  y = (y - (w >> 1)) | 0;
  p[b] = x;
  p[b + s] = y;
  p[b + 2 * s] = z;
  p[b + 3 * s] = w;
}

function inverseLift32(p: Int32Array, b: number, s: number): void {
  let x = p[b];
  let y = p[b + s];
  let z = p[b + 2 * s];
  let w = p[b + 3 * s];
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
  p[b] = x;
  p[b + s] = y;
  p[b + 2 * s] = z;
  p[b + 3 * s] = w;
}

function forwardLift64(p: Int32Array, b: number, s: number): void {
  const x = b;
  const y = b + s;
  const z = b + 2 * s;
  const w = b + 3 * s;
  addPair(p, x, w);
  sarPair(p, x);
  subPair(p, w, x);
  addPair(p, z, y);
  sarPair(p, z);
  subPair(p, y, z);
  addPair(p, x, z);
  sarPair(p, x);
  subPair(p, z, x);
  addPair(p, w, y);
  sarPair(p, w);
  subPair(p, y, w);
  addHalfPair(p, w, y);
  subHalfPair(p, y, w);
}

function inverseLift64(p: Int32Array, b: number, s: number): void {
  const x = b;
  const y = b + s;
  const z = b + 2 * s;
  const w = b + 3 * s;
  addHalfPair(p, y, w);
  subHalfPair(p, w, y);
  addPair(p, y, w);
  shlPair(p, w);
  subPair(p, w, y);
  addPair(p, z, x);
  shlPair(p, x);
  subPair(p, x, z);
  addPair(p, y, z);
  shlPair(p, z);
  subPair(p, z, y);
  addPair(p, w, x);
  shlPair(p, x);
  subPair(p, x, w);
}

function reversibleForwardLift32(p: Int32Array, b: number, s: number): void {
  const x = p[b];
  let y = p[b + s];
  let z = p[b + 2 * s];
  let w = p[b + 3 * s];
  w = (w - z) | 0;
  z = (z - y) | 0;
  y = (y - x) | 0;
  w = (w - z) | 0;
  z = (z - y) | 0;
  w = (w - z) | 0;
  p[b + s] = y;
  p[b + 2 * s] = z;
  p[b + 3 * s] = w;
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

function reversibleForwardLift64(p: Int32Array, b: number, s: number): void {
  const x = b;
  const y = b + s;
  const z = b + 2 * s;
  const w = b + 3 * s;
  subPair(p, w, z);
  subPair(p, z, y);
  subPair(p, y, x);
  subPair(p, w, z);
  subPair(p, z, y);
  subPair(p, w, z);
}

function reversibleInverseLift64(p: Int32Array, b: number, s: number): void {
  const x = b;
  const y = b + s;
  const z = b + 2 * s;
  const w = b + 3 * s;
  addPair(p, w, z);
  addPair(p, z, y);
  addPair(p, w, z);
  addPair(p, y, x);
  addPair(p, z, y);
  addPair(p, w, z);
}

function forwardAxes(block: Int32Array, dims: number, lift: Lift): void {
  const axes = LINE_STARTS[dims];
  for (let axis = 0; axis < dims; axis++) {
    const starts = axes[axis];
    const stride = 1 << (2 * axis);
    for (let t = 0; t < starts.length; t++) lift(block, starts[t], stride);
  }
}

function inverseAxes(block: Int32Array, dims: number, lift: Lift): void {
  const axes = LINE_STARTS[dims];
  for (let axis = dims - 1; axis >= 0; axis--) {
    const starts = axes[axis];
    const stride = 1 << (2 * axis);
    for (let t = 0; t < starts.length; t++) lift(block, starts[t], stride);
  }
}

// The 32-bit lossy transforms are the hot path: direct calls (inlined by the JIT), line starts
// computed by inserting a 0 digit for the axis into a counter t (base-4 digits).
function forward32(block: Int32Array, dims: number): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = 0; axis < dims; axis++) {
    const stride = 1 << (2 * axis);
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      forwardLift32(block, low + (t - low) * 4, stride);
    }
  }
}

function inverse32(block: Int32Array, dims: number): void {
  const lines = 1 << (2 * (dims - 1));
  for (let axis = dims - 1; axis >= 0; axis--) {
    const stride = 1 << (2 * axis);
    for (let t = 0; t < lines; t++) {
      const low = t & (stride - 1);
      inverseLift32(block, low + (t - low) * 4, stride);
    }
  }
}

/** Forward decorrelating transform of a d-dimensional block of P-bit integers (words = P / 32). */
export function forwardTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  if (words === 1) forward32(block, dims);
  else forwardAxes(block, dims, forwardLift64);
}

/** Inverse of {@link forwardTransform} (not exact: the forward transform drops low bits). */
export function inverseTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  if (words === 1) inverse32(block, dims);
  else inverseAxes(block, dims, inverseLift64);
}

/** Forward reversible (Lorenzo-like) transform of reversible mode; exactly undone by {@link reversibleInverseTransform}. */
export function reversibleForwardTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  forwardAxes(block, dims, words === 1 ? reversibleForwardLift32 : reversibleForwardLift64);
}

/** Inverse of {@link reversibleForwardTransform}. */
export function reversibleInverseTransform(block: Int32Array, dims: number, words: 1 | 2): void {
  inverseAxes(block, dims, words === 1 ? reversibleInverseLift32 : reversibleInverseLift64);
}
