// The scheduler over fake workers: a worker that dies fails only its call and is replaced.
import { describe, expect, it } from "vitest";
import { WorkerFailedError } from "../src/errors.js";
import type { Request } from "../src/protocol.js";
import { Scheduler, type WorkerEvents, type WorkerPort } from "../src/scheduler.js";
import { handleRequest } from "../src/tasks.js";

/** Fake workers that run requests on this thread, or die on a request for 0 rows. */
function fakeWorkers(): { spawn: (events: WorkerEvents) => WorkerPort; started: () => number } {
  let started = 0;
  const spawn = (events: WorkerEvents): WorkerPort => {
    started++;
    return {
      postMessage(message) {
        const request = message as Request;
        queueMicrotask(() => {
          if (request.op === "decompressWhole" && request.bytes.length === 0)
            events.failure(new Error("boom"));
          else events.message(handleRequest(request).reply);
        });
      },
      terminate() {},
    };
  };
  return { spawn, started: () => started };
}

describe("given a scheduler whose worker dies during a call", () => {
  it("when the next calls run, expect WorkerFailedError for that call only and a new worker", async () => {
    const workers = fakeWorkers();
    const scheduler = new Scheduler(workers.spawn, 2);
    const dead = scheduler.run({ op: "decompressWhole", bytes: new Uint8Array(0), options: {} });
    const ok = scheduler.run({
      op: "compressWhole",
      array: { data: new Float32Array([1, 2, 3]), shape: [3] },
      options: {},
    });
    await expect(dead).rejects.toBeInstanceOf(WorkerFailedError);
    await expect(dead).rejects.toMatchObject({ tag: "WorkerFailed", cause: { message: "boom" } });
    expect(await ok).toMatchObject({ bits: expect.any(Number) });
    expect(workers.started()).toBe(2); // the dead worker is replaced when work comes
    const after = await Promise.all(
      [1, 2, 3].map((n) =>
        scheduler.run({ op: "compressWhole", array: { data: new Float32Array(n), shape: [n] }, options: {} }),
      ),
    );
    for (const result of after) expect(result).toMatchObject({ bits: expect.any(Number) });
    expect(workers.started()).toBe(3);
    await scheduler.close();
  });
});

describe("given workers that can never start", () => {
  it("when calls run, expect each to fail with WorkerFailedError and no restart loop", async () => {
    let started = 0;
    const scheduler = new Scheduler((events) => {
      started++;
      queueMicrotask(() => events.failure(new Error("cannot load the worker script")));
      return { postMessage() {}, terminate() {} };
    }, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(2);
    const call = scheduler.run({ op: "decompressWhole", bytes: new Uint8Array(8), options: {} });
    await expect(call).rejects.toBeInstanceOf(WorkerFailedError);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(3);
    await scheduler.close();
  });
});
