import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { expect, it } from "vitest";
import { ZfpPool } from "../src/node.js";

it("smoke", async () => {
  const pool = new ZfpPool({ threads: 2 });
  const data = new Float32Array(64 * 64 * 37).map((_, i) => Math.sin(i / 100));
  const a = ndarray(data, [37, 64, 64]);
  for (const opts of [
    {},
    { rate: 8 },
    { precision: 12 },
    { tolerance: 1e-3 },
    { rate: 5, write_header: false, wordBits: 8 as const },
  ]) {
    const got = await pool.compress(a, opts);
    expect(Buffer.from(got).equals(Buffer.from(compress_numpy(a, opts)))).toBe(true);
    if (opts.write_header === false) continue;
    const back = await pool.decompress(got);
    expect(back.shape).toEqual([37, 64, 64]);
    expect(back.data).toEqual(decompress_numpy(got).data);
  }
  await pool.close();
});
