import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/services/api/handlers';
import { dispatchTask } from '../../../../electron/services/api/dispatch';
import { encodeSeriesKey } from '../../../../electron/services/imaging/seriesKey';
import { createUser } from '../../../../electron/services/storage/users';
import type { AvailableScoringSystem, SessionAgreementView } from '../../../../shared/api/tasks/reads';
import type { AuditEntry } from '../../../../shared/model/audit';
import type { Project } from '../../../../shared/model/project';
import type { Subject } from '../../../../shared/model/subject';
import type { Visit } from '../../../../shared/model/visit';
import type { ReadView } from '../../../../shared/reads/Read';
import type { ReaderWorklist, ReadingSessionSummary, UnblindedItem } from '../../../../shared/reads/ReadingSession';
import { buildSessionPlan } from '../../../../shared/reads/SessionPlan';
import { computeTotals } from '../../../../shared/scoring/computeTotals';
import { builtInScoringSystems } from '../../../../shared/scoring/systems/builtInScoringSystems';
import { kazerooni } from '../../../../shared/scoring/systems/kazerooni';
import { openTestStore } from '../../support/store';

type Handlers = ReturnType<typeof createHandlers>;

async function call<T>(handlers: Handlers, name: string, payload: unknown): Promise<T> {
  const response = await dispatchTask(handlers, name, payload);
  if (!response.ok) throw new Error(`${name}: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

async function fail(handlers: Handlers, name: string, payload: unknown) {
  const response = await dispatchTask(handlers, name, payload);
  if (response.ok) throw new Error(`${name} should have failed`);
  return response.error;
}

async function setup() {
  const { store, actor } = openTestStore();
  const handlers = createHandlers({ store, version: 'test', mode: 'browser' });
  const readerA = actor;
  const readerB = createUser(store.db, { name: 'Second Reader', initials: 'SR', role: 'radiologist' });
  const coordinator = createUser(store.db, { name: 'Coordinator', initials: 'CO', role: 'coordinator' });
  const as = async (userId: string) => call(handlers, 'selectUser', { userId });
  const project = await call<Project>(handlers, 'createProject', { name: 'Study', kind: 'trial', arms: ['A', 'B'] });
  const subject = await call<Subject>(handlers, 'createSubject', { projectId: project.id, subjectCode: 'S-001', arm: 'A', sex: 'female' });
  const baseline = await call<Visit>(handlers, 'createVisit', { subjectId: subject.id, label: 'Baseline', targetDay: 0, actualDate: '2024-01-02' });
  const endpoint = await call<Visit>(handlers, 'createVisit', { subjectId: subject.id, label: 'Week 52', targetDay: 364, actualDate: '2025-01-01' });
  const keys: string[] = [];
  for (const [i, visit] of [baseline, endpoint].entries()) {
    const seriesKey = encodeSeriesKey({ folder: `/data/s001/${i}`, SeriesInstanceUID: `1.2.3.${i}`, stackId: '0' });
    await call(handlers, 'linkSeriesToVisit', { seriesKey, visitId: visit.id });
    keys.push(seriesKey);
  }
  return { store, handlers, as, readerA, readerB, coordinator, project, keys };
}

/** A study's own system: Kazerooni's structure under its own id, as a study would write it in JSON. */
const studySystem = { ...kazerooni, id: 'study-lobe-score', version: '2', name: 'Study lobe score' };
const LOBES = ['RUL', 'RML', 'RLL', 'LUL', 'LING', 'LLL'];
const grades = Object.fromEntries(LOBES.map((lobe) => [lobe, { groundGlass: 2, fibrosis: 1 }]));

describe('a study\'s own scoring system (JSON)', () => {
  it('is validated, stored (audited), listed beside the built-ins and usable for reads and sessions', async () => {
    const { store, handlers, as, coordinator, readerA, project, keys } = await setup();
    await as(coordinator.id);
    const added = await call<AvailableScoringSystem>(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify(studySystem) });
    expect(added).toMatchObject({ source: 'project', definition: { id: 'study-lobe-score', version: '2' } });
    const listed = await call<AvailableScoringSystem[]>(handlers, 'listScoringSystems', { projectId: project.id });
    expect(listed.map((s) => [s.source, s.definition.id])).toEqual([
      ...builtInScoringSystems.map((s) => ['built-in', s.id]),
      ['project', 'study-lobe-score'],
    ]);
    const audit = store.db.prepare("SELECT * FROM audit_log WHERE entity = 'scoring-system'").all() as Pick<AuditEntry, 'action'>[];
    expect(audit).toHaveLength(1);
    // The same id and version again is refused, never replaced.
    expect((await fail(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify({ ...studySystem, name: 'Changed' }) })).code).toBe('duplicate');

    await as(readerA.id);
    const read = await call<ReadView>(handlers, 'openRead', { seriesKey: keys[0], systemId: 'study-lobe-score', projectId: project.id });
    expect(read.recorded).toMatchObject({ systemId: 'study-lobe-score', systemVersion: '2' });
    const saved = await call<ReadView>(handlers, 'saveReadDraft', { readId: read.id, rev: read.rev, grades });
    const signed = await call<ReadView>(handlers, 'signRead', { readId: read.id, rev: saved.rev });
    expect(signed.status).toBe('signed');
    const totals = computeTotals(added.definition, signed.recorded.grades, signed.recorded.settings);
    expect(totals.problems).toEqual([]);
    expect(totals.totals.find((t) => t.id === 'totalSum')?.value).toBe(18);

    await as(coordinator.id);
    const session = await call<ReadingSessionSummary>(handlers, 'createReadingSession', {
      projectId: project.id,
      name: 'Own system',
      systemId: 'study-lobe-score',
      readerIds: [readerA.id],
      mode: 'independent',
      seriesKeys: keys,
    });
    expect(session).toMatchObject({ systemId: 'study-lobe-score', systemVersion: '2' });
    const agreement = await call<SessionAgreementView>(handlers, 'getSessionAgreement', { sessionId: session.id });
    expect(agreement.totalId).toBe('totalSum');
    // Another project does not see it.
    const other = await call<Project>(handlers, 'createProject', { name: 'Other', kind: 'cohort' });
    const otherList = await call<AvailableScoringSystem[]>(handlers, 'listScoringSystems', { projectId: other.id });
    expect(otherList.some((s) => s.definition.id === 'study-lobe-score')).toBe(false);
  });

  it('an invalid definition is refused with every problem naming its place; nothing is stored', async () => {
    const { store, handlers, as, coordinator, project } = await setup();
    await as(coordinator.id);
    const broken = {
      ...studySystem,
      totals: [{ ...kazerooni.totals[0]!, perRegion: { op: 'item', item: 'honeycombing' } }, ...kazerooni.totals.slice(1)],
    };
    const error = await fail(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify(broken) });
    expect(error.code).toBe('invalid-input');
    expect(error.fields?.['totals[0].perRegion']).toMatch(/no item "honeycombing"/);
    expect(error.message).toMatch(/\n- totals\[0\]\.perRegion: .*no item "honeycombing"/);

    const schema = await fail(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify({ ...studySystem, items: 'none' }) });
    expect(schema.fields?.items).toBe('items: should be a list [ … ], not the text "none"');

    const notJson = await fail(handlers, 'importScoringSystem', { projectId: project.id, json: '{ "id": "x", ' });
    expect(notJson.code).toBe('invalid-input');
    expect(notJson.message).toMatch(/not valid JSON/);

    const reserved = await fail(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify(kazerooni) });
    expect(reserved.fields?.id).toMatch(/built-in/);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM project_scoring_systems').get()).toEqual({ n: 0 });
  });

  it('only a coordinator adds a system', async () => {
    const { handlers, project } = await setup();
    const error = await fail(handlers, 'importScoringSystem', { projectId: project.id, json: JSON.stringify(studySystem) });
    expect(error.code).toBe('forbidden');
  });
});

describe('paired reads at unblinding: endpoint versus baseline', () => {
  it('converts "right compared with left" with the stored draw: endpoint on the left', async () => {
    const { handlers, as, coordinator, readerA, readerB, project, keys } = await setup();
    // A seed whose draw puts the endpoint on the left.
    let seed = 0;
    while (buildSessionPlan({ mode: 'paired', seed, readerIds: ['a'], pairs: [{ baselineSeriesKey: 'b', endpointSeriesKey: 'e' }] }).pairs[0]!.left !== 'endpoint') seed++;
    await as(coordinator.id);
    const created = await call<ReadingSessionSummary>(handlers, 'createReadingSession', {
      projectId: project.id,
      name: 'Paired',
      systemId: kazerooni.id,
      seed,
      readerIds: [readerA.id, readerB.id],
      mode: 'paired',
      pairs: [{ baselineSeriesKey: keys[0], endpointSeriesKey: keys[1] }],
    });
    // Reader A: "the right one (the baseline) is better" = the endpoint is worse.
    // Reader B: "the right one (the baseline) is worse" = the endpoint improved.
    for (const [reader, judgment] of [[readerA.id, 'better'], [readerB.id, 'worse']] as const) {
      await as(reader);
      const worklist = await call<ReaderWorklist>(handlers, 'getReaderWorklist', { sessionId: created.id });
      await call(handlers, 'setPairJudgment', { sessionId: created.id, pairCode: worklist.entries[0]!.pair!.pairCode, judgment });
    }
    await as(coordinator.id);
    const open = await call<SessionAgreementView>(handlers, 'getSessionAgreement', { sessionId: created.id });
    expect(open.pairedChange).toBeNull();
    await call(handlers, 'closeReadingSession', { sessionId: created.id, rev: created.rev });
    const key = await call<UnblindedItem[]>(handlers, 'unblindReadingSession', { sessionId: created.id });
    const left = key.find((k) => k.pair?.side === 'left')!;
    expect(left.pair?.role).toBe('endpoint');
    expect(left.visitLabel).toBe('Week 52');
    expect(left.pairJudgments).toEqual([
      { readerId: readerA.id, asGiven: 'better', change: 'worse' },
      { readerId: readerB.id, asGiven: 'worse', change: 'improved' },
    ]);
    const closed = await call<SessionAgreementView>(handlers, 'getSessionAgreement', { sessionId: created.id });
    expect(closed.pairedChange?.counts).toEqual([
      { readerId: readerA.id, answered: 1, improved: 0, stable: 0, worse: 1 },
      { readerId: readerB.id, answered: 1, improved: 1, stable: 0, worse: 0 },
    ]);
    expect(closed.pairedChange?.kappa?.pairs).toBe(1);
  });
});
