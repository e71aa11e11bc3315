// zarr-python 3's metadata for numcodecs.zfpy ({"name": "numcodecs.zfpy", "configuration":
// {"mode": 4, "tolerance": 0.01}}), written and read through zarrita: each chunk equals the chunk
// Debian's numcodecs writes for the same values, and the values read equal zarr-python's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { register } from "../src/index.js";
import {
  askPython,
  chunkIndices,
  describeWithZarrOracle,
  fromBase64,
  strides,
  TYPED_ARRAYS,
  ZFPY_DTYPES,
} from "./support.js";

// zarr-python 3's configuration, and what numcodecs 0.11 writes for the same mode
const MODES = [
  { v3: { mode: 4, tolerance: 0.01 }, v2: { mode: 4, tolerance: 0.01 } },
  { v3: { mode: 2, rate: 9.5 }, v2: { mode: 2, rate: 9.5 } },
  { v3: { mode: 3, precision: 17 }, v2: { mode: 3, precision: 17 } },
  { v3: { mode: 5 }, v2: { mode: 4, tolerance: -1 } },
];
const SHAPE = { shape: [9, 11, 6], chunks: [4, 4, 4] };

const root = mkdtempSync(join(tmpdir(), "zfpjs-zarr-py3-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeWithZarrOracle("given zarr-python-3-style numcodecs.zfpy arrays written through zarrita", () => {
  const cases = ZFPY_DTYPES.flatMap((dtype) =>
    MODES.map((mode, i) => ({
      dtype,
      mode,
      dir: join(root, `${dtype}-${i}`),
      data: new Uint8Array() as Uint8Array<ArrayBufferLike>,
      read: new Uint8Array() as Uint8Array<ArrayBufferLike>,
    })),
  );

  beforeAll(() => {
    register(undefined, { wordBits: 8 }); // Debian's libzfp bytes
    const answers = askPython(
      cases.map((c, i) => ({
        op: "write_v2",
        dir: c.dir,
        dtype: c.dtype,
        ...SHAPE,
        compressor: c.mode.v2,
        seed: 100 + i,
      })),
    );
    answers.forEach((answer, i) => {
      cases[i]!.data = fromBase64(answer.data!);
      cases[i]!.read = fromBase64(answer.read!);
    });
  }, 300_000);

  describe.each(ZFPY_DTYPES)("of %s", (dtype) => {
    it("when written, expect numcodecs' chunks; when read, zarr-python's values", async () => {
      for (const c of cases.filter((c) => c.dtype === dtype)) {
        const what = JSON.stringify(c.mode.v3);
        const store = new Map<string, Uint8Array>();
        await zarr.create(store, {
          shape: SHAPE.shape,
          chunkShape: SHAPE.chunks,
          dtype,
          codecs: [{ name: "numcodecs.zfpy", configuration: c.mode.v3 }],
          fillValue: 0 as never,
        });
        const array = await zarr.open(store, { kind: "array" });
        const data = new TYPED_ARRAYS[dtype](c.data.slice().buffer);
        await zarr.set(array, null, { data, shape: SHAPE.shape, stride: strides(SHAPE.shape) } as never);
        for (const index of chunkIndices(SHAPE.shape, SHAPE.chunks)) {
          const debian = new Uint8Array(readFileSync(join(c.dir, index.join("."))));
          expect(store.get(`/c/${index.join("/")}`), `${what} chunk ${index}`).toEqual(debian);
        }
        const back = await zarr.get(await zarr.open(store, { kind: "array" }));
        expect(back.data, what).toEqual(new TYPED_ARRAYS[dtype](c.read.slice().buffer));
      }
    });
  });
});
