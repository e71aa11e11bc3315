// The CommonJS twin of esm.mjs: require() of the ES modules (Node 20.19+ or 22.12+, the engines range).
const bitstream = require("@zfpjs/bitstream");
const cli = require("@zfpjs/cli");
const codec = require("@zfpjs/codec");
const header = require("@zfpjs/header");
const zfpy = require("@zfpjs/zfpy");
const zfpyBrowser = require("@zfpjs/zfpy/browser");

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
