// Runs after `tsc -p tsconfig.build.json` in every package's build (cwd = the package):
// 1. copies the root LICENSE and NOTICE into the package, so every tarball carries them;
// 2. rewrites dist/**/*.d.ts so they type-check on TypeScript 5.0 to 5.6, which do not know
//    the typed-array generics TypeScript 5.7+ writes (`Int32Array<ArrayBuffer>`), with the
//    same meaning on 5.7+;
// 3. copies the declarations to dist/cjs/ under a {"type": "commonjs"} package.json: the types
//    of the "require" export condition, so TypeScript (5.0 and later) lets CommonJS code
//    `require()` these ES modules, as Node 20.19+ and 22.12+ do (one module instance for
//    `import` and `require`: the JavaScript is the same dist/index.js);
// 4. when the manifest exports "./browser", bundles dist/index.js and everything it imports
//    (workspace packages, ndarray) into one self-contained ES module, dist/browser.js.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync("package.json", "utf8"));

for (const file of ["LICENSE", "NOTICE"]) copyFileSync(join(root, file), file);

// TypeScript 5.7+ writes `Float32Array<ArrayBuffer>`, which 5.0-5.6 reject (not generic).
// `InstanceType<typeof Float32Array>` means exactly that on 5.7+ (what `new` returns) and plain
// `Float32Array` before, the trick @types/ndarray uses; `<ArrayBufferLike>` is the default
// argument, so the bare name says the same. Any other argument stays, and the package check
// (tooling/package-check) fails on it with TypeScript 5.0.
const TYPED_ARRAY =
  "(?:Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float16|Float32|Float64|BigInt64|BigUint64)Array";
const ON_ARRAY_BUFFER = new RegExp(`\\b(${TYPED_ARRAY})<ArrayBuffer>`, "g");
const ON_ARRAY_BUFFER_LIKE = new RegExp(`\\b(${TYPED_ARRAY})<ArrayBufferLike>`, "g");

function declarations(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? declarations(path) : path.endsWith(".d.ts") ? [path] : [];
  });
}

for (const file of declarations("dist")) {
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(ON_ARRAY_BUFFER, "InstanceType<typeof $1>").replace(ON_ARRAY_BUFFER_LIKE, "$1");
  if (fixed !== text) writeFileSync(file, fixed);
}

for (const file of declarations("dist")) {
  const target = join("dist", "cjs", relative("dist", file));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, readFileSync(file, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, ""));
}
writeFileSync(join("dist", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

if (pkg.exports?.["./browser"]) {
  await build({
    entryPoints: ["dist/index.js"],
    outfile: "dist/browser.js",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // Workspace packages resolve to their built dist/ (the "source" condition stays off).
    conditions: [],
    legalComments: "none",
    // Error classes set `name` from the class: keep the names esbuild would rename on collision.
    keepNames: true,
    banner: {
      js: `// ${pkg.name} ${pkg.version}, browser build: one self-contained ES module (BSD-3-Clause; zfp's and bundled MIT licences in NOTICE).`,
    },
    logLevel: "warning",
  });
}
