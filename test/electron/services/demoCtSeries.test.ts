import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeHandlers, createHandlers } from '../../../electron/services/api/handlers';
import { dispatchTask } from '../../../electron/services/api/dispatch';
import { seedDemoProjectOnce } from '../../../electron/services/demoProject';
import { DEMO_CT_FOLDER, seedDemoCt } from '../../../electron/services/demoCtSeries';
import { seriesHeaderFacts } from '../../../electron/services/reports/seriesAcquisitionStore';
import type { Store } from '../../../electron/services/storage/openStore';
import type { Project } from '../../../shared/model/project';
import type { Subject } from '../../../shared/model/subject';
import type { SubjectReport } from '../../../shared/reports/subjectReport';
import type { CohortReport } from '../../../shared/reports/cohortReport';
import type { ReportExport } from '../../../shared/api/tasks/reports';
import type { SeriesLink } from '../../../shared/api/tasks/imaging';
import { openStore } from '../../../electron/services/storage/openStore';
import { createUser } from '../../../electron/services/storage/users';
import { setCurrentUser } from '../../../electron/services/api/currentUser';

async function call<T>(handlers: ReturnType<typeof createHandlers>, name: string, payload: unknown): Promise<T> {
  const response = await dispatchTask(handlers, name, payload);
  if (!response.ok) throw new Error(`${name}: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

/** Cells of one CSV line (RFC 4180 quoting; no line breaks inside cells in these rows). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((match) => match[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
}

/** Issue 7 "Demo on first start", CT part: phantom series linked to the demo visits and read by synthetic readers. */
describe('demo CT series', () => {
  let store: Store;
  let dataDir: string;
  let handlers: ReturnType<typeof createHandlers>;
  let project: Project;
  let subjects: Subject[];
  const report = (code: string) => call<SubjectReport>(handlers, 'getSubjectReport', { subjectId: subjects.find((subject) => subject.subjectCode === code)!.id });

  // Not the shared test store: its folder is removed after each test, and these tests share the series.
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lungscore-demo-ct-'));
    const opened = openStore(dataDir);
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    setCurrentUser(store.db, createUser(store.db, { name: 'Test Reader', initials: 'TR', role: 'radiologist' }).id);
    expect(seedDemoProjectOnce(store)).toBe(true);
    handlers = createHandlers({ store, version: '1.2.3', mode: 'browser' });
    project = (await call<Project[]>(handlers, 'listProjects', {}))[0]!;
    subjects = await call<Subject[]>(handlers, 'listSubjects', { projectId: project.id });
    const before = await report('DEMO-002');
    expect(before.ct.status).toBe('no-reads');
    const outcome = await seedDemoCt(store);
    expect(outcome).toEqual({ status: 'created', series: 9, signedReads: 18 });
  }, 120_000);

  afterAll(() => {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the series into demo-ct/ in the data folder and links them to the visits', async () => {
    const links = await call<SeriesLink[]>(handlers, 'listSeriesLinks', { projectId: project.id });
    expect(links).toHaveLength(9);
    for (const link of links) {
      expect(link.folder.startsWith(path.join(dataDir, DEMO_CT_FOLDER) + path.sep)).toBe(true);
      expect(fs.readdirSync(link.folder).filter((file) => file.endsWith('.dcm')).length).toBeGreaterThan(50);
    }
    // Every scan its own series: identities differ per subject and visit, so UIDs do not collide.
    expect(new Set(links.map((link) => link.SeriesInstanceUID)).size).toBe(9);
    expect(links.filter((link) => link.subjectId === subjects.find((subject) => subject.subjectCode === 'DEMO-006')!.id)).toHaveLength(0);
  });

  it('DEMO-002 (pair-progression) is worse on the Kazerooni total, read by two synthetic readers', async () => {
    const demo002 = await report('DEMO-002');
    expect(demo002.ct.status).toBe('reads');
    const total = demo002.ct.totals.find((candidate) => candidate.totalId === 'totalSum')!;
    expect(total.systemId).toBe('kazerooni-1997');
    expect(total.readers.map((reader) => reader.readerName)).toEqual(['Synthetic reader A (demo, not a radiologist)', 'Synthetic reader B (demo, not a radiologist)']);
    expect(total.change).toBeGreaterThanOrEqual(2);
    expect(total.category).toBe('worse');
    expect(total.threshold).toBe(2);
    expect(total.baselineSource).toBe('reader-mean');
    expect(total.regions.map((region) => region.region)).toEqual(['RUL', 'RML', 'RLL', 'LUL', 'LING', 'LLL']);
    expect(demo002.ct.readers).toHaveLength(4);
    // Same phantom protocol at both visits: facts compared, nothing to warn about.
    expect(demo002.acquisition.status).toBe('compared');
    expect(demo002.acquisition.warnings).toEqual([]);
    expect(demo002.acquisition.baseline[0]).toMatchObject({ SliceThickness: 5, ConvolutionKernel: 'LUNG', contrast: false, PatientPosition: 'HFS' });
  });

  it('DEMO-001 (pair-improvement) improves; DEMO-005 has a baseline scan only', async () => {
    const demo001 = await report('DEMO-001');
    const total = demo001.ct.totals.find((candidate) => candidate.totalId === 'totalSum')!;
    expect(total.change).toBeLessThanOrEqual(-2);
    expect(total.category).toBe('improved');
    const demo005 = await report('DEMO-005');
    expect(demo005.ct.totals.find((candidate) => candidate.totalId === 'totalSum')?.category).toBe('not-evaluable');
    expect(demo005.acquisition.message).toContain('No CT series linked to the endpoint visit');
  });

  it('feeds the cohort strip plots and the long-format CSV', async () => {
    const cohort = await call<CohortReport>(handlers, 'getCohortReport', { projectId: project.id });
    expect(cohort.ctTotals.map((total) => total.key)).toContain('kazerooni-1997/totalSum');
    expect(cohort.subjects.filter((row) => row.ctChanges['kazerooni-1997/totalSum'] !== undefined)).toHaveLength(4);
    const csv = await call<ReportExport>(handlers, 'exportReportData', { projectId: project.id, format: 'csv' });
    const lines = csv.text.split('\r\n');
    const header = lines[0]!.split(',');
    const row = (line: string) => Object.fromEntries(csvCells(line).map((cell, index) => [header[index], cell]));
    const changes = lines.filter((line) => line.includes('kazerooni-1997')).map(row).filter((cells) => cells.kind === 'change' && cells.measure === 'totalSum' && cells.region === '');
    expect(changes.map((cells) => cells.subject_code)).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-003', 'DEMO-004', 'DEMO-005']);
    expect(changes.find((cells) => cells.subject_code === 'DEMO-002')).toMatchObject({ category: 'worse', threshold: '2', value_source: 'reader-mean' });
    expect(csv.dictionary?.text).toContain('smallest_detectable_change');
  });

  it('acquisition facts come from the header index, else from the series files, and are kept', async () => {
    const [link] = await call<SeriesLink[]>(handlers, 'listSeriesLinks', { projectId: project.id });
    const source = () => (store.db.prepare('SELECT source FROM imaging_series_acquisition WHERE series_key = ?').get(link!.seriesKey) as { source: string } | undefined)?.source;
    expect(source()).toBe('header-index');
    store.db.prepare('DELETE FROM imaging_series_acquisition WHERE series_key = ?').run(link!.seriesKey);
    store.db.prepare('DELETE FROM imaging_header_cache').run();
    expect(seriesHeaderFacts(store.db, link!.seriesKey)).toMatchObject({ SliceThickness: 5, ConvolutionKernel: 'LUNG', PatientPosition: 'HFS', KVP: 120 });
    expect(source()).toBe('files');
    // Once kept, the facts outlive the folder.
    const moved = `${link!.folder}-moved`;
    fs.renameSync(link!.folder, moved);
    try {
      expect(seriesHeaderFacts(store.db, link!.seriesKey)?.ConvolutionKernel).toBe('LUNG');
    } finally {
      fs.renameSync(moved, link!.folder);
    }
  });

  it('stores densitometry for every scan, so the report compares it: HAA rises where the disease progresses and falls where it improves', async () => {
    const stored = store.db.prepare('SELECT COUNT(*) AS n FROM densitometry_results').get() as { n: number };
    expect(stored.n).toBe(9);
    const haaChange = async (code: string) => {
      const section = (await report(code)).densitometry;
      expect(section.baseline.status, code).toBe('stored');
      expect(section.endpoint.status, code).toBe('stored');
      return section.rows.find((row) => row.region === 'whole' && row.measure === 'haaPercent')!.change.absolute!;
    };
    // The progression pair adds ground glass and reticulation at week 52 (measured +6.2 points), the
    // improvement pair takes most away (-3.9 points): phantomPresets.ts.
    expect(await haaChange('DEMO-002')).toBeGreaterThan(3);
    expect(await haaChange('DEMO-001')).toBeLessThan(-2);
    const demo005 = (await report('DEMO-005')).densitometry;
    expect(demo005.baseline.status).toBe('stored');
    expect(demo005.endpoint.status).toBe('not-linked');
  });

  it('runs once: a second call finds it done', async () => {
    expect(await seedDemoCt(store)).toEqual({ status: 'already-done', series: 9, signedReads: 18 });
  });

  it('closing the handlers (the app quitting) stops the worker threads their densitometry started', async () => {
    const link = (await call<SeriesLink[]>(handlers, 'listSeriesLinks', { projectId: project.id }))[0]!;
    const seriesKey = link.seriesKey;
    const before = store.db.prepare('SELECT COUNT(*) AS n FROM densitometry_results').get() as { n: number };
    await call(handlers, 'computeDensitometry', { seriesKey, recompute: true });
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      await closeHandlers(handlers);
      // The densitometry threads and the decode pool that loaded the volume.
      expect(terminate.mock.calls.length).toBeGreaterThanOrEqual(2);
      const calls = terminate.mock.calls.length;
      await closeHandlers(handlers);
      expect(terminate.mock.calls.length).toBe(calls);
    } finally {
      terminate.mockRestore();
    }
    // What was stored stays stored.
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM densitometry_results').get()).toEqual(before);
  });
});
