// The playground is a static site: `vite build` writes dist/ with relative URLs, so it works from
// any static host (or a subfolder). The zfpjs packages are bundled from their TypeScript sources.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// @zfpjs/parallel's browser entry starts `new URL("./worker.js", import.meta.url)`, which Vite
// copies as a file instead of bundling; the page bundles the pool's worker module itself
// (`zfpjs-parallel-worker?worker&url`, the package's published src/worker.ts) and passes its URL.
const parallel = dirname(createRequire(import.meta.url).resolve("@zfpjs/parallel/package.json"));

export default defineConfig({
  base: "./",
  resolve: {
    conditions: ["source", ...defaultClientConditions],
    alias: [{ find: /^zfpjs-parallel-worker(?=\?|$)/, replacement: join(parallel, "src", "worker.ts") }],
  },
  // The tests import the packages in Node from their sources too.
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  worker: { format: "es" },
  build: { outDir: "dist", target: "es2022", chunkSizeWarningLimit: 1024 },
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
