// The playground is a static site: `vite build` writes dist/ with relative URLs, so it works from
// any static host (or a subfolder).
//
// The static build is made of what npm users get: the packages' browser builds
// (`@zfpjs/<name>/browser`, one self-contained module each, built by `pnpm build`; turbo builds
// them first) and @zfpjs/parallel's built dist/. The dev server (`pnpm playground`) and the tests'
// Node side use the TypeScript sources (the "source" condition), so no package build is needed
// there.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// @zfpjs/parallel's browser entry starts `new URL("./worker.js", import.meta.url)`, which Vite
// copies as a file instead of bundling; the page bundles the pool's worker module itself
// (`zfpjs-parallel-worker?worker&url`) and passes its URL as `workerUrl`.
const parallel = dirname(createRequire(import.meta.url).resolve("@zfpjs/parallel/package.json"));

export default defineConfig(({ command }) => {
  const built = command === "build";
  return {
    base: "./",
    resolve: {
      conditions: built ? [...defaultClientConditions] : ["source", ...defaultClientConditions],
      alias: [
        {
          find: /^zfpjs-parallel-worker(?=\?|$)/,
          replacement: built ? join(parallel, "dist", "worker.js") : join(parallel, "src", "worker.ts"),
        },
        ...(built
          ? [{ find: /^@zfpjs\/(bitstream|codec|header|zfpy)$/, replacement: "@zfpjs/$1/browser" }]
          : []),
      ],
    },
    // The tests import the packages in Node from their sources too.
    ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
    worker: { format: "es" },
    build: { outDir: "dist", target: "es2022", chunkSizeWarningLimit: 1024 },
    test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
  };
});
