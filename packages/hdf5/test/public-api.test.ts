import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("given the package entry point, when its exports are listed, expect exactly the documented surface", () => {
  expect(Object.keys(api).sort()).toEqual([
    "ChunkMismatchError",
    "H5Z_FILTER_ZFP",
    "InvalidCdValuesError",
    "decodeChunk",
    "parseCdValues",
    "register",
  ]);
  expect(api.H5Z_FILTER_ZFP).toBe(32013);
});
