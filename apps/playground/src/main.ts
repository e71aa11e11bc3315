// The page: input, settings, slice views, numbers and the rate-distortion plot. All compression
// runs in the worker (worker.ts); this thread only draws.

import poolWorkerUrl from "zfpjs-parallel-worker?worker&url";
import * as Plot from "@observablehq/plot";
import { ZfpPool } from "@zfpjs/parallel";
import ndarray from "ndarray";
import { convert, type Dtype, type Input, itemSize, sizeOf } from "./arrays.js";
import { writeNpy } from "./npy.js";
import { makeSample, type SampleKind } from "./samples.js";
import { COLORMAPS, draw, drawColorbar, format, sliceOf } from "./views.js";
import type { Request } from "./worker.js";
import { type Mode, type Result, type Setting, type SweepPoint, zfpyOptions } from "./zfp.js";

/** Files above this size get a message instead of an attempt (the page holds several copies). */
const MAX_FILE_BYTES = 256 * 2 ** 20;

/**
 * Arrays of at least this many values compress and decompress on the parallel pool (one worker
 * per core; its bytes are compress_numpy's); smaller ones in the page's worker, where a pool's
 * messages and copies cost more than they save. `?poolMinValues=n` changes it (the tests use 0).
 */
const POOL_MIN_VALUES = Number(new URLSearchParams(location.search).get("poolMinValues") ?? 2 ** 20);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The slider of each mode: its range, default, and the parameter a slider position stands for. */
const SLIDERS: Record<
  Mode,
  { min: number; max: number; step: number; initial: number; value: (x: number) => number }
> = {
  rate: { min: 0.5, max: 32, step: 0.5, initial: 8, value: (x) => x },
  precision: { min: 1, max: 64, step: 1, initial: 16, value: (x) => x },
  accuracy: { min: -9, max: 2, step: 0.25, initial: -3, value: (x) => Number((10 ** x).toPrecision(3)) },
  reversible: { min: 0, max: 0, step: 1, initial: 0, value: () => 0 },
  expert: { min: 1, max: 64, step: 1, initial: 20, value: (x) => x },
};

interface State {
  name: string;
  source: Input | undefined;
  input: Input | undefined;
  result: Result | undefined;
  sweep: SweepPoint[];
  setting: Setting;
}

const state: State = {
  name: "",
  source: undefined,
  input: undefined,
  result: undefined,
  sweep: [],
  setting: { mode: "precision", value: 16 },
};
// For tests and the curious: the page's state.
(window as unknown as { playground: State }).playground = state;

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
let nextId = 1;
let runId = 0;
let sweepId = 0;
let openId = 0;
/** The central crop the sweep ran on (large arrays), or undefined (the whole array). */
let sweepCrop: number[] | undefined;
/** Work in flight: a run of the current setting, a sweep, a file being decoded. */
const busy = { run: false, sweep: false, open: false };

function post(request: Request, transfer: Transferable[] = []): void {
  worker.postMessage(request, transfer);
}

function setBusy(what: keyof typeof busy, value: boolean): void {
  busy[what] = value;
  document.body.dataset.state = busy.run || busy.sweep || busy.open ? "busy" : "ready";
}

function status(message: string, isError = false): void {
  const element = $("status");
  element.textContent = message;
  element.classList.toggle("error", isError);
}

worker.onmessage = (event: MessageEvent) => {
  const message = event.data;
  if (message.kind === "progress" && message.id === sweepId) {
    const progress = $<HTMLProgressElement>("progress");
    progress.hidden = false;
    progress.max = message.total;
    progress.value = message.done;
    status(
      `sweeping the rate–distortion curve: ${message.done} of ${message.total} settings (the current setting stays live)`,
    );
    return;
  }
  if (message.kind === "opened" && message.id === openId) {
    setBusy("open", false);
    status("");
    load(message.name, message.input);
  } else if (message.kind === "open-error" && message.id === openId) {
    setBusy("open", false);
    status(message.message, true);
  } else if (message.kind === "result") {
    // A result is stale when a newer setting or input is waiting.
    if (message.id === runId && !rerun) {
      state.result = message.result;
      showResult();
    }
    runEnded();
  } else if (message.kind === "sweep") {
    if (message.id === sweepId) {
      state.sweep = message.points;
      sweepCrop = message.crop;
      $<HTMLProgressElement>("progress").hidden = true;
      status("");
      setBusy("sweep", false);
      showPlot();
    }
  } else if (message.kind === "error") {
    status(`compression failed: ${message.message}`, true);
    if (message.id === runId) runEnded();
    if (message.id === sweepId) setBusy("sweep", false);
  }
};
worker.onerror = (event) => status(`the worker failed: ${event.message}`, true);

