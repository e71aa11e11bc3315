// Every function of the package given null, undefined or values of the wrong kind: a typed
// ZfpError with a message that names what was given, never a raw TypeError or a wrong result.
import { BitStream, fixedRate, isZfpError } from "@zfpjs/codec";
import { describe, expect, it } from "vitest";
import * as header from "../src/index.js";

const config = fixedRate(8, { type: "float", dims: 1 });
const BAD: readonly unknown[] = [null, undefined, 7, "x", {}, [], Object.create(null), true, 16n];

/** Calls that must refuse a bad argument (`undefined` where a default exists is left out). */
const CALLS: Record<string, { run: (v: unknown) => unknown; accepts?: (v: unknown) => boolean }> = {
  "headerBits(config)": { run: (v) => header.headerBits(v as never) },
  "headerBits(config, mask)": {
    run: (v) => header.headerBits(config, v as never),
    accepts: (v) => v === undefined || v === 7,
  },
  "writeHeader(stream)": { run: (v) => header.writeHeader(v as never, { type: "float", nx: 4 }, config) },
  "writeHeader(stream, field)": {
    run: (v) => header.writeHeader(new BitStream(new Uint8Array(64)), v as never, config),
  },
  "writeHeader(stream, field, config)": {
    run: (v) => header.writeHeader(new BitStream(new Uint8Array(64)), { type: "float", nx: 4 }, v as never),
  },
  "readHeader(stream)": { run: (v) => header.readHeader(v as never) },
  "readHeader(stream, mask)": {
    run: (v) => header.readHeader(new BitStream(new Uint8Array(64)), v as never),
    accepts: () => false, // 7 and the default read garbage as a header: BadMagic, also typed
  },
  "readHeader(stream, mask, options)": {
    run: (v) => header.readHeader(new BitStream(new Uint8Array(64)), 2, v as never),
    accepts: (v) => v === undefined || (typeof v === "object" && v !== null),
  },
  "fieldFromMeta(meta)": { run: (v) => header.fieldFromMeta(v as never), accepts: (v) => v === 7 },
  "headerDims(field)": { run: (v) => header.headerDims(v as never) },
  "maxHeaderSize(dims)": { run: (v) => header.maxHeaderSize(v as never) },
  "metaValue(field)": { run: (v) => header.metaValue(v as never) },
  "checkConfig(config)": { run: (v) => header.checkConfig(v as never) },
  "configFromMode(mode)": {
    run: (v) => header.configFromMode(v as never),
    accepts: (v) => v === 7 || v === 16n,
  },
  "headerConfig(config)": { run: (v) => header.headerConfig(v as never) },
  "modeValue(config)": { run: (v) => header.modeValue(v as never) },
  "survivesHeader(config)": { run: (v) => header.survivesHeader(v as never) },
  "modeToBigInt(mode)": { run: (v) => header.modeToBigInt(v as never) },
  "describeHeader(header)": {
    run: (v) => header.describeHeader(v as never),
    accepts: (v) => typeof v === "object" && v !== null, // {} and [] describe "nothing read"
  },
};

describe("given each function of the package and arguments of the wrong kind", () => {
  for (const [name, { run, accepts }] of Object.entries(CALLS)) {
    it(`when ${name} gets null, undefined, numbers, strings or prototype-less objects, expect typed errors`, () => {
      for (const value of BAD) {
        let error: unknown;
        try {
          run(value);
        } catch (e) {
          error = e;
        }
        if (error === undefined) {
          expect(
            accepts?.(value),
            `${name} accepted ${String(typeof value)} ${typeof value === "object" ? "object" : String(value)}`,
          ).toBe(true);
          continue;
        }
        expect(isZfpError(error), `${name}: ${(error as Error).message}`).toBe(true);
        expect((error as Error).message).not.toMatch(/\[object|Cannot (read|convert|destructure)/);
      }
    });
  }

  it("when null is described, expect a message naming what was given (today: an untyped TypeError)", () => {
    expect(() => header.readHeader(null as never)).toThrow(
      "readHeader needs a BitStream (from @zfpjs/bitstream), got null",
    );
    expect(() => header.maxHeaderSize(7 as never)).toThrow("dims must be 1, 2, 3 or 4, got 7");
    expect(() => header.modeToBigInt({} as never)).toThrow(
      "mode halves must be unsigned 32-bit integers, got undefined and undefined",
    );
    expect(() => header.fieldFromMeta(Object.create(null))).toThrow(
      "a meta value is an integer in 0..2^52-1, got an object",
    );
  });
});
