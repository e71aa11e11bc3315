// The README's examples are files in examples/; each runs here, and the README shows each verbatim.
// The viewer reads, over HTTP from 127.0.0.1, a file that Debian's h5py wrote with H5Z-ZFP.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeExampleFiles } from "@zfpjs/tooling/readme-examples";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeWithH5Oracle, writeWithH5py } from "./support.js";

describeExampleFiles({
  packageRoot: new URL("../", import.meta.url),
  shown: ["viewer.ts", "any-reader.ts"],
  runs: [{ name: "any-reader.ts", load: () => import("../examples/any-reader.js") }],
});

describeWithH5Oracle("given examples/viewer.ts and an h5py file served over HTTP", () => {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-hdf5-served-"));
  let server: Server;
  let expected: Float64Array;

  beforeAll(async () => {
    const read = writeWithH5py(join(dir, "data.h5"), [
      {
        name: "temperature",
        dtype: "float64",
        shape: [4, 30, 20],
        chunks: [1, 16, 16],
        mode: { mode: "accuracy", tolerance: 0.001 },
        seed: 3,
      },
    ]);
    expected = new Float64Array(read.temperature!.slice().buffer);
    server = createServer((request, response) => {
      if (request.url === "/data.h5") response.end(readFileSync(join(dir, "data.h5")));
      else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }, 300_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("when readDataset reads it, expect h5py's values", async () => {
    const { readDataset } = await import("../examples/viewer.js");
    const { port } = server.address() as AddressInfo;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const values = (await readDataset(`http://127.0.0.1:${port}/data.h5`, "temperature")) as number[];
      expect(Float64Array.from(values)).toEqual(expected);
    } finally {
      log.mockRestore();
    }
  });
});
