import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, Store } from './storage/openStore';
import type { Actor } from './storage/audit';
import { getSetting, setSetting, SYSTEM_ACTOR } from './storage/users';
import { listProjects } from './storage/projects';
import { listSubjects } from './storage/subjects';
import { listVisits } from './storage/visits';
import { linkSeries } from './imaging/seriesLinks';
import { encodeSeriesKey } from './imaging/seriesKey';
import { sqliteHeaderCache } from './imaging/headerCacheStore';
import { openSeriesLibrary } from './dicom/seriesLibrary';
import { makePhantomSeriesInWorker } from './phantom/makePhantomSeriesInWorker';
import { openRead, saveReadDraft, signRead } from './reads/readStore';
import { loadReportSettings, saveReportSettings } from './reports/reportSettingsStore';
import { seriesHeaderFacts } from './reports/seriesAcquisitionStore';
import { createImagingService } from './imaging/imagingService';
import { createDensitometryService } from './analysis/densitometryService';
import type { PhantomPresetName } from '../../shared/phantom/phantomPresets';
import type { PhantomTruth, RegionTruth } from '../../shared/phantom/phantomTruth';
import type { LobeRegion } from '../../shared/phantom/phantomLabels';
import type { Grades } from '../../shared/scoring/Grades';
import { kazerooni } from '../../shared/scoring/systems/kazerooni';
import { APP_VERSION } from '../version';

/**
 * The demo trial's CT (issue 7 "Demo on first start"): synthetic phantom chest CTs at baseline and
 * week 52 with known change (pair-progression for the subjects who get worse, pair-improvement for
 * those who get better), written as DICOM into `demo-ct/` inside the data folder, linked to the
 * visits, and read with the Kazerooni per-lobe score by two synthetic readers, so the change report
 * shows CT change on first start. Nothing here is a patient or a radiologist: the readers are
 * LungScore-generated profiles (role `system`, never offered as readers or users) whose grades are
 * the phantom's measured truth translated into Kazerooni categories.
 *
 * The `small` phantom (128 x 128 x 66) takes about a second per scan on these machines, so the
 * series are made in the background after the app opens (progress in the setting `demoCt`, shown by
 * the report while it runs); an interrupted run resumes on the next start, scan by scan. Each scan's
 * densitometry is computed and stored as the viewer's D key would, so the report's quantitative CT
 * change is there on first start too.
 */
export const DEMO_CT_FOLDER = 'demo-ct';
const DEMO_CT_STATE_KEY = 'demoCt';

export const DEMO_READERS: readonly Actor[] = [
  { id: 'demo-reader-a', name: 'Synthetic reader A (demo, not a radiologist)' },
  { id: 'demo-reader-b', name: 'Synthetic reader B (demo, not a radiologist)' },
];

/** Study threshold of the demo for a categorical call, in Kazerooni points (sum over six lobes); a demo value, not a validated MID. */
const DEMO_CT_THRESHOLDS: Record<string, number> = {
  'kazerooni-1997/totalSum': 2,
  'kazerooni-1997/groundGlassSum': 2,
  'kazerooni-1997/fibrosisSum': 2,
};

interface DemoCtScan {
  subjectCode: string;
  visitLabel: 'Baseline' | 'Week 52';
  preset: PhantomPresetName;
  /** Per subject, so two subjects on the same preset have different anatomy and noise. */
  seed: number;
}

/** DEMO-001/003 improve in the PFT course, DEMO-002/004 worsen; DEMO-005 has no week 52; DEMO-006 has no CT. */
const DEMO_CT_SCANS: readonly DemoCtScan[] = [
  { subjectCode: 'DEMO-001', visitLabel: 'Baseline', preset: 'pair-improvement-baseline', seed: 101 },
  { subjectCode: 'DEMO-001', visitLabel: 'Week 52', preset: 'pair-improvement-week52', seed: 101 },
  { subjectCode: 'DEMO-002', visitLabel: 'Baseline', preset: 'pair-progression-baseline', seed: 102 },
  { subjectCode: 'DEMO-002', visitLabel: 'Week 52', preset: 'pair-progression-week52', seed: 102 },
  { subjectCode: 'DEMO-003', visitLabel: 'Baseline', preset: 'pair-improvement-baseline', seed: 103 },
  { subjectCode: 'DEMO-003', visitLabel: 'Week 52', preset: 'pair-improvement-week52', seed: 103 },
  { subjectCode: 'DEMO-004', visitLabel: 'Baseline', preset: 'pair-progression-baseline', seed: 104 },
  { subjectCode: 'DEMO-004', visitLabel: 'Week 52', preset: 'pair-progression-week52', seed: 104 },
  { subjectCode: 'DEMO-005', visitLabel: 'Baseline', preset: 'pair-progression-baseline', seed: 105 },
];

