import { type Problem, type Result, err, ok } from '../../../shared/result';
import type { Stack } from '../../../shared/dicom/seriesAssembly';
import type { Volume } from '../../../shared/dicom/volume';
import { checkGreyscale, finishVolume, sliceVoxelCount } from '../../../shared/dicom/volumeAssembly';
import type { DecodeJob, DecodeOutcome } from './decodeSliceInto';
import type { DecodePool } from './decodePool';

/** The decode job of slice `index` of a stack into its place in the shared voxel buffer. */
export function decodeJobOf(stack: Stack, index: number, buffer: SharedArrayBuffer, sliceVoxels: number): DecodeJob {
  const s = stack.slices[index]!;
  const job: DecodeJob = {
    path: s.instance.file,
    frameIndex: s.frame.frameIndex,
    numberOfFrames: s.instance.frames.length,
    format: s.instance.pixel ?? stack.pixel,
    RescaleSlope: s.frame.RescaleSlope,
    RescaleIntercept: s.frame.RescaleIntercept,
    buffer,
    voxelOffset: index * sliceVoxels,
  };
  if (s.instance.nativePixelDataOffset !== undefined) job.nativePixelDataOffset = s.instance.nativePixelDataOffset;
  return job;
}

const SLICES_PER_BATCH = 8;

export interface VolumeLoad {
  stack: Stack;
  /**
   * HU of one slice (index in the stack's ascending order), as soon as it is decoded: a viewer can
   * show slices before the whole volume is ready. Asking moves that slice to the front of the queue.
   */
  slice(index: number): Promise<Result<Int16Array, Problem>>;
  /** The whole volume; failed slices left out and named in its problems. */
  volume: Promise<Result<Volume, Problem>>;
}

export interface LoadOptions {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Decodes every slice of a stack through the pool into one SharedArrayBuffer (workers write their
 * slice in place, no copies back), then closes the gaps left by failed slices.
 */
export function loadVolume(stack: Stack, pool: DecodePool, options: LoadOptions = {}): VolumeLoad {
  const count = sliceVoxelCount(stack);
  const total = stack.slices.length;
  const grey = checkGreyscale(stack);
  if (grey) {
    const failed = Promise.resolve(err(grey));
    return { stack, slice: () => failed, volume: failed };
  }
  const buffer = new SharedArrayBuffer(count * total * 2);
  const voxels = new Int16Array(buffer);
  const jobs: DecodeJob[] = stack.slices.map((_, i) => decodeJobOf(stack, i, buffer, count));
  let done = 0;
  // Neighbouring slices go to a thread together: on LIDC-IDRI-0002 one message per slice cost the
  // threads about as much as reading the slices. A batch is small enough that a slice asked for
  // first (prioritize) still comes within a few milliseconds.
  const outcomes: Promise<DecodeOutcome>[] = [];
  for (let first = 0; first < total; first += SLICES_PER_BATCH) {
    const batch = pool.decodeBatch(jobs.slice(first, first + SLICES_PER_BATCH)).then((decoded) => {
      done += decoded.length;
      options.onProgress?.(done, total);
      return decoded;
    });
    for (let k = first; k < Math.min(total, first + SLICES_PER_BATCH); k++) outcomes.push(batch.then((decoded) => decoded[k - first]!));
  }
  let finished = false;
  const decodedFlags: boolean[] = [];

  const volume = Promise.all(outcomes).then((results) => {
    const problems: Problem[] = [];
    results.forEach((r, i) => {
      decodedFlags[i] = r.ok;
      if (!r.ok) problems.push(r.problem);
      else if (r.clamped > 0) {
        const file = stack.slices[i]!.instance.file;
        problems.push({ code: 'values-clamped', message: `${file}: ${r.clamped} values outside the int16 range after rescale were clamped`, file });
      }
    });
    const result = finishVolume(stack, voxels, decodedFlags, problems);
    finished = true;
    return result;
  });

  const slice = async (index: number): Promise<Result<Int16Array, Problem>> => {
    const job = jobs[index];
    const outcome = outcomes[index];
    if (!job || !outcome) return err({ code: 'no-such-slice', message: `Series ${stack.SeriesInstanceUID}: no slice ${index} (it has ${total})` });
    pool.prioritize(job);
    const r = await outcome;
    if (!r.ok) return err(r.problem);
    // After the volume is finished, failed slices have been closed up: find where this one went.
    let at = index;
    if (finished) at = decodedFlags.slice(0, index).filter(Boolean).length;
    return ok(voxels.slice(at * count, (at + 1) * count));
  };

  return { stack, slice, volume };
}
