// The README's examples are files in examples/; each runs here, and the README shows each verbatim.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe.each(["python-twin.ts", "modes.ts", "headerless.ts", "ported.ts", "random-access.ts"])(
  "given examples/%s",
  (name) => {
    it("when the README is read, expect the example shown verbatim", () => {
      const source = readFileSync(join(root, "examples", name), "utf8").trim();
      expect(readme).toContain(source);
    });

    it("when run, expect it to finish without a failed assertion", async () => {
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        await import(`../examples/${name.replace(/\.ts$/, ".js")}`);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
      }
    });
  },
);
