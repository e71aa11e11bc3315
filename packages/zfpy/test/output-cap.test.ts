// Decompression bombs and memory: decoded output is capped at 1 GiB by default (bytes, not
// values), the option raises it, and allocations that fail are zfpy's MemoryError. The large
// streams here are headers written with @zfpjs/header plus enough zero bytes for one bit per
// block: nothing of the declared size is ever allocated.
import { BitStream, reversible } from "@zfpjs/codec";
import { writeHeader } from "@zfpjs/header";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import {
  _decompress,
  compress_numpy,
  DEFAULT_MAX_OUTPUT_BYTES,
  decompress_numpy,
  decompressHeaderless,
  header,
  isZfpyError,
  type_double,
  ZfpyMemoryError,
  ZfpyValueError,
} from "../src/index.js";

function thrown(run: () => unknown): Error & { pythonError?: string; tag?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/**
 * A reversible stream with a full header for `type` and C-order `shape`, followed by one zero
 * bit per block (all a reversible block may take), so only the output size can refuse it.
 */
function bomb(type: "float" | "double", shape: [number, number, number, number]): Uint8Array {
  const [nw, nz, ny, nx] = shape;
  const blocks = Math.ceil(nx / 4) * Math.ceil(ny / 4) * Math.ceil(nz / 4) * Math.ceil(nw / 4);
  const bytes = new Uint8Array(16 + Math.ceil(blocks / 8) + 8);
  const stream = new BitStream(bytes, { wordBits: 8 });
  writeHeader(stream, { type, nx, ny, nz, nw }, reversible());
  stream.flush();
  return bytes;
}

describe("given the default cap on decoded output", () => {
  it("when listed, expect 1 GiB in bytes", () => {
    expect(DEFAULT_MAX_OUTPUT_BYTES).toBe(2 ** 30);
  });

  it("when a 136 KB stream declares 1.09 GB of float32, expect a ValueError that says how to raise the cap (today it was allocated)", () => {
    const shape: [number, number, number, number] = [65, 64, 256, 256]; // 272,629,760 values
    const stream = bomb("float", shape);
    expect(stream.length).toBeLessThan(140_000);
    expect(header(stream).shapeC).toEqual(shape);
    const error = thrown(() => decompress_numpy(stream));
    expect(error).toBeInstanceOf(ZfpyValueError);
    expect(error.message).toBe(
      "the header declares 272629760 float32 values (shape [65, 64, 256, 256]), 1090519040 bytes decoded, more than the default maxOutputBytes (1073741824, 1 GiB); pass { maxOutputBytes: 1090519040 } (or Infinity) to decompress it",
    );
    // A raised cap just below the output still refuses; the values are never allocated here.
    expect(thrown(() => decompress_numpy(stream, { maxOutputBytes: 1090519039 })).message).toMatch(
      /more than maxOutputBytes \(1090519039\); pass \{ maxOutputBytes: 1090519040 \}/,
    );
  });

  it("when the cap is lowered around a small stream's output, expect bytes counted, not values", () => {
    const bytes = compress_numpy(new Float64Array(8).fill(1)); // 64 bytes decoded
    expect(decompress_numpy(bytes, { maxOutputBytes: 64 }).data).toEqual(new Float64Array(8).fill(1));
    expect(thrown(() => decompress_numpy(bytes, { maxOutputBytes: 63 }))).toBeInstanceOf(ZfpyValueError);
    const raw = compress_numpy(new Float64Array(8).fill(1), { write_header: false });
    expect(
      thrown(() => decompressHeaderless(raw, { type: "float64", shape: [8], maxOutputBytes: 32 })),
    ).toBeInstanceOf(ZfpyValueError);
    expect(thrown(() => _decompress(raw, type_double, [8], { maxOutputBytes: 8 }))).toBeInstanceOf(
      ZfpyValueError,
    );
    // Into the caller's `out` nothing is allocated, so the cap does not apply.
    const out = ndarray(new Float64Array(8), [8]);
    expect(_decompress(raw, type_double, [8], { out, maxOutputBytes: 8 })).toBe(out);
    expect(out.data).toEqual(new Float64Array(8).fill(1));
    expect(thrown(() => decompress_numpy(bytes, { maxOutputBytes: -1 })).message).toBe(
      "maxOutputBytes must be a non-negative integer or Infinity, got number -1",
    );
  });

  it("when a header-less int32 stream has rate 0 (maxbits 0), expect a refusal before allocating 1 GiB", () => {
    const error = thrown(() =>
      _decompress(new Uint8Array(8), 1, [268435456], { rate: 0, maxOutputBytes: Infinity }),
    );
    expect(isZfpyError(error, "ZfpyRuntime")).toBe(true);
    expect(error.message).toMatch(/0 bits per block/);
  });
});

describe("given allocations that cannot succeed", () => {
  it("when the cap is lifted and the output is beyond what the engine can allocate, expect zfpy's MemoryError", () => {
    // 4,362,076,160 doubles (35 GB): more than a typed array may hold, refused without allocating.
    const shape: [number, number, number, number] = [260, 256, 256, 256];
    const stream = bomb("double", shape);
    const error = thrown(() => decompress_numpy(stream, { maxOutputBytes: Infinity }));
    expect(error).toBeInstanceOf(ZfpyMemoryError);
    expect(error.pythonError).toBe("MemoryError");
    expect(error.message).toBe("cannot allocate 34896609280 bytes for 4362076160 float64 values");
    expect((error as ZfpyMemoryError).requestedBytes).toBe(34896609280);
    expect(error.cause).toBeInstanceOf(RangeError);
  });
});