// ---- input ---------------------------------------------------------------------------------

function load(name: string, source: Input): void {
  state.name = name;
  state.source = source;
  $<HTMLSelectElement>("dtype").value = source.dtype;
  useDtype(source.dtype);
}

function useDtype(dtype: Dtype): void {
  if (!state.source) return;
  const input = convert(state.source, dtype);
  state.input = input;
  state.result = undefined;
  state.sweep = [];
  const bytes = sizeOf(input.shape) * itemSize(input.dtype);
  $("input-info").textContent =
    `${state.name}: ${input.dtype} [${input.shape.join(" × ")}], ${format(bytes / 1e6)} MB`;
  const axis = $<HTMLSelectElement>("axis");
  axis.replaceChildren(...input.shape.map((n, k) => new Option(`axis ${k} (${n})`, String(k))));
  axis.disabled = input.shape.length < 3;
  axis.value = "0";
  resetIndex();
  post({ kind: "load", input: { ...input, data: input.data.slice() } });
  compressNow();
  sweepId = nextId++;
  setBusy("sweep", true);
  showPlot();
  post({ kind: "sweep", id: sweepId });
}

function resetIndex(): void {
  const input = state.input!;
  const axis = Number($<HTMLSelectElement>("axis").value);
  const index = $<HTMLInputElement>("index");
  index.max = String(input.shape.length < 3 ? 0 : input.shape[axis]! - 1);
  index.value = String(Math.floor(Number(index.max) / 2));
  index.disabled = input.shape.length < 3;
  $("index-value").textContent = index.value;
}

async function openFile(file: File): Promise<void> {
  if (file.size > MAX_FILE_BYTES) {
    status(
      `${file.name} is ${format(file.size / 2 ** 20)} MiB: the playground takes files up to ${MAX_FILE_BYTES / 2 ** 20} MiB (it keeps the original, the decompressed and the error in memory). Use the zfpjs command for larger files.`,
      true,
    );
    return;
  }
  openId = nextId++;
  const id = openId;
  setBusy("open", true);
  status(`reading ${file.name} (${format(file.size / 1e6)} MB)…`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    if (id === openId) setBusy("open", false);
    status(`cannot read ${file.name}: ${(error as Error).message}`, true);
    return;
  }
  if (id !== openId) return;
  // The worker decodes it (a large .zfp takes seconds): the page stays live meanwhile.
  status(`decoding ${file.name} (${format(file.size / 1e6)} MB) in the worker…`);
  post({ kind: "open", id, name: file.name, bytes }, [bytes.buffer]);
}

$("generate").addEventListener("click", () => {
  const kind = $<HTMLSelectElement>("sample-kind").value as SampleKind;
  const dims = Number($<HTMLSelectElement>("sample-dims").value) as 1 | 2 | 3 | 4;
  load(`${kind} sample`, makeSample(kind, dims));
});
$<HTMLInputElement>("file").addEventListener("change", (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void openFile(file);
});
const drop = $("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const file = event.dataTransfer?.files[0];
  if (file) void openFile(file);
});
$<HTMLSelectElement>("dtype").addEventListener("change", (event) => {
  useDtype((event.target as HTMLSelectElement).value as Dtype);
});

// ---- settings ------------------------------------------------------------------------------

function setMode(mode: Mode): void {
  const slider = SLIDERS[mode];
  const param = $<HTMLInputElement>("param");
  param.min = String(slider.min);
  param.max = String(slider.max);
  param.step = String(slider.step);
  param.value = String(slider.initial);
  param.disabled = mode === "reversible";
  $("expert").hidden = mode !== "expert";
  readSetting();
}

