// What a user gets from the registry: every package under packages/ is packed as `pnpm publish`
// would pack it, linted (publint, arethetypeswrong), installed from the tarballs into a fresh
// folder with npm, imported as ESM and required as CommonJS, and type-checked as a consumer
// would with TypeScript 5.0 and the current 5.x. Needs the packages built (turbo: ^build) and
// the npm registry (typescript). See CONTRIBUTING.md, "Publishing".
import { execFile, execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { askZfpyOk, describeWithOracle, PYTHON } from "@zfpjs/tooling/oracle";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const here = join(import.meta.dirname, "..");
const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");
const rootNotice = readFileSync(join(root, "NOTICE"), "utf8");

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  repository?: { url?: string };
  exports?: Record<string, unknown>;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  publishConfig?: { exports?: Record<string, unknown> };
}

const read = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const published = readdirSync(join(root, "packages"))
  .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({ dir, manifest: read<Manifest>(join(root, "packages", dir, "package.json")) }))
  .filter(({ manifest }) => !manifest.private);
const privateNames = new Set(
  ["tooling", ...readdirSync(join(root, "tooling")).map((dir) => join("tooling", dir))]
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => read<Manifest>(join(root, dir, "package.json")))
    .filter((manifest) => manifest.private)
    .map((manifest) => manifest.name),
);

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Outcome {
  status: number | null;
  output: string;
}

// The slow checks (publint, attw, node, tsc) start together once the tarballs are installed,
// so the suite's wall time is about that of the slowest; each test awaits its own.
const jobs = new Map<string, Promise<Outcome>>();
function start(key: string, command: string, args: string[], cwd: () => string): void {
  jobs.set(
    key,
    new Promise((resolve) => {
      execFile(
        command,
        args,
        { cwd: cwd(), encoding: "utf8", maxBuffer: 64 << 20 },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ status, output: `${stdout}${stderr}` });
        },
      );
    }),
  );
}
const later: Array<() => void> = [];
const outcome = (key: string): Promise<Outcome> => jobs.get(key)!;

