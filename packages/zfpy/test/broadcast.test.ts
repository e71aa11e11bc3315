// Issue 12: broadcast views (stride 0) compress in place. The bytes are zfpy's for numpy's
// materialised copy (zfp itself reads a 0 stride as "contiguous"), and the codec receives the
// caller's own data, so a [4096, 4096] broadcast of one value allocates nothing input-sized.
import * as codec from "@zfpjs/codec";
import { askZfpy, describeWithOracle, fromBase64, type OracleDtype, toBase64 } from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  compress,
  compress_numpy,
  type ModeOptions,
  type StridedArray,
  type ZfpyData,
} from "../src/index.js";
import { compareBytes, fill } from "./arrays.js";

vi.mock("@zfpjs/codec", async (importOriginal) => {
  const original = await importOriginal<typeof import("@zfpjs/codec")>();
  return { ...original, compress: vi.fn(original.compress) };
});

interface BroadcastCase {
  dtype: OracleDtype;
  /** The data's own C-order shape (what the oracle gets as `a`). */
  base: number[];
  /** numpy's broadcast view of `a`, as zfpy would be given it. */
  numpy: string;
  /** The same view as zfpjs takes it. */
  view: (data: ZfpyData) => StridedArray;
  mode: ModeOptions;
}

const CASES: BroadcastCase[] = [
  {
    dtype: "float64",
    base: [1],
    numpy: "np.broadcast_to(a, (37, 21))",
    view: (data) => ({ data, shape: [37, 21], stride: [0, 0] }),
    mode: { tolerance: 1e-3 },
  },
  {
    dtype: "float32",
    base: [7],
    numpy: "np.broadcast_to(a, (5, 9, 7))",
    view: (data) => ({ data, shape: [5, 9, 7], stride: [0, 0, 1] }),
    mode: {},
  },
  {
    dtype: "int32",
    base: [6, 1],
    numpy: "np.broadcast_to(a, (6, 10))",
    view: (data) => ({ data, shape: [6, 10], stride: [1, 0] }),
    mode: { rate: 12 },
  },
  {
    dtype: "int64",
    base: [3, 4],
    numpy: "np.lib.stride_tricks.as_strided(a[::-1], shape=(3, 5, 4), strides=(-32, 0, 8))",
    view: (data) => ({ data, shape: [3, 5, 4], stride: [-4, 0, 1], offset: 8 }),
    mode: { precision: 20 },
  },
  {
    dtype: "float64",
    base: [2, 3],
    numpy: "np.lib.stride_tricks.as_strided(a, shape=(2, 4, 3, 5), strides=(24, 0, 8, 0))",
    view: (data) => ({ data, shape: [2, 4, 3, 5], stride: [3, 0, 1, 0] }),
    mode: { rate: 20 },
  },
];

/** The view's elements in C order (what numpy.ascontiguousarray gives), as a new array. */
function materialise(view: StridedArray): ndarray.NdArray<ZfpyData> {
  return ndarray(
    view.data,
    [...view.shape],
    view.stride ? [...view.stride] : undefined,
    view.offset ?? 0,
  ) as unknown as ndarray.NdArray<ZfpyData>;
}

function copyOf(view: StridedArray): ndarray.NdArray<ZfpyData> {
  const source = materialise(view);
  const count = view.shape.reduce((p, n) => p * n, 1);
  const target = new (view.data.constructor as new (n: number) => ZfpyData)(count);
  const out = ndarray(target, [...view.shape]);
  const index = new Array<number>(view.shape.length).fill(0);
  for (let k = 0; k < count; k++) {
    out.set(...index, source.get(...index) as never);
    for (let axis = index.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < view.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return out;
}

describeWithOracle("given broadcast views (stride 0 on some axes)", () => {
  let expected: Uint8Array[] = [];
  beforeAll(() => {
    const answers = askZfpy(
      CASES.map((c, i) => ({
        op: "compress" as const,
        dtype: c.dtype,
        shape: c.base,
        data: toBase64(fill(c.dtype, c.base, 40 + i)),
        view: `np.ascontiguousarray(${c.numpy})`,
        ...Object.fromEntries(Object.entries(c.mode).map(([k, v]) => [k, String(v)])),
      })),
    );
    expected = answers.map((a) => {
      if (!a.ok) throw new Error(`zfpy raised ${a.error}: ${a.message}`);
      return fromBase64(a.bytes!);
    });
  });

  CASES.forEach((c, i) => {
    it(`when ${c.numpy} (${c.dtype}) is compressed, expect zfpy's bytes for its materialised copy`, () => {
      const view = c.view(fill(c.dtype, c.base, 40 + i));
      const bytes = compress_numpy(view, { ...c.mode, wordBits: 8 });
      expect(compareBytes(bytes, expected[i]!)).toBe("equal");
      expect(compareBytes(compress(view, c.mode), compress(copyOf(view), c.mode))).toBe("equal");
    });
  });
});

describe("given a [4096, 4096] broadcast of one float64 value (128 MiB as a copy)", () => {
  it("when compressed, expect the codec to read the caller's 8 bytes in place, not a copy", () => {
    const spy = vi.mocked(codec.compress);
    spy.mockClear();
    const data = new Float64Array([Math.PI]);
    const before = process.memoryUsage().arrayBuffers;
    const bytes = compress_numpy({ data, shape: [4096, 4096], stride: [0, 0] }, { rate: 1 });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(spy).toHaveBeenCalledTimes(1);
    const field = spy.mock.calls[0]![2];
    // Compared as scalars: a failure must not print a 16-million-value copy.
    expect(field.data === data, "the codec got the caller's array").toBe(true);
    const { nx, ny, sx, sy, explicitStrides } = field;
    expect({ nx, ny, sx, sy, explicitStrides }).toEqual({
      nx: 4096,
      ny: 4096,
      sx: 0,
      sy: 0,
      explicitStrides: true,
    });
    // Live array buffers grew by far less than the 128 MiB a copy holds (the stream is 2 MiB).
    expect(grown).toBeLessThan(32 * 2 ** 20);
    // One 2D double block at rate 1 is 16 bits: the header plus 2 MiB of blocks.
    expect(bytes.length).toBeGreaterThanOrEqual(1024 * 1024 * 2);
  });
});
