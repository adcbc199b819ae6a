import type { ImageCodecs } from '../../../shared/dicom/pixelData';
import { type DecodeJob, type DecodeOutcome, decodeSliceInto } from './decodeSliceInto';

/** What a decode thread is asked to do: plain data, structured-cloneable. */
export interface WorkerTask {
  kind: 'decode';
  job: DecodeJob;
}

export type WorkerOutcome = DecodeOutcome;

export function runWorkerTask(task: WorkerTask, codecs: ImageCodecs): Promise<WorkerOutcome> {
  return decodeSliceInto(task.job, codecs);
}

/** The outcome reported when a task could not run at all (thread died, pool closed). */
export function failedOutcome(task: WorkerTask, message: string): WorkerOutcome {
  return { ok: false, problem: { code: 'decode-failed', message: `${task.job.path}: ${message}`, file: task.job.path } };
}
