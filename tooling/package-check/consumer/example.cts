// A CommonJS consumer (TypeScript >= 5.8 with module nodenext understands require of ESM).
import zfpy = require("@zfpjs/zfpy");

const bytes: Uint8Array = zfpy.compress_numpy(new Float64Array([1, 2, 3, 4]));
console.log(Number(zfpy.decompress_numpy(bytes).get(3)));
