import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NpyFormatError, readNpy, writeNpy } from "../src/npy.js";

// Robustness of the .npy reader: any damage to a valid file gives a result or a NpyFormatError,
// never another exception, and nothing is allocated beyond what the file holds.
const valid = new Uint8Array(
  Buffer.concat(
    writeNpy({ dtype: "float64", shape: [3, 4], fortranOrder: true, data: new Float64Array(12).fill(1.5) }),
  ),
);

function readOrFormatError(bytes: Uint8Array): void {
  try {
    const array = readNpy(bytes);
    expect(array.data.byteLength).toBeLessThanOrEqual(bytes.length);
  } catch (error) {
    if (!(error instanceof NpyFormatError)) throw error;
  }
}

describe("given damaged .npy files", () => {
  it("when bytes are flipped, cut or appended, expect a result or a NpyFormatError", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(valid.length),
        fc.uint8Array({ maxLength: 16 }),
        (flips, cut, tail) => {
          const bytes = new Uint8Array(valid);
          for (const [at, value] of flips) bytes[at] = value;
          readOrFormatError(new Uint8Array([...bytes.subarray(0, cut), ...tail]));
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("when the header text is replaced by arbitrary text, expect a result or a NpyFormatError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom(1, 2, 3), (text, major) => {
        const header = new TextEncoder().encode(text);
        const prefix = major === 1 ? 10 : 12;
        const bytes = new Uint8Array(prefix + header.length + 64);
        bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
        const view = new DataView(bytes.buffer);
        if (major === 1) view.setUint16(8, header.length, true);
        else view.setUint32(8, header.length, true);
        bytes.set(header, prefix);
        readOrFormatError(bytes);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("when a header claims a huge shape, expect a truncation error before any allocation", () => {
    const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000, 100000), }";
    const bytes = new Uint8Array(10 + text.length);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length, 0]);
    bytes.set(new TextEncoder().encode(text), 10);
    expect(() => readNpy(bytes)).toThrow(/needs 8000000000000000 bytes of data, found 0/);
  });
});
