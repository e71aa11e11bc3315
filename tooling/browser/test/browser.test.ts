// The browser builds (packages/*/dist/browser.js) in Debian's headless Chromium, with no
// bundler: a static server on 127.0.0.1, an import map (index.html) or relative URLs
// (relative.html, worker.js). zfpy's streams of every dtype, dimensionality and mode decode to
// zfpy's values; compressing in the page gives zfpy's bytes; bad streams raise typed errors; all
// of it again in a module Worker. Expected values come from the oracle (Debian's zfpy) at test
// time. Needs the packages built (turbo: ^build) and /usr/bin/chromium.

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { launchChromium } from "@zfpjs/tooling/chromium";
import {
  askZfpy,
  askZfpyOk,
  describeWithOracle,
  type OracleDtype,
  type OracleRequest,
  PYTHON,
  toBase64,
} from "@zfpjs/tooling/oracle";
import { seededRandom } from "@zfpjs/tooling/testing";
import { decompress_numpy } from "@zfpjs/zfpy";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
// The README's page example is served as a user's folder: example.html as index.html,
// node_modules/@zfpjs/* (the packages) and the field.zfp zfpy writes (in `exampleDir`).
const exampleDir = mkdtempSync(join(tmpdir(), "zfpjs-browser-example-"));
const MOUNTS: Record<string, string> = {
  "/pkg/": join(root, "packages"),
  "/page/": join(import.meta.dirname, "..", "page"),
  "/example/node_modules/@zfpjs/": join(root, "packages"),
  "/example/": exampleDir,
};
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".html": "text/html",
  ".json": "application/json",
  ".map": "application/json",
};

