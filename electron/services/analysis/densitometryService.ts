import { inflateSync } from 'node:zlib';
import type { DensitometryResult } from '../../../shared/analysis/densitometry';
import type { DensitometryAcquisition } from '../../../shared/analysis/densitometryChange';
import { overlayPlane, type OverlayPlane } from '../../../shared/analysis/densitometryOverlay';
import { LUNG_ZONE_NAMES, type LungZoneName } from '../../../shared/analysis/densitometryRegions';
import type { DensityMeasures } from '../../../shared/analysis/densityStatistics';
import { ApiFailure } from '../../../shared/api/errors';
import type { DensitometrySummary, DensityRegionMeasures } from '../../../shared/api/tasks/densitometry';
import type { Volume } from '../../../shared/dicom/volume';
import type { Db } from '../storage/openStore';
import type { ImagingService } from '../imaging/imagingService';
import { type BinaryAnswer, registerImagingSubroute } from '../imaging/imagingRoutes';
import { createDensitometryThreads, type DensitometryThreads, runThreaded } from './densitometryThreads';

/**
 * Bumped whenever the lung mask or the measures change, so stored results are computed again:
 * 2 = run-length mask with the pleural step (lungPleuralFill.ts); 3 = main bronchi followed by
 * their lumen and kept out through the closing (lungAirways.ts), lungs split on a coarser grid
 * (lungSplit.ts), pleural step over a wider arc with rays to the spine left out; 4 = air cysts
 * walled off beside the lung join it (lungCysts.ts: honeycombing); 5 = pleural step's second pass
 * for disease lining the whole posterior arc (lungPleuralFill.ts).
 */
export const DENSITOMETRY_ALGORITHM_VERSION = '5';

/** Overlay volumes kept inflated in memory (the series in view and one more). */
const MAX_OVERLAYS = 2;

export interface DensitometryService {
  compute(seriesKey: string, recompute: boolean): Promise<DensitometrySummary>;
  get(seriesKey: string): DensitometrySummary | null;
  close(): Promise<void>;
}

interface Row {
  algorithm_version: string;
  summary_json: string;
  overlay_deflated: Buffer;
}

