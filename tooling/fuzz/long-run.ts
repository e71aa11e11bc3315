// The long fuzz run: mutates seed streams, decodes header-less streams with random
// parameters and runs random command lines for a given time, saving every finding as a
// regression input that the normal test run replays.
// Usage: pnpm fuzz [-- --minutes 10] [--seed N] [--hazards]
import { writeNpy } from "@zfpjs/cli";
import * as codec from "@zfpjs/codec";
import * as zfpHeader from "@zfpjs/header";
import { apiInputs, randomApiCall } from "./arguments.js";
import { loadCorpus, randomArgv, randomHeaderless, saveRegression, toBase64 } from "./inputs.js";
import { MUTATIONS, mutate, seededRandom } from "./mutate.js";
import {
  apiTarget,
  cliTarget,
  decompressTarget,
  headerlessTarget,
  isFinding,
  isTemporaryOutput,
  type Outcome,
} from "./targets.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const minutes = option("--minutes", 10);
const seed = option("--seed", Date.now() % 2 ** 31);

/** Inputs on which C zfp or zfpy crash, read out of bounds or allocate from a forged header. */
function hazards(): void {
  const forged = (
    nx: number,
    ny: number,
    nz: number,
    nw: number,
    type: "float" | "double" | "int32" | "int64",
  ) => {
    const bytes = new Uint8Array(64);
    const stream = new codec.BitStream(bytes, { wordBits: 8 });
    zfpHeader.writeHeader(stream, { type, nx, ny, nz, nw }, codec.fixedPrecision(16));
    stream.flush();
    return bytes.subarray(0, stream.size());
  };
  const saved = [
    saveRegression({ target: "decompress", note: "empty buffer (zfpy raises IndexError)", bytes: "" }),
    saveRegression({
      target: "decompress",
      note: "magic then garbage (Debian zfpy segfaults on garbage input)",
      bytes: toBase64(
        new Uint8Array([0x7a, 0x66, 0x70, 0x05, 0xff, 0x13, 0x37, 0x42, 0x99, 0x01, 0xfe, 0x80]),
      ),
    }),
    saveRegression({
      target: "decompress",
      note: "forged header claiming 65536^3 doubles over 12 bytes (C allocates 2 TB)",
      bytes: toBase64(forged(65536, 65536, 65536, 0, "double")),
    }),
    saveRegression({
      target: "decompress",
      note: "forged header claiming 4096^4 floats with no data (C reads past the buffer)",
      bytes: toBase64(forged(4096, 4096, 4096, 4096, "float")),
    }),
    saveRegression({
      target: "headerless",
      note: "header-less decode of 3 bytes as a 1000x1000 double array at rate 64",
      bytes: toBase64(new Uint8Array([1, 2, 3])),
      ztype: 4,
      shape: [1000, 1000],
      mode: { rate: "64" },
    }),
    saveRegression({
      target: "cli",
      note: "decompress an empty compressed file with a header (zfp decodes garbage, exit 0)",
      argv: ["-z", "in.zfp", "-h", "-o", "out.raw"],
      files: { "in.zfp": "" },
    }),
  ];
  console.log(`saved ${saved.length} hazard inputs`);
}

async function run(): Promise<void> {
  if (args.includes("--hazards")) return hazards();
  const corpus = loadCorpus();
  const withHeader = corpus.filter((s) => s.hasHeader);
  const random = seededRandom(seed);
  const raw = new Float32Array(64).map((_, i) => Math.sin(i / 5));
  const files = {
    "in.raw": new Uint8Array(raw.buffer),
    "in.zfp": withHeader[0]!.bytes,
    "in.npy": Buffer.concat(
      writeNpy({ dtype: "float64", shape: [4, 5], fortranOrder: false, data: new Float64Array(20) }),
    ),
  };
  const api = apiInputs();
  const deadline = Date.now() + minutes * 60_000;
  const counts: Record<string, number> = {};
  let inputs = 0;
  let findings = 0;
  let slowest = 0;
  const note = (target: string, outcome: Outcome) => {
    const key = `${target}:${outcome.kind === "typed-error" ? outcome.tag : outcome.kind}`;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  while (Date.now() < deadline) {
    for (let i = 0; i < 200; i++) {
      const choice = random();
      inputs++;
      const start = performance.now();
      if (choice < 0.5) {
        const source = withHeader[Math.floor(random() * withHeader.length)]!;
        const kind = MUTATIONS[Math.floor(random() * MUTATIONS.length)]!;
        let bytes = mutate(source.bytes, kind, random);
        if (random() < 0.3)
          bytes = mutate(bytes, MUTATIONS[Math.floor(random() * MUTATIONS.length)]!, random);
        const outcome = decompressTarget(bytes);
        note("decompress", outcome);
        if (isFinding(outcome)) {
          findings++;
          console.log(
            "FINDING",
            saveRegression({
              target: "decompress",
              note: `${source.name} ${kind}: ${outcome.kind}`,
              bytes: toBase64(bytes),
            }),
            outcome,
          );
        }
      } else if (choice < 0.75) {
        const input = randomHeaderless(random, corpus);
        const outcome = headerlessTarget(input);
        note("headerless", outcome);
        if (isFinding(outcome)) {
          findings++;
          const { bytes, ztype, shape, ...mode } = input;
          console.log(
            "FINDING",
            saveRegression({
              target: "headerless",
              note: outcome.kind,
              bytes: toBase64(bytes),
              ztype,
              shape,
              mode: Object.fromEntries(Object.entries(mode).map(([k, v]) => [k, String(v)])),
            }),
            outcome,
          );
        }
      } else if (choice < 0.9) {
        // Argument lists hold Proxies and detached buffers, which JSON cannot keep: a finding is
        // saved as the seed that rebuilds the call (randomApiCall(seededRandom(seed), apiInputs())).
        const callSeed = Math.floor(random() * 2 ** 31);
        const call = randomApiCall(seededRandom(callSeed), api);
        const outcome = apiTarget(call);
        note("api", outcome);
        if (isFinding(outcome)) {
          findings++;
          console.log("FINDING api", { callSeed, call: call.label }, outcome);
        }
      } else {
        const argv = randomArgv(random);
        const result = await cliTarget(argv, files);
        note("cli", result.outcome);
        if (
          isFinding(result.outcome) ||
          (result.status !== 0 && result.stderr.length === 0) ||
          result.filesAfter.some(isTemporaryOutput)
        ) {
          findings++;
          const encoded = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, toBase64(v)]));
          console.log(
            "FINDING",
            saveRegression({
              target: "cli",
              note: `status ${result.status}: ${result.outcome.kind}`,
              argv,
              files: encoded,
            }),
            result,
          );
        }
      }
      slowest = Math.max(slowest, performance.now() - start);
    }
  }
  console.log(
    JSON.stringify(
      { seed, minutes, inputs, findings, slowestMs: Math.round(slowest), outcomes: counts },
      null,
      2,
    ),
  );
  if (findings > 0) process.exitCode = 1;
}

await run();
