import type { ImageCodecs } from '../../../shared/dicom/pixelData';
import { assertNever } from '../../../shared/result';
import { type DecodeJob, type DecodeOutcome, decodeSliceInto } from './decodeSliceInto';
import { type HeaderOutcome, readHeaderOutcome } from './readDicom';

/** What a decode thread can be asked to do: plain data, structured-cloneable. */
export type WorkerTask = { kind: 'decode'; jobs: DecodeJob[] } | { kind: 'read-headers'; paths: string[] };

/** One outcome per job, in order: slices travel in batches, as one message costs more than a slice. */
export interface DecodesOutcome {
  decoded: DecodeOutcome[];
}

export interface HeadersOutcome {
  headers: HeaderOutcome[];
}

export type WorkerOutcome = DecodesOutcome | HeadersOutcome;

export async function runWorkerTask(task: WorkerTask, codecs: ImageCodecs): Promise<WorkerOutcome> {
  switch (task.kind) {
    case 'decode': {
      const decoded: DecodeOutcome[] = [];
      for (const job of task.jobs) decoded.push(await decodeSliceInto(job, codecs));
      return { decoded };
    }
    case 'read-headers':
      return { headers: task.paths.map(readHeaderOutcome) };
    default:
      return assertNever(task, 'worker task');
  }
}

/** The outcome reported when a task could not run at all (thread died, pool closed). */
export function failedOutcome(task: WorkerTask, message: string): WorkerOutcome {
  switch (task.kind) {
    case 'decode':
      return { decoded: task.jobs.map((job) => ({ ok: false, problem: { code: 'decode-failed', message: `${job.path}: ${message}`, file: job.path } })) };
    case 'read-headers':
      return { headers: task.paths.map((path) => ({ problem: { code: 'unreadable', message: `${path}: ${message}`, file: path }, size: -1, mtimeMs: -1 })) };
    default:
      return assertNever(task, 'worker task');
  }
}