function readSetting(): void {
  const mode = $<HTMLSelectElement>("mode").value as Mode;
  const value = SLIDERS[mode].value(Number($<HTMLInputElement>("param").value));
  const number = (id: string) => Number($<HTMLInputElement>(id).value);
  state.setting = {
    mode,
    value,
    ...(mode === "expert"
      ? { expert: { minbits: number("minbits"), maxbits: number("maxbits"), minexp: number("minexp") } }
      : {}),
  };
  const names: Record<Mode, string> = {
    rate: `${value} bits/value`,
    precision: `${value} bit planes`,
    accuracy: `tolerance ${value}`,
    reversible: "lossless",
    expert: `maxprec ${value}`,
  };
  $("param-value").textContent = names[mode];
}

// One run in flight at a time: a slider moved during a run asks for one more run, with the
// latest setting, when it ends (so a long run never queues a backlog).
let running = false;
let rerun = false;

function compressNow(): void {
  if (!state.input) return;
  if (running) {
    rerun = true;
    return;
  }
  running = true;
  runId = nextId++;
  setBusy("run", true);
  const input = state.input;
  if (state.setting.mode !== "expert" && sizeOf(input.shape) >= POOL_MIN_VALUES) {
    void runOnPool(runId, input, state.setting);
  } else {
    $("engine").textContent = "in the page's worker";
    post({ kind: "run", id: runId, setting: state.setting });
  }
}

let pool: ZfpPool | undefined;

/** One setting on the parallel pool: compress, decode (in parallel with the slab index), then the
 * page's worker measures the error. Each stage is shown as it starts. */
async function runOnPool(id: number, input: Input, setting: Setting): Promise<void> {
  // The browser entry's options (TypeScript here may see the Node entry's, which has no workerUrl).
  pool ??= new ZfpPool({ workerUrl: poolWorkerUrl } as ConstructorParameters<typeof ZfpPool>[0]);
  const stages = $<HTMLProgressElement>("run-progress");
  const stage = (done: number, text: string) => {
    stages.hidden = false;
    stages.max = 3;
    stages.value = done;
    $("engine").textContent = text;
  };
  try {
    const megabytes = format((sizeOf(input.shape) * itemSize(input.dtype)) / 1e6);
    stage(0, `compressing ${megabytes} MB on ${pool.threads} workers (the parallel pool)…`);
    const t0 = performance.now();
    const array = ndarray(input.data, input.shape);
    const { bytes, index } = await pool.compressWithIndex(array, zfpyOptions(setting));
    const t1 = performance.now();
    stage(1, `decompressing on ${pool.threads} workers…`);
    const decoded = (await pool.decompress(bytes, { index })).data as Input["data"];
    const t2 = performance.now();
    if (input !== state.input) {
      // A new input arrived meanwhile: the worker now holds it, so this result is dropped.
      runEnded();
      return;
    }
    stage(2, "measuring the error…");
    const transfer = [bytes.buffer, decoded.buffer].filter((b) => b instanceof ArrayBuffer);
    post({ kind: "measure", id, bytes, decoded, compressMs: t1 - t0, decompressMs: t2 - t1 }, transfer);
    $("engine").textContent = `on ${pool.threads} workers (the parallel pool)`;
  } catch (error) {
    status(`compression failed: ${(error as Error).message}`, true);
    if (id === runId) runEnded();
  } finally {
    stages.hidden = true;
  }
}

function runEnded(): void {
  running = false;
  setBusy("run", false);
  if (rerun) {
    rerun = false;
    compressNow();
  }
}

$<HTMLSelectElement>("mode").addEventListener("change", (event) => {
  setMode((event.target as HTMLSelectElement).value as Mode);
  compressNow();
});
$<HTMLInputElement>("param").addEventListener("input", () => {
  readSetting();
  compressNow();
});
for (const id of ["minbits", "maxbits", "minexp"]) {
  $(id).addEventListener("change", () => {
    readSetting();
    compressNow();
  });
}
$<HTMLSelectElement>("axis").addEventListener("change", () => {
  resetIndex();
  showViews();
});
$<HTMLInputElement>("index").addEventListener("input", () => {
  $("index-value").textContent = $<HTMLInputElement>("index").value;
  showViews();
});
$<HTMLSelectElement>("metric").addEventListener("change", showPlot);