/** Static files only, as any web server serves them; `cors` as a CDN does, for other origins. */
function serve(cors = false): Promise<Server> {
  const server = createServer((request, response) => {
    const asked = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const path = asked.endsWith("/") ? `${asked}index.html` : asked;
    const mount = Object.keys(MOUNTS).find((prefix) => path.startsWith(prefix));
    const base = mount ? MOUNTS[mount]! : "";
    const file = mount ? normalize(join(base, path.slice(mount.length))) : "";
    if (!mount || !file.startsWith(base + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      ...(cors ? { "access-control-allow-origin": "*" } : {}),
    });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const DTYPES: OracleDtype[] = ["int32", "int64", "float32", "float64"];
const ARRAY_NAMES: Record<OracleDtype, string> = {
  int32: "Int32Array",
  int64: "BigInt64Array",
  float32: "Float32Array",
  float64: "Float64Array",
};
const SHAPES = [[37], [9, 11], [5, 6, 7], [3, 4, 5, 6]];
// Every mode zfpy can ask for: reversible (no parameter), fixed rate, precision, accuracy, and
// expert (tolerance 0 gives zfp's expert defaults, zfp-facts "tolerance=0").
const MODES: Array<{ name: string; options: Record<string, number>; oracle: Partial<OracleRequest> }> = [
  { name: "reversible", options: {}, oracle: {} },
  { name: "fixed rate 12", options: { rate: 12 }, oracle: { rate: "12" } },
  { name: "fixed precision 14", options: { precision: 14 }, oracle: { precision: "14" } },
  { name: "fixed accuracy 1e-3", options: { tolerance: 1e-3 }, oracle: { tolerance: "0.001" } },
  { name: "expert (tolerance 0)", options: { tolerance: 0 }, oracle: { tolerance: "0" } },
];

function values(dtype: OracleDtype, count: number, seed: number): ArrayBufferView {
  const next = seededRandom(seed);
  const smooth = (i: number) => Math.sin(i * 0.37 + seed) * 50 + Math.cos(i * 0.011) * 20 + next() - 0.5;
  switch (dtype) {
    case "int32":
      return Int32Array.from({ length: count }, (_, i) => Math.round(smooth(i) * 2 ** 14));
    case "int64":
      return BigInt64Array.from({ length: count }, (_, i) => BigInt(Math.round(smooth(i) * 2 ** 34)));
    case "float32":
      return Float32Array.from({ length: count }, (_, i) => smooth(i));
    case "float64":
      return Float64Array.from({ length: count }, (_, i) => smooth(i));
  }
}

interface Case {
  label: string;
  dtype: OracleDtype;
  shape: number[];
  data: string;
  options: Record<string, number>;
  /** zfpy's stream (8-bit words, with a header) and what zfpy decodes from it. */
  bytes: string;
  decoded: { shape: number[]; data: string };
}

type Decoded =
  | { ok: true; type: string; shape: number[]; data: string }
  | { ok: false; name: string; tag: string; isZfpyError: boolean; isZfpError: boolean; message: string };
type Encoded = { ok: true; bytes: string } | { ok: false; name: string; message: string };

describeWithOracle("the browser builds in headless Chromium", () => {
  let server: Server;
  let cdn: Server;
  let cdnOrigin: string;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const cases: Case[] = [];

  beforeAll(async () => {
    let seed = 1;
    const inputs = DTYPES.flatMap((dtype) =>
      SHAPES.flatMap((shape) =>
        MODES.map((mode) => {
          const data = toBase64(
            values(
              dtype,
              shape.reduce((a, b) => a * b, 1),
              seed++,
            ),
          );
          return { label: `${dtype} ${shape.join("x")} ${mode.name}`, dtype, shape, data, mode };
        }),
      ),
    );
    const compressed = askZfpy(
      inputs.map(
        ({ dtype, shape, data, mode }) =>
          ({ op: "compress", dtype, shape, data, ...mode.oracle }) as OracleRequest,
      ),
    );
    const decoded = askZfpy(
      compressed.map(
        (answer) => ({ op: "decompress", bytes: answer.ok ? answer.bytes! : "" }) as OracleRequest,
      ),
    );
    inputs.forEach((input, i) => {
      const stream = compressed[i]!;
      const values = decoded[i]!;
      if (!stream.ok || !values.ok)
        throw new Error(`the oracle failed on ${input.label}: ${JSON.stringify([stream, values])}`);
      cases.push({
        label: input.label,
        dtype: input.dtype,
        shape: input.shape,
        data: input.data,
        options: input.mode.options,
        bytes: stream.bytes!,
        decoded: { shape: values.shape!, data: values.data! },
      });
    });

    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A second origin (another port) stands for a CDN: module scripts from it need CORS.
    cdn = await serve(true);
    cdnOrigin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${origin}/page/index.html`);
    await page.waitForFunction(() => (window as unknown as { zfpjsReady?: boolean }).zfpjsReady, null, {
      timeout: 30_000,
    });
    expect(errors).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    rmSync(exampleDir, { recursive: true, force: true });
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await new Promise((resolve) => (cdn ? cdn.close(resolve) : resolve(undefined)));
  });

  type Harness = {
    decode(bytes: string): Decoded;
    encode(request: {
      dtype: string;
      shape: number[];
      data: string;
      options: Record<string, number>;
    }): Encoded;
    decodeInWorker(bytes: string): Promise<Decoded>;
    encodeInWorker(request: {
      dtype: string;
      shape: number[];
      data: string;
      options: Record<string, number>;
    }): Promise<Encoded>;
    readHeader(bytes: string): Record<string, unknown>;
    exported(): Record<string, number>;
    load(url: string): Promise<number | string>;
  };
  const inPage = <T, A>(body: (harness: Harness, arg: A) => T | Promise<T>, arg: A): Promise<T> =>
    page.evaluate(
      ([source, value]) => {
        const fn = new Function("harness", "arg", `return (${source})(harness, arg);`);
        return fn((window as unknown as { zfpjs: Harness }).zfpjs, value);
      },
      [body.toString(), arg] as const,
    ) as Promise<T>;

  for (const where of ["the main thread", "a module Worker"] as const) {
    const worker = where === "a module Worker";
    describe(`on ${where}`, () => {
      for (const dtype of DTYPES) {
        it(`when zfpy's ${dtype} streams (1D to 4D, every mode) are decoded, expect zfpy's values`, async () => {
          const mine = cases.filter((c) => c.dtype === dtype);
          const results = await inPage(
            (harness, { streams, worker }) =>
              Promise.all(
                streams.map((bytes) => (worker ? harness.decodeInWorker(bytes) : harness.decode(bytes))),
              ),
            { streams: mine.map((c) => c.bytes), worker },
          );
          mine.forEach((c, i) => {
            expect(results[i], c.label).toEqual({
              ok: true,
              type: ARRAY_NAMES[dtype],
              shape: c.decoded.shape,
              data: c.decoded.data,
            });
          });
        });

        it(`when ${dtype} arrays (1D to 4D) are compressed in every mode, expect zfpy's bytes`, async () => {
          const mine = cases.filter((c) => c.dtype === dtype);
          const results = await inPage(
            (harness, { requests, worker }) =>
              Promise.all(requests.map((r) => (worker ? harness.encodeInWorker(r) : harness.encode(r)))),
            {
              requests: mine.map(({ dtype, shape, data, options }) => ({ dtype, shape, data, options })),
              worker,
            },
          );
          mine.forEach((c, i) => {
            expect(results[i], c.label).toEqual({ ok: true, bytes: c.bytes });
          });
        });
      }

      it("when bad streams are decoded, expect the typed errors (ZfpError subclasses with a tag) Node raises", async () => {
        const stream = Buffer.from(
          cases.find((c) => c.label === "float64 5x6x7 fixed rate 12")!.bytes,
          "base64",
        );
        const bad = {
          empty: new Uint8Array(0),
          "not zfp": new TextEncoder().encode("definitely not a zfp stream"),
          "cut inside the header": stream.subarray(0, 8),
          truncated: stream.subarray(0, stream.length >> 1),
        };
        const results = await inPage(
          (harness, { streams, worker }) =>
            Promise.all(
              streams.map((bytes) => (worker ? harness.decodeInWorker(bytes) : harness.decode(bytes))),
            ),
          { streams: Object.values(bad).map((bytes) => toBase64(bytes)), worker },
        );
        Object.keys(bad).forEach((label, i) => {
          const result = results[i]!;
          expect(result.ok, label).toBe(false);
          if (result.ok) return;
          expect(result.isZfpyError, label).toBe(true);
          expect(result.isZfpError, label).toBe(true);
          const inNode = (() => {
            try {
              decompress_numpy(bad[label as keyof typeof bad]);
            } catch (error) {
              return error as { name: string; tag: string; message: string };
            }
            throw new Error(`${label} decoded in Node`);
          })();
          expect({ name: result.name, tag: result.tag, message: result.message }, label).toEqual({
            name: inNode.name,
            tag: inNode.tag,
            message: inNode.message,
          });
          expect(result.name, label).toMatch(/^Zfpy(Type|Value|Runtime|Overflow)Error$/);
        });
      });
    });
  }

  it("when the codec and header builds read a zfpy stream's header, expect zfpy's field", async () => {
    const c = cases.find((x) => x.label === "float32 3x4x5x6 fixed precision 14")!;
    const found = await inPage((harness, bytes) => harness.readHeader(bytes), c.bytes);
    expect(found).toEqual({ type: "float", dims: 4, nx: 6, ny: 5, nz: 4, nw: 3 });
    const counts = await inPage((harness) => harness.exported(), null);
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeGreaterThan(0);
  });

  it("when a page imports the zfpy build by a relative URL (no import map), expect a lossless round trip", async () => {
    const other = await browser.newPage();
    const errors: string[] = [];
    other.on("pageerror", (error) => errors.push(String(error)));
    await other.goto(`${origin}/page/relative.html`);
    await other.waitForFunction(
      () => (window as unknown as { relativeResult?: unknown }).relativeResult,
      null,
      {
        timeout: 30_000,
      },
    );
    const result = await other.evaluate(
      () => (window as unknown as { relativeResult: { values: number[]; back: number[] } }).relativeResult,
    );
    await other.close();
    expect(errors).toEqual([]);
    expect(result.back).toEqual(result.values);
  });

  // Every package under packages/ that exports "./browser", today's and tomorrow's.
  const builds = readdirSync(join(root, "packages")).filter((dir) => {
    const file = join(root, "packages", dir, "package.json");
    return existsSync(file) && JSON.parse(readFileSync(file, "utf8")).exports?.["./browser"];
  });

  it("when every package's browser build is read, expect a self-contained module: no import of anything", () => {
    expect(builds).toEqual(expect.arrayContaining(["bitstream", "codec", "header", "zfpy"]));
    for (const name of builds) {
      const text = readFileSync(join(root, "packages", name, "dist", "browser.js"), "utf8");
      expect(/^\s*import[\s{*]|\bimport\(|\brequire\(\s*["']/m.test(text), name).toBe(false);
    }
  });

  it("when every package's browser build is imported from another origin (a CDN) in a module Worker, expect it to load with exports", async () => {
    const counts = await inPage(
      (_harness, urls) =>
        Promise.all(
          urls.map(
            (url) =>
              new Promise((resolve) => {
                const source = `import(${JSON.stringify(url)}).then((m) => postMessage(Object.keys(m).length), (e) => postMessage(String(e)));`;
                const worker = new Worker(
                  URL.createObjectURL(new Blob([source], { type: "text/javascript" })),
                  {
                    type: "module",
                  },
                );
                worker.onmessage = (event) => {
                  resolve(event.data);
                  worker.terminate();
                };
              }),
          ),
        ),
      builds.map((name) => `${cdnOrigin}/pkg/${name}/dist/browser.js`),
    );
    builds.forEach((name, i) => {
      expect(typeof counts[i], `${name}: ${String(counts[i])}`).toBe("number");
      expect(counts[i], name).toBeGreaterThan(0);
    });
  });

  it("when the root README's page example decodes the field.zfp its Python example writes, expect zfpy's values", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const html = join(import.meta.dirname, "..", "page", "example.html");
    expect(readme).toContain(readFileSync(html, "utf8").trim());
    copyFileSync(html, join(exampleDir, "index.html"));
    const script = join(root, "tooling", "package-check", "consumer", "write_field.py");
    const python = spawnSync(PYTHON, [script], { cwd: exampleDir, encoding: "utf8" });
    expect(python.status, python.stderr).toBe(0);
    const bytes = readFileSync(join(exampleDir, "field.zfp"));
    const expected = askZfpyOk({ op: "decompress", bytes: bytes.toString("base64") });
    const values = new Float32Array(new Uint8Array(Buffer.from(expected.data!, "base64")).buffer);
    const other = await browser.newPage();
    const errors: string[] = [];
    other.on("pageerror", (error) => errors.push(String(error)));
    await other.goto(`${origin}/example/`);
    await other.waitForFunction(() => document.body.textContent !== "", null, { timeout: 30_000 });
    const text = await other.evaluate(() => document.body.textContent);
    await other.close();
    expect(errors).toEqual([]);
    expect(text).toBe(`${expected.shape} ${values[0]} ${values[values.length - 1]}`);
  });

  it("when the page imports every browser build from another origin (a CDN), expect it to load with exports", async () => {
    const counts = await inPage(
      (harness, urls) => Promise.all(urls.map((url) => harness.load(url))),
      builds.map((name) => `${cdnOrigin}/pkg/${name}/dist/browser.js`),
    );
    builds.forEach((name, i) => {
      expect(typeof counts[i], `${name}: ${String(counts[i])}`).toBe("number");
      expect(counts[i], name).toBeGreaterThan(0);
    });
  });
});
