// The module worker: every compression, decompression and file decoding runs here, so the page
// never freezes. The sweep yields between its settings, so a run of the current setting (a slider
// moved) is answered within one sweep point instead of after the whole sweep.
import { decompress } from "@zfpjs/zfpy";
import { centralCrop, dtypeOf, type Input, type Values } from "./arrays.js";
import { NpyError, readNpy } from "./npy.js";
import { measure, type Result, run, type Setting, sweepPoint, sweepSettings } from "./zfp.js";

/** Messages to the worker. */
export type Request =
  | { kind: "open"; id: number; name: string; bytes: Uint8Array }
  | { kind: "load"; input: Input }
  | { kind: "run"; id: number; setting: Setting }
  | {
      kind: "measure";
      id: number;
      bytes: Uint8Array;
      decoded: Values;
      compressMs: number;
      decompressMs: number;
    }
  | { kind: "sweep"; id: number };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

let input: Input | undefined;
/** The sweep in progress; a newer sweep (or input) ends it between two settings. */
let currentSweep = 0;

/** The sweep runs on at most this many values (a central crop of larger arrays), so it takes
 * seconds, not minutes; the page says so. */
const SWEEP_MAX_VALUES = 2 ** 17;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Decodes a .npy or a .zfp (with header) file into an array. */
function open(name: string, bytes: Uint8Array): Input {
  if (bytes[0] === 0x93) return readNpy(bytes);
  try {
    const array = decompress(bytes);
    const data = array.data as Values;
    return { dtype: dtypeOf(data), shape: [...array.shape], data };
  } catch (error) {
    throw new Error(
      `cannot open ${name}: not a .npy, nor a zfp stream with a header (as zfpy writes): ${(error as Error).message}`,
    );
  }
}

async function sweep(id: number): Promise<void> {
  currentSweep = id;
  const whole = input!;
  const source = centralCrop(whole, SWEEP_MAX_VALUES);
  const settings = sweepSettings(source);
  const points = [];
  for (const [i, setting] of settings.entries()) {
    await nextTurn();
    if (currentSweep !== id || input !== whole) return;
    points.push(sweepPoint(source, setting));
    scope.postMessage({ kind: "progress", id, done: i + 1, total: settings.length });
  }
  const crop = source === whole ? undefined : source.shape;
  scope.postMessage({ kind: "sweep", id, points, crop });
}

scope.onmessage = (event) => {
  const request = event.data;
  try {
    if (request.kind === "open") {
      let opened: Input;
      try {
        opened = open(request.name, request.bytes);
      } catch (error) {
        const message =
          error instanceof NpyError
            ? `cannot open ${request.name}: not a usable .npy: ${error.message}`
            : (error as Error).message;
        scope.postMessage({ kind: "open-error", id: request.id, message });
        return;
      }
      scope.postMessage({ kind: "opened", id: request.id, name: request.name, input: opened }, [
        opened.data.buffer,
      ]);
      return;
    }
    if (request.kind === "load") {
      input = request.input;
      currentSweep = 0;
      return;
    }
    if (!input) throw new Error("no input loaded");
    if (request.kind === "run" || request.kind === "measure") {
      const result: Result =
        request.kind === "run"
          ? run(input, request.setting)
          : measure(input, request.bytes, request.decoded, request.compressMs, request.decompressMs);
      const transfer = [result.bytes.buffer, result.decoded.buffer].filter((b) => b instanceof ArrayBuffer);
      scope.postMessage({ kind: "result", id: request.id, result }, transfer);
      return;
    }
    sweep(request.id).catch((error: Error) =>
      scope.postMessage({ kind: "error", id: request.id, message: error.message }),
    );
  } catch (error) {
    scope.postMessage({
      kind: "error",
      id: "id" in request ? request.id : -1,
      message: (error as Error).message,
    });
  }
};