// ---- results -------------------------------------------------------------------------------

function setNumber(id: string, value: number, text: string): void {
  const cell = $(id);
  cell.dataset.value = String(value);
  cell.textContent = text;
}

function showResult(): void {
  const result = state.result!;
  const s = result.statistics;
  setNumber("n-size", result.bytes.length, `${result.bytes.length.toLocaleString("en")} bytes`);
  setNumber("n-ratio", result.ratio, `${format(result.ratio)} : 1`);
  setNumber("n-bpv", result.bitsPerValue, format(result.bitsPerValue));
  setNumber("n-rmse", s.rmse, format(s.rmse));
  setNumber("n-maxe", s.maxe, format(s.maxe));
  setNumber("n-psnr", s.psnr, Number.isFinite(s.psnr) ? s.psnr.toFixed(2) : "∞ (lossless)");
  setNumber("n-compress", result.compressMBs, `${format(result.compressMBs)} MB/s`);
  setNumber("n-decompress", result.decompressMBs, `${format(result.decompressMBs)} MB/s`);
  $("summary").textContent = summary(result);
  $("engine").textContent = $("engine").textContent?.replace(/…$/, "") ?? "";
  showViews();
  showPlot();
}

/** The current trade-off in one sentence. */
function summary(result: Result): string {
  const input = state.input!;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < input.data.length; i++) {
    const v = Number(input.data[i]);
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const range = high - low;
  const smaller = `The compressed file is ${format(result.ratio)}× smaller (${format(result.bitsPerValue)} instead of ${8 * itemSize(input.dtype)} bits per value)`;
  if (result.statistics.maxe === 0) {
    const how =
      state.setting.mode === "reversible" ? "lossless" : "this setting happens to be exact for this data";
    return `${smaller}, and every value comes back exactly (${how}).`;
  }
  const share =
    range > 0
      ? ` (${format((100 * result.statistics.maxe) / range)}% of the data's range ${format(range)})`
      : "";
  return `${smaller}; every value comes back within ${format(result.statistics.maxe)}${share}, ${format(result.statistics.rmse)} on average (RMSE).`;
}

function showViews(): void {
  const input = state.input;
  const result = state.result;
  if (!input || !result) return;
  const axis = Number($<HTMLSelectElement>("axis").value);
  const index = Number($<HTMLInputElement>("index").value);
  const original = sliceOf(input.data, input.shape, axis, index);
  const decoded = sliceOf(result.decoded, input.shape, axis, index);
  const error = { ...original, data: decoded.data.map((v, i) => v - original.data[i]!) };
  // Shared colour limits: the original slice's range; the error's symmetric around 0.
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of original.data) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  let worst = 0;
  for (const v of error.data) worst = Math.max(worst, Math.abs(v));
  draw($("view-original"), original, low, high, COLORMAPS.values);
  draw($("view-decoded"), decoded, low, high, COLORMAPS.values);
  draw($("view-error"), error, -worst, worst, COLORMAPS.error);
  drawColorbar($("bar-values"), low, high, COLORMAPS.values);
  drawColorbar($("bar-decoded"), low, high, COLORMAPS.values);
  drawColorbar($("bar-error"), -worst, worst, COLORMAPS.error);
}

