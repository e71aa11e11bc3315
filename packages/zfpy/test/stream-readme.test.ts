// The README's streaming example is examples/streaming.ts: shown verbatim, and run here.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("given examples/streaming.ts", () => {
  it("when the README is read, expect the example shown verbatim", () => {
    const source = readFileSync(join(root, "examples", "streaming.ts"), "utf8").trim();
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(source);
  });

  it("when run, expect it to finish without a failed assertion, having logged every slab", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("../examples/streaming.js");
      expect(log.mock.calls.map((call) => String(call[0]))).toEqual([
        "rows 0..63 of 300",
        "rows 64..127 of 300",
        "rows 128..191 of 300",
        "rows 192..255 of 300",
        "rows 256..299 of 300",
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
