// A CommonJS consumer: require() and a default import of the ES modules (Node 20.19+ or
// 22.12+), typed through the packages' "require" declarations from TypeScript 5.0.
import zfpy = require("@zfpjs/zfpy");

import codec from "@zfpjs/codec";

const bytes: Uint8Array = zfpy.compress_numpy(new Float64Array([1, 2, 3, 4]));
console.log(Number(zfpy.decompress_numpy(bytes).get(3)), typeof codec.compress);
