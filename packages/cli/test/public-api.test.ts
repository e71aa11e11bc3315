import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("given the package entry, when listing its exports, expect the documented surface", () => {
  expect(Object.keys(api).sort()).toEqual([
    "NpyFormatError",
    "formatExponential",
    "formatFixed",
    "formatGeneral",
    "main",
    "parseCompatArgs",
    "readNpy",
    "scanDouble",
    "scanInt",
    "scanSize",
    "scanUnsigned",
    "version",
    "writeNpy",
  ]);
});
