// Bounded fuzz run (fixed seeds, part of the test command) and replay of every committed
// regression input. The long run is `pnpm fuzz` (tooling/fuzz/long-run.ts).
import { writeNpy } from "@zfpjs/cli";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiInputs, randomApiCall } from "../arguments.js";
import { fromBase64, loadCorpus, loadRegressions, randomArgv, randomHeaderless } from "../inputs.js";
import { MUTATIONS, mutate, seededRandom } from "../mutate.js";
import {
  apiTarget,
  cliTarget,
  decompressTarget,
  headerlessTarget,
  isFinding,
  isTemporaryOutput,
  type Outcome,
} from "../targets.js";

const corpus = loadCorpus();
const withHeader = corpus.filter((seed) => seed.hasHeader);
const SEED = 20261127;

function explain(outcome: Outcome): string {
  if (outcome.kind === "untyped-error")
    return `untyped error: ${String((outcome.error as Error)?.stack ?? outcome.error)}`;
  if (outcome.kind === "hang") return `took ${outcome.milliseconds.toFixed(0)} ms`;
  return outcome.kind;
}

function cliFiles(): Record<string, Uint8Array> {
  const raw = new Float32Array(64).map((_, i) => Math.sin(i / 5));
  return {
    "in.raw": new Uint8Array(raw.buffer),
    "in.zfp": withHeader[0]!.bytes,
    "in.npy": Buffer.concat(
      writeNpy({
        dtype: "float64",
        shape: [4, 5],
        fortranOrder: false,
        data: new Float64Array(20).map((_, i) => i * 0.5),
      }),
    ),
  };
}

describe("given the seed corpus written by Debian's zfpy", () => {
  it("when each stream with a header is decoded, expect success", () => {
    expect(withHeader.length).toBeGreaterThan(50);
    for (const seed of withHeader) expect(decompressTarget(seed.bytes), seed.name).toEqual({ kind: "ok" });
  });
});

describe("given mutated valid streams (truncation, bit flips, header fields, noise after magic)", () => {
  it("when decoded, expect success or a typed error, never an untyped error or a hang", () => {
    fc.assert(
      fc.property(
        fc.nat(withHeader.length - 1),
        fc.constantFrom(...MUTATIONS),
        fc.integer(),
        (index, kind, seed) => {
          const bytes = mutate(withHeader[index]!.bytes, kind, seededRandom(seed));
          const outcome = decompressTarget(bytes);
          if (isFinding(outcome))
            throw new Error(`${withHeader[index]!.name} ${kind} ${seed}: ${explain(outcome)}`);
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("when random bytes are decoded, expect success or a typed error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const outcome = decompressTarget(bytes);
        if (isFinding(outcome)) throw new Error(explain(outcome));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("given header-less streams with random types, shapes and modes", () => {
  it("when decoded with _decompress, expect success or a typed error", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const input = randomHeaderless(seededRandom(seed), corpus);
        const outcome = headerlessTarget(input);
        if (isFinding(outcome)) throw new Error(`${seed}: ${explain(outcome)}`);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("given fuzzed argument lists of the zfpy facade (options objects, positional forms, hostile values)", () => {
  it("when called, expect a correct result or a typed error, never an untyped error or a hang", () => {
    const inputs = apiInputs();
    let typed = 0;
    let ok = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const call = randomApiCall(seededRandom(seed), inputs);
        const outcome = apiTarget(call);
        if (isFinding(outcome)) throw new Error(`${seed} ${call.label}: ${explain(outcome)}`);
        if (outcome.kind === "ok") ok++;
        else typed++;
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // Both kinds of ending occur: the run exercises refusals and successful calls alike.
    expect(ok).toBeGreaterThan(50);
    expect(typed).toBeGreaterThan(50);
  });
});

describe("given random zfpjs command lines", () => {
  it("when run, expect an exit status, a message on failure, and no partial output", async () => {
    const files = cliFiles();
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const argv = randomArgv(seededRandom(seed));
        const run = await cliTarget(argv, files);
        if (isFinding(run.outcome)) throw new Error(`${JSON.stringify(argv)}: ${explain(run.outcome)}`);
        expect(Number.isInteger(run.status)).toBe(true);
        if (run.status !== 0) {
          expect(run.stderr.length, JSON.stringify(argv)).toBeGreaterThan(0);
        }
        // Outputs go through a hidden temporary file renamed on success: none may be left behind.
        expect(run.filesAfter.filter(isTemporaryOutput), JSON.stringify(argv)).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("given the committed regression inputs", () => {
  for (const { file, regression } of loadRegressions()) {
    it(`when ${file} (${regression.note}) is replayed, expect no finding`, async () => {
      if (regression.target === "decompress") {
        expect(explain(decompressTarget(fromBase64(regression.bytes)))).not.toMatch(/untyped|took/);
      } else if (regression.target === "headerless") {
        const outcome = headerlessTarget({
          bytes: fromBase64(regression.bytes),
          ztype: regression.ztype,
          shape: regression.shape,
          ...Object.fromEntries(Object.entries(regression.mode).map(([k, v]) => [k, Number(v)])),
        });
        expect(explain(outcome)).not.toMatch(/untyped|took/);
      } else {
        const files = Object.fromEntries(
          Object.entries(regression.files).map(([k, v]) => [k, fromBase64(v)]),
        );
        const run = await cliTarget(regression.argv, files);
        expect(explain(run.outcome)).not.toMatch(/untyped|took/);
      }
    });
  }
});
