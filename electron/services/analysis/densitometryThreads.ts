import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { concatBodyAirRuns, type BodyAirRuns } from '../../../shared/analysis/bodyAirRuns';
import { densitometryOfZoneHistograms, type DensitometryResult } from '../../../shared/analysis/densitometry';
import { orientationOf, paddingRuleOf, type DensitometryInput } from '../../../shared/analysis/densitometryInput';
import type { LungMask, LungMaskProblemCode } from '../../../shared/analysis/lungMask';
import type { LabelledRuns } from '../../../shared/analysis/lungRuns';
import { EXACT_HISTOGRAM_BINS, lungZoneSlicesOfRuns } from '../../../shared/analysis/lungZoneSlices';
import { err, ok, type Problem, type Result } from '../../../shared/result';
import { type DensitometryOutcome, type DensitometryTask, runDensitometryTask } from './densitometryTask';

/**
 * Densitometry over worker threads (see runThreaded). With `inThread`, this thread takes a slab of
 * each step and the one-thread step itself (the CLI: nothing else to keep responsive); without,
 * all of it runs in workers (the app: the main process keeps serving the UI; it only adds up the
 * histograms).
 */
export interface DensitometryThreads {
  readonly size: number;
  run(task: DensitometryTask): Promise<DensitometryOutcome>;
  close(): Promise<void>;
}

/** The bundled worker next to this bundle, or in out/electron from the project root (bench), else the source through tsx. */
export function densitometryWorkerScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : join(process.cwd(), 'electron', 'services', 'analysis');
  for (const candidate of [join(here, 'densitometryWorker.cjs'), join(process.cwd(), 'out', 'electron', 'densitometryWorker.cjs')]) {
    if (existsSync(candidate)) return candidate;
  }
  return join(here, 'densitometryWorker.ts');
}

