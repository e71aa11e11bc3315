import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("given the package entry point, when its exports are listed, expect exactly the documented surface", () => {
  expect(Object.keys(api).sort()).toEqual([
    "CODEC_NAMES",
    "ChunkMismatchError",
    "InvalidCodecConfigError",
    "UnsupportedChunkError",
    "parseZfpConfig",
    "parseZfpyConfig",
    "register",
    "zfpCodecEntry",
    "zfpyCodecEntry",
  ]);
});

it("given the codec names, when listed, expect numcodecs.zfpy, zfp and zarrs' aliases", () => {
  expect(api.CODEC_NAMES).toEqual({
    zfpy: ["numcodecs.zfpy"],
    zfp: ["zfp", "zarrs.zfp", "https://codec.zarrs.dev/array_to_bytes/zfp"],
  });
});