let work: string;
let consumer: string;
const tarballs = new Map<string, string>();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "zfpjs-package-check-"));
  consumer = join(work, "consumer");
  for (const { dir, manifest } of published) {
    execFileSync("pnpm", ["pack", "--pack-destination", work], {
      cwd: join(root, "packages", dir),
      stdio: "pipe",
    });
    const file = `${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`;
    tarballs.set(dir, join(work, file));
  }
  execFileSync("mkdir", ["-p", consumer]);
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  for (const file of readdirSync(join(here, "consumer")))
    copyFileSync(join(here, "consumer", file), join(consumer, file));
  const install = run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=error",
      ...tarballs.values(),
      "ts50@npm:typescript@5.0",
      "ts5@npm:typescript@5",
    ],
    consumer,
  );
  if (install.status !== 0) throw new Error(`npm install of the tarballs failed:\n${install.output}`);
  for (const launch of later) launch();
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("given every package under packages/, packed as it would be published", () => {
  it("when listed, expect the five published packages at least", () => {
    expect(published.map(({ dir }) => dir)).toEqual(
      expect.arrayContaining(["bitstream", "codec", "header", "zfpy", "cli"]),
    );
  });

  it("when this suite's manifest is read, expect each of them as a devDependency, so turbo builds them first", () => {
    const own = read<Manifest>(join(here, "package.json"));
    for (const { manifest } of published)
      expect(own.devDependencies?.[manifest.name], manifest.name).toBe("workspace:*");
  });

  for (const { dir, manifest: source } of published) {
    describe(`@zfpjs/${dir}`, () => {
      const tarball = () => tarballs.get(dir)!;
      const entries = () => execFileSync("tar", ["-tzf", tarball()], { encoding: "utf8" }).split("\n");
      const packed = () =>
        JSON.parse(
          execFileSync("tar", ["-xzOf", tarball(), "package/package.json"], { encoding: "utf8" }),
        ) as Manifest;
      const text = (path: string) =>
        execFileSync("tar", ["-xzOf", tarball(), `package/${path}`], { encoding: "utf8" });

      it("when its tarball is listed, expect LICENSE and NOTICE identical to the root's", () => {
        expect(text("LICENSE")).toBe(rootLicense);
        expect(text("NOTICE")).toBe(rootNotice);
        expect(packed().license).toBe("BSD-3-Clause");
      });

      it("when its `files` are read, expect each to exist in the tarball", () => {
        const listed = entries();
        for (const file of source.files ?? []) {
          expect(
            listed.some((entry) => entry === `package/${file}` || entry.startsWith(`package/${file}/`)),
            file,
          ).toBe(true);
        }
      });

      it("when its packed manifest is read, expect no source condition, no private or workspace dependency, no placeholder", () => {
        const manifest = packed();
        expect(JSON.stringify(manifest.exports)).not.toContain('"source"');
        expect(
          source.publishConfig?.exports,
          "publishConfig.exports replaces exports at pack time",
        ).toBeDefined();
        for (const field of ["dependencies", "devDependencies"] as const) {
          for (const [name, range] of Object.entries(manifest[field] ?? {})) {
            expect(privateNames.has(name), `${field} ${name}`).toBe(false);
            expect(range, `${field} ${name}`).not.toMatch(/^workspace:/);
          }
        }
        expect(JSON.stringify(manifest)).not.toContain("example.invalid");
        expect(manifest.engines?.node).toBe("^20.19.0 || >=22.12.0");
      });

      // The one message let through is the deliberate CommonJS view of these ES modules
      // (tooling/build/finish-package.mjs, step 3): publint fears a default import would mean
      // two things, but the packages have no default export, and the consumer check below
      // type-checks and runs such code.
      later.push(() =>
        jobs.set(
          `publint ${dir}`,
          publint({ pack: { tarball: new Uint8Array(readFileSync(tarball())).buffer }, strict: true }).then(
            ({ messages }) => {
              const left = messages.filter(
                (message) =>
                  !(
                    message.code === "EXPORTS_TYPES_INVALID_FORMAT" &&
                    message.args.condition === "require" &&
                    message.args.actualFormat === "CJS"
                  ),
              );
              return { status: left.length === 0 ? 0 : 1, output: JSON.stringify(left, null, 2) };
            },
          ),
        ),
      );
      it("when publint lints the tarball (strict), expect no message but the deliberate CommonJS types", async () => {
        const result = await outcome(`publint ${dir}`);
        expect(result.status, result.output).toBe(0);
      });

      // arethetypeswrong in this process (one TypeScript load for all packages), every
      // resolution but node10 (it cannot resolve subpath exports such as ./browser), with two
      // deliberate findings let through for CommonJS consumers: their require() reaches an ES
      // module (CJSResolvesToESM), which Node 20.19+ and 22.12+ load, and through the CommonJS
      // declarations in dist/cjs/ (FalseCJS), so that TypeScript 5.0+ accepts that require.
      later.push(() =>
        jobs.set(
          `attw ${dir}`,
          checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(tarball())))).then(
            (result) => {
              if (!result.types) return { status: 1, output: "arethetypeswrong found no types" };
              const problems = result.problems.filter(
                (problem) =>
                  !("resolutionKind" in problem && problem.resolutionKind === "node10") &&
                  !(
                    problem.kind === "CJSResolvesToESM" &&
                    "resolutionKind" in problem &&
                    problem.resolutionKind === "node16-cjs"
                  ) &&
                  !(problem.kind === "FalseCJS" && problem.typesFileName.includes("/dist/cjs/")),
              );
              return { status: problems.length === 0 ? 0 : 1, output: JSON.stringify(problems, null, 2) };
            },
          ),
        ),
      );
      it("when arethetypeswrong checks the tarball, expect no problem but the deliberate CommonJS view", async () => {
        const result = await outcome(`attw ${dir}`);
        expect(result.status, result.output).toBe(0);
      });
    });
  }
});

