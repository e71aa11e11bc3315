// The one deliberate difference from zfpy: fixed rates below a float or double block's header are
// raised to it (9 bits per block for float32, 12 for float64) with the array's type, as zfp's
// command-line tool does, where zfpy passes no type and overruns its own buffer. The expected
// bytes come from Debian's `zfp` command on the same data.
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { describeWithOracle, runZfp } from "@zfpjs/tooling/oracle";
import ndarray from "ndarray";
import { describe, expect, it } from "vitest";
import { _decompress, compress_numpy, decompress_numpy, dtype_to_ztype, header } from "../src/index.js";
import { bytesOf, compareBytes, fill } from "./arrays.js";

const CASES = [
  { dtype: "float32", shape: [7], rate: 1 },
  { dtype: "float32", shape: [7], rate: 0 },
  { dtype: "float32", shape: [7], rate: -0 },
  { dtype: "float32", shape: [7], rate: Number.POSITIVE_INFINITY },
  { dtype: "float32", shape: [9, 10], rate: 0.5 },
  { dtype: "float32", shape: [3, 5, 6], rate: 0.1 },
  { dtype: "float64", shape: [13], rate: 2 },
  { dtype: "float64", shape: [6, 7], rate: 0.25 },
  { dtype: "float64", shape: [2, 3, 4, 5], rate: 0.01 },
] as const;

function toolArgs(dtype: string, shape: readonly number[], rate: number): string[] {
  const sizes = [...shape].reverse().map(String); // -2 nx ny: x fastest, the C shape reversed
  const rateText = Number.isFinite(rate) ? (Object.is(rate, -0) ? "-0" : String(rate)) : "inf";
  return [dtype === "float32" ? "-f" : "-d", `-${shape.length}`, ...sizes, "-r", rateText];
}

describeWithOracle(
  "fixed rates below a float block's header",
  () => {
    describe.each(CASES.map((c) => [`${c.shape.length}D ${c.dtype} at rate ${String(c.rate)}`, c] as const))(
      "given %s",
      (_, c) => {
        const data = fill(c.dtype, c.shape, 5);
        const array = ndarray(data, [...c.shape]);
        const args = toolArgs(c.dtype, c.shape, c.rate);

        it("when compressed, expect the zfp command's bytes (its per-type floor), with and without header", () => {
          const input = { "in.raw": bytesOf(data) };
          const withHeader = runZfp([...args, "-h", "-i", "in.raw", "-z", "out.zfp"], input);
          expect(withHeader.status, withHeader.stderr).toBe(0);
          const plain = runZfp([...args, "-i", "in.raw", "-z", "out.zfp"], input);
          expect(plain.status, plain.stderr).toBe(0);
          const ours = compress_numpy(array, { rate: c.rate, wordBits: 8 });
          expect(compareBytes(ours, withHeader.files["out.zfp"]!)).toBe("equal");
          const oursRaw = compress_numpy(array, { rate: c.rate, write_header: false, wordBits: 8 });
          expect(compareBytes(oursRaw, plain.files["out.zfp"]!)).toBe("equal");
          // The header says fixed rate at the floor: 9 or 12 bits per block.
          const floor = c.dtype === "float32" ? 9 : 12;
          const info = header(ours);
          expect(info.mode).toBe("fixed-rate");
          expect(info.maxbits).toBe(
            Math.max(floor, codec.fixedRate(c.rate, { type: null, dims: c.shape.length as 1 }).maxbits),
          );
        });

        it("when decompressed, expect the zfp command's values, and _decompress to agree with the same rate", () => {
          const bytes = compress_numpy(array, { rate: c.rate, wordBits: 8 });
          const decoded = runZfp(["-h", "-z", "in.zfp", "-o", "out.raw"], { "in.zfp": bytes });
          expect(decoded.status, decoded.stderr).toBe(0);
          const values = decompress_numpy(bytes);
          expect(compareBytes(bytesOf(values.data), decoded.files["out.raw"]!)).toBe("equal");
          const raw = compress_numpy(array, { rate: c.rate, write_header: false });
          const back = _decompress(raw, dtype_to_ztype(c.dtype), [...c.shape], { rate: c.rate });
          expect(compareBytes(bytesOf(back.data), bytesOf(values.data))).toBe("equal");
        });
      },
    );

    describe("given the stream zfpy writes at such a rate when it survives (rate set with no type)", () => {
      it.each(CASES.map((c) => [`${c.shape.length}D ${c.dtype} at rate ${String(c.rate)}`, c] as const))(
        "when %s is read with decompress_numpy, expect the zfp command's values",
        (_, c) => {
          // Built with the layers below exactly as zfpy builds it: set_rate(rate, type none).
          const data = fill(c.dtype, c.shape, 5);
          const type = c.dtype === "float32" ? "float" : "double";
          const field = {
            type,
            data,
            ...Object.fromEntries(
              ["nx", "ny", "nz", "nw"].map((k, i) => [k, [...c.shape].reverse()[i] ?? 0]),
            ),
          } as codec.Field;
          const config = codec.fixedRate(c.rate, { type: null, dims: c.shape.length as 1 | 2 | 3 | 4 });
          const stream = new codec.BitStream(new Uint8Array(codec.maximumSize(config, field, 8)), {
            wordBits: 8,
          });
          zfpHeader.writeHeader(stream, field, config);
          const size = codec.compress(stream, config, field);
          const bytes = stream.bytes.slice(0, size);
          const decoded = runZfp(["-h", "-z", "in.zfp", "-o", "out.raw"], { "in.zfp": bytes });
          expect(decoded.status, decoded.stderr).toBe(0);
          expect(compareBytes(bytesOf(decompress_numpy(bytes).data), decoded.files["out.raw"]!)).toBe(
            "equal",
          );
        },
      );
    });
  },
  { zfp: true },
);
