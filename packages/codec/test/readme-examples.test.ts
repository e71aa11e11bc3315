// Runs every ```ts block of README.md (see @zfpjs/tooling/readme-examples).
import { describeReadmeExamples } from "@zfpjs/tooling/readme-examples";
import * as blocks from "../src/blocks.js";
import * as codec from "../src/index.js";

describeReadmeExamples({
  readme: new URL("../README.md", import.meta.url),
  scope: { ...codec, ...blocks },
  testDirectory: new URL(".", import.meta.url),
  minimum: 6,
});
