import type { Problem } from '../../../shared/result';
import { type PatientEntry, type SeriesEntry, allSeries, buildStudyTree } from '../../../shared/dicom/studyTree';
import { type ScanOptions, scanDicom } from './scanDicom';

export interface SeriesLibrary {
  tree: PatientEntry[];
  series: SeriesEntry[];
  /** File-level problems: not DICOM, unreadable, unparseable. */
  problems: Problem[];
  parsed: number;
}

/** Scans paths and groups what it finds patient -> study -> series, with assembly checks. */
export async function openSeriesLibrary(
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<SeriesLibrary> {
  const scan = await scanDicom(paths, options);
  const tree = buildStudyTree(scan.instances);
  return { tree, series: allSeries(tree), problems: scan.problems, parsed: scan.parsed };
}
