// Runs in Chromium (bundled by browser.test.ts): the browser entry's pool against zfpy's serial
// calls, its verdict left in globalThis.zfpjsResult for the test to read.
import { compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import ndarray from "ndarray";
import { ZfpPool } from "../../src/index.js";

async function main(): Promise<unknown> {
  const pool = new ZfpPool({ threads: 2, minSlabValues: 1 });
  const data = Float32Array.from({ length: 24 * 20 * 18 }, (_, i) => Math.sin(i / 50) * 100 + (i % 7));
  const array = ndarray(data, [24, 20, 18]);
  const checks: Record<string, boolean> = {};
  for (const options of [{}, { rate: 8 }, { precision: 14 }, { tolerance: 1e-2 }]) {
    const name = JSON.stringify(options);
    const bytes = await pool.compress(array, options);
    const serial = compress_numpy(array, options);
    checks[`compress ${name}`] = bytes.length === serial.length && bytes.every((b, i) => b === serial[i]);
    const back = await pool.decompress(bytes);
    const expected = decompress_numpy(serial).data as Float32Array;
    checks[`decompress ${name}`] = (back.data as Float32Array).every((v, i) => Object.is(v, expected[i]));
  }
  const many = await pool.decompressMany([compress_numpy(array, { rate: 4 }), compress_numpy(array)]);
  checks.decompressMany = many.length === 2 && (many[1]!.data as Float32Array).every((v, i) => v === data[i]);
  let error: unknown;
  try {
    await pool.decompress(compress_numpy(array, { precision: 10 }).subarray(0, 40));
  } catch (caught) {
    error = caught;
  }
  const errorName = (error as Error | undefined)?.constructor.name;
  const errorTag = (error as { tag?: string } | undefined)?.tag;
  checks.afterError =
    (await pool.compress(data, { rate: 8 })).length === compress_numpy(data, { rate: 8 }).length;
  await pool.close();
  return {
    checks,
    errorName,
    errorTag,
    sharedMemory: pool.sharedMemory,
    isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  };
}

const target = globalThis as { zfpjsResult?: unknown };
main().then(
  (result) => {
    target.zfpjsResult = result;
  },
  (error: unknown) => {
    target.zfpjsResult = { failed: String((error as Error)?.stack ?? error) };
  },
);
