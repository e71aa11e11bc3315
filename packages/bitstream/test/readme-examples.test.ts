// Runs every ```ts block of README.md (see @zfpjs/tooling/readme-examples).
import { describeReadmeExamples } from "@zfpjs/tooling/readme-examples";
import * as bitstream from "../src/index.js";

describeReadmeExamples({
  readme: new URL("../README.md", import.meta.url),
  scope: { ...bitstream },
  testDirectory: new URL(".", import.meta.url),
  minimum: 8,
});
