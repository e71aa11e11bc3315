// Random-access benchmark (issue 15): a 1/64 region of a 256^3 float32 field against the whole
// decode, for a fixed-rate stream and a fixed-accuracy stream with a block index; the skim pass
// that builds the index against a full decode; the index's size; the preview. Medians of repeats.
//
//   pnpm --filter @zfpjs/bench bench:region [-- --size 128 --repeats 5]
import * as codecMain from "@zfpjs/codec";
import * as blocks from "@zfpjs/codec/blocks";
import { typedField } from "./fields.js";

// The main entry plus the block-level one (BlockSkimmer, RunStream, fixedBlockBits, fieldBlocks).
const codec = { ...codecMain, ...blocks };
declare namespace codec {
  type Field = codecMain.Field;
  type Region = codecMain.Region;
  type BlockStream = codecMain.BlockStream;
  type BlockIndex = codecMain.BlockIndex;
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const N = argument("size", 256);
const REPEATS = argument("repeats", 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median CPU time of `run` in milliseconds (this process's user + system time: on a shared
 * machine it leaves out the time other processes hold the cores), after one warm-up call.
 */
function time(run: () => unknown, repeats = REPEATS): number {
  // A full collection first, so garbage of the previous measurement is not collected in this one.
  (globalThis as { gc?: () => void }).gc?.();
  run();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

const shape = [N, N, N];
const data = typedField("smooth", "float32", shape) as Float32Array;
const field: codec.Field = { type: "float", data, nx: N, ny: N, nz: N, nw: 0 };
const out = new Float32Array(N * N * N);
const q = N / 4; // a 1/64 region is (N/4)^3
const aligned: codec.Region = { start: [q, q, q], stop: [2 * q, 2 * q, 2 * q] };
const unaligned: codec.Region = { start: [q + 3, q + 1, q + 2], stop: [2 * q + 3, 2 * q + 1, 2 * q + 2] };

const rows: string[][] = [];
function row(...cells: (string | number)[]): void {
  rows.push(cells.map((c) => (typeof c === "number" ? c.toFixed(c < 10 ? 2 : 1) : c)));
}

for (const [name, config] of [
  ["fixed rate 8", codec.fixedRate(8, { type: "float", dims: 3 })],
  ["fixed accuracy 1e-3", codec.fixedAccuracy(1e-3)],
  ["fixed precision 16", codec.fixedPrecision(16)],
] as const) {
  const bytes = codec.compressToBytes(config, field);
  const stream: codec.BlockStream = { type: "float", nx: N, ny: N, nz: N, nw: 0, config };
  const full = time(() => codec.decompress(new codec.BitStream(bytes), config, { ...field, data: out }));
  const variable = codec.fixedBlockBits(config, "float") < 0;
  let index: codec.BlockIndex | undefined;
  if (variable) {
    const skimmer = new codec.BlockSkimmer(bytes, config, "float", 3);
    const blocks = codec.fieldBlocks(stream);
    const skim = time(() => skimmer.skip(0, blocks));
    const build = time(() => codec.buildBlockIndex(bytes, stream));
    index = codec.buildBlockIndex(bytes, stream);
    const size = codec.serializeBlockIndex(index).length;
    row(name, "skim pass (all blocks)", skim, full, full / skim);
    row(name, "build index (skim + CRC-32)", build, full, full / build);
    row(
      name,
      `index size, K = ${index.interval}`,
      `${size} B`,
      `${bytes.length} B`,
      `${((100 * size) / bytes.length).toFixed(3)} %`,
    );
  }
  if (variable) {
    for (const interval of [16, 64]) {
      const small = codec.buildBlockIndex(bytes, stream, { interval });
      const size = codec.serializeBlockIndex(small).length;
      const took = time(() => codec.decompressRegion(bytes, stream, aligned, { index: small }));
      row(
        name,
        `region ${q}^3 aligned (index K = ${interval}, ${((100 * size) / bytes.length).toFixed(2)} % of the stream)`,
        took,
        full,
        full / took,
      );
    }
    const recorded = time(
      () =>
        codec.compressWithIndex(
          new codec.RunStream(new Uint8Array(codec.maximumSize(config, field))),
          config,
          field,
        ),
      3,
    );
    const plain = time(() => codec.compressToBytes(config, field), 3);
    row(name, "compressWithIndex (vs compress)", recorded, plain, plain / recorded);
  }
  const region = time(() => codec.decompressRegion(bytes, stream, aligned, { index }));
  const shifted = time(() => codec.decompressRegion(bytes, stream, unaligned, { index }));
  row(name, `region ${q}^3 aligned${variable ? " (index)" : ""}`, region, full, full / region);
  row(name, `region ${q}^3 unaligned${variable ? " (index)" : ""}`, shifted, full, full / shifted);
  if (variable) {
    const noIndex = time(() => codec.decompressRegion(bytes, stream, aligned));
    row(name, `region ${q}^3 aligned, no index (skims all)`, noIndex, full, full / noIndex);
  }
  const preview = time(() => codec.decompressPreview(bytes, stream, 8, { index }), variable ? 1 : 3);
  row(name, "preview 8 planes (whole array)", preview, full, full / preview);
  const array = new codec.CompressedArray(bytes, stream, { cacheBlocks: 4096, index });
  const slice = time(() => {
    array.clearCache();
    return array.slice(aligned);
  });
  row(name, `CompressedArray.slice ${q}^3, cold cache`, slice, full, full / slice);
  row(name, "stream", `${bytes.length} B`, `${(bytes.length * 8) / (N * N * N)} bits/value`, "");
}

const header = ["stream", "operation", "CPU ms (median)", "reference CPU ms (full decode)", "speed-up"];
console.log(`random access, ${N}^3 float32 smooth field, ${REPEATS} repeats, node ${process.version}\n`);
console.log(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