function showPlot(): void {
  const metric = $<HTMLSelectElement>("metric").value as "psnr" | "maxe";
  const usable = (p: { psnr: number; maxe: number }) =>
    metric === "psnr" ? Number.isFinite(p.psnr) : p.maxe > 0 && Number.isFinite(p.maxe);
  const points = state.sweep.filter(usable);
  const result = state.result;
  const input = state.input;
  const current =
    result && usable(result.statistics)
      ? [{ bitsPerValue: result.bitsPerValue, psnr: result.statistics.psnr, maxe: result.statistics.maxe }]
      : [];
  const lossless = state.sweep.find((p) => p.mode === "reversible");
  // Bits of one uncompressed value: the top axis reads bits per value as a compression ratio.
  const rawBits = 8 * itemSize(input?.dtype ?? "float64");
  const container = $("plot");
  container.dataset.points = String(points.length);
  container.dataset.lossless = String(state.sweep.length - points.length);
  const ratioText = (bits: number) => `${format(rawBits / bits)}:1`;
  const currentLabel = result
    ? `current: ${format(result.bitsPerValue)} bits/value, ${ratioText(result.bitsPerValue)}`
    : "";
  const chart = Plot.plot({
    width: 720,
    height: 360,
    grid: true,
    marginLeft: 64,
    marginTop: 48,
    marginRight: 30,
    x: { type: "log" },
    y:
      metric === "psnr"
        ? { label: "↑ PSNR (dB, higher = closer to the original)" }
        : { type: "log", label: "↓ max |error| (lower = closer to the original)", tickFormat: format },
    color: {
      legend: true,
      domain: ["rate", "precision", "accuracy"],
      range: ["#4269d0", "#efb118", "#ff725c"],
    },
    marks: [
      Plot.axisX(
        [512, 256, 128, 64, 32, 16, 8, 4, 2, 1].map((r) => rawBits / r),
        { anchor: "top", label: "← compression ratio (uncompressed / compressed)", tickFormat: ratioText },
      ),
      Plot.axisX({ anchor: "bottom", label: "bits per value (compressed size) →", tickFormat: format }),
      ...(lossless
        ? [
            Plot.ruleX([lossless.bitsPerValue], { stroke: "#2a7", strokeDasharray: "4,3", strokeWidth: 1.5 }),
            Plot.text([lossless.bitsPerValue], {
              x: (d: number) => d,
              frameAnchor: "bottom",
              dy: -20,
              dx: -4,
              textAnchor: "end",
              text: () => `lossless (reversible): ${ratioText(lossless.bitsPerValue)}, no error`,
              fill: "#2a7",
            }),
          ]
        : []),
      Plot.line(points, { x: "bitsPerValue", y: metric, stroke: "mode", sort: "bitsPerValue" }),
      Plot.dot(points, {
        x: "bitsPerValue",
        y: metric,
        fill: "mode",
        r: 3,
        className: "sweep",
        title: (p: SweepPoint) =>
          `${p.mode} ${p.value}: ${format(p.bitsPerValue)} bits/value (${ratioText(p.bitsPerValue)}), PSNR ${format(p.psnr)} dB, max error ${format(p.maxe)}`,
      }),
      Plot.dot(current, {
        x: "bitsPerValue",
        y: metric,
        r: 8,
        stroke: "black",
        strokeWidth: 2.5,
        className: "current",
      }),
      Plot.text(current, {
        x: "bitsPerValue",
        y: metric,
        text: () => currentLabel,
        dy: -16,
        fontWeight: "bold",
        stroke: "white",
        strokeWidth: 4,
        fill: "black",
        paintOrder: "stroke",
      }),
    ],
  });
  const note = document.createElement("p");
  note.id = "plot-note";
  const pending = busy.sweep ? " The curves are being computed…" : "";
  note.textContent = `Each dot is one setting of a mode; the black ring is the current setting. Up and left is better: less error for fewer bits. The dashed line is lossless compression (reversible mode): ${lossless ? `${format(lossless.bitsPerValue)} bits/value` : "…"}, the most a lossless file can be squeezed.${sweepCrop ? ` The curves come from a central ${sweepCrop.join(" × ")} crop of the array (a sweep over all of it would take minutes); the ring is the whole array.` : ""}${result && !usable(result.statistics) ? " The current setting reproduces this data exactly, so it has no point on this plot." : ""}${pending}`;
  container.replaceChildren(chart, note);
}

// ---- downloads -----------------------------------------------------------------------------

function download(name: string, bytes: Uint8Array): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const stem = () => state.name.replace(/\.(npy|zfp)$/, "").replace(/[^\w.-]+/g, "-");
$("download-zfp").addEventListener("click", () => {
  if (state.result) download(`${stem()}.zfp`, state.result.bytes);
});
$("download-npy").addEventListener("click", () => {
  if (state.result && state.input) {
    download(`${stem()}-decompressed.npy`, writeNpy({ ...state.input, data: state.result.decoded }));
  }
});

// ---- start ---------------------------------------------------------------------------------

$<HTMLSelectElement>("mode").value = state.setting.mode;
setMode(state.setting.mode);
$("generate").click();
