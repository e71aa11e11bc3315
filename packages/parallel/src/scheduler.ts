// A fixed set of workers and a queue of tasks: each idle worker takes the next task. The
// platform (worker_threads or Web Workers) is reached only through a WorkerPort.
import { PoolClosedError, reviveError, WorkerFailedError } from "./errors.js";
import type { Reply, Task, TaskResult } from "./protocol.js";

/** One worker, as the scheduler sees it. */
export interface WorkerPort {
  /** Sends a request; `transfer` lists the ArrayBuffers to move rather than copy. */
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** Stops the worker. */
  terminate(): unknown;
  /** Told when the worker starts or ends a task (Node lets an idle pool not hold the process). */
  setBusy?(busy: boolean): void;
}

/** What a worker reports back to the scheduler. */
export interface WorkerEvents {
  message(reply: Reply): void;
  failure(error: unknown): void;
}

/** Starts a worker wired to `events`. */
export type SpawnWorker = (events: WorkerEvents) => WorkerPort;

/** How {@link Scheduler.run} queues a task. */
export interface RunOptions {
  /** Put the task at the front of the queue (a pipeline's next step before queued bulk work). */
  readonly urgent?: boolean;
  /**
   * Called with the result before the worker takes its next task, so that work it enables (and
   * queues as urgent) runs next rather than behind tasks already queued.
   */
  readonly onResult?: (result: TaskResult) => void;
  /**
   * The task continues a call already running (queued from an `onResult`): accepted after
   * {@link Scheduler.close} was called, since close waits for calls in progress.
   */
  readonly continuation?: boolean;
}

interface Job {
  readonly task: Task;
  readonly transfer: ArrayBuffer[];
  readonly onResult: ((result: TaskResult) => void) | undefined;
  readonly resolve: (result: TaskResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  /** The worker, or null after it died (a new one starts when a task needs it). */
  port: WorkerPort | null;
  job: Job | null;
  /** Id of the request in flight (replies to anything else are stale). */
  id: number;
}

/** Runs tasks on `threads` workers started by `spawn`. */
export class Scheduler {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly spawn: SpawnWorker,
    readonly threads: number,
  ) {
    for (let i = 0; i < threads; i++) this.slots.push(this.start());
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.closing;
  }

  /** Runs `task` on the next free worker; rejects with the worker's error, revived. */
  run(task: Task, transfer: ArrayBuffer[] = [], options: RunOptions = {}): Promise<TaskResult> {
    if (this.closing && !options.continuation) return Promise.reject(new PoolClosedError());
    return new Promise<TaskResult>((resolve, reject) => {
      const job: Job = { task, transfer, onResult: options.onResult, resolve, reject };
      if (options.urgent) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  /** Waits for every queued and running task, then terminates the workers. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.queue.length > 0 || this.slots.some((slot) => slot.job !== null)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    await Promise.all(this.slots.map((slot) => slot.port?.terminate()));
  }

  private start(): Slot {
    const slot: Slot = { port: null, job: null, id: 0 };
    slot.port = this.spawnFor(slot);
    return slot;
  }

  private spawnFor(slot: Slot): WorkerPort {
    let port: WorkerPort | null = null;
    port = this.spawn({
      message: (reply) => {
        if (slot.port === port) this.onReply(slot, reply);
      },
      failure: (error) => {
        if (slot.port === port) this.onFailure(slot, error);
      },
    });
    return port;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.job !== null) continue;
      const job = this.queue.shift()!;
      // A worker that died is replaced only when there is work for it, so a worker script that
      // cannot start fails each call once instead of restarting in a loop.
      slot.port ??= this.spawnFor(slot);
      const port = slot.port;
      slot.job = job;
      slot.id = this.nextId++;
      port.setBusy?.(true);
      try {
        port.postMessage({ ...job.task, id: slot.id }, job.transfer);
      } catch (error) {
        // A message that cannot be cloned: this call fails, the worker stays.
        slot.job = null;
        port.setBusy?.(false);
        job.reject(error);
      }
    }
    if (this.queue.length === 0 && this.slots.every((slot) => slot.job === null)) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private onReply(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (job === null || reply.id !== slot.id) return;
    slot.job = null;
    slot.port?.setBusy?.(false);
    if (reply.ok) {
      try {
        job.onResult?.(reply.result);
        job.resolve(reply.result);
      } catch (error) {
        job.reject(error);
      }
    } else job.reject(reviveError(reply.error));
    this.pump();
  }

  private onFailure(slot: Slot, error: unknown): void {
    const job = slot.job;
    slot.job = null;
    void slot.port?.terminate();
    slot.port = null; // replaced when a task needs it (see pump)
    job?.reject(
      new WorkerFailedError(
        `a pool worker failed: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      ),
    );
    this.pump();
  }
}
