// compress_numpy reuses one maximum-size scratch buffer between calls (issue 8: a call
// allocates only its output). Reuse must never leak bytes from one call into the next.
import { describe, expect, it } from "vitest";
import { compress_numpy, decompress_numpy } from "../src/index.js";

function smooth(count: number, scale: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => Math.sin(i / 7) * scale + Math.cos(i / 3));
}

describe("given compress_numpy calls of different sizes in a row", () => {
  const big = { data: smooth(1 << 16, 1000), shape: [256, 256] };
  const small = { data: smooth(40, 3), shape: [5, 8] };

  it("when a small array follows a large one, expect the bytes of a first call", () => {
    const first = compress_numpy(small, { precision: 20 });
    compress_numpy(big, { rate: 32 });
    const again = compress_numpy(small, { precision: 20 });
    const third = compress_numpy(small, { precision: 20 });
    expect(again).toEqual(first);
    expect(third).toEqual(first);
  });

  it("when a result is returned, expect it to own exactly its bytes", () => {
    compress_numpy(big, { rate: 32 });
    const out = compress_numpy(small);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(out.length);
  });

  it("when a call throws, expect the next call unaffected", () => {
    const expected = compress_numpy(small, { tolerance: 1e-3 });
    const broken = {
      data: Float64Array.from(small.data, (v, i) => (i === 17 ? Number.NaN : v)),
      shape: [5, 8],
    };
    expect(() => compress_numpy(broken, { tolerance: 1e-3 })).toThrow();
    expect(compress_numpy(small, { tolerance: 1e-3 })).toEqual(expected);
    expect(Array.from(decompress_numpy(expected).data as Float64Array).length).toBe(40);
  });
});
