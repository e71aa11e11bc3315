// zfpjs decompress --region and zfpjs index, on zfpy's streams (the oracle decodes the whole).
import { askZfpy, describeWithOracle, fromBase64, toBase64 } from "@zfpjs/tooling/oracle";
import { beforeAll, expect, it } from "vitest";
import { main } from "../src/main.js";
import { readNpy } from "../src/npy.js";
import { parseRegion } from "../src/region-commands.js";
import { Capture, runCli } from "./run-cli.js";

const SHAPE = [7, 10, 9];
const data = Float64Array.from({ length: 7 * 10 * 9 }, (_, i) => Math.sin(i / 5) * 10);

describeWithOracle("given zfpy's stream with a header", () => {
  let stream: Uint8Array;
  let full: Float64Array;
  beforeAll(() => {
    const [compressed] = askZfpy([
      { op: "compress", dtype: "float64", shape: SHAPE, data: toBase64(data), tolerance: "0.001" },
    ]);
    stream = fromBase64(compressed!.ok ? compressed.bytes! : "");
    const [decoded] = askZfpy([{ op: "decompress", bytes: toBase64(stream) }]);
    full = new Float64Array(fromBase64(decoded!.ok ? decoded.data! : "").buffer);
  });

  function expectBox(npy: Uint8Array, start: number[], stop: number[]): void {
    const array = readNpy(npy);
    expect(array.shape).toEqual(stop.map((s, a) => s - start[a]!));
    const values = array.data as Float64Array;
    let i = 0;
    for (let z = start[0]!; z < stop[0]!; z++)
      for (let y = start[1]!; y < stop[1]!; y++)
        for (let x = start[2]!; x < stop[2]!; x++) expect(values[i++]).toBe(full[x + 9 * (y + 10 * z)]);
  }

  it("when decompressing with --region, expect zfpy's values in the box as .npy", async () => {
    const run = await runCli(["decompress", "in.zfp", "--region", "2:7,3:9,:4", "-o", "box.npy"], {
      "in.zfp": stream,
    });
    expect(run.stderr).toMatch(/^in.zfp\[2:7,3:9,0:4\] -> box.npy: float64 \(5, 6, 4\)/);
    expect(run.status).toBe(0);
    expectBox(run.files["box.npy"]!, [2, 3, 0], [7, 9, 4]);
  });

  it("when indexing and then decompressing with --index, expect the index file and the same box", async () => {
    const indexed = await runCli(["index", "in.zfp", "--interval", "2"], { "in.zfp": stream });
    expect(indexed.status).toBe(0);
    expect(indexed.stderr).toMatch(/in.zfp -> in.zfpi: block index, \d+ bytes/);
    const index = indexed.files["in.zfpi"]!;
    expect(new TextDecoder().decode(index.subarray(0, 4))).toBe("zfpi");
    const run = await runCli(["decompress", "in.zfp", "--region=1:2,:,5:", "--index", "in.zfpi", "-o", "-"], {
      "in.zfp": stream,
      "in.zfpi": index,
    });
    expect(run.status).toBe(0);
    expectBox(run.stdout, [1, 0, 5], [2, 10, 9]);
  });

  it("when the region is outside the array or the index is another stream's, expect status 1 and a reason", async () => {
    const outside = await runCli(["decompress", "in.zfp", "--region", "0:8,0:1,0:1", "-o", "x.npy"], {
      "in.zfp": stream,
    });
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/^zfpjs decompress: region .* does not fit/);
    expect(outside.files["x.npy"]).toBeUndefined();
    const other = stream.slice();
    other[other.length - 3]! ^= 0xff;
    const index = (await runCli(["index", "in.zfp", "-o", "-"], { "in.zfp": other })).stdout;
    const mismatch = await runCli(
      ["decompress", "in.zfp", "--region", "0:1,0:1,0:1", "--index", "i", "-o", "x.npy"],
      {
        "in.zfp": stream,
        i: index,
      },
    );
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toMatch(/block index does not match the stream/);
    const axes = await runCli(["decompress", "in.zfp", "--region", "0:1,0:1"], { "in.zfp": stream });
    expect(axes.stderr).toMatch(/has 2 ranges, the array has 3 axes/);
  });
});

it("given the help, when asking for index and decompress, expect the new texts", async () => {
  const stdout = new Capture();
  expect(
    await main(["help", "index"], { stdin: new Uint8Array(), stdout, stderr: new Capture(), env: {} }),
  ).toBe(0);
  expect(stdout.text()).toMatch(/^Usage: zfpjs index IN.zfp/);
  const decompress = new Capture();
  await main(["decompress", "--help"], {
    stdin: new Uint8Array(),
    stdout: decompress,
    stderr: new Capture(),
    env: {},
  });
  expect(decompress.text()).toMatch(/--region z0:z1,y0:y1,x0:x1/);
});

it("given region texts, when parsed, expect starts and stops with empty sides at the edges", () => {
  expect(parseRegion(" 1:3 ,:,4:", [5, 6, 7])).toEqual({ start: [1, 0, 4], stop: [3, 6, 7] });
  expect(() => parseRegion("1-3", [5])).toThrow(/not start:stop/);
  expect(() => parseRegion("-1:3", [5])).toThrow(/not start:stop/);
});
