import { describe, expect, it } from 'vitest';
import { createUser } from '../../../../electron/services/storage/users';
import { createProject } from '../../../../electron/services/storage/projects';
import { createSubject } from '../../../../electron/services/storage/subjects';
import { createVisit } from '../../../../electron/services/storage/visits';
import { linkSeries } from '../../../../electron/services/imaging/seriesLinks';
import { encodeSeriesKey } from '../../../../electron/services/imaging/seriesKey';
import { amendRead, openRead, saveReadDraft, signRead } from '../../../../electron/services/reads/readStore';
import { adjudicate, closeSession, createSession, getSession } from '../../../../electron/services/reads/sessionStore';
import { saveReportSettings, loadReportSettings } from '../../../../electron/services/reports/reportSettingsStore';
import { loadSubjectReport } from '../../../../electron/services/reports/loadReports';
import { storeSeriesFacts } from '../../../../electron/services/reports/seriesAcquisitionStore';
import type { Actor } from '../../../../electron/services/storage/audit';
import type { Db } from '../../../../electron/services/storage/openStore';
import type { Grades } from '../../../../shared/scoring/Grades';
import { openTestStore } from '../../support/store';

const LOBES = ['RUL', 'RML', 'RLL', 'LUL', 'LING', 'LLL'] as const;
function kazerooni(groundGlass: number[], fibrosis: number[]): Grades {
  return Object.fromEntries(LOBES.map((lobe, index) => [lobe, { groundGlass: groundGlass[index] ?? 0, fibrosis: fibrosis[index] ?? 0 }]));
}

function signedRead(db: Db, reader: Actor, seriesKey: string, grades: Grades, session?: { id: string; code: string; projectId: string }): void {
  const opened = openRead(db, reader, {
    seriesKey,
    systemId: 'kazerooni-1997',
    settings: { lobeCount: '6' },
    projectId: session?.projectId ?? null,
    sessionId: session?.id ?? null,
    sessionCode: session?.code ?? null,
  });
  const saved = saveReadDraft(db, reader, opened.id, opened.rev, { grades });
  signRead(db, reader, saved.id, saved.rev);
}

/**
 * The stored CT source (reads store + series links) on a hand-worked subject: two readers outside a
 * session, a blinded session in which reader A reads the baseline series twice (repeat read) and a
 * third reader adjudicates it, and an amendment still in draft.
 */
