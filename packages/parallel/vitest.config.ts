// Shared configuration, plus "@zfpjs/parallel" resolving to this package's Node entry (sources)
// so the README examples in examples/ run as a user would write them.
import { fileURLToPath } from "node:url";
import { mergeConfig } from "vitest/config";
import shared from "../../tooling/vitest/config.js";

export default mergeConfig(shared, {
  resolve: { alias: { "@zfpjs/parallel": fileURLToPath(new URL("./src/node.ts", import.meta.url)) } },
});
