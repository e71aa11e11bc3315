// Zarr v3 arrays whose sharding_indexed codec holds the zfp codec inside: shards written file by
// file in the v3 layout by the Python oracle (inner chunks by Debian's libzfp, a uint64 index with
// a CRC-32C, one inner chunk left out as fill value), read through zarrita's sharding with
// byte-range reads: every value equals libzfp's decompression of its chunk.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { register } from "../src/index.js";
import { askPython, DirectoryStore, describeWithZarrOracle, fromBase64, TYPED_ARRAYS } from "./support.js";

const DTYPES = ["float32", "float64", "int32", "int64", "uint16"] as const;

const CASES = [
  // shape, shard shape, inner chunk shape (shards at the edges reach past the array)
  { shape: [50], shard: [32], inner: [8] },
  { shape: [20, 13], shard: [8, 8], inner: [4, 4] },
  { shape: [9, 10, 11], shard: [8, 8, 8], inner: [4, 4, 8] },
  { shape: [5, 6, 7, 8], shard: [4, 4, 4, 4], inner: [2, 4, 2, 4] },
];
const MODES = [
  { mode: "fixed_rate", rate: 12 },
  { mode: "fixed_precision", precision: 20 },
  { mode: "fixed_accuracy", tolerance: 0.01 },
  { mode: "reversible" },
];

describeWithZarrOracle("given sharded Zarr v3 arrays with an inner zfp codec, read through zarrita", () => {
  const root = mkdtempSync(join(tmpdir(), "zfpjs-sharded-"));
  const cases = DTYPES.flatMap((dtype, d) =>
    CASES.flatMap((c, k) =>
      MODES.filter((m) => m.mode !== "fixed_accuracy" || dtype.startsWith("float")).map((mode, m) => ({
        dtype,
        ...c,
        mode,
        dir: join(root, `${dtype}-${k}-${m}`),
        name: ["zfp", "zarrs.zfp"][(d + k + m) % 2]!,
        expected: new Uint8Array(0) as Uint8Array<ArrayBufferLike>,
      })),
    ),
  );

  beforeAll(() => {
    register();
    const answers = askPython(
      cases.map((c, seed) => ({
        op: "write_sharded",
        dir: c.dir,
        dtype: c.dtype,
        shape: c.shape,
        shard_shape: c.shard,
        chunk_shape: c.inner,
        mode: c.mode,
        name: c.name,
        seed,
      })),
    );
    cases.forEach((c, i) => {
      c.expected = fromBase64(answers[i]!.expected!);
    });
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe.each(DTYPES)("of %s", (dtype) => {
    it("when read whole and in part, expect libzfp's values, and the fill value for the left-out chunk", async () => {
      for (const c of cases.filter((c) => c.dtype === dtype)) {
        const what = `${c.name} ${JSON.stringify(c.mode)} ${c.shape} shards ${c.shard} inner ${c.inner}`;
        const array = await zarr.open(new DirectoryStore(c.dir), { kind: "array" });
        const expected = new TYPED_ARRAYS[dtype](c.expected.buffer as ArrayBuffer);
        const whole = await zarr.get(array);
        expect(whole.data, what).toEqual(expected);
        expect((whole.data as ArrayLike<unknown>)[0], what).toEqual(dtype === "int64" ? 0n : 0);
        // The last element alone: one shard's index and one inner chunk.
        const last = await zarr.get(
          array,
          c.shape.map((n) => n - 1),
        );
        expect(last, what).toEqual(expected[expected.length - 1]);
      }
    });
  });
});
