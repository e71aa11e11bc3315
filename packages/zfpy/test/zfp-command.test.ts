// Interoperability with the `zfp` command (zfp's utils/zfp.c): streams it writes with -h decode
// with decompress_numpy to its own values, shaped as the reversed -1..-4 sizes, and the expert
// parameters of `-c` (which zfpy cannot write) survive through the header.
import { describeWithOracle, runZfp } from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { compress_numpy, decompress_numpy, header } from "../src/index.js";
import { bytesOf, compareBytes, fill } from "./arrays.js";

const TYPES = { int32: "i32", int64: "i64", float32: "f32", float64: "f64" } as const;
const SHAPES = [[37], [9, 11], [5, 3, 7], [2, 5, 3, 6]];
const MODES = [["-R"], ["-r", "6"], ["-p", "14"], ["-a", "0.01"], ["-c", "10", "300", "20", "-12"]];

describeWithOracle(
  "streams of the zfp command",
  () => {
    for (const [dtype, t] of Object.entries(TYPES) as [keyof typeof TYPES, string][]) {
      describe(`given ${dtype} data`, () => {
        it.each(
          SHAPES.flatMap((shape) =>
            MODES.map((mode) => [shape.join("x"), mode.join(" "), shape, mode] as const),
          ),
        )(
          "when zfp -h compresses shape %s with %s, expect decompress_numpy to give zfp's values",
          (_, __, shape, mode) => {
            const data = fill(dtype, shape, shape.length * 3);
            const sizes = [...shape].reverse().map(String);
            const compressed = runZfp(
              ["-t", t, `-${shape.length}`, ...sizes, ...mode, "-h", "-i", "in", "-z", "z"],
              {
                in: bytesOf(data),
              },
            );
            expect(compressed.status, compressed.stderr).toBe(0);
            const stream = compressed.files.z!;
            const decoded = runZfp(["-h", "-z", "z", "-o", "out"], { z: stream });
            expect(decoded.status, decoded.stderr).toBe(0);
            const values = decompress_numpy(stream);
            expect(values.shape).toEqual(shape);
            expect(compareBytes(bytesOf(values.data), decoded.files.out!)).toBe("equal");
            if (mode[0] !== "-c") {
              // zfpy's modes give the command's bytes too (the command floors low rates likewise).
              const options =
                mode[0] === "-R"
                  ? {}
                  : { [{ "-r": "rate", "-p": "precision", "-a": "tolerance" }[mode[0]!]!]: Number(mode[1]) };
              expect(
                compareBytes(compress_numpy(ndarray(data, shape), { ...options, wordBits: 8 }), stream),
              ).toBe("equal");
            } else {
              expect(header(stream)).toMatchObject({
                mode: "expert",
                minbits: 10,
                maxbits: 300,
                maxprec: 20,
                minexp: -12,
              });
            }
          },
        );
      });
    }
  },
  { zfp: true },
);
