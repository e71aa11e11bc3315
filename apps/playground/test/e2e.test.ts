// End to end in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) on the
// static build: the numbers the page shows are what the library computes, the plot has its
// points, and the downloaded .zfp decodes with zfpy to the page's values. Screenshots go to
// test-results/ (gitignored) as artefacts.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { CHROMIUM, launchChromium } from "@zfpjs/tooling/chromium";
import { describeWithOracle, PYTHON, runZfp } from "@zfpjs/tooling/oracle";
import { compress, decompress } from "@zfpjs/zfpy";
import ndarray from "ndarray";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeNpy } from "../src/npy.js";
import { compressWith, errorStatistics } from "../src/zfp.js";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const artefacts = join(root, "test-results");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

let server: Server;
let browser: Browser;
let page: Page;
let url: string;
/** Uncaught errors in the page (and its worker); every test expects none. */
const pageErrors: string[] = [];

/** Waits until the page has no work in flight and shows a result (and a sweep). */
async function settled(): Promise<void> {
  await page.waitForFunction(() => {
    const state = (window as unknown as { playground: { result?: unknown; sweep: unknown[] } }).playground;
    return document.body.dataset.state === "ready" && state.result !== undefined && state.sweep.length > 0;
  });
}

async function shown(id: string): Promise<number> {
  return Number(await page.locator(`#${id}`).getAttribute("data-value"));
}

