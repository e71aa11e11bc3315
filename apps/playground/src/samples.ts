// Generated sample arrays, deterministic for a seed: a smooth field, a turbulence-like field with
// noise at several scales, and an integer label field, in 1 to 4 dimensions.
import type { Input } from "./arrays.js";

/** The kinds of sample. */
export type SampleKind = "smooth" | "turbulence" | "labels";

/** The C-order shape of a sample of each dimensionality (about 64 Ki values each). */
export const SAMPLE_SHAPES: Record<1 | 2 | 3 | 4, number[]> = {
  1: [65536],
  2: [256, 256],
  3: [48, 64, 64],
  4: [12, 16, 24, 24],
};

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast and reproducible everywhere.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Coordinates of flat index `i` in [0, 1) per axis. */
function coordinates(i: number, shape: number[], out: number[]): void {
  let rest = i;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const n = shape[axis]!;
    out[axis] = (rest % n) / n;
    rest = Math.floor(rest / n);
  }
}

/** A sample array of `kind` with `dims` axes. */
export function makeSample(kind: SampleKind, dims: 1 | 2 | 3 | 4, seed = 1): Input {
  const shape = SAMPLE_SHAPES[dims];
  const count = shape.reduce((a, b) => a * b, 1);
  const next = random(seed);
  const at = new Array<number>(dims).fill(0);
  if (kind === "labels") {
    // Regions around 24 random centres, labelled 1..24 (nearest centre).
    const centres = Array.from({ length: 24 }, () => Array.from({ length: dims }, next));
    const data = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      coordinates(i, shape, at);
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < centres.length; c++) {
        let d = 0;
        for (let axis = 0; axis < dims; axis++) d += (at[axis]! - centres[c]![axis]!) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      data[i] = best + 1;
    }
    return { dtype: "int32", shape, data };
  }
  // Sums of plane waves: a few long ones (smooth), or octaves of many with amplitudes falling as
  // k^(-5/6) per wave (energy ~ k^(-5/3), Kolmogorov-like) plus a little white noise (turbulence).
  const waves: { k: number[]; phase: number; amplitude: number }[] = [];
  const octaves = kind === "smooth" ? 1 : 6;
  for (let octave = 0; octave < octaves; octave++) {
    const scale = 2 ** octave * 2;
    for (let j = 0; j < (kind === "smooth" ? 4 : 6); j++) {
      const k = Array.from({ length: dims }, () => (next() - 0.5) * 2 * Math.PI * scale);
      const magnitude = Math.hypot(...k) || 1;
      waves.push({
        k,
        phase: next() * 2 * Math.PI,
        amplitude: kind === "smooth" ? 1 : magnitude ** (-5 / 6) * 10,
      });
    }
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    coordinates(i, shape, at);
    let v = 0;
    for (const wave of waves) {
      let phase = wave.phase;
      for (let axis = 0; axis < dims; axis++) phase += wave.k[axis]! * at[axis]!;
      v += wave.amplitude * Math.sin(phase);
    }
    if (kind === "turbulence") v += (next() - 0.5) * 0.02;
    data[i] = v;
  }
  return { dtype: "float64", shape, data };
}
