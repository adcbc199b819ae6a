import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Volume } from '../../../shared/dicom/volume';
import { err, ok, type Problem, type Result } from '../../../shared/result';
import { createDecodePool } from '../dicom/decodePool';
import { loadFolderVolume } from '../dicom/folderVolume';

export type CtVolumeProblemCode = 'unreadable-path' | 'no-series' | 'not-ct' | 'volume-failed';

/**
 * Loads the CT volume densitometry runs on: the series asked for, or the one with the most slices,
 * through the same loader as `lungscore volume`, so a `--mask-out` file lines up with its output.
 */
export async function loadCtVolume(path: string, seriesUid?: string): Promise<Result<Volume, Problem<CtVolumeProblemCode>>> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) return err({ code: 'unreadable-path', message: `${path}: no such file or folder.`, file: path });
  // Callers (CLI, bench) wait for the volume: this thread reads headers while the workers start.
  const pool = createDecodePool({ helpWhileStarting: true });
  try {
    const loaded = await loadFolderVolume([absolute], pool, seriesUid !== undefined ? { SeriesInstanceUID: seriesUid } : {});
    if (!loaded.ok) {
      const message = loaded.error.code === 'no-such-series' ? `no series ${seriesUid}` : 'no image series found';
      return err({ code: 'no-series', message: `${path}: ${message}.`, file: path });
    }
    const { series } = loaded.value.choice;
    if (series.Modality !== 'CT') {
      return err({ code: 'not-ct', message: `${path}: series ${series.SeriesInstanceUID} is ${series.Modality || 'of unknown modality'}, not CT; densitometry needs Hounsfield units.`, file: path });
    }
    const volume = loaded.value.volume;
    if (!volume.ok) return err({ code: 'volume-failed', message: `${path}: ${volume.error.message}`, file: path });
    return ok(volume.value);
  } finally {
    await pool.close();
  }
}
