// zfpy's layout promise as a property: any view (transposed, stepped, reversed, sliced, offset)
// compresses to the bytes of its C-contiguous copy, and _decompress fills any `out` view with the
// values a contiguous decode gives, element by element.
import fc from "fast-check";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import {
  _decompress,
  compress_numpy,
  dtype_to_ztype,
  type ModeOptions,
  type ZfpyData,
} from "../src/index.js";
import { compareBytes, contents, fill } from "./arrays.js";

const DTYPES = ["int32", "int64", "float32", "float64"] as const;
const MODES: ModeOptions[] = [{}, { rate: 10 }, { precision: 9 }, { tolerance: 0.5 }];

/** A random view of a random C-order array: sizes 1..9 per axis, then slice, step and permute. */
const viewArbitrary = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    mode: fc.constantFrom(...MODES),
    steps: fc.array(fc.constantFrom(1, 2, 3, -1, -2), { minLength: 4, maxLength: 4 }),
    starts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    permutation: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  })
  .map(({ dtype, shape, seed, mode, steps, starts, permutation }) => {
    const data = fill(dtype, shape, seed, seed % 2 === 0);
    const base = ndarray(data, shape);
    const d = shape.length;
    const lo = base.lo(...shape.map((n, i) => Math.min(starts[i]!, n - 1)));
    const stepped = lo.step(...steps.slice(0, d));
    const order = permutation.filter((axis) => axis < d);
    return { view: stepped.transpose(...order), mode };
  });

describe("given random views of random arrays", () => {
  it("when compressed, expect the bytes of the view's contiguous copy (with and without header)", () => {
    fc.assert(
      fc.property(viewArbitrary, ({ view, mode }) => {
        const copy = ndarray(contents(view), view.shape);
        expect(compareBytes(compress_numpy(view, mode), compress_numpy(copy, mode))).toBe("equal");
        const raw = { ...mode, write_header: false };
        expect(compareBytes(compress_numpy(view, raw), compress_numpy(copy, raw))).toBe("equal");
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it("when decompressed into a view as `out`, expect every element where the view puts it", () => {
    fc.assert(
      fc.property(viewArbitrary, ({ view, mode }) => {
        const bytes = compress_numpy(view, { ...mode, write_header: false });
        const ztype = dtype_to_ztype(view.dtype);
        const expected = _decompress(bytes, ztype, view.shape, mode);
        // A target filled with -7 so elements the decoder skipped would show.
        const target = view.data.slice() as ZfpyData;
        if (target instanceof BigInt64Array) target.fill(-7n);
        else target.fill(-7.25);
        const out = ndarray(target, view.shape, view.stride, view.offset);
        _decompress(bytes, ztype, view.shape, { ...mode, out });
        expect(contents(out)).toEqual(expected.data);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
