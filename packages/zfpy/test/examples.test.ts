// The README's examples are files in examples/; each runs here, and the README shows each verbatim.
import { describeExampleFiles } from "@zfpjs/tooling/readme-examples";

describeExampleFiles({
  packageRoot: new URL("../", import.meta.url),
  shown: ["python-twin.ts", "modes.ts", "headerless.ts", "ported.ts", "random-access.ts"],
  runs: [
    { name: "python-twin.ts", load: () => import("../examples/python-twin.js") },
    { name: "modes.ts", load: () => import("../examples/modes.js") },
    { name: "headerless.ts", load: () => import("../examples/headerless.js") },
    { name: "ported.ts", load: () => import("../examples/ported.js") },
    { name: "random-access.ts", load: () => import("../examples/random-access.js") },
  ],
});