function startWorker(path: string): Worker {
  if (!path.endsWith('.ts')) return new Worker(path);
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(path)});`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * `size` workers (default: one per core), started now and reused. A worker that fails answers
 * its task with { kind: 'failed' } and is replaced; callers fall back to this thread.
 */
export function createDensitometryThreads(options: { size?: number; workerScript?: string } = {}): DensitometryThreads {
  const size = Math.max(0, options.size ?? availableParallelism());
  const script = options.workerScript ?? densitometryWorkerScript();
  interface Slot {
    worker: Worker;
    pending: Map<number, (o: DensitometryOutcome) => void>;
  }
  const slots: Slot[] = [];
  let nextId = 1;
  let turn = 0;
  let closed = false;
  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker(script), pending: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (m: { id: number; outcome: DensitometryOutcome }) => {
      slot.pending.get(m.id)?.(m.outcome);
      slot.pending.delete(m.id);
      if (slot.pending.size === 0) slot.worker.unref();
    });
    const fail = (why: string): void => {
      for (const resolve of slot.pending.values()) resolve({ kind: 'failed', message: why });
      slot.pending.clear();
      const index = slots.indexOf(slot);
      if (index >= 0 && !closed) slots[index] = spawn();
    };
    slot.worker.on('error', (e) => fail(e.message));
    slot.worker.on('exit', (code) => fail(`densitometry thread exited (${code})`));
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());
  return {
    size,
    run(task) {
      if (closed || slots.length === 0) return Promise.resolve(runDensitometryTask(task));
      // The least busy worker, round robin among equals.
      let best = slots[turn++ % slots.length]!;
      for (const s of slots) if (s.pending.size < best.pending.size) best = s;
      const id = nextId++;
      return new Promise((resolve) => {
        best.pending.set(id, resolve);
        best.worker.ref();
        best.worker.postMessage({ id, task });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Volumes with fewer slices than this run the body step in one piece. */
const MIN_SLICES_PER_SLAB = 16;

export async function computeDensitometryThreaded(
  input: DensitometryInput,
  threads: DensitometryThreads,
  options: { inThread: boolean },
): Promise<Result<DensitometryResult, Problem<LungMaskProblemCode>>> {
  const outcome = await runThreaded(input, threads, { ...options, overlay: false });
  return outcome.result;
}

/**
 * As computeDensitometryThreaded, plus the deflated overlay volume (densitometryTask.ts) when asked.
 * The lung mask's steps that scan voxels run side by side over slabs of slices: the body scan
 * (step 1) and the closing, pleural step and zone histograms (steps 5 and 6, which work slice by
 * slice into a shared label volume); steps 2 to 4 work on runs and take one thread in between.
 * Without a shared HU volume (or with too few slices) everything runs as one task.
 */
export async function runThreaded(
  input: DensitometryInput,
  threads: DensitometryThreads,
  options: { inThread: boolean; overlay: boolean },
): Promise<{ result: Result<DensitometryResult, Problem<LungMaskProblemCode>>; overlayDeflated?: Uint8Array }> {
  const [nx, ny, nz] = input.dimensions;
  const shared = input.hu.buffer instanceof SharedArrayBuffer;
  const slabs = Math.min(shared ? threads.size + (options.inThread ? 1 : 0) : 1, Math.max(1, Math.floor(nz / MIN_SLICES_PER_SLAB)));
  if (slabs > 1 && input.hu.length === nx * ny * nz) {
    const split = await runSplit(input, threads, options, slabs);
    if (split !== null) return split;
  }
  const task: DensitometryTask = { kind: 'densitometry', input, overlay: options.overlay };
  let outcome = options.inThread ? runDensitometryTask(task) : await threads.run(task);
  // A worker that died: once more in this thread rather than no answer.
  if (outcome.kind === 'failed' && !options.inThread) outcome = runDensitometryTask(task);
  if (outcome.kind === 'densitometry') return { result: outcome.result, ...(outcome.overlayDeflated ? { overlayDeflated: outcome.overlayDeflated } : {}) };
  return { result: failed(outcome) };
}

function failed(outcome: DensitometryOutcome): Result<never, Problem<LungMaskProblemCode>> {
  return err({ code: 'no-lungs-found', message: `Densitometry failed: ${outcome.kind === 'failed' ? outcome.message : 'unexpected answer'}.` });
}

/**
 * The same tasks over `slabs` slabs; with `inThread`, the last slab of each step runs here while
 * the others run in the workers. Returns null when a worker failed (the caller starts over in one
 * piece).
 */
async function runSplit(
  input: DensitometryInput,
  threads: DensitometryThreads,
  options: { inThread: boolean; overlay: boolean },
  slabs: number,
): Promise<{ result: Result<DensitometryResult, Problem<LungMaskProblemCode>>; overlayDeflated?: Uint8Array } | null> {
  const [nx, ny, nz] = input.dimensions;
  const side = async (tasks: DensitometryTask[]): Promise<DensitometryOutcome[]> => {
    // The last task stays here when this thread helps; the others go out first so they overlap.
    const local = options.inThread ? tasks.pop() : undefined;
    const pending = tasks.map((t) => threads.run(t));
    const mine = local ? runDensitometryTask(local) : undefined;
    return [...(await Promise.all(pending)), ...(mine ? [mine] : [])];
  };
  const one = (task: DensitometryTask): Promise<DensitometryOutcome> => (options.inThread ? Promise.resolve(runDensitometryTask(task)) : threads.run(task));

  // Step 1 over slabs of equal size.
  const padding = paddingRuleOf(input);
  const bounds = Array.from({ length: slabs + 1 }, (_, s) => Math.round((s * nz) / slabs));
  const bodyParts: BodyAirRuns[] = [];
  for (const o of await side(bounds.slice(0, -1).map((z0, s): DensitometryTask => ({ kind: 'body-air-runs', hu: input.hu, nx, ny, z0, z1: bounds[s + 1]!, padding })))) {
    if (o.kind !== 'body-air-runs') return null;
    bodyParts.push(o.runs);
  }
  const bodyAirRuns = concatBodyAirRuns(bodyParts, ny);

  // Steps 2 to 4 in one thread, into a label volume every thread sees.
  const labels = new Uint8Array(new SharedArrayBuffer(nx * ny * nz));
  const staged = await one({ kind: 'lung-runs', input, bodyAirRuns, labels });
  if (staged.kind !== 'lung-runs') return null;
  if (!staged.result.ok) return { result: err(staged.result.error) };
  const stage = staged.result.value;
  const zoneSlices = lungZoneSlicesOfRuns(stage.runs, orientationOf(input).slicesAscendCranially);

  // Steps 5 and 6 over slabs holding about the same number of lung voxels (their cost).
  const cuts = balancedSlabs(stage.runs, slabs);
  const finished = await side(
    cuts.slice(0, -1).map((z0, s): DensitometryTask => ({ kind: 'lung-slices', input, stage, labels, z0, z1: cuts[s + 1]!, levelBySlice: zoneSlices.levelBySlice })),
  );
  const zoneCounts = Array.from({ length: 6 }, () => new Int32Array(EXACT_HISTOGRAM_BINS));
  let rightVoxels = 0;
  let leftVoxels = 0;
  for (const o of finished) {
    if (o.kind !== 'lung-slices') return null;
    rightVoxels += o.voxels[0];
    leftVoxels += o.voxels[1];
    o.zoneCounts.forEach((counts, i) => {
      const sum = zoneCounts[i]!;
      for (let b = 0; b < counts.length; b++) sum[b]! += counts[b]!;
    });
  }
  const overlay = options.overlay ? one({ kind: 'overlay', hu: input.hu, labels }) : undefined;
  const mask: LungMask = { labels, dimensions: [nx, ny, nz], rightVoxels, leftVoxels, airwaySlices: stage.airwaySlices, lungsWereJoined: stage.lungsWereJoined };
  const result = densitometryOfZoneHistograms(zoneCounts, input.spacingMm, mask, zoneSlices);
  if (!overlay) return { result: ok(result) };
  const packed = await overlay;
  if (packed.kind !== 'overlay') return null;
  return { result: ok(result), overlayDeflated: packed.overlayDeflated };
}

/** Slice bounds [z0, z1, ..., nz] of `slabs` slabs with about equal numbers of run voxels. */
function balancedSlabs(runs: LabelledRuns, slabs: number): number[] {
  const { ny, nz, rowStart, starts, ends } = runs;
  const perSlice = new Float64Array(nz);
  let total = 0;
  for (let z = 0; z < nz; z++) {
    let n = 0;
    for (let k = rowStart[z * ny]!; k < rowStart[(z + 1) * ny]!; k++) n += ends[k]! - starts[k]! + 1;
    perSlice[z] = n;
    total += n;
  }
  const cuts = [0];
  let sum = 0;
  for (let z = 0; z < nz && cuts.length < slabs; z++) {
    sum += perSlice[z]!;
    if (sum >= (total * cuts.length) / slabs) cuts.push(z + 1);
  }
  while (cuts.length < slabs) cuts.push(nz);
  cuts.push(nz);
  return cuts;
}
