// The README's examples are files in examples/; each runs here, and the README shows each verbatim.
// The viewer reads, over HTTP from 127.0.0.1, a store that Debian's zarr-python wrote.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeExampleFiles } from "@zfpjs/tooling/readme-examples";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { askPython, describeWithZarrOracle, fromBase64 } from "./support.js";

describeExampleFiles({
  packageRoot: new URL("../", import.meta.url),
  shown: ["viewer.ts", "write-v3.ts"],
  runs: [{ name: "write-v3.ts", load: () => import("../examples/write-v3.js") }],
});

describeWithZarrOracle("given examples/viewer.ts and a zarr-python store served over HTTP", () => {
  const dir = mkdtempSync(join(tmpdir(), "zfpjs-zarr-served-"));
  let server: Server;
  let expected: Float32Array;

  beforeAll(async () => {
    const [answer] = askPython([
      {
        op: "write_v2",
        dir: join(dir, "temperature"),
        dtype: "float32",
        shape: [3, 20, 30],
        chunks: [1, 8, 16],
        compressor: { mode: 4, tolerance: 0.01 },
        seed: 7,
      },
    ]);
    expected = new Float32Array(fromBase64(answer!.read!).buffer);
    server = createServer((request, response) => {
      try {
        const path = decodeURIComponent(new URL(request.url!, "http://x").pathname);
        if (path.includes("..")) throw new Error("no");
        response.end(readFileSync(join(dir, path)));
      } catch {
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

  it("when firstSlice reads it, expect zarr-python's first slice", async () => {
    const { firstSlice } = await import("../examples/viewer.js");
    const { port } = server.address() as AddressInfo;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const slice = await firstSlice(`http://127.0.0.1:${port}/temperature`);
      expect(slice.shape).toEqual([20, 30]);
      expect(slice.data).toEqual(expected.subarray(0, 600));
    } finally {
      log.mockRestore();
    }
  });
});
