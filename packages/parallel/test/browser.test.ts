// The browser entry in a real browser: its module Worker build runs in headless Chromium
// (/usr/bin/chromium, driven by playwright-core; nothing is downloaded), once in a
// cross-origin-isolated page (SharedArrayBuffer) and once in a plain one (transfers).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, launchChromium } from "@zfpjs/tooling/chromium";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = import.meta.dirname;

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  dir = mkdtempSync(join(tmpdir(), "zfpjs-parallel-browser-"));
  // The page and the worker as two ES modules side by side: the pool finds the worker at
  // new URL("./worker.js", import.meta.url), as in the package's dist/.
  await build({
    entryPoints: {
      page: join(here, "browser", "page.ts"),
      example: join(here, "..", "examples", "browser.ts"),
      worker: join(here, "..", "src", "worker.ts"),
    },
    alias: { "@zfpjs/parallel": join(here, "..", "src", "index.ts") },
    outdir: dir,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["source"],
    logLevel: "silent",
  });
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const isolated = url.pathname.startsWith("/isolated/");
    const name = url.pathname.replace(/^\/(isolated|plain)\//, "");
    const headers: Record<string, string> = isolated
      ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }
      : {};
    if (name === "index.html" || name === "example.html") {
      const script = name === "index.html" ? "page.js" : "example.js";
      response.writeHead(200, { ...headers, "Content-Type": "text/html" });
      response.end(`<!doctype html><script type="module" src="${script}"></script>`);
    } else if (["page.js", "example.js", "worker.js"].includes(name)) {
      response.writeHead(200, { ...headers, "Content-Type": "text/javascript" });
      response.end(readFileSync(join(dir, name)));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ["a cross-origin-isolated page", "isolated", true],
  ["a plain page", "plain", false],
] as const)("given %s in Chromium", (_, path, shared) => {
  it("when the pool's module workers compress and decompress, expect zfpy's bytes and values and typed errors", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/${path}/index.html`);
      const handle = await page.waitForFunction(
        () => (globalThis as { zfpjsResult?: unknown }).zfpjsResult,
        null,
        {
          timeout: 60_000,
        },
      );
      const result = (await handle.jsonValue()) as {
        failed?: string;
        checks: Record<string, boolean>;
        errorName: string;
        errorTag: string;
        sharedMemory: boolean;
        isolated: boolean;
      };
      expect(result.failed).toBeUndefined();
      expect(Object.keys(result.checks)).toHaveLength(10);
      for (const [name, ok] of Object.entries(result.checks)) expect(ok, name).toBe(true);
      expect(result.errorName).toBe("ZfpyRuntimeError");
      expect(result.errorTag).toBe("ZfpyRuntime");
      expect(result.isolated).toBe(shared);
      expect(result.sharedMemory).toBe(shared);
    } finally {
      await page.close();
    }
  });

  it("when the README's browser example (examples/browser.ts) runs, expect its line on the console", async () => {
    const page = await browser.newPage();
    try {
      const logged = page.waitForEvent("console", { predicate: (m) => m.text().includes("bytes, shape") });
      const failed = new Promise<never>((_, reject) => page.on("pageerror", reject));
      await page.goto(`${base}/${path}/example.html`);
      const message = await Promise.race([logged, failed]);
      expect(message.text()).toMatch(new RegExp(`^\\d+ bytes, shape 40,40,40, shared memory: ${shared}$`));
    } finally {
      await page.close();
    }
  });
});
