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
 * Loads a volume from files and folders (the CLI and batch path): indexes the headers in this
 * thread, chooses the stack, then decodes it through the pool. Create the pool before calling: its
 * workers start (load their code) while this thread reads the headers, so the index costs almost
 * no wall time. Uncompressed slices are then read by the workers straight into their place in the
 * volume (see decodeSliceInto), which makes a second read of each header cheaper than the old
 * single pass that read each file once but had to move every slice into order afterwards.
 */
export async function loadFolderVolume(
  paths: readonly string[],
  pool: DecodePool,
  options: { SeriesInstanceUID?: string; cache?: HeaderCache; onProgress?: (done: number, total: number) => void } = {},
): Promise<Result<FolderVolume, Problem>> {
  let files = 0;
  const scan = await scanDicom(paths, {
    ...(options.cache ? { cache: options.cache } : {}),
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
