import type { ImageCodecs } from '../../../shared/dicom/pixelData';
import { assertNever } from '../../../shared/result';
import { type DecodeJob, type DecodeOutcome, decodeSliceInto } from './decodeSliceInto';
import { type HeaderOutcome, readHeaderOutcome } from './readDicom';

/** What a decode thread can be asked to do: plain data, structured-cloneable. */
export type WorkerTask = { kind: 'decode'; job: DecodeJob } | { kind: 'read-headers'; paths: string[] };

export interface HeadersOutcome {
  headers: HeaderOutcome[];
}

export type WorkerOutcome = DecodeOutcome | HeadersOutcome;

export async function runWorkerTask(task: WorkerTask, codecs: ImageCodecs): Promise<WorkerOutcome> {
  switch (task.kind) {
    case 'decode':
      return decodeSliceInto(task.job, codecs);
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
      return { ok: false, problem: { code: 'decode-failed', message: `${task.job.path}: ${message}`, file: task.job.path } };
    case 'read-headers':
      return { headers: task.paths.map((path) => ({ problem: { code: 'unreadable', message: `${path}: ${message}`, file: path }, size: -1, mtimeMs: -1 })) };
    default:
      return assertNever(task, 'worker task');
  }
}
