// Test inputs: deterministic arrays of each type as raw little-endian bytes.
export { padTo8 } from "@zfpjs/tooling/testing";

export type RawType = "i32" | "i64" | "f32" | "f64";

/** A small deterministic pseudo-random generator (LCG), values in [0, 1). */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` values of `type`: a smooth wave plus noise, as raw bytes. */
export function rawValues(type: RawType, count: number, seed = 7): Uint8Array {
  const random = generator(seed);
  const values = Array.from({ length: count }, (_, i) => Math.sin(i / 5) * 100 + (random() - 0.5) * 10);
  switch (type) {
    case "f32":
      return new Uint8Array(Float32Array.from(values).buffer);
    case "f64":
      return new Uint8Array(Float64Array.from(values).buffer);
    case "i32":
      return new Uint8Array(Int32Array.from(values, (v) => Math.round(v * 1000)).buffer);
    default:
      return new Uint8Array(BigInt64Array.from(values, (v) => BigInt(Math.round(v * 1e6))).buffer);
  }
}

/** "" when `a` and `b` hold the same bytes, else where they first differ (fast on large arrays). */
export function bytesDiff(a: Uint8Array | undefined, b: Uint8Array | undefined): string {
  if (a === undefined || b === undefined)
    return a === b ? "" : `one side is missing (${a?.length} vs ${b?.length} bytes)`;
  if (
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    )
  )
    return "";
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${a.length} vs ${b.length} bytes, first difference at byte ${i}: ${a[i]} vs ${b[i]}`;
}
