// The README's incremental example is examples/incremental.ts: shown verbatim, and run here.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("given examples/incremental.ts", () => {
  it("when the README is read, expect the example shown verbatim", () => {
    const source = readFileSync(join(root, "examples", "incremental.ts"), "utf8").trim();
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(source);
  });

  it("when run, expect it to finish without a failed assertion, having logged its slabs", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("../examples/incremental.js");
      expect(log.mock.calls.length).toBeGreaterThan(5);
    } finally {
      log.mockRestore();
    }
  });
});