describe('CT evidence from the reads store', () => {
  it('latest signed versions, repeat reads, adjudication beside the originals, blinded sessions held back', () => {
    const { store, actor: readerA } = openTestStore();
    const { db } = store;
    const b = createUser(db, { name: 'Dr B', initials: 'DB', role: 'radiologist' });
    const c = createUser(db, { name: 'Dr C', initials: 'DC', role: 'radiologist' });
    const coordinator = createUser(db, { name: 'Coordinator', initials: 'CO', role: 'coordinator' });
    const readerB = { id: b.id, name: b.name };
    const project = createProject(db, readerA, { name: 'Trial', kind: 'trial', description: '', arms: ['A', 'B'] });
    const subject = createSubject(db, readerA, project.id, { subjectCode: 'S-01', arm: 'A', sex: 'female', birthDate: '1970-01-01', heightCm: 165, patientId: null });
    const v0 = createVisit(db, readerA, subject.id, { label: 'Baseline', targetDay: 0, actualDate: '2025-01-01' });
    const v52 = createVisit(db, readerA, subject.id, { label: 'Week 52', targetDay: 364, actualDate: '2025-12-31' });
    const baselineKey = encodeSeriesKey({ folder: '/nowhere/baseline', SeriesInstanceUID: '1.2.3.1', stackId: '1' });
    const endpointKey = encodeSeriesKey({ folder: '/nowhere/endpoint', SeriesInstanceUID: '1.2.3.2', stackId: '1' });
    linkSeries(db, readerA, baselineKey, v0.id);
    linkSeries(db, readerA, endpointKey, v52.id);
    storeSeriesFacts(db, baselineKey, '1.2.3.1', { SliceThickness: 1, ConvolutionKernel: 'B70f', PatientPosition: 'HFS', Manufacturer: 'SIEMENS' }, 'files');
    storeSeriesFacts(db, endpointKey, '1.2.3.2', { SliceThickness: 1, ConvolutionKernel: 'B30f', PatientPosition: 'HFP', Manufacturer: 'SIEMENS', ContrastBolusAgent: 'Iohexol' }, 'files');
    saveReportSettings(db, readerA, project.id, { ...loadReportSettings(db, project.id), ctChangeThresholds: { 'kazerooni-1997/totalSum': 5 } });

    // Outside a session. A: baseline 6, endpoint 15; B: baseline 12, endpoint 18.
    signedRead(db, readerA, baselineKey, kazerooni([1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]));
    signedRead(db, readerA, endpointKey, kazerooni([2, 2, 2, 2, 2, 2], [1, 1, 1, 0, 0, 0]));
    signedRead(db, readerB, baselineKey, kazerooni([2, 2, 2, 2, 2, 2], [0, 0, 0, 0, 0, 0]));
    signedRead(db, readerB, endpointKey, kazerooni([2, 2, 2, 2, 2, 2], [1, 1, 1, 1, 1, 1]));
    // A amends the endpoint read; the amendment is a draft, so the signed version 1 still counts.
    const endpointRead = openRead(db, readerA, { seriesKey: endpointKey, systemId: 'kazerooni-1997', settings: { lobeCount: '6' }, projectId: null, sessionId: null, sessionCode: null });
    const draft = amendRead(db, readerA, endpointRead.id, endpointRead.rev, 'Re-checked the lingula');
    saveReadDraft(db, readerA, draft.id, draft.rev, { grades: kazerooni([5, 5, 5, 5, 5, 5], [5, 5, 5, 5, 5, 5]) });

    // A blinded session: the baseline series twice for reader A (7 and 8), C adjudicates 10.
    const session = createSession(db, { id: coordinator.id, name: coordinator.name }, {
      projectId: project.id,
      name: 'Central read 1',
      systemId: 'kazerooni-1997',
      settings: { lobeCount: '6' },
      seed: 7,
      readerIds: [readerA.id],
      adjudicatorId: c.id,
      adjudicationThreshold: 2,
      plan: { mode: 'independent', seriesKeys: [baselineKey, baselineKey] },
    });
    const [first, second] = session.plan.items;
    signedRead(db, readerA, baselineKey, kazerooni([2, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]), { id: session.id, code: first!.code, projectId: project.id });
    signedRead(db, readerA, baselineKey, kazerooni([2, 2, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0]), { id: session.id, code: second!.code, projectId: project.id });
    adjudicate(db, { id: c.id, name: c.name }, session.id, first!.code, 'totalSum', 10, 'Third read');

    const options = { deidentify: false, softwareVersion: 't' };
    // While the session is open its reads and adjudication are held back: A 6 -> 15, B 12 -> 18.
    const open = loadSubjectReport(db, subject.id, options);
    const openTotal = open.ct.totals.find((total) => total.totalId === 'totalSum')!;
    expect([openTotal.meanBaseline, openTotal.meanEndpoint, openTotal.change, openTotal.smallestDetectableChange]).toEqual([9, 16.5, 7.5, null]);
    expect(open.ct.notes).toEqual(['2 signed reads of a blinded reading session that is still open are not shown until the coordinator closes the session.']);

    closeSession(db, { id: coordinator.id, name: coordinator.name }, session.id, getSession(db, session.id).rev);
    const report = loadSubjectReport(db, subject.id, options);
    const total = report.ct.totals.find((candidate) => candidate.totalId === 'totalSum')!;
    // A's baseline: 6, 7, 8 -> 7; B's 12: reader mean 9.5. Endpoint: 15 and 18 -> 16.5.
    // Readers in name order (R1, R2 stay the same people in every report).
    expect(total.readers.map((reader) => [reader.readerName, reader.baseline, reader.endpoint, reader.baselineReads])).toEqual([
      ['Dr B', 12, 18, 1],
      ['Test Reader', 7, 15, 3],
    ]);
    expect([total.meanBaseline, total.meanEndpoint, total.meanChange]).toEqual([9.5, 16.5, 7]);
    // The adjudicated 10 is used for the baseline; the readers' values above are unchanged.
    expect([total.adjudicatedBaseline, total.baseline, total.baselineSource, total.endpoint, total.change]).toEqual([10, 10, 'adjudicated', 16.5, 6.5]);
    expect(total.adjudications).toEqual([{ systemId: 'kazerooni-1997', totalId: 'totalSum', visitId: v0.id, value: 10, adjudicatorName: 'Dr C', sessionName: 'Central read 1', note: 'Third read' }]);
    // Repeat reads of A on the baseline series: 6, 7, 8 -> s_w = 1 (df 2), RC = 1.96 x sqrt(2) = 2.772.
    expect(total.smallestDetectableChange).toBeCloseTo(1.96 * Math.SQRT2, 10);
    expect(total.exceedsSmallestDetectableChange).toBe(true);
    expect([total.threshold, total.category]).toEqual([5, 'worse']);
    expect(report.ct.readers.filter((reader) => reader.sessionName === 'Central read 1')).toHaveLength(2);
    // Components: ground glass and fibrosis sums, per lobe.
    const fibrosis = report.ct.totals.find((candidate) => candidate.totalId === 'fibrosisSum')!;
    expect([fibrosis.meanBaseline, fibrosis.meanEndpoint]).toEqual([0, 4.5]);
    expect(fibrosis.regions.find((region) => region.region === 'LLL')).toEqual({ region: 'LLL', label: 'Left lower lobe', meanBaseline: 0, meanEndpoint: 0.5, change: 0.5 });

    // Acquisition: kernel, contrast and position differ between the scans.
    expect(report.acquisition.status).toBe('compared');
    expect(report.acquisition.warnings).toEqual([
      'Reconstruction kernel differs: B70f at baseline, B30f at endpoint.',
      'Contrast differs: without contrast at baseline, with at endpoint.',
      'Patient position differs: supine at baseline, prone at endpoint.',
    ]);
    // De-identified: no series key (folder path) anywhere in the report.
    const hidden = JSON.stringify(loadSubjectReport(db, subject.id, { ...options, deidentify: true }));
    expect(hidden).not.toContain(baselineKey);
    expect(hidden).not.toContain(endpointKey);
  });

  it('a linked series whose folder is gone and was never cached: facts unknown, said so', () => {
    const { store, actor } = openTestStore();
    const { db } = store;
    const project = createProject(db, actor, { name: 'Cohort', kind: 'cohort', description: '', arms: [] });
    const subject = createSubject(db, actor, project.id, { subjectCode: 'S-02', arm: null, sex: 'male', birthDate: '1960-01-01', heightCm: 175, patientId: null });
    const v0 = createVisit(db, actor, subject.id, { label: 'Baseline', targetDay: 0, actualDate: '2025-01-01' });
    const v52 = createVisit(db, actor, subject.id, { label: 'Week 52', targetDay: 364, actualDate: '2025-12-31' });
    linkSeries(db, actor, encodeSeriesKey({ folder: '/gone/a', SeriesInstanceUID: '9.1', stackId: '1' }), v0.id);
    linkSeries(db, actor, encodeSeriesKey({ folder: '/gone/b', SeriesInstanceUID: '9.2', stackId: '1' }), v52.id);
    const report = loadSubjectReport(db, subject.id, { deidentify: false, softwareVersion: 't' });
    expect(report.acquisition.warnings).toEqual([]);
    expect(report.acquisition.message).toContain('could not be read');
  });
});
