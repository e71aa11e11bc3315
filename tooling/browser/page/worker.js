// A module Worker that loads the zfpy build by relative URL (import maps do not reach workers).
import * as zfpy from "../pkg/zfpy/dist/browser.js";
import { decode, encode } from "./codec.js";

self.onmessage = (event) => {
  const { id, op, bytes, request } = event.data;
  const result = op === "decode" ? decode(zfpy, bytes) : encode(zfpy, request);
  self.postMessage({ id, result });
};
