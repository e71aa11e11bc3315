// The workspace's shape, as issue 2 fixes it: package names and versions, layering, ESM with
// declarations, and no Node built-ins below the CLI.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const LAYERS: Record<string, string[]> = {
  bitstream: [],
  codec: ["bitstream"],
  header: ["bitstream", "codec"],
  zfpy: ["codec", "header"],
  cli: ["codec", "header", "zfpy"],
};
const BROWSER_SAFE = ["bitstream", "codec", "header", "zfpy"];

function manifest(name: string) {
  return JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/^\s*(?:import|export)[^;]*?from\s+"([^"]+)"/gm),
    ...text.matchAll(/import\("([^"]+)"\)/g),
  ].map((match) => match[1]!);
}

describe("given the five packages", () => {
  it("when listed, expect exactly bitstream, codec, header, zfpy and cli", () => {
    expect(readdirSync(join(root, "packages")).sort()).toEqual(Object.keys(LAYERS).sort());
  });

  for (const [name, allowed] of Object.entries(LAYERS)) {
    describe(`@zfpjs/${name}`, () => {
      const pkg = manifest(name);
      it("when its manifest is read, expect an ESM package in the @zfpjs scope with declarations", () => {
        expect(pkg.name).toBe(`@zfpjs/${name}`);
        expect(pkg.type).toBe("module");
        expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
        expect(pkg.exports["."].types).toBe("./dist/index.d.ts");
        expect(pkg.exports["."].default).toBe("./dist/index.js");
        expect(pkg.engines.node).toBeDefined();
        expect(existsSync(join(root, "packages", name, "README.md"))).toBe(true);
      });

      it("when its dependencies are read, expect only the layers below it", () => {
        const workspace = Object.keys(pkg.dependencies ?? {})
          .filter((dep) => dep.startsWith("@zfpjs/"))
          .map((dep) => dep.slice("@zfpjs/".length));
        expect(workspace.sort()).toEqual([...allowed].sort());
      });

      it("when its sources are scanned, expect imports of declared dependencies only", () => {
        const declared = new Set(Object.keys(pkg.dependencies ?? {}));
        for (const file of sources(join(root, "packages", name, "src"))) {
          for (const specifier of imports(file)) {
            if (specifier.startsWith(".")) continue;
            const isNode =
              specifier.startsWith("node:") ||
              /^(fs|path|os|crypto|child_process|url|util|stream)(\/|$)/.test(specifier);
            if (BROWSER_SAFE.includes(name)) expect(isNode, `${file} imports ${specifier}`).toBe(false);
            if (isNode) continue;
            const bare = specifier.startsWith("@")
              ? specifier.split("/").slice(0, 2).join("/")
              : specifier.split("/")[0]!;
            expect(declared.has(bare) || bare === pkg.name, `${file} imports undeclared ${specifier}`).toBe(
              true,
            );
          }
        }
      });

      it("when its sources are scanned, expect no use of Node's globals in browser-safe packages", () => {
        if (!BROWSER_SAFE.includes(name)) return;
        for (const file of sources(join(root, "packages", name, "src"))) {
          const text = readFileSync(file, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
          expect(/\bBuffer\.|\bprocess\.|\brequire\(/.test(text), file).toBe(false);
        }
      });
    });
  }
});

describe("given the workspace root", () => {
  const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  it("when its manifest is read, expect it to depend on @zfpjs/cli so that node_modules/.bin/zfpjs exists", () => {
    expect(rootManifest.dependencies["@zfpjs/cli"]).toBe("workspace:*");
    expect(manifest("cli").bin.zfpjs).toBeDefined();
  });

  it("when changesets are configured, expect every package versioned on its own", () => {
    const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8"));
    expect(config.fixed).toEqual([]);
    expect(config.linked).toEqual([]);
  });
});
