// Benchmark inputs: the smooth analytic field of issue 8 and a seeded noisy one, in 1 to 4
// dimensions, as C-ordered typed arrays of each zfp scalar type.

/** numpy dtype names, as zfpy and the native worker spell them. */
export type Dtype = "float32" | "float64" | "int32" | "int64";
/** Which field a case compresses. */
export type FieldKind = "smooth" | "noisy";
/** Any array zfpy compresses. */
export type ScalarArray = Float32Array | Float64Array | Int32Array | BigInt64Array;

/** Bytes per value of each dtype. */
export const BYTES_PER_VALUE: Record<Dtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8 };

/** Integer fields are the real field times this scale, rounded (2^20 for int32, 2^40 for int64). */
export const INTEGER_SCALE: Record<"int32" | "int64", number> = { int32: 2 ** 20, int64: 2 ** 40 };

/**
 * C-order shapes (last axis fastest) of about 2 M values in full runs and about 32 K in quick
 * runs: 1D 2^21, 2D 1448^2, 3D 128^3, 4D 16x32x64x64.
 */
export function shapeFor(dims: 1 | 2 | 3 | 4, quick: boolean): number[] {
  if (quick) return [[32768], [181, 181], [32, 32, 32], [8, 8, 16, 32]][dims - 1]!;
  return [[2097152], [1448, 1448], [128, 128, 128], [16, 32, 64, 64]][dims - 1]!;
}

/** sin(6x) cos(5y) exp(-z) + 0.01 sin(40xy): the smooth field of issue 8. */
function smooth(x: number, y: number, z: number): number {
  return Math.sin(6 * x) * Math.cos(5 * y) * Math.exp(-z) + 0.01 * Math.sin(40 * x * y);
}

/** Coordinate of index i of n points spread over [0, 1]. */
function unit(i: number, n: number): number {
  return n > 1 ? i / (n - 1) : 0;
}

/**
 * The smooth field in float64, sampled on the unit cube (3D, x along the last axis); 2D is
 * the plane z = 0.5; 1D runs along the diagonal x = y = z; 4D multiplies the 3D field by
 * cos(2w), w in [0, 1] along the first axis.
 */
function smoothField(shape: number[]): Float64Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(size);
  if (shape.length === 1) {
    const n = shape[0]!;
    for (let i = 0; i < n; i++) {
      const t = unit(i, n);
      out[i] = smooth(t, t, t);
    }
    return out;
  }
  if (shape.length === 2) {
    const [ny, nx] = shape as [number, number];
    let k = 0;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) out[k++] = smooth(unit(i, nx), unit(j, ny), 0.5);
    return out;
  }
  const [nw, nz, ny, nx] = (shape.length === 3 ? [1, ...shape] : shape) as [number, number, number, number];
  let k = 0;
  for (let l = 0; l < nw; l++) {
    const weight = shape.length === 4 ? Math.cos(2 * unit(l, nw)) : 1;
    for (let m = 0; m < nz; m++) {
      const z = unit(m, nz);
      for (let j = 0; j < ny; j++) {
        const y = unit(j, ny);
        for (let i = 0; i < nx; i++) out[k++] = weight * smooth(unit(i, nx), y, z);
      }
    }
  }
  return out;
}

/** Uniform values in [-1, 1) from a seeded generator (mulberry32), the same on every run. */
function noisyField(size: number, seed: number): Float64Array {
  const out = new Float64Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

const realCache = new Map<string, Float64Array>();

/** The real-valued field of `kind` on `shape` (cached: cases share their inputs). */
export function realField(kind: FieldKind, shape: number[]): Float64Array {
  const key = `${kind}:${shape.join("x")}`;
  let field = realCache.get(key);
  if (!field) {
    const size = shape.reduce((a, b) => a * b, 1);
    field = kind === "smooth" ? smoothField(shape) : noisyField(size, 0x5eed + shape.length);
    realCache.set(key, field);
  }
  return field;
}

/** Forgets cached real fields (to keep memory flat between groups of cases). */
export function clearFieldCache(): void {
  realCache.clear();
}

/** The field converted to `dtype`: floats cast, integers scaled by INTEGER_SCALE and rounded. */
export function typedField(kind: FieldKind, dtype: Dtype, shape: number[]): ScalarArray {
  const real = realField(kind, shape);
  switch (dtype) {
    case "float32":
      return Float32Array.from(real);
    case "float64":
      return Float64Array.from(real);
    case "int32": {
      const out = new Int32Array(real.length);
      for (let i = 0; i < real.length; i++) out[i] = Math.round(real[i]! * INTEGER_SCALE.int32);
      return out;
    }
    case "int64": {
      const out = new BigInt64Array(real.length);
      for (let i = 0; i < real.length; i++) out[i] = BigInt(Math.round(real[i]! * INTEGER_SCALE.int64));
      return out;
    }
  }
}
