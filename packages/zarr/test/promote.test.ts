// 8/16-bit promotion and demotion against libzfp's own zfp_promote_* and zfp_demote_*.
import { describe, expect, it } from "vitest";
import { demote, promote } from "../src/promote.js";
import { askPython, describeWithZarrOracle, fromBase64, toBase64 } from "./support.js";

const TYPES = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array } as const;

/** Every value of the type, in order. */
function everyValue(type: keyof typeof TYPES) {
  const bits = TYPES[type].BYTES_PER_ELEMENT * 8;
  const min = type.startsWith("u") ? 0 : -(2 ** (bits - 1));
  const out = new TYPES[type](2 ** bits);
  for (let i = 0; i < out.length; i++) out[i] = min + i;
  return out;
}

/** int32 values around every boundary of the shifts, the extremes, and a spread in between. */
function int32Samples(): Int32Array {
  const values: number[] = [-2147483648, 2147483647, 0, -1, 1];
  for (const shift of [15, 23])
    for (let k = -300; k <= 300; k++) values.push(k << shift, (k << shift) - 1, (k << shift) + 1);
  let x = 12345;
  for (let i = 0; i < 4000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    values.push(x);
  }
  return Int32Array.from(values);
}

describeWithZarrOracle("given libzfp's zfp_promote_* and zfp_demote_*", () => {
  describe.each(Object.keys(TYPES) as (keyof typeof TYPES)[])("for %s", (type) => {
    it("when every value is promoted and int32 samples demoted, expect libzfp's results", () => {
      const values = everyValue(type);
      const ints = int32Samples();
      const [answer] = askPython([{ op: "promote", type, values: toBase64(values), ints: toBase64(ints) }]);
      const promoted = new Int32Array(fromBase64(answer!.promoted!).buffer);
      const demoted = new TYPES[type](fromBase64(answer!.demoted!).slice().buffer as ArrayBuffer);
      expect(promote(values)).toEqual(promoted);
      const out = new TYPES[type](ints.length);
      demote(ints, out);
      expect(out).toEqual(demoted);
      // demotion undoes promotion
      const back = new TYPES[type](values.length);
      demote(promote(values), back);
      expect(back).toEqual(values);
    });
  });
});
