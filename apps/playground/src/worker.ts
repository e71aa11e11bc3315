// The module worker: every compression runs here, so the page never freezes.
import type { Input } from "./arrays.js";
import { run, type Setting, sweepPoint, sweepSettings } from "./zfp.js";

/** Messages to the worker. */
export type Request =
  | { kind: "load"; input: Input }
  | { kind: "run"; id: number; setting: Setting }
  | { kind: "sweep"; id: number };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

let input: Input | undefined;

scope.onmessage = (event) => {
  const request = event.data;
  try {
    if (request.kind === "load") {
      input = request.input;
      return;
    }
    if (!input) throw new Error("no input loaded");
    if (request.kind === "run") {
      const result = run(input, request.setting);
      scope.postMessage({ kind: "result", id: request.id, result }, [
        result.bytes.buffer,
        result.decoded.buffer,
      ]);
      return;
    }
    const settings = sweepSettings(input);
    const points = [];
    for (const [i, setting] of settings.entries()) {
      points.push(sweepPoint(input, setting));
      scope.postMessage({ kind: "progress", id: request.id, done: i + 1, total: settings.length });
    }
    scope.postMessage({ kind: "sweep", id: request.id, points });
  } catch (error) {
    scope.postMessage({
      kind: "error",
      id: "id" in request ? request.id : -1,
      message: (error as Error).message,
    });
  }
};
