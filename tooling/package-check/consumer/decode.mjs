import { readFileSync } from "node:fs";
import { decompress_numpy } from "@zfpjs/zfpy";

const field = decompress_numpy(readFileSync("field.zfp")); // an ndarray, shaped like numpy's
console.log(field.shape, field.get(0, 0), field.get(99, 199));
