// Shared configuration, plus "@zfpjs/zarr" resolving to this package's sources so the README
// examples in examples/ run as a user would write them.
import { fileURLToPath } from "node:url";
import { mergeConfig } from "vitest/config";
import shared from "../../tooling/vitest/config.js";

export default mergeConfig(shared, {
  resolve: { alias: { "@zfpjs/zarr": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
});
