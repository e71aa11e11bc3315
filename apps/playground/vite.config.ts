// The playground is a static site: `vite build` writes dist/ with relative URLs, so it works from
// any static host (or a subfolder). The zfpjs packages are bundled from their TypeScript sources.
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  base: "./",
  resolve: { conditions: ["source", ...defaultClientConditions] },
  // The tests import the packages in Node from their sources too.
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  worker: { format: "es" },
  build: { outDir: "dist", target: "es2022", chunkSizeWarningLimit: 1024 },
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
});
