// The README's Node example is examples/node.ts; it runs here, and the README shows it verbatim.
// The browser example (examples/browser.ts) runs in Chromium in browser.test.ts.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe.each(["node.ts", "browser.ts"])("given examples/%s", (name) => {
  it("when the README is read, expect the example shown verbatim", () => {
    const source = readFileSync(join(root, "examples", name), "utf8").trim();
    expect(readme).toContain(source);
  });
});

describe("given examples/node.ts", () => {
  it("when run, expect it to finish without a failed assertion", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("../examples/node.js");
      expect(log).toHaveBeenCalledWith("64x48x32, 64x48x32", expect.stringMatching(/^from \d+ threads$/));
    } finally {
      log.mockRestore();
    }
  });
});
