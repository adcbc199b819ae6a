import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImageCodecs } from '../../../shared/dicom/pixelData';
import { createNodeCodecs } from './nodeCodecs';
import type { DecodeJob, DecodeOutcome } from './decodeSliceInto';
import type { HeaderOutcome } from './readDicom';
import { type DecodesOutcome, type HeadersOutcome, type WorkerOutcome, type WorkerTask, failedOutcome, runWorkerTask } from './workerTask';

/** Where the worker entry lives: the bundled .cjs, or the TypeScript source (run through tsx). */
export interface WorkerScript {
  path: string;
}

/**
 * The bundled worker (`dicomDecodeWorker.cjs` next to the bundle that contains this module) when it
 * exists; otherwise the TypeScript source beside this file (tests, `tsx` scripts).
 */
export function defaultWorkerScript(): WorkerScript {
  // CommonJS (bundles, vitest) has __dirname. Plain ESM runs (tsx scripts) start from the project
  // root; import.meta is avoided because the CommonJS bundle cannot have it.
  const here = typeof __dirname === 'string' ? __dirname : join(process.cwd(), 'electron', 'services', 'dicom');
  const bundled = join(here, 'dicomDecodeWorker.cjs');
  if (existsSync(bundled)) return { path: bundled };
  return { path: join(here, 'decodeWorker.ts') };
}

/**
 * A TypeScript entry is started through tsx's register API from a small CommonJS bootstrap:
 * `execArgv: ['--import', 'tsx']` is not honoured by workers of a process itself started by tsx.
 */
