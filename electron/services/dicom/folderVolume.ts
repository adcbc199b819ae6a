import type { Problem, Result } from '../../../shared/result';
import { err } from '../../../shared/result';
import { type Choice, chooseStack } from '../../../shared/dicom/chooseStack';
import { allSeries, buildStudyTree } from '../../../shared/dicom/studyTree';
import type { Volume } from '../../../shared/dicom/volume';
import type { DecodePool } from './decodePool';
import { type HeaderCache, scanDicom } from './scanDicom';
import { loadVolume } from './volumeLoader';

export interface FolderVolume {
  choice: Choice;
  volume: Result<Volume, Problem>;
  /** Files that are not DICOM or not readable. */
  fileProblems: Problem[];
}

/**
 * Loads a volume from files and folders (the CLI and batch path): the headers are read (in this
 * thread when the pool says it is free, else in batches on the pool's threads), this thread chooses
 * the stack, then the pool decodes it. Uncompressed slices
 * are read straight into their place in the volume from the offset the index found (see
 * decodeSliceInto), so reading each header first costs less than the single pass it replaced, which
 * read each file once but then had to move every slice into order.
 */
export async function loadFolderVolume(
  paths: readonly string[],
  pool: DecodePool,
  options: { SeriesInstanceUID?: string; cache?: HeaderCache; onProgress?: (done: number, total: number) => void } = {},
): Promise<Result<FolderVolume, Problem>> {
  let files = 0;
  const scan = await scanDicom(paths, {
    ...(options.cache ? { cache: options.cache } : {}),
    // A free caller's thread reads them itself while the workers start: warming up the parser in
    // one thread rather than three took LIDC-IDRI-0002 from ~309 to ~283 ms (median of 15 runs).
    ...(pool.callerThreadIsFree ? {} : { readHeaders: (batch: string[]) => pool.readHeaders(batch) }),
    onProgress: (done, total) => {
      files = total;
      // Reading headers is the first tenth of the work a user waits for, decoding the rest.
      options.onProgress?.(done, total * 10);
    },
  });
  const fileProblems = scan.problems;
  const chosen = chooseStack(allSeries(buildStudyTree(scan.instances)), options.SeriesInstanceUID);
  if (!chosen.ok) return err({ ...chosen.error, message: `${chosen.error.message} under ${paths.join(', ')}` });
  const choice = chosen.value;
  const load = loadVolume(choice.stack, pool, {
    onProgress: (done, total) => options.onProgress?.(files + Math.round((done / total) * files * 9), files * 10),
  });
  return { ok: true, value: { choice, volume: await load.volume, fileProblems } };
}
