// Run by test/package-check.test.ts inside a fresh folder where the packed tarballs are
// installed: every package imports as ESM, and zfpy round-trips an array (also via ./browser).
import * as bitstream from "@zfpjs/bitstream";
import * as cli from "@zfpjs/cli";
import * as codec from "@zfpjs/codec";
import * as header from "@zfpjs/header";
import * as zfpy from "@zfpjs/zfpy";
import * as zfpyBrowser from "@zfpjs/zfpy/browser";

const values = Float64Array.from({ length: 64 }, (_, i) => Math.sin(i / 7));
const roundTrip = (api) => Array.from(api.decompress_numpy(api.compress_numpy(values)).data);
console.log(
  JSON.stringify({
    exports: Object.fromEntries(
      Object.entries({ bitstream, cli, codec, header, zfpy, zfpyBrowser }).map(([k, m]) => [
        k,
        Object.keys(m).length,
      ]),
    ),
    node: roundTrip(zfpy),
    browser: roundTrip(zfpyBrowser),
    values: Array.from(values),
  }),
);
