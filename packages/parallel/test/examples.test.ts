// The README's Node example is examples/node.ts; it runs here, and the README shows it verbatim.
// The browser example (examples/browser.ts) runs in Chromium in browser.test.ts.
import { describeExampleFiles } from "@zfpjs/tooling/readme-examples";
import { expect } from "vitest";

describeExampleFiles({
  packageRoot: new URL("../", import.meta.url),
  shown: ["node.ts", "browser.ts"],
  runs: [
    {
      name: "node.ts",
      load: () => import("../examples/node.js"),
      logs: ["64x48x32, 64x48x32", expect.stringMatching(/^from \d+ threads$/)],
    },
  ],
});
