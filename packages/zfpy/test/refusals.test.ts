// Every refusal: the error class (zfpy's Python exception kind) and message, checked against the
// message Debian's zfpy raises for the same call where zfpy raises one.
import { askZfpy, describeWithOracle, type OracleResponse } from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { beforeAll, describe, expect, it } from "vitest";
import {
  _decompress,
  compress,
  compress_numpy,
  decompress_numpy,
  decompressHeaderless,
  dtype_to_ztype,
  header,
  isZfpyError,
  type_float,
  type_int32,
  ZfpyOverflowError,
  ZfpyRuntimeError,
  ZfpyTypeError,
  ZfpyValueError,
  ztype_to_dtype,
} from "../src/index.js";

type ErrorClass =
  | typeof ZfpyTypeError
  | typeof ZfpyValueError
  | typeof ZfpyRuntimeError
  | typeof ZfpyOverflowError;

function thrown(run: () => unknown): Error & { pythonError?: string; tag?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/** zfpy's message with Python's representations in JavaScript form (tuples, numpy classes). */
function jsForm(message: string): string {
  return message
    .replace(/<class 'numpy\.(\w+)'>/g, "$1")
    .replace(/\((\d+(?:, ?\d+)*),?\)/g, (_, list: string) => `[${list.split(/, ?/).join(", ")}]`)
    .replace(/\{\}/g, "shape")
    .replace(/\bNone\b/g, "null")
    .replace(/\.\s\s+/g, ". ");
}

interface ZfpyCase {
  name: string;
  /** The Python call (numpy as np, zfpy), expected to raise. */
  python: string;
  run: () => unknown;
  type: ErrorClass;
  /** How our message relates to zfpy's: equal, or zfpy's followed by our detail. */
  match: "equal" | "prefix";
}

const f32 = (n: number) => new Float32Array(n).map((_, i) => i);
const headerless = compress_numpy(f32(16), { write_header: false });
const pyHeaderless = "zfpy.compress_numpy(np.arange(16, dtype=np.float32), write_header=False)";

const CASES: ZfpyCase[] = [
  {
    name: "two parameters set",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), tolerance=1e-3, rate=8)",
    run: () => compress_numpy(f32(4), { tolerance: 1e-3, rate: 8 }),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "-0 and a rate (-0 counts as set)",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), tolerance=-0.0, rate=8)",
    run: () => compress_numpy(f32(4), { tolerance: -0, rate: 8 }),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "null input",
    python: "zfpy.compress_numpy(None)",
    run: () => compress_numpy(null as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "uint32 data",
    python: "zfpy.compress_numpy(np.zeros(4, np.uint32))",
    run: () => compress_numpy(new Uint32Array(4) as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "uint8 data",
    python: "zfpy.compress_numpy(np.zeros(4, np.uint8))",
    run: () => compress_numpy(new Uint8Array(4) as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "int16 data",
    python: "zfpy.compress_numpy(np.zeros(4, np.int16))",
    run: () => compress_numpy(new Int16Array(4) as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "five dimensions",
    python: "zfpy.compress_numpy(np.zeros((2, 2, 2, 2, 2), np.float64))",
    run: () => compress_numpy(ndarray(new Float64Array(32), [2, 2, 2, 2, 2])),
    type: ZfpyRuntimeError,
    match: "prefix",
  },
  {
    name: "precision NaN",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), precision=float('nan'))",
    run: () => compress_numpy(f32(4), { precision: Number.NaN }),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "precision infinity",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), precision=float('inf'))",
    run: () => compress_numpy(f32(4), { precision: Number.POSITIVE_INFINITY }),
    type: ZfpyOverflowError,
    match: "prefix",
  },
  {
    name: "precision 2^31",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), precision=2**31)",
    run: () => compress_numpy(f32(4), { precision: 2 ** 31 }),
    type: ZfpyOverflowError,
    match: "prefix",
  },
  {
    name: "precision -3e9",
    python: "zfpy.compress_numpy(np.zeros(4, np.float32), precision=-3e9)",
    run: () => compress_numpy(f32(4), { precision: -3e9 }),
    type: ZfpyOverflowError,
    match: "prefix",
  },
  {
    name: "sizes the header cannot hold (4D nx = 4097)",
    python: "zfpy.compress_numpy(np.zeros((1, 1, 1, 4097), np.float32))",
    run: () => compress_numpy(ndarray(new Float32Array(4097), [1, 1, 1, 4097])),
    type: ZfpyRuntimeError,
    match: "prefix",
  },
  {
    name: "int32 at rate 0 without header (0 bytes)",
    python: "zfpy.compress_numpy(np.zeros(8, np.int32), rate=0, write_header=False)",
    run: () => compress_numpy(new Int32Array(8), { rate: 0, write_header: false }),
    type: ZfpyRuntimeError,
    match: "prefix",
  },
  {
    name: "decompress_numpy(None)",
    python: "zfpy.decompress_numpy(None)",
    run: () => decompress_numpy(null as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "decompress_numpy of bytes without header",
    python: "zfpy.decompress_numpy(b'abcdefghijklmnop')",
    run: () => decompress_numpy(new TextEncoder().encode("abcdefghijklmnop")),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "ztype_to_dtype(7)",
    python: "zfpy.ztype_to_dtype(7)",
    run: () => ztype_to_dtype(7),
    type: ZfpyValueError,
    match: "equal",
  },
  {
    name: "ztype_to_dtype(type_none)",
    python: "zfpy.ztype_to_dtype(0)",
    run: () => ztype_to_dtype(0),
    type: ZfpyValueError,
    match: "equal",
  },
  {
    name: "dtype_to_ztype(uint8)",
    python: "zfpy.dtype_to_ztype(np.dtype('uint8'))",
    run: () => dtype_to_ztype("uint8"),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "_decompress(None)",
    python: "zfpy._decompress(None, zfpy.type_float, [16])",
    run: () => _decompress(null as never, type_float, [16]),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "_decompress with a 5D shape",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [1, 1, 1, 1, 16])`,
    run: () => _decompress(headerless, type_float, [1, 1, 1, 1, 16]),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "_decompress with an empty shape",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [])`,
    run: () => _decompress(headerless, type_float, []),
    type: ZfpyValueError,
    match: "equal",
  },
  {
    name: "_decompress with a shape that is not a list",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, 16)`,
    run: () => _decompress(headerless, type_float, 16 as never),
    type: ZfpyTypeError,
    match: "prefix",
  },
  {
    name: "_decompress with ztype 7 and out",
    python: `zfpy._decompress(${pyHeaderless}, 7, [16], out=np.zeros(16, np.float32))`,
    run: () => _decompress(headerless, 7, [16], { out: ndarray(new Float32Array(16)) }),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "_decompress into an out ndarray of another dtype",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [16], out=np.zeros(16))`,
    run: () => _decompress(headerless, type_float, [16], { out: ndarray(new Float64Array(16)) }),
    type: ZfpyValueError,
    match: "equal",
  },
  {
    name: "_decompress into an out ndarray of another shape",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [16], out=np.zeros((4, 4), np.float32))`,
    run: () => _decompress(headerless, type_float, [16], { out: ndarray(new Float32Array(16), [4, 4]) }),
    type: ZfpyValueError,
    match: "equal",
  },
  {
    name: "_decompress into memory of the wrong size",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [4,4], out=bytearray(60))`,
    run: () => _decompress(headerless, type_float, [4, 4], { out: new ArrayBuffer(60) }),
    type: ZfpyValueError,
    match: "prefix",
  },
  {
    name: "_decompress into memory not a multiple of the element size",
    python: `zfpy._decompress(${pyHeaderless}, zfpy.type_float, [16], out=bytearray(63))`,
    run: () => _decompress(headerless, type_float, [16], { out: new ArrayBuffer(63) }),
    type: ZfpyValueError,
    match: "prefix",
  },
];

