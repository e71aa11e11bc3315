// @zfpjs/parallel's benchmark (issue 16): a warm ZfpPool against native zfpy (serial C, Debian's
// zfp 1.0) and single-threaded zfpjs, side by side in one run, for each thread count asked for.
//
//   cd tooling/bench && pnpm bench:parallel                 # threads 1 and all cores, 128^3 and 256^3
//   cd tooling/bench && pnpm bench:parallel --threads 2 --sizes 128 --reps 5
//   cd tooling/bench && pnpm bench:parallel --quick         # 32^3, 8 chunks of 32^3: a smoke run
//
// Every figure is a median over --reps calls after one untimed warm-up call. Pool calls are
// checked byte for byte against native zfpy's stream (8-bit words: Debian's bytes).
import { availableParallelism } from "node:os";
import { build_index, compress_numpy, decompress_numpy } from "@zfpjs/zfpy";
import { ZfpPool } from "../../packages/parallel/src/node.js";
import { typedField } from "./fields.js";
import { NativeWorker, nativeAvailable } from "./native.js";

interface Args {
  threads: number[];
  sizes: number[];
  reps: number;
  quick: boolean;
  modes: string[] | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    threads: [1, availableParallelism()],
    sizes: [128, 256],
    reps: 3,
    quick: false,
    modes: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const list = () => argv[++i]!.split(",").map(Number);
    if (flag === "--threads") args.threads = list();
    else if (flag === "--sizes") args.sizes = list();
    else if (flag === "--reps") args.reps = Number(argv[++i]);
    else if (flag === "--modes") args.modes = argv[++i]!.split(",");
    else if (flag === "--quick") args.quick = true;
    else if (flag === "--help") {
      console.log(
        'options: --threads 1,2 --sizes 128,256 --reps 3 --quick --modes "precision 16,tolerance 1e-3"',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (args.quick) {
    args.sizes = [32];
    args.reps = 1;
  }
  args.threads = [...new Set(args.threads)];
  return args;
}

const MODES = [
  { name: "rate 8", kwargs: { rate: 8 } },
  { name: "precision 16", kwargs: { precision: 16 } },
  { name: "tolerance 1e-3", kwargs: { tolerance: 1e-3 } },
  { name: "reversible", kwargs: {} },
] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median milliseconds of `reps` calls of `call`, after one untimed call. */
async function time(reps: number, call: () => unknown): Promise<number> {
  await call();
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await call();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
const ratio = (base: number, ms: number) => `${(base / ms).toFixed(2)}x`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const native = nativeAvailable();
  if (!native.ok) throw new Error(`native zfpy is needed for the side-by-side figures: ${native.reason}`);
  const worker = new NativeWorker();
  console.log(
    `# @zfpjs/parallel bench: ${availableParallelism()} cores available, threads ${args.threads.join(",")}, ${args.reps} reps (medians, ms)\n`,
  );

  // Start-up: constructing a pool, then its first call (workers boot and compile cold).
  const small = { data: typedField("smooth", "float32", [64, 64, 64]) as Float32Array, shape: [64, 64, 64] };
  for (const threads of args.threads) {
    const t0 = performance.now();
    const pool = new ZfpPool({ threads });
    const t1 = performance.now();
    await pool.compress(small, { rate: 8 });
    const t2 = performance.now();
    await pool.compress(small, { rate: 8 });
    const t3 = performance.now();
    console.log(
      `start-up, ${threads} threads: constructor ${fmt(t1 - t0)} ms, first call (64^3 float32 rate 8) ${fmt(t2 - t1)} ms, second call ${fmt(t3 - t2)} ms`,
    );
    await pool.close();
  }
  console.log("");

  const modes = MODES.filter((m) => args.modes === undefined || args.modes.includes(m.name));
  const pools = args.threads.map((threads) => ({ threads, pool: new ZfpPool({ threads }) }));
  console.log(
    `| case | native compress | JS serial compress | ${pools.map((p) => `pool ${p.threads}t compress (vs native)`).join(" | ")} | native decompress | JS serial decompress | ${pools.map((p) => `pool ${p.threads}t decompress (vs native)`).join(" | ")} |`,
  );
  console.log(`|${" --- |".repeat(5 + 2 * pools.length)}`);
  for (const n of args.sizes) {
    const shape = [n, n, n];
    const data = typedField("smooth", "float32", shape) as Float32Array;
    const array = { data, shape };
    const id = `f32-${n}`;
    await worker.load(id, "float32", shape, data);
    for (const mode of modes) {
      const options = { ...mode.kwargs, wordBits: 8 as const };
      const nat = await worker.time(id, mode.kwargs, args.reps, 1);
      const nativeC = median(nat.compress) * 1000;
      const nativeD = median(nat.decompress) * 1000;
      const serial = compress_numpy(array, options);
      if (!equal(serial, nat.bytes))
        throw new Error(`${id} ${mode.name}: zfpjs bytes differ from native zfpy's`);
      const jsC = await time(args.reps, () => compress_numpy(array, options));
      const jsD = await time(args.reps, () => decompress_numpy(serial));
      const poolC: number[] = [];
      const poolD: number[] = [];
      for (const { pool } of pools) {
        const bytes = await pool.compress(array, options);
        if (!equal(bytes, nat.bytes))
          throw new Error(`${id} ${mode.name}: pool bytes differ from native zfpy's`);
        poolC.push(await time(args.reps, () => pool.compress(array, options)));
        poolD.push(await time(args.reps, () => pool.decompress(serial)));
      }
      console.log(
        `| float32 ${n}^3 ${mode.name} | ${fmt(nativeC)} | ${fmt(jsC)} | ${poolC.map((ms) => `${fmt(ms)} (${ratio(nativeC, ms)})`).join(" | ")} | ${fmt(nativeD)} | ${fmt(jsD)} | ${poolD.map((ms) => `${fmt(ms)} (${ratio(nativeD, ms)})`).join(" | ")} |`,
      );
    }
    await worker.free(id);
  }

  // Variable-rate decompress with an index: the pool's slab index (compressWithIndex) and codec's
  // block index (zfpy's build_index, timed separately). Without one, the table's pool decompress
  // skims for slab offsets on one worker while the others decode.
  console.log("\nvariable-rate decompress with an index (slab index / zfpy build_index; build_index time):");
  for (const n of args.sizes) {
    const shape = [n, n, n];
    const array = { data: typedField("smooth", "float32", shape) as Float32Array, shape };
    for (const mode of modes.filter((m) => m.name !== "rate 8")) {
      const parts: string[] = [];
      const serial = compress_numpy(array, mode.kwargs);
      const built = await time(args.reps, () => build_index(serial));
      const blockIndex = build_index(serial);
      for (const { threads, pool } of pools) {
        const { bytes, index } = await pool.compressWithIndex(array, mode.kwargs);
        const slab = await time(args.reps, () => pool.decompress(bytes, { index }));
        const block = await time(args.reps, () => pool.decompress(serial, { index: blockIndex }));
        parts.push(`${threads}t ${fmt(slab)} / ${fmt(block)} ms`);
      }
      console.log(`  float32 ${n}^3 ${mode.name}: ${parts.join(", ")}; build_index ${fmt(built)} ms`);
    }
  }

  // A batch of independent chunks (a chunked Zarr/HDF5 read): decompressMany vs a serial loop.
  const chunk = args.quick ? 32 : 64;
  const count = args.quick ? 8 : 64;
  console.log(`\nbatch of ${count} chunks of ${chunk}^3 float32 (decompress):`);
  for (const mode of modes) {
    const streams = Array.from({ length: count }, (_, k) => {
      const values = typedField("smooth", "float32", [chunk, chunk, chunk]) as Float32Array;
      for (let i = 0; i < values.length; i += 97) values[i] = values[i]! + k * 1e-3;
      return compress_numpy({ data: values, shape: [chunk, chunk, chunk] }, mode.kwargs);
    });
    const serial = await time(args.reps, () => streams.map((s) => decompress_numpy(s)));
    const parts = [`JS serial ${fmt(serial)} ms`];
    for (const { threads, pool } of pools) {
      const ms = await time(args.reps, () => pool.decompressMany(streams));
      parts.push(`pool ${threads}t ${fmt(ms)} ms (${ratio(serial, ms)})`);
    }
    console.log(`  ${mode.name}: ${parts.join(", ")}`);
  }

  for (const { pool } of pools) await pool.close();
  await worker.close();
}

await main();
