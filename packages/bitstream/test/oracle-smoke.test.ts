import { askZfpyOk, describeWithOracle, fromBase64, pyNumber, toBase64 } from "@zfpjs/tooling/oracle";
import { expect, it } from "vitest";
import { BitStream } from "../src/index.js";

describeWithOracle("bit layout matches zfpy (8-bit words)", () => {
  it("writes the magic word of a zfpy header as zfpy does", () => {
    const answer = askZfpyOk({
      op: "compress",
      dtype: "float32",
      shape: [4],
      data: toBase64(new Float32Array([1, 2, 3, 4])),
      precision: pyNumber(8),
    });
    const expected = fromBase64(answer.bytes!);
    const stream = new BitStream(new Uint8Array(4), { wordBits: 8 });
    for (const byte of [0x7a, 0x66, 0x70, 5]) stream.writeBits(byte, 8);
    stream.flush();
    expect(stream.bytes).toEqual(expected.subarray(0, 4));
  });
});