export type DemoCtState = { state: 'running' | 'done' | 'failed'; done: number; total: number; message?: string };

function readState(db: Db): DemoCtState | null {
  const stored = getSetting(db, DEMO_CT_STATE_KEY);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as DemoCtState;
  } catch {
    return null;
  }
}

function writeState(db: Db, state: DemoCtState): void {
  setSetting(db, DEMO_CT_STATE_KEY, JSON.stringify(state));
}

/** What the report says while the demo CT is not ready (null once it is, and for other projects). */
export function demoCtPendingNote(db: Db, projectId: string): string | null {
  const project = listProjects(db).find((candidate) => candidate.id === projectId);
  if (!project?.isDemo) return null;
  const state = readState(db);
  if (state === null || state.state === 'done') return null;
  if (state.state === 'failed') return `The synthetic demo CT series could not be made: ${state.message ?? 'unknown reason'}.`;
  return `The synthetic demo CT series are being made in the background (${state.done} of ${state.total} scans); reload the report in a few seconds.`;
}

const KAZEROONI_LOBES: Record<string, LobeRegion> = {
  RUL: 'right-upper-lobe',
  RML: 'right-middle-lobe',
  RLL: 'right-lower-lobe',
  LUL: 'left-upper-lobe',
  LING: 'lingula',
  LLL: 'left-lower-lobe',
};

/** Kazerooni ground glass category of an extent (AJR 1997;169:977): 0 none, 1 < 5 %, 2 5-25 %, 3 26-50 %, 4 51-75 %, 5 > 75 %. */
function extentGrade(percent: number): number {
  // Below half a percent is partial-volume speckle of the phantom's truth measurement, not disease a reader would call.
  if (percent < 0.5) return 0;
  if (percent < 5) return 1;
  if (percent <= 25) return 2;
  if (percent <= 50) return 3;
  if (percent <= 75) return 4;
  return 5;
}

/** Kazerooni fibrosis category: 1 septal thickening (reticulation) without honeycombing; 2-5 by honeycombing extent. */
function fibrosisGrade(region: RegionTruth): number {
  const honeycombing = region.extentPercent.honeycombing;
  if (honeycombing >= 0.5) return Math.max(2, extentGrade(honeycombing));
  return region.extentPercent.reticulation >= 0.5 ? 1 : 0;
}

/**
 * The phantom's truth as Kazerooni grades. Reader B differs as readers do: one category more ground
 * glass in the lobe with the most ground glass (where visual estimates disagree most).
 */