function startWorker(script: WorkerScript): Worker {
  if (!script.path.endsWith('.ts')) return new Worker(script.path);
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(script.path)});`;
  return new Worker(bootstrap, { eval: true });
}

export interface DecodePool {
  /** Number of worker threads (0: decoding runs in this thread). */
  readonly size: number;
  /**
   * The caller's thread has nothing else to do (the CLI): it may work itself, as this pool does
   * while its workers start (helpWhileStarting).
   */
  readonly callerThreadIsFree: boolean;
  decode(job: DecodeJob): Promise<DecodeOutcome>;
  /** Several slices in one message to a thread (outcomes in order). */
  decodeBatch(jobs: DecodeJob[]): Promise<DecodeOutcome[]>;
  /** Headers of a batch of files, for an index (scanDicom's readHeaders). */
  readHeaders(paths: string[]): Promise<HeaderOutcome[]>;
  /** Runs any worker task (the typed methods above are shorthands). */
  run(task: WorkerTask): Promise<WorkerOutcome>;
  /** Moves a queued job (with its batch) to the front (a viewer asking for one slice now). */
  prioritize(job: DecodeJob): void;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  task: WorkerTask;
  resolve: (outcome: WorkerOutcome) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
  /** Has answered at least once: a worker that dies before that could not start at all. */
  healthy: boolean;
  /** Failed or retired: its later error/exit events are ignored. */
  dead: boolean;
}

/** After this many workers fail to start, decoding falls back to this thread. */
const MAX_STARTUP_FAILURES = 3;

/**
 * A pool of worker threads decoding slices straight into a shared HU buffer (one per core by
 * default). A worker that dies fails its slice as a problem and is replaced; if workers cannot start
 * at all, decoding continues in this thread. The pool never throws.
 */
export function createDecodePool(options: { workerScript?: WorkerScript; size?: number; helpWhileStarting?: boolean } = {}): DecodePool {
  const size = Math.max(0, options.size ?? availableParallelism());
  if (size === 0) return inThreadPool();
  const script = options.workerScript ?? defaultWorkerScript();
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let startupFailures = 0;
  let fallback: DecodePool | undefined;
  // Starting a worker thread costs ~40 ms here, the same as reading ~150 headers. A caller whose
  // thread would only wait (the CLI) lets it run queued tasks until the first worker is up.
  let helper: { codecs: ImageCodecs; busy: boolean } | undefined = options.helpWhileStarting ? { codecs: createNodeCodecs(), busy: false } : undefined;

  const useFallback = (): void => {
    if (!fallback) {
      process.stderr.write(`lungscore: decode workers could not start (${script.path}); decoding in the main thread\n`);
      fallback = inThreadPool();
    }
    const f = fallback;
    for (const slot of slots.splice(0)) {
      slot.dead = true;
      if (slot.busy) queue.unshift(slot.busy);
      slot.busy = undefined;
      void slot.worker.terminate();
    }
    for (const p of queue.splice(0)) void f.run(p.task).then(p.resolve);
  };

  const spawn = (): Slot => {
    const worker = startWorker(script);
    worker.unref();
    const slot: Slot = { worker, healthy: false, dead: false };
    worker.on('message', (message: { id: number; outcome: WorkerOutcome } | { ready: true }) => {
      slot.healthy = true;
      helper = undefined;
      if ('ready' in message) {
        pump();
        return;
      }
      const pending = slot.busy;
      slot.busy = undefined;
      if (pending && pending.id === message.id) pending.resolve(message.outcome);
      pump();
    });
    const fail = (why: string): void => {
      if (slot.dead) return;
      slot.dead = true;
      const pending = slot.busy;
      slot.busy = undefined;
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      if (closed) {
        pending?.resolve(failedOutcome(pending.task, 'decode pool closed'));
        return;
      }
      if (!slot.healthy) {
        // Could not start: not the slice's fault. Retry it elsewhere.
        startupFailures++;
        if (pending) queue.unshift(pending);
        if (startupFailures >= MAX_STARTUP_FAILURES) {
          useFallback();
          return;
        }
      } else {
        pending?.resolve(failedOutcome(pending.task, `decoder thread failed (${why})`));
      }
      slots.push(spawn());
      pump();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return slot;
  };

  const pump = (): void => {
    if (fallback) {
      useFallback();
      return;
    }
    for (const slot of slots) {
      if (slot.busy) continue;
      const next = queue.shift();
      if (!next) break;
      slot.busy = next;
      slot.worker.ref();
      slot.worker.postMessage({ id: next.id, task: next.task });
    }
    for (const slot of slots) if (!slot.busy) slot.worker.unref();
    const h = helper;
    if (h && !h.busy && queue.length > 0) {
      h.busy = true;
      const next = queue.shift()!;
      // Next turn of the event loop, so a worker's "ready" is seen between two tasks.
      setImmediate(() => {
        void runWorkerTask(next.task, h.codecs)
          .catch((e: unknown) => failedOutcome(next.task, e instanceof Error ? e.message : String(e)))
          .then((outcome) => {
            h.busy = false;
            next.resolve(outcome);
            pump();
          });
      });
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  const run = (task: WorkerTask): Promise<WorkerOutcome> => {
    if (fallback) return fallback.run(task);
    if (closed) return Promise.resolve(failedOutcome(task, 'decode pool closed'));
    return new Promise<WorkerOutcome>((resolve) => {
      queue.push({ id: nextId++, task, resolve });
      pump();
    });
  };

  return {
    size,
    callerThreadIsFree: options.helpWhileStarting === true,
    run,
    decode: (job) => run({ kind: 'decode', jobs: [job] }).then((o) => (o as DecodesOutcome).decoded[0]!),
    decodeBatch: (jobs) => run({ kind: 'decode', jobs }).then((o) => (o as DecodesOutcome).decoded),
    readHeaders: (paths) => run({ kind: 'read-headers', paths }).then((o) => (o as HeadersOutcome).headers),
    prioritize(job) {
      if (fallback) return fallback.prioritize(job);
      const index = queue.findIndex((p) => p.task.kind === 'decode' && p.task.jobs.includes(job));
      if (index > 0) queue.unshift(...queue.splice(index, 1));
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      for (const p of queue.splice(0)) p.resolve(failedOutcome(p.task, 'decode pool closed'));
    },
  };
}

/** The same interface without threads: for single files, tests, and where workers cannot start. */
export function inThreadPool(): DecodePool {
  const codecs = createNodeCodecs();
  const queue: { task: WorkerTask; resolve: (o: WorkerOutcome) => void }[] = [];
  let running = false;
  const drain = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let next = queue.shift(); next; next = queue.shift()) {
      const task = next.task;
      next.resolve(await runWorkerTask(task, codecs).catch((e: unknown) => failedOutcome(task, e instanceof Error ? e.message : String(e))));
    }
    running = false;
  };
  const run = (task: WorkerTask): Promise<WorkerOutcome> =>
    new Promise<WorkerOutcome>((resolve) => {
      queue.push({ task, resolve });
      void drain();
    });
  return {
    size: 0,
    callerThreadIsFree: true,
    run,
    decode: (job) => run({ kind: 'decode', jobs: [job] }).then((o) => (o as DecodesOutcome).decoded[0]!),
    decodeBatch: (jobs) => run({ kind: 'decode', jobs }).then((o) => (o as DecodesOutcome).decoded),
    readHeaders: (paths) => run({ kind: 'read-headers', paths }).then((o) => (o as HeadersOutcome).headers),
    prioritize(job) {
      const index = queue.findIndex((p) => p.task.kind === 'decode' && p.task.jobs.includes(job));
      if (index > 0) queue.unshift(...queue.splice(index, 1));
    },
    async close() {},
  };
}