let answers: OracleResponse[] = [];

describeWithOracle("refusals zfpy shares: same Python error kind, same message", () => {
  beforeAll(() => {
    answers = askZfpy(CASES.map((c) => ({ op: "eval", code: c.python })));
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))(
    "given %s, when called, expect zfpy's error kind and message",
    (_, c, i) => {
      const zfpy = answers[i]!;
      if (zfpy.ok) throw new Error(`zfpy did not raise for ${c.python}`);
      const error = thrown(c.run);
      expect(error).toBeInstanceOf(c.type);
      expect(error.pythonError).toBe(zfpy.error);
      expect(isZfpyError(error)).toBe(true);
      const expected = jsForm(zfpy.message);
      if (c.match === "equal") expect(error.message).toBe(expected);
      else
        expect(error.message.startsWith(expected), `"${error.message}" starts with "${expected}"`).toBe(true);
    },
  );
});

describe("given refusals of our own (zfpy crashes, reads garbage or never checks)", () => {
  it("when tolerance is not a number, expect a TypeError naming the parameter and the value", () => {
    const error = thrown(() => compress_numpy(f32(4), { tolerance: "1e-3" as never }));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe('tolerance must be a real number, not string "1e-3"');
    expect(thrown(() => compress_numpy(f32(4), { precision: "8" as never })).message).toBe(
      'precision must be an integer, not string "8"',
    );
  });

  it("when wordBits is not a word size, expect a TypeError listing the sizes", () => {
    const error = thrown(() => compress(f32(4), { wordBits: 12 as never }));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe("wordBits must be 8, 16, 32 or 64, got number 12");
  });

  it("when the array has a zero-length axis, expect a ValueError instead of zfpy's crash", () => {
    const error = thrown(() => compress_numpy(ndarray(new Float32Array(0), [4, 0])));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toContain("Cannot compress an empty array: axis 1 of shape [4, 0] has length 0");
  });

  it("when out is the compressed buffer itself or overlaps it, expect 'Cannot decompress in-place'", () => {
    const copy = headerless.slice();
    for (const out of [copy, new Float32Array(copy.buffer, 0, 2), copy.buffer]) {
      const error = thrown(() => _decompress(copy, type_float, [16], { out }));
      expect(error).toBeInstanceOf(ZfpyValueError);
      expect(error.message).toBe("Cannot decompress in-place (out shares memory with compressed_data)");
    }
  });

  it("when a _decompress shape has a zero-length axis after a used one, expect a ValueError", () => {
    const error = thrown(() => _decompress(headerless, type_float, [16, 0]));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "User-provided shape [16, 0] has a zero-length axis: zfp cannot decompress an empty array (only leading zeros, zfp's unused sizes, are allowed)",
    );
    expect(thrown(() => _decompress(headerless, type_float, [2.5])).message).toBe(
      "User-provided shape must hold non-negative integers (numbers), got [2.5]",
    );
  });

  it("when _decompress gets ztype 7 without out, expect 'Unsupported zfp_type 7' (zfpy says 0)", () => {
    const error = thrown(() => _decompress(headerless, 7, [16]));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe("Unsupported zfp_type 7 (expected 1 int32, 2 int64, 3 float, 4 double)");
  });

  it("when out memory is not aligned to the element size, expect a ValueError", () => {
    const memory = new Uint8Array(65).subarray(1);
    const error = thrown(() => _decompress(headerless, type_float, [16], { out: memory }));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "out starts at byte offset 1 of its buffer, not a multiple of the float32 element size 4",
    );
  });

  it("when out is neither an ndarray nor memory, expect a TypeError", () => {
    const error = thrown(() => _decompress(headerless, type_float, [16], { out: [1, 2] as never }));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(
      "out must be an ndarray, a typed array, a DataView or an ArrayBuffer, got Array(2)",
    );
  });

  it("when compressed_data is not bytes, expect a TypeError", () => {
    const error = thrown(() => decompress_numpy("zfp" as never));
    expect(error).toBeInstanceOf(ZfpyTypeError);
    expect(error.message).toBe(
      'compressed_data must be a Uint8Array, ArrayBuffer or ArrayBufferView, got string "zfp"',
    );
  });

  it("when the stream is empty, expect 'Failed to read required zfp header' (zfpy: IndexError)", () => {
    const error = thrown(() => decompress_numpy(new Uint8Array(0)));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toMatch(
      /^Failed to read required zfp header: zfp header truncated in its magic part/,
    );
    expect(thrown(() => header(new Uint8Array(3))).message).toMatch(/^Failed to read required zfp header: /);
  });

  it("when a forged header declares 2^48 values, expect a ValueError before anything is allocated", () => {
    // A valid 4D header (4096^4 doubles, reversible) followed by no data.
    const forged = compress_numpy(ndarray(new Float64Array(1), [1, 1, 1, 1])).slice(0, 13);
    forged.set(new Uint8Array([0x7a, 0x66, 0x70, 0x05]), 0);
    // meta: type double (3), dims 4 (3 << 2), nx-1 .. nw-1 = 4095 in four 12-bit fields.
    let meta = 3n | (3n << 2n);
    for (let k = 0; k < 4; k++) meta |= 4095n << BigInt(4 + 12 * k);
    for (let b = 0; b < 7; b++) forged[4 + b] = Number((meta >> BigInt(8 * b)) & 0xffn);
    forged[10] = (forged[10]! & 0x0f) | 0; // keep meta's top 4 bits, mode starts at bit 84
    const error = thrown(() => decompress_numpy(forged));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "the header declares 281474976710656 float64 values (shape [4096, 4096, 4096, 4096]), 2251799813685248 bytes decoded, more than the default maxOutputBytes (1073741824, 1 GiB); pass { maxOutputBytes: 2251799813685248 } (or Infinity) to decompress it",
    );
    const capped = thrown(() => decompress_numpy(forged, { maxOutputBytes: Infinity, maxElements: 2 ** 31 }));
    expect(capped.message).toBe(
      "the header declares 281474976710656 values (shape [4096, 4096, 4096, 4096]), more than maxElements (2147483648); pass a larger maxElements to decompress it",
    );
  });

  it("when a fixed-rate stream is shorter than its blocks, expect a RuntimeError before allocating", () => {
    const bytes = compress_numpy(new Float64Array(64), { rate: 16, wordBits: 8 }); // 16 blocks of 64 bits
    const error = thrown(() => decompress_numpy(bytes.subarray(0, bytes.length - 1)));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect(error.message).toBe(
      "error during zfp decompression: 16 blocks of shape [64] need at least 140 bytes, but the stream holds 139 (truncated, or not this stream's parameters)",
    );
    expect((error.cause as Error).name).toBe("TruncatedStreamError");
  });

  it("when maxElements is lowered, expect streams above it refused and streams at it decoded", () => {
    const bytes = compress_numpy(new Float32Array(100));
    expect(decompress_numpy(bytes, { maxElements: 100 }).size).toBe(100);
    const error = thrown(() => decompress_numpy(bytes, { maxElements: 99 }));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(
      thrown(() => decompressHeaderless(headerless, { type: "float32", shape: [16], maxElements: 8 })),
    ).toBeInstanceOf(ZfpyValueError);
    expect(thrown(() => decompress_numpy(bytes, { maxElements: -1 })).message).toBe(
      "maxElements must be a non-negative integer or Infinity, got number -1",
    );
  });

  it("when a variable-rate stream is truncated inside its blocks, expect 'error during zfp decompression'", () => {
    const data = new Float64Array(256).map((_, i) => Math.sin(i) * 1e6);
    const bytes = compress_numpy(data, { wordBits: 8 });
    const error = thrown(() => decompress_numpy(bytes.subarray(0, 40)));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect(error.message).toMatch(/^error during zfp decompression: stream truncated/);
  });

  it("when an int32 stream has 0 bits per block (rate 0) and a header, expect zfpy's header-only bytes", () => {
    // zfpy writes the header alone (the mode says 1 bit per block after the header's clamp).
    const bytes = compress_numpy(new Int32Array(8), { rate: 0, wordBits: 8 });
    expect(bytes.length).toBe(19);
    expect(decompress_numpy(bytes).data).toEqual(new Int32Array(8));
    expect(
      thrown(() => decompress_numpy(compress_numpy(new Int32Array(64), { rate: 0, wordBits: 8 }))),
    ).toBeInstanceOf(ZfpyRuntimeError);
    // Header-less, nothing is read, and zfp_decompress returns 0: zfpy's RuntimeError.
    const error = thrown(() => _decompress(new Uint8Array(1), type_int32, [8], { rate: 0 }));
    expect(error).toBeInstanceOf(ZfpyRuntimeError);
    expect(error.message).toMatch(/^error during zfp decompression: the parameters give 0 bits per block/);
  });
});
