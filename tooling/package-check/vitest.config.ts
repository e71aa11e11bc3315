// The shared configuration; the checks run in parallel after one npm install, and a test waits
// for its own check, so a test may wait for most of the suite under load.
import { mergeConfig } from "vitest/config";
import shared from "../vitest/config.js";

export default mergeConfig(shared, { test: { testTimeout: 300_000 } });