function nullable(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function regionMeasures(m: DensityMeasures): DensityRegionMeasures {
  return {
    voxelCount: m.voxelCount,
    volumeMl: m.volumeMl,
    meanHu: nullable(m.meanHu),
    p10Hu: nullable(m.p10Hu),
    p15Hu: nullable(m.p15Hu),
    p50Hu: nullable(m.p50Hu),
    p90Hu: nullable(m.p90Hu),
    haaPercent: m.haaPercent,
    laa950Percent: m.laa950Percent,
    skewness: nullable(m.skewness),
    kurtosis: nullable(m.kurtosis),
    bandPercent: { ...m.bandPercent },
    otherPercent: m.otherPercent,
  };
}

export function acquisitionOf(volume: Volume): DensitometryAcquisition {
  const f = volume.facts;
  return {
    sliceThicknessMm: f.SliceThickness ?? null,
    kernel: f.ConvolutionKernel ?? null,
    contrastAgent: f.ContrastBolusAgent ?? null,
    patientPosition: f.PatientPosition ?? null,
  };
}

export function summaryOf(seriesKey: string, volume: Volume, r: DensitometryResult, elapsedMs: number, computedAt: string): DensitometrySummary {
  const zones = {} as Record<LungZoneName, DensityRegionMeasures>;
  for (const name of LUNG_ZONE_NAMES) zones[name] = regionMeasures(r.zones[name]);
  const extent = (e: { firstSlice: number; lastSlice: number } | null): [number, number] | null => (e ? [e.firstSlice, e.lastSlice] : null);
  return {
    seriesKey,
    algorithmVersion: DENSITOMETRY_ALGORITHM_VERSION,
    computedAt,
    elapsedMs: Math.round(elapsedMs),
    dimensions: [...volume.geometry.dimensions],
    whole: regionMeasures(r.whole),
    right: regionMeasures(r.right),
    left: regionMeasures(r.left),
    zones,
    histograms: r.histograms,
    acquisition: acquisitionOf(volume),
    lungSlices: { right: extent(r.zoneSlices.right), left: extent(r.zoneSlices.left) },
    airwaySlices: r.mask.airwaySlices,
    lungsWereJoined: r.mask.lungsWereJoined,
  };
}

function parsePlane(text: string | null): OverlayPlane | null {
  return text === 'axial' || text === 'coronal' || text === 'sagittal' ? text : null;
}

/**
 * Densitometry per series for the app: the volume comes from the imaging service (already decoded
 * when the viewer shows it), the mask and measures run in worker threads (the main process keeps
 * answering the UI), and the result is stored in SQLite (densitometryMigration.ts). Registers the
 * overlay route `api/imaging/densitometry-overlay?key=&plane=&index=` on the imaging service.
 */
export function createDensitometryService(db: Db, imaging: ImagingService): DensitometryService {
  let threads: DensitometryThreads | undefined;
  const running = new Map<string, Promise<DensitometrySummary>>();
  const overlays = new Map<string, { dimensions: [number, number, number]; packed: Uint8Array }>();

  const remember = (seriesKey: string, dimensions: [number, number, number], packed: Uint8Array): void => {
    overlays.delete(seriesKey);
    overlays.set(seriesKey, { dimensions, packed });
    while (overlays.size > MAX_OVERLAYS) {
      const oldest = overlays.keys().next().value;
      if (oldest === undefined) break;
      overlays.delete(oldest);
    }
  };

  const row = (seriesKey: string): Row | undefined =>
    db.prepare('SELECT algorithm_version, summary_json, overlay_deflated FROM densitometry_results WHERE series_key = ?').get(seriesKey) as Row | undefined;

  const current = (seriesKey: string): { summary: DensitometrySummary; row: Row } | null => {
    const found = row(seriesKey);
    if (!found || found.algorithm_version !== DENSITOMETRY_ALGORITHM_VERSION) return null;
    return { summary: JSON.parse(found.summary_json) as DensitometrySummary, row: found };
  };

  const run = async (seriesKey: string): Promise<DensitometrySummary> => {
    // The threads start (a Node.js worker takes ~100 ms to boot) while the volume loads.
    threads ??= createDensitometryThreads();
    const loaded = await imaging.volume(seriesKey);
    if (!loaded.ok) throw new ApiFailure('not-found', loaded.error.message);
    const volume = loaded.value;
    if (volume.geometry.dimensions[2] < 3) throw new ApiFailure('invalid-input', 'Densitometry needs a CT volume of at least 3 slices.');
    const g = volume.geometry;
    const started = performance.now();
    const outcome = await runThreaded(
      { hu: volume.voxels, dimensions: g.dimensions, spacingMm: g.spacing, padding: volume.padding, direction: g.direction },
      threads,
      { inThread: false, overlay: true },
    );
    const elapsedMs = performance.now() - started;
    if (!outcome.result.ok) throw new ApiFailure('invalid-input', outcome.result.error.message);
    if (!outcome.overlayDeflated) throw new ApiFailure('invalid-input', 'Densitometry gave no overlay.');
    const summary = summaryOf(seriesKey, volume, outcome.result.value, elapsedMs, new Date().toISOString());
    db.prepare(
      `INSERT INTO densitometry_results (series_key, algorithm_version, computed_at, summary_json, overlay_deflated) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(series_key) DO UPDATE SET algorithm_version = excluded.algorithm_version, computed_at = excluded.computed_at,
         summary_json = excluded.summary_json, overlay_deflated = excluded.overlay_deflated`,
    ).run(seriesKey, summary.algorithmVersion, summary.computedAt, JSON.stringify(summary), Buffer.from(outcome.overlayDeflated));
    overlays.delete(seriesKey);
    return summary;
  };

  const overlayOf = (seriesKey: string): { dimensions: [number, number, number]; packed: Uint8Array } | null => {
    const known = overlays.get(seriesKey);
    if (known) return known;
    const stored = current(seriesKey);
    if (!stored) return null;
    const packed = new Uint8Array(inflateSync(stored.row.overlay_deflated));
    remember(seriesKey, stored.summary.dimensions, packed);
    return { dimensions: stored.summary.dimensions, packed };
  };

  registerImagingSubroute(imaging, 'densitometry-overlay', async (url): Promise<BinaryAnswer> => {
    const key = url.searchParams.get('key') ?? '';
    const plane = parsePlane(url.searchParams.get('plane'));
    const index = Number(url.searchParams.get('index'));
    const notFound = (message: string): BinaryAnswer => ({
      status: 404,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      body: new TextEncoder().encode(JSON.stringify({ ok: false, error: { code: 'not-found', message } })),
    });
    if (!plane || !Number.isInteger(index)) return notFound('Ask for plane=axial|coronal|sagittal and a whole index.');
    const overlay = overlayOf(key);
    if (!overlay) return notFound('This series has no densitometry yet.');
    const bytes = overlayPlane(overlay.packed, overlay.dimensions, plane, index);
    if (!bytes) return notFound(`There is no ${plane} image ${index}.`);
    return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' }, body: bytes };
  });

  return {
    compute(seriesKey, recompute) {
      const stored = recompute ? null : current(seriesKey);
      if (stored) return Promise.resolve(stored.summary);
      const already = running.get(seriesKey);
      if (already) return already;
      const started = run(seriesKey).finally(() => running.delete(seriesKey));
      running.set(seriesKey, started);
      return started;
    },
    get(seriesKey) {
      return current(seriesKey)?.summary ?? null;
    },
    async close() {
      await threads?.close();
    },
  };
}
