// Runs every ```ts block of a package's README.md as a test: each is type-checked as a module of
// the package (strict), and each line `expression; // => value` becomes a check that the
// expression equals the value; every check must run. Shared by the packages' readme-examples tests.
// Also the checks of examples kept as files of examples/ (describeExampleFiles).
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";

/** What {@link describeReadmeExamples} needs: the README, the package's exports, where its tests live. */
export interface ReadmeExamples {
  /** The package's README.md. */
  readme: URL;
  /** The names the examples import, by name (the package's entry points, merged). */
  scope: Record<string, unknown>;
  /** The test directory: the examples are type-checked as files there, resolving the package. */
  testDirectory: URL;
  /** The fewest ts blocks the README must have (a guard against a README that lost them). */
  minimum: number;
}

const CHECK = /^(\s*)(.+?);\s*\/\/ => (.+)$/;

function compile(source: string): { code: string; checks: number } {
  let checks = 0;
  const body = source
    .split("\n")
    .filter((line) => !line.startsWith("import "))
    .map((line) => {
      const match = CHECK.exec(line);
      if (!match) return line;
      checks++;
      return `${match[1]}__check(${match[2]}, ${match[3]}, ${JSON.stringify(line.trim())});`;
    })
    .join("\n");
  const code = ts.transpileModule(body, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return { code, checks };
}

/** Type errors of the README's examples, type-checked as modules of this package. */
function typeErrors(examples: readonly string[], testDirectory: URL): string[] {
  const directory = testDirectory.pathname;
  const files = new Map(examples.map((block, i) => [`${directory}readme-example-${i}.ts`, block]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ["source"],
    allowImportingTsExtensions: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  const fileExists = host.fileExists;
  const getSourceFile = host.getSourceFile;
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.split("/").pop()}: ` : "";
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  });
}

/** Declares the README examples suite of a package. */
export function describeReadmeExamples({ readme, scope, testDirectory, minimum }: ReadmeExamples): void {
  const text = readFileSync(readme, "utf8");
  const examples = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  describe("README examples", () => {
    it("given every example, when type-checked as a module of this package (strict), expect no errors", () => {
      expect(typeErrors(examples, testDirectory)).toEqual([]);
    });

    it("given the README, expect several ts examples", () => {
      expect(examples.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(examples.map((block, i) => [i, block] as const))(
      "given example %i, when run, expect every `// =>` check to hold",
      (_, block) => {
        const { code, checks } = compile(block);
        let ran = 0;
        const check = (actual: unknown, expected: unknown, line: string): void => {
          ran++;
          expect(actual, line).toEqual(expected);
        };
        const names = Object.keys(scope);
        const run = new Function(...names, "__check", code);
        run(...names.map((name) => scope[name]), check);
        expect(ran).toBe(checks);
      },
    );
  });
}

/** What {@link describeExampleFiles} needs: a package whose README shows files of examples/. */
export interface ExampleFiles {
  /** The package's directory (README.md and examples/ in it). */
  packageRoot: URL;
  /** Files of examples/ the README must show verbatim. */
  shown: string[];
  /**
   * The examples that run alone (each checks its own results and logs), how to import each, and
   * optionally the arguments one of its console.log calls must have had.
   */
  runs: { name: string; load: () => Promise<unknown>; logs?: unknown[] }[];
}

/**
 * Declares the checks of examples kept as files: each file of `shown` appears verbatim in the
 * README, and each of `runs` finishes without a failed assertion, having logged what it found.
 */
export function describeExampleFiles({ packageRoot, shown, runs }: ExampleFiles): void {
  const readme = readFileSync(new URL("README.md", packageRoot), "utf8");
  describe.each(shown)("given examples/%s", (name) => {
    it("when the README is read, expect the example shown verbatim", () => {
      expect(readme).toContain(readFileSync(new URL(`examples/${name}`, packageRoot), "utf8").trim());
    });
  });
  for (const { name, load, logs } of runs) {
    describe(`given examples/${name}`, () => {
      it("when run, expect it to finish without a failed assertion", async () => {
        const log = vi.spyOn(console, "log").mockImplementation(() => {});
        try {
          await load();
          if (logs) expect(log).toHaveBeenCalledWith(...logs);
          else expect(log).toHaveBeenCalled();
        } finally {
          log.mockRestore();
        }
      });
    });
  }
}
