// Full lossy blocks of int32, int64, float and double fields are read in place by compress (no gather);
// their bytes must equal those of the coder's own path, block values gathered into
// BlockCoder.values then BlockCoder.encode (the compatibility matrix's shapes hold no full 3D or
// 4D block).
import { describe, expect, it } from "vitest";
import { BlockCoder, fieldLayout } from "../src/blocks.js";
import {
  BitStream,
  compress,
  type Field,
  fixedAccuracy,
  fixedPrecision,
  fixedRate,
  maximumSize,
  type ZfpConfig,
} from "../src/index.js";

type Kind = "int32" | "int64" | "float" | "double";

function valuesOf(type: Kind, count: number, seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  // Mostly smooth, with a few special values among the floats (zeros, subnormals, NaN, infinity).
  const special = [0, -0, 1e-40, Number.NaN, Number.POSITIVE_INFINITY, 3.25];
  const value = (i: number) =>
    (type === "float" || type === "double") && i % 97 === 5
      ? special[((i / 97) % special.length) | 0]!
      : Math.sin(i * 0.3) * 100 + next();
  if (type === "int32") return Int32Array.from({ length: count }, (_, i) => Math.round(value(i) * 1000));
  if (type === "int64")
    return BigInt64Array.from({ length: count }, (_, i) => BigInt(Math.round(value(i) * 2 ** 40)));
  if (type === "float") return Float32Array.from({ length: count }, (_, i) => value(i));
  return Float64Array.from({ length: count }, (_, i) => value(i));
}

// compress's bytes, and the same blocks through the coder's gathered path.
function bothWays(config: ZfpConfig, field: Field): [Uint8Array, Uint8Array] {
  const layout = fieldLayout(field);
  const capacity = maximumSize(config, field);
  const direct = new Uint8Array(capacity);
  const size = compress(new BitStream(direct), config, field, { nonFinite: "as-c" });
  const coder = new BlockCoder(layout.traits, layout.dims, config);
  const words = layout.traits.words;
  const gathered = new Uint8Array(capacity);
  const stream = new BitStream(gathered);
  const { nx, ny, nz, nw, sx, sy, sz, sw, offset } = layout;
  for (let bw = 0; bw < nw; bw += 4)
    for (let bz = 0; bz < nz; bz += 4)
      for (let by = 0; by < ny; by += 4)
        for (let bx = 0; bx < nx; bx += 4) {
          for (let i = 0; i < coder.size; i++) {
            const at = offset + (bx + (i & 3)) * sx + (by + ((i >> 2) & 3)) * sy;
            const element = at + (bz + ((i >> 4) & 3)) * sz + (bw + (i >> 6)) * sw;
            for (let t = 0; t < words; t++) coder.values[words * i + t] = layout.words[words * element + t]!;
          }
          coder.encode(stream);
        }
  stream.flush();
  return [direct.slice(0, size), gathered.slice(0, stream.size())];
}

describe("given fields made of full blocks, contiguous or strided", () => {
  it("when compressing in lossy modes, expect the bytes of the coder's gathered path", () => {
    const shapes = [
      { nx: 12, ny: 0, nz: 0, nw: 0 },
      { nx: 8, ny: 12, nz: 0, nw: 0 },
      { nx: 8, ny: 4, nz: 8, nw: 0 },
      { nx: 4, ny: 8, nz: 4, nw: 4 },
    ];
    for (const type of ["int32", "int64", "float", "double"] as const) {
      for (const shape of shapes) {
        const dims = shape.nw ? 4 : shape.nz ? 3 : shape.ny ? 2 : 1;
        const configs = [fixedRate(8, { type, dims }), fixedPrecision(16), fixedAccuracy(1e-3)];
        const count = shape.nx * (shape.ny || 1) * (shape.nz || 1) * (shape.nw || 1);
        // Contiguous, then every other element with x reversed.
        const contiguous = { type, data: valuesOf(type, count, 1), ...shape } as Field;
        const strided = {
          type,
          data: valuesOf(type, 2 * count, 2),
          ...shape,
          sx: -2,
          sy: 2 * shape.nx,
          sz: 2 * shape.nx * (shape.ny || 1),
          sw: 2 * shape.nx * (shape.ny || 1) * (shape.nz || 1),
          offset: 2 * shape.nx - 2,
        } as Field;
        for (const field of [contiguous, strided]) {
          for (const config of configs) {
            const [direct, gathered] = bothWays(config, field);
            expect(direct, `${type} ${dims}D ${JSON.stringify(config)} sx ${field.sx ?? 1}`).toEqual(
              gathered,
            );
          }
        }
      }
    }
  });
});
