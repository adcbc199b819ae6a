import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { ApiFailure } from '../../../shared/api/errors';
import type { ImageFolder, ImagePatientSummary, ImageSeriesSummary, SeriesGeometry } from '../../../shared/api/tasks/imaging';
import type { SeriesEntry } from '../../../shared/dicom/studyTree';
import type { Stack } from '../../../shared/dicom/seriesAssembly';
import { type Problem, type Result, err, ok } from '../../../shared/result';
import { type SeriesLibrary, openSeriesLibrary } from '../dicom/seriesLibrary';
import { type DecodePool, createDecodePool, defaultWorkerScript, inThreadPool } from '../dicom/decodePool';
import { type VolumeLoad, loadVolume } from '../dicom/volumeLoader';
import type { Volume } from '../../../shared/dicom/volume';
import type { HeaderCache } from '../dicom/scanDicom';
import { decodeSeriesKey, encodeSeriesKey } from './seriesKey';
import { lungWindowThumbnail, type Thumbnail } from './thumbnail';

/** Volumes kept decoded in memory: two for compare mode plus the one just opened. */
const MAX_LOADED_VOLUMES = 3;

export type SliceProblemCode = 'folder-gone' | 'unknown-series' | 'no-such-slice' | 'decode-failed';

export interface SliceFailure {
  code: SliceProblemCode;
  message: string;
}

export interface ImagingService {
  openFolder(folder: string): Promise<ImageFolder>;
  geometry(seriesKey: string): Promise<SeriesGeometry>;
  slice(seriesKey: string, index: number): Promise<Result<Int16Array, SliceFailure>>;
  thumbnail(seriesKey: string): Promise<Result<Thumbnail, SliceFailure>>;
  /** The whole decoded volume (shared with the viewer's slices: one load serves both), for analysis. */
  volume(seriesKey: string): Promise<Result<Volume, SliceFailure>>;
  close(): Promise<void>;
}

interface OpenedStack {
  folder: string;
  series: SeriesEntry;
  stack: Stack;
}

/** A problem message as a reader needs it: what and where, without the folder's path. */
function inWords(problem: Problem, folder: string): string {
  return problem.message.split(folder + sep).join('');
}

function studyDateIso(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : '';
}

function stackProblems(series: SeriesEntry, stack: Stack, folder: string): string[] {
  const own = [...series.instances.flatMap((i) => i.problems), ...series.assembled.problems, ...stack.problems];
  return [...new Set(own.map((p) => inWords(p, folder)))];
}

function summaryOf(folder: string, series: SeriesEntry, stack: Stack): ImageSeriesSummary {
  const first = stack.slices[0];
  const facts = first?.instance.facts ?? {};
  return {
    seriesKey: encodeSeriesKey({ folder, SeriesInstanceUID: series.SeriesInstanceUID, stackId: stack.stackId }),
    SeriesInstanceUID: series.SeriesInstanceUID,
    stackId: stack.stackId,
    SeriesDescription: series.SeriesDescription,
    SeriesNumber: series.SeriesNumber ?? null,
    Modality: series.Modality,
    sliceCount: stack.slices.length,
    rows: stack.pixel.Rows,
    columns: stack.pixel.Columns,
    thicknessMm: facts.SliceThickness ?? first?.frame.SliceThickness ?? null,
    spacingMm: Number.isFinite(stack.spacing) ? stack.spacing : null,
    ConvolutionKernel: facts.ConvolutionKernel ?? null,
    Manufacturer: facts.Manufacturer ?? null,
    problems: stackProblems(series, stack, folder),
  };
}

function pickPool(): DecodePool {
  // The bundled worker exists only when the build emits it; without it decode in this thread
  // rather than let three workers fail to start first.
  return existsSync(defaultWorkerScript().path) ? createDecodePool() : inThreadPool();
}

/**
 * Opened folders, their series, and decoded volumes for the viewer. Slices come from the DICOM
 * services' VolumeLoad: asking for one moves it to the front of the decode queue, so the first image
 * shows while the rest of the series decodes behind it.
 */