/** The page's input array and decoded array, as bytes. */
async function pageArrays(): Promise<{ dtype: string; shape: number[]; input: Buffer; decoded: Buffer }> {
  const got = await page.evaluate(() => {
    const state = (
      window as unknown as {
        playground: {
          input: { dtype: string; shape: number[]; data: ArrayBufferView };
          result: { decoded: ArrayBufferView };
        };
      }
    ).playground;
    const base64 = (view: ArrayBufferView) => {
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      let text = "";
      for (let i = 0; i < bytes.length; i += 0x8000)
        text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    return {
      dtype: state.input.dtype,
      shape: state.input.shape,
      input: base64(state.input.data),
      decoded: base64(state.result.decoded),
    };
  });
  return { ...got, input: Buffer.from(got.input, "base64"), decoded: Buffer.from(got.decoded, "base64") };
}

// Without Chromium the tests fail under CI (they must run there) and are skipped elsewhere.
const haveChromium = existsSync(CHROMIUM) || process.env.CI === "true" || process.env.CI === "1";
if (!haveChromium)
  console.warn(`[zfpjs] skipping the playground's browser tests: no ${CHROMIUM} (apt-get install chromium)`);

const describeBrowser = haveChromium
  ? describeWithOracle
  : (name: string, body: () => void, _needs?: { zfp?: boolean }) => describe.skip(name, body);

describeBrowser(
  "the playground in headless Chromium",
  () => {
    beforeAll(async () => {
      if (!existsSync(join(dist, "index.html"))) await build({ root, logLevel: "warn" });
      mkdirSync(artefacts, { recursive: true });
      server = createServer((request, response) => {
        const path = new URL(request.url ?? "/", "http://x").pathname;
        const file = join(dist, path === "/" ? "index.html" : path);
        if (!file.startsWith(dist) || !existsSync(file)) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
        response.end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await launchChromium();
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1400, height: 1250 },
      });
      page = await context.newPage();
      page.on("pageerror", (error) => pageErrors.push(error.message));
    });

    afterEach(() => {
      expect(pageErrors).toEqual([]);
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it("when a sample loads and the mode and parameter change, expect the library's ratio, RMSE, max error and PSNR, zfp -s's statistics, and the plot's points", async () => {
      await page.goto(url);
      await settled();
      await page.screenshot({ path: join(artefacts, "1-sample-precision.png"), fullPage: true });

      // A 3D turbulence-like sample in fixed-rate mode at 12 bits per value.
      await page.selectOption("#sample-kind", "turbulence");
      await page.selectOption("#sample-dims", "3");
      await page.click("#generate");
      await settled();
      await page.selectOption("#mode", "rate");
      await page.locator("#param").fill("12");
      await page.waitForFunction(
        () =>
          (window as unknown as { playground: { result?: { bitsPerValue: number } } }).playground.result
            ?.bitsPerValue !== undefined && document.body.dataset.state === "ready",
      );
      await settled();
      expect(await page.locator("#param-value").textContent()).toBe("12 bits/value");
      expect(await page.locator("#engine").textContent()).toBe("in the page's worker");
      await page.screenshot({ path: join(artefacts, "2-turbulence-rate-12.png"), fullPage: true });

      const arrays = await pageArrays();
      expect(arrays.dtype).toBe("float64");
      expect(arrays.shape).toEqual([48, 64, 64]);
      const input = new Float64Array(new Uint8Array(arrays.input).buffer);
      const bytes = compress(ndarray(input, arrays.shape), { rate: 12 });
      const decoded = decompress(bytes).data as Float64Array;
      const statistics = errorStatistics(input, decoded);
      expect(await shown("n-size")).toBe(bytes.length);
      expect(await shown("n-ratio")).toBe(input.byteLength / bytes.length);
      expect(await shown("n-bpv")).toBe((bytes.length * 8) / input.length);
      expect(await shown("n-rmse")).toBe(statistics.rmse);
      expect(await shown("n-maxe")).toBe(statistics.maxe);
      expect(await shown("n-psnr")).toBe(statistics.psnr);
      expect(Buffer.from(decoded.buffer).equals(arrays.decoded)).toBe(true);
      expect(await shown("n-compress")).toBeGreaterThan(0);

      writeFileSync(join(artefacts, "turbulence-48x64x64.f64"), arrays.input);
      // zfp -s on the same values prints the same statistics (to its 4 digits, PSNR to 2 decimals).
      const run = runZfp(["-i", "in.raw", "-z", "out.zfp", "-d", "-3", "64", "64", "48", "-r", "12", "-s"], {
        "in.raw": new Uint8Array(arrays.input),
      });
      const printed = Object.fromEntries(
        [...run.stderr.matchAll(/\b(rmse|maxe|psnr)=(\S+)/g)].map((m) => [m[1], Number(m[2])]),
      );
      expect(printed.rmse).toBe(Number(statistics.rmse.toPrecision(4)));
      expect(printed.maxe).toBe(Number(statistics.maxe.toPrecision(4)));
      expect(printed.psnr).toBe(Number(statistics.psnr.toFixed(2)));

      // The plot: one dot per finite sweep point plus the current setting's marker.
      const sweep = await page.evaluate(
        () => (window as unknown as { playground: { sweep: { psnr: number }[] } }).playground.sweep,
      );
      const finite = sweep.filter((p) => Number.isFinite(p.psnr)).length;
      expect(sweep.length).toBe(11 + 10 + 11 + 1);
      expect(await page.locator("#plot").getAttribute("data-points")).toBe(String(finite));
      expect(await page.locator("#plot g.sweep circle").count()).toBe(finite);
      expect(await page.locator("#plot g.current circle").count()).toBe(1);

      // Expert mode (maxprec on the slider; zfp's header carries it and zfpy decodes it).
      await page.selectOption("#mode", "expert");
      await page.locator("#param").fill("10");
      await page.waitForFunction(() => document.querySelector("#param-value")?.textContent === "maxprec 10");
      await settled();
      const expertBytes = compressWith(
        { dtype: "float64", shape: arrays.shape, data: input },
        { mode: "expert", value: 10, expert: { minbits: 1, maxbits: 16658, minexp: -1074 } },
      );
      const expertDecoded = decompress(expertBytes).data as Float64Array;
      expect(await shown("n-size")).toBe(expertBytes.length);
      expect(await shown("n-psnr")).toBe(errorStatistics(input, expertDecoded).psnr);
      expect(Buffer.from(expertDecoded.buffer).equals((await pageArrays()).decoded)).toBe(true);
    });

    it("when the .zfp and the decompressed .npy are downloaded, expect zfpy to decode the .zfp to the page's values", async () => {
      await page.selectOption("#mode", "accuracy");
      await page.locator("#param").fill("-4");
      await settled();
      await page.waitForFunction(
        () => document.querySelector("#param-value")?.textContent === "tolerance 0.0001",
      );
      await settled();
      const arrays = await pageArrays();
      const dir = join(tmpdir(), `zfpjs-playground-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      const [zfpDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-zfp")]);
      const [npyDownload] = await Promise.all([page.waitForEvent("download"), page.click("#download-npy")]);
      expect(zfpDownload.suggestedFilename()).toBe("turbulence-sample.zfp");
      const zfpPath = join(dir, "page.zfp");
      const npyPath = join(dir, "page.npy");
      await zfpDownload.saveAs(zfpPath);
      await npyDownload.saveAs(npyPath);
      const python = spawnSync(
        PYTHON,
        [
          "-c",
          [
            "import sys, zfpy, numpy",
            "a = zfpy.decompress_numpy(open(sys.argv[1], 'rb').read())",
            "b = numpy.load(sys.argv[2])",
            "assert a.dtype == b.dtype and a.shape == b.shape and numpy.array_equal(a, b), 'npy differs'",
            "open(sys.argv[3], 'wb').write(a.tobytes())",
            "print(a.dtype, a.shape)",
          ].join("\n"),
          zfpPath,
          npyPath,
          join(dir, "zfpy.raw"),
        ],
        { encoding: "utf8" },
      );
      expect(python.stderr).toBe("");
      expect(python.stdout.trim()).toBe("float64 (48, 64, 64)");
      expect(readFileSync(join(dir, "zfpy.raw")).equals(arrays.decoded)).toBe(true);

      // The downloaded .npy opens again through the file picker.
      await page.setInputFiles("#file", npyPath);
      await page.waitForFunction(() =>
        document.querySelector("#input-info")?.textContent?.startsWith("page.npy"),
      );
      await settled();
      expect(await page.locator("#input-info").textContent()).toContain("page.npy: float64 [48 × 64 × 64]");
      await page.screenshot({ path: join(artefacts, "3-reopened-npy.png"), fullPage: true });
      expect(await page.locator("#status").textContent()).toBe("");
      writeFileSync(join(artefacts, "python.txt"), python.stdout);

      // The downloaded .zfp opens too (decoded in the worker) to zfpy's values.
      await page.setInputFiles("#file", zfpPath);
      await page.waitForFunction(() =>
        document.querySelector("#input-info")?.textContent?.startsWith("page.zfp"),
      );
      await settled();
      expect(await page.locator("#input-info").textContent()).toContain("page.zfp: float64 [48 × 64 × 64]");
      expect((await pageArrays()).input.equals(readFileSync(join(dir, "zfpy.raw")))).toBe(true);

      // A file that is neither says so, and the page keeps its input.
      const junk = join(dir, "junk.zfp");
      writeFileSync(junk, new Uint8Array(64).fill(7));
      await page.setInputFiles("#file", junk);
      await page.waitForFunction(() => document.querySelector("#status")?.classList.contains("error"));
      expect(await page.locator("#status").textContent()).toMatch(
        /^cannot open junk\.zfp: not a \.npy, nor a zfp stream/,
      );
      expect(await page.locator("#input-info").textContent()).toContain("page.zfp");
    });

    it("when a file is too large, expect a clear message instead of an attempt", async () => {
      const dir = join(tmpdir(), `zfpjs-playground-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      // A sparse file: 257 MiB long, nothing written (the picker passes its path to Chromium).
      const big = join(dir, "big.npy");
      const fd = openSync(big, "w");
      ftruncateSync(fd, 257 * 2 ** 20);
      closeSync(fd);
      await page.setInputFiles("#file", big);
      await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("big.npy"));
      expect(await page.locator("#status").textContent()).toBe(
        "big.npy is 257 MiB: the playground takes files up to 256 MiB (it keeps the original, the decompressed and the error in memory). Use the zfpjs command for larger files.",
      );
      expect(await page.locator("#status").getAttribute("class")).toBe("error");
      expect(await page.locator("#input-info").textContent()).toContain("page.zfp");
      await page.screenshot({ path: join(artefacts, "4-large-file.png"), fullPage: true });
    });

    it("when a large .npy (over 1 Mi values) is opened, expect the parallel pool's bytes, values and numbers to be zfpy's, and a sweep on a central crop", async () => {
      // 64 x 128 x 128 float32 (2^20, the pool's threshold) values of a smooth field with a little noise.
      const shape = [64, 128, 128];
      const data = new Float32Array(64 * 128 * 128);
      for (let i = 0; i < data.length; i++)
        data[i] = Math.sin(i / 997) * 3 + Math.cos(i / 53) + ((i * 7919) % 101) / 1e4;
      const dir = join(tmpdir(), `zfpjs-playground-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      const npyPath = join(dir, "large.npy");
      writeFileSync(npyPath, writeNpy({ dtype: "float32", shape, data }));
      await page.setInputFiles("#file", npyPath);
      await page.waitForFunction(() =>
        document.querySelector("#input-info")?.textContent?.startsWith("large.npy"),
      );
      await settled();
      await page.selectOption("#mode", "precision");
      await page.locator("#param").fill("14");
      await page.waitForFunction(
        () => document.querySelector("#param-value")?.textContent === "14 bit planes",
      );
      await settled();
      expect(await page.locator("#engine").textContent()).toMatch(/^on \d+ workers \(the parallel pool\)$/);
      expect(await page.locator("#plot-note").textContent()).toMatch(
        /The curves come from a central \d+ × \d+ × \d+ crop of the array/,
      );
      await page.screenshot({ path: join(artefacts, "5-large-pool-precision-14.png"), fullPage: true });
      const arrays = await pageArrays();
      expect(Buffer.from(data.buffer).equals(arrays.input)).toBe(true);
      const bytes = compress(ndarray(data, shape), { precision: 14 });
      const decoded = decompress(bytes).data as Float32Array;
      const statistics = errorStatistics(data, decoded);
      expect(await shown("n-size")).toBe(bytes.length);
      expect(await shown("n-ratio")).toBe(data.byteLength / bytes.length);
      expect(await shown("n-rmse")).toBe(statistics.rmse);
      expect(await shown("n-maxe")).toBe(statistics.maxe);
      expect(await shown("n-psnr")).toBe(statistics.psnr);
      expect(Buffer.from(decoded.buffer).equals(arrays.decoded)).toBe(true);
      const pageBytes = await page.evaluate(() =>
        Array.from(
          (window as unknown as { playground: { result: { bytes: Uint8Array } } }).playground.result.bytes,
        ),
      );
      expect(Buffer.from(pageBytes).equals(Buffer.from(bytes))).toBe(true);
      // A longer limit than the others: under a full CI run on two shared cores this test's pool
      // and sweep compete with every package's tests (alone it takes about 20 s).
    }, 400_000);
  },
  { zfp: true },
);