export function demoKazerooniGrades(truth: PhantomTruth, reader: 0 | 1): Grades {
  const grades: Grades = {};
  let busiest: string | null = null;
  let most = -1;
  for (const [region, lobe] of Object.entries(KAZEROONI_LOBES)) {
    const lobeTruth = truth.lobes[lobe];
    grades[region] = { groundGlass: extentGrade(lobeTruth.extentPercent['ground-glass']), fibrosis: fibrosisGrade(lobeTruth) };
    if (lobeTruth.extentPercent['ground-glass'] > most) {
      most = lobeTruth.extentPercent['ground-glass'];
      busiest = region;
    }
  }
  const cell = busiest === null ? undefined : grades[busiest];
  if (reader === 1 && cell && cell.groundGlass !== undefined) cell.groundGlass = Math.min(5, cell.groundGlass + 1);
  return grades;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface DemoCtOutcome {
  status: 'created' | 'already-done' | 'no-demo' | 'failed';
  /** Scans linked to visits after the run. */
  series: number;
  signedReads: number;
  message?: string;
}

function folderOf(dataDir: string, scan: DemoCtScan): string {
  return join(dataDir, DEMO_CT_FOLDER, `${scan.subjectCode}-${scan.visitLabel.replace(/\s+/g, '').toLowerCase()}`);
}

/**
 * Makes the demo CT (idempotent: scans already linked are skipped, a half-written folder of an
 * interrupted run is written again). Each phantom is generated and written in a worker thread
 * (about a second of CPU each), so the app's event loop stays free. Stops quietly when the store is
 * closed under it (the app quit).
 */
export async function seedDemoCt(store: Store, options: { onProgress?: (done: number, total: number) => void; startDelayMs?: number } = {}): Promise<DemoCtOutcome> {
  // Everything before the first await runs inside the caller's turn: yield first, so the app's window is created before any phantom is made.
  await new Promise((resolve) => setTimeout(resolve, options.startDelayMs ?? 0));
  const { db } = store;
  if (!db.open) return { status: 'failed', series: 0, signedReads: 0, message: 'the data folder was closed' };
  const project = listProjects(db).find((candidate) => candidate.isDemo);
  if (!project) return { status: 'no-demo', series: 0, signedReads: 0 };
  const count = () => countDemoCt(db, project.id);
  if (readState(db)?.state === 'done') return { status: 'already-done', ...count() };
  const total = DEMO_CT_SCANS.length;
  try {
    db.transaction(() => {
      for (const reader of DEMO_READERS) {
        db.prepare(`INSERT OR IGNORE INTO users (id, name, initials, role, created_at) VALUES (?, ?, ?, 'system', ?)`).run(
          reader.id,
          reader.name,
          reader.id === 'demo-reader-a' ? 'SA' : 'SB',
          new Date().toISOString(),
        );
      }
      const settings = loadReportSettings(db, project.id);
      if (Object.keys(settings.ctChangeThresholds).length === 0) {
        saveReportSettings(db, SYSTEM_ACTOR, project.id, { ...settings, ctChangeThresholds: DEMO_CT_THRESHOLDS });
      }
    })();
    const subjects = listSubjects(db, project.id);
    const linkedKeys: string[] = [];
    for (const [index, scan] of DEMO_CT_SCANS.entries()) {
      if (!db.open) return { status: 'failed', series: 0, signedReads: 0, message: 'the data folder was closed' };
      writeState(db, { state: 'running', done: index, total });
      options.onProgress?.(index, total);
      const subject = subjects.find((candidate) => candidate.subjectCode === scan.subjectCode);
      const visit = subject ? listVisits(db, subject.id).find((candidate) => candidate.label === scan.visitLabel) : undefined;
      if (!subject || !visit?.actualDate) continue;
      const folder = folderOf(store.dataDir, scan);
      const linked = db.prepare('SELECT series_key FROM imaging_series_links WHERE visit_id = ? AND folder = ?').get(visit.id, folder) as { series_key: string } | undefined;
      if (linked) {
        linkedKeys.push(linked.series_key);
        continue;
      }
      if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
      const visitTag = scan.visitLabel === 'Baseline' ? 'BASELINE' : 'WEEK 52';
      const written = await makePhantomSeriesInWorker({
        request: { preset: scan.preset, seed: scan.seed, size: 'small' },
        write: {
          outDir: folder,
          softwareVersion: APP_VERSION,
          identity: {
            patientId: subject.patientId ?? `SYN${scan.subjectCode.slice(5)}`,
            patientName: `SYNTHETIC^DEMO^${scan.subjectCode}`,
            patientBirthDate: (subject.birthDate ?? '19700101').replace(/-/g, ''),
            patientSex: subject.sex === 'female' ? 'F' : 'M',
            studyDate: visit.actualDate.replace(/-/g, ''),
            studyTime: '101500',
            studyDescription: `SYNTHETIC DEMO CT - NOT A PATIENT ${visitTag}`,
            seriesDescription: `SYNTHETIC HRCT ${scan.subjectCode} ${visitTag}`,
            studyId: scan.visitLabel === 'Baseline' ? 'SYN00' : 'SYN52',
        },
        },
      });
      if (!written.ok) throw new Error(written.message);
      await yieldToEventLoop();
      if (!db.open) return { status: 'failed', series: 0, signedReads: 0, message: 'the data folder was closed' };
      // Index the folder into the header cache (the library then opens it without reading files) and find the stack.
      const library = await openSeriesLibrary([folder], { cache: sqliteHeaderCache(db) });
      const series = library.series.find((entry) => entry.SeriesInstanceUID === written.value.seriesInstanceUID);
      const stack = series?.assembled.stacks[0];
      if (!stack) throw new Error(`the written series in ${folder} did not assemble`);
      const seriesKey = encodeSeriesKey({ folder, SeriesInstanceUID: written.value.seriesInstanceUID, stackId: stack.stackId });
      db.transaction(() => {
        linkSeries(db, SYSTEM_ACTOR, seriesKey, visit.id);
        seriesHeaderFacts(db, seriesKey);
        DEMO_READERS.forEach((reader, readerIndex) => {
          const opened = openRead(db, reader, {
            seriesKey,
            systemId: kazerooni.id,
            settings: { lobeCount: '6' },
            projectId: project.id,
            sessionId: null,
            sessionCode: null,
          });
          if (opened.status === 'signed') return;
          const saved = saveReadDraft(db, reader, opened.id, opened.rev, { grades: demoKazerooniGrades(written.value.truth, readerIndex === 0 ? 0 : 1) });
          signRead(db, reader, saved.id, saved.rev);
        });
      })();
      linkedKeys.push(seriesKey);
      await yieldToEventLoop();
    }
    await storeDemoDensitometry(db, linkedKeys);
    if (!db.open) return { status: 'failed', series: 0, signedReads: 0, message: 'the data folder was closed' };
    writeState(db, { state: 'done', done: total, total });
    options.onProgress?.(total, total);
    return { status: 'created', ...count() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (db.open) writeState(db, { state: 'failed', done: 0, total, message });
    return { status: 'failed', series: 0, signedReads: 0, message };
  }
}

function countDemoCt(db: Db, projectId: string): { series: number; signedReads: number } {
  const series = db
    .prepare('SELECT COUNT(*) AS n FROM imaging_series_links l JOIN visits v ON v.id = l.visit_id JOIN subjects s ON s.id = v.subject_id WHERE s.project_id = ?')
    .get(projectId) as { n: number };
  const reads = db
    .prepare(
      `SELECT COUNT(*) AS n FROM reads r WHERE r.status = 'signed' AND r.series_key IN (
         SELECT l.series_key FROM imaging_series_links l JOIN visits v ON v.id = l.visit_id JOIN subjects s ON s.id = v.subject_id WHERE s.project_id = ?)`,
    )
    .get(projectId) as { n: number };
  return { series: series.n, signedReads: reads.n };
}

/**
 * Starts the demo CT in the background when the demo project exists and its CT is not done yet
 * (first start, or a start after an interrupted run). Failures end up in the `demoCt` setting, which
 * the report shows; never in an unhandled rejection.
 */
export function startDemoCtInBackground(store: Store): Promise<DemoCtOutcome> | null {
  const project = listProjects(store.db).find((candidate) => candidate.isDemo);
  if (!project || readState(store.db)?.state === 'done') return null;
  writeState(store.db, { state: 'running', done: 0, total: DEMO_CT_SCANS.length });
  // A second and a half for the window to open and draw its first screen before the main process gets busy.
  return seedDemoCt(store, { startDelayMs: 1500 });
}

/**
 * Densitometry of the demo series, computed and stored as the viewer's D key does (already stored
 * ones are kept). A scan whose densitometry fails is left without: the report then says how to
 * compute it, and the rest of the demo stands.
 */
async function storeDemoDensitometry(db: Db, seriesKeys: readonly string[]): Promise<void> {
  const imaging = createImagingService({ cache: () => sqliteHeaderCache(db) });
  const densitometry = createDensitometryService(db, imaging);
  try {
    for (const seriesKey of seriesKeys) {
      if (!db.open) return;
      await densitometry.compute(seriesKey, false).catch(() => undefined);
    }
  } finally {
    await densitometry.close();
    await imaging.close();
  }
}