export function createImagingService(options: { cache?: () => HeaderCache; pool?: () => DecodePool } = {}): ImagingService {
  const libraries = new Map<string, Promise<SeriesLibrary>>();
  const loads = new Map<string, VolumeLoad>();
  let pool: DecodePool | undefined;

  const folderGone = (folder: string): SliceFailure => ({
    code: 'folder-gone',
    message: `The folder ${folder} is no longer there (moved, renamed or on a drive that was unplugged). Reconnect it or open the folder again.`,
  });

  const isFolder = (folder: string): boolean => {
    try {
      return statSync(folder).isDirectory();
    } catch {
      return false;
    }
  };

  const library = (folder: string, fresh: boolean): Promise<SeriesLibrary> => {
    const known = libraries.get(folder);
    if (known && !fresh) return known;
    // Headers are read on the decode threads: the main process stays responsive on big folders.
    const readers = (pool ??= options.pool?.() ?? pickPool());
    const opened = openSeriesLibrary([folder], { ...(options.cache ? { cache: options.cache() } : {}), readHeaders: (batch) => readers.readHeaders(batch) });
    libraries.set(folder, opened);
    for (const key of loads.keys()) if (decodeSeriesKey(key)?.folder === folder) loads.delete(key);
    return opened;
  };

  const find = async (seriesKey: string): Promise<Result<OpenedStack, SliceFailure>> => {
    const parts = decodeSeriesKey(seriesKey);
    if (!parts) return err({ code: 'unknown-series', message: 'This series link is not valid; open its folder again.' });
    if (!isFolder(parts.folder)) return err(folderGone(parts.folder));
    const lib = await library(parts.folder, false);
    const series = lib.series.find((s) => s.SeriesInstanceUID === parts.SeriesInstanceUID);
    const stack = series?.assembled.stacks.find((s) => s.stackId === parts.stackId);
    if (!series || !stack) return err({ code: 'unknown-series', message: `That series is no longer in ${parts.folder}; open the folder again.` });
    return ok({ folder: parts.folder, series, stack });
  };

  const volumeLoad = (seriesKey: string, opened: OpenedStack): VolumeLoad => {
    const known = loads.get(seriesKey);
    if (known) {
      loads.delete(seriesKey);
      loads.set(seriesKey, known);
      return known;
    }
    pool ??= options.pool?.() ?? pickPool();
    const load = loadVolume(opened.stack, pool);
    loads.set(seriesKey, load);
    while (loads.size > MAX_LOADED_VOLUMES) {
      const oldest = loads.keys().next().value;
      if (oldest === undefined) break;
      loads.delete(oldest);
    }
    return load;
  };

  const slice = async (seriesKey: string, index: number): Promise<Result<Int16Array, SliceFailure>> => {
    const found = await find(seriesKey);
    if (!found.ok) return found;
    if (!Number.isInteger(index) || index < 0 || index >= found.value.stack.slices.length) {
      return err({ code: 'no-such-slice', message: `There is no slice ${index + 1} in this series (it has ${found.value.stack.slices.length}).` });
    }
    const result = await volumeLoad(seriesKey, found.value).slice(index);
    if (result.ok) return result;
    if (!isFolder(found.value.folder)) return err(folderGone(found.value.folder));
    return err({ code: 'decode-failed', message: `Slice ${index + 1} could not be read: ${inWords(result.error, found.value.folder)}` });
  };

  const volume = async (seriesKey: string): Promise<Result<Volume, SliceFailure>> => {
    const found = await find(seriesKey);
    if (!found.ok) return found;
    const result = await volumeLoad(seriesKey, found.value).volume;
    if (result.ok) return result;
    if (!isFolder(found.value.folder)) return err(folderGone(found.value.folder));
    return err({ code: 'decode-failed', message: `The series could not be read: ${inWords(result.error, found.value.folder)}` });
  };

  return {
    volume,
    async openFolder(folder) {
      const absolute = resolve(folder);
      if (!existsSync(absolute)) throw new ApiFailure('not-found', `There is no folder ${absolute}. Check the path (copy it from the file manager).`);
      if (!isFolder(absolute)) throw new ApiFailure('invalid-input', `${absolute} is a file, not a folder. Give the folder that holds the DICOM files.`, { folder: 'Give a folder' });
      const lib = await library(absolute, true);
      const patients: ImagePatientSummary[] = lib.tree.map((p) => ({
        PatientID: p.PatientID,
        PatientName: p.PatientName,
        studies: p.studies.map((s) => ({
          StudyInstanceUID: s.StudyInstanceUID,
          studyDate: studyDateIso(s.StudyDate),
          StudyDescription: s.StudyDescription,
          series: s.series.flatMap((series) => series.assembled.stacks.map((stack) => summaryOf(absolute, series, stack))),
        })),
      }));
      const skipped = lib.problems.filter((p) => p.code === 'not-dicom');
      const notes = lib.problems.filter((p) => p.code !== 'not-dicom').map((p) => inWords(p, absolute));
      if (skipped.length > 0) {
        notes.unshift(`${skipped.length} file${skipped.length === 1 ? ' is' : 's are'} not DICOM and ${skipped.length === 1 ? 'was' : 'were'} skipped (${skipped.slice(0, 3).map((p) => (p.file ?? '').split(sep).pop()).join(', ')}${skipped.length > 3 ? ', ...' : ''}).`);
      }
      return { folder: absolute, patients, skippedFiles: skipped.length, notes };
    },

    async geometry(seriesKey) {
      const found = await find(seriesKey);
      if (!found.ok) throw new ApiFailure('not-found', found.error.message);
      const { series, stack, folder } = found.value;
      const first = stack.slices[0];
      const summary = summaryOf(folder, series, stack);
      return {
        seriesKey,
        SeriesDescription: series.SeriesDescription,
        PatientID: series.PatientID,
        PatientName: first?.instance.PatientName ?? '',
        studyDate: studyDateIso(first?.instance.StudyDate ?? ''),
        rows: stack.pixel.Rows,
        columns: stack.pixel.Columns,
        pixelSpacing: first?.frame.PixelSpacing ?? [1, 1],
        orientation: stack.orientation,
        normal: stack.normal,
        positions: stack.positions,
        imagePositions: stack.slices.map((s) => s.frame.ImagePositionPatient ?? [0, 0, 0]),
        // A multi-frame instance has one UID for all its frames; the position tells them apart.
        sopInstanceUids: stack.slices.map((s) => s.instance.SOPInstanceUID),
        thicknessMm: summary.thicknessMm,
        spacingMm: summary.spacingMm,
        ConvolutionKernel: summary.ConvolutionKernel,
        problems: summary.problems,
      };
    },

    slice,

    async thumbnail(seriesKey) {
      const found = await find(seriesKey);
      if (!found.ok) return found;
      const middle = Math.floor(found.value.stack.slices.length / 2);
      const hu = await slice(seriesKey, middle);
      if (!hu.ok) return hu;
      return ok(lungWindowThumbnail(hu.value, found.value.stack.pixel.Columns, found.value.stack.pixel.Rows, 128));
    },

    async close() {
      loads.clear();
      libraries.clear();
      await pool?.close();
    },
  };
}
