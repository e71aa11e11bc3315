// The module Web Worker of the browser entry: runs each request it receives and posts the reply.
import type { Request } from "./protocol.js";
import { handleRequest } from "./tasks.js";

/** The parts of a dedicated worker's global scope used here (no DOM typings needed). */
interface WorkerScope {
  onmessage: ((event: { data: Request }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  const { reply, transfer } = handleRequest(event.data);
  scope.postMessage(reply, transfer);
};