describe("given the tarballs installed with npm into a fresh folder", () => {
  for (const script of ["esm.mjs", "cjs.cjs"]) {
    later.push(() => start(script, process.execPath, [script], () => consumer));
  }
  const expectRoundTrip = async (script: string) => {
    const result = await outcome(script);
    expect(result.status, result.output).toBe(0);
    const out = JSON.parse(result.output) as {
      exports: Record<string, number>;
      node: number[];
      browser: number[];
      values: number[];
    };
    for (const [name, count] of Object.entries(out.exports)) expect(count, name).toBeGreaterThan(0);
    // compress_numpy's default is reversible: the values come back exactly, in both builds.
    expect(out.node).toEqual(out.values);
    expect(out.browser).toEqual(out.values);
  };

  it("when imported as ES modules, expect every package to load and zfpy to round-trip", async () => {
    await expectRoundTrip("esm.mjs");
  });

  it(`when required as CommonJS on Node ${process.versions.node}, expect the same`, async () => {
    await expectRoundTrip("cjs.cjs");
  });

  const strict = {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    noEmit: true,
  };
  const configs = {
    node16: { module: "node16", moduleResolution: "node16" },
    nodenext: { module: "nodenext", moduleResolution: "nodenext" },
    // "source" is the workspace's own condition; it must not reach users' builds.
    bundler: { module: "esnext", moduleResolution: "bundler", customConditions: ["source"] },
  };
  for (const [typescript, label] of [
    ["ts50", "TypeScript 5.0"],
    ["ts5", "the current TypeScript 5.x"],
  ] as const) {
    for (const [resolution, options] of Object.entries(configs)) {
      // require() of an ES module type-checks from TypeScript 5.8 with module nodenext only.
      const files =
        typescript === "ts5" && resolution === "nodenext" ? ["example.ts", "example.cts"] : ["example.ts"];
      const config = `tsconfig.${typescript}.${resolution}.json`;
      later.push(() => {
        writeFileSync(
          join(consumer, config),
          JSON.stringify({ compilerOptions: { ...strict, ...options }, files }),
        );
        start(
          config,
          process.execPath,
          [join(consumer, "node_modules", typescript, "bin", "tsc"), "-p", config],
          () => consumer,
        );
      });
      it(`when ${files.join(" and ")} are type-checked by ${label} with ${resolution} resolution, expect no error`, async () => {
        const result = await outcome(config);
        expect(result.status, result.output).toBe(0);
      });
    }
  }

  it("when the installed TypeScript versions are read, expect 5.0 and a current 5.x", () => {
    expect(read<Manifest>(join(consumer, "node_modules", "ts50", "package.json")).version).toMatch(/^5\.0\./);
    expect(read<Manifest>(join(consumer, "node_modules", "ts5", "package.json")).version).toMatch(
      /^5\.(9|[1-9]\d)\./,
    );
  });
});

describeWithOracle("given the root README's Node example, run in the fresh folder", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");

  it("when the README is read, expect write_field.py and decode.mjs shown verbatim", () => {
    for (const file of ["write_field.py", "decode.mjs"]) {
      expect(readme, file).toContain(readFileSync(join(here, "consumer", file), "utf8").trim());
    }
  });

  it("when zfpy writes field.zfp and decode.mjs reads it with the installed package, expect zfpy's values", () => {
    const python = run(PYTHON, ["write_field.py"], consumer);
    expect(python.status, python.output).toBe(0);
    const bytes = readFileSync(join(consumer, "field.zfp"));
    const expected = askZfpyOk({ op: "decompress", bytes: bytes.toString("base64") });
    const values = new Float32Array(new Uint8Array(Buffer.from(expected.data!, "base64")).buffer);
    expect(expected.shape).toEqual([100, 200]);
    const node = run(process.execPath, ["decode.mjs"], consumer);
    expect(node.status, node.output).toBe(0);
    expect(node.output.trim()).toBe(
      `${inspect([100, 200])} ${inspect(values[0])} ${inspect(values[values.length - 1])}`,
    );
  });
});
