import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/services/api/handlers';
import { dispatchTask } from '../../../../electron/services/api/dispatch';
import { answerImagingRequest, imagingServiceOf } from '../../../../electron/services/imaging/imagingRoutes';
import { encodeSeriesKey } from '../../../../electron/services/imaging/seriesKey';
import { createUser } from '../../../../electron/services/storage/users';
import { BLINDED_READER_ACCESS, BLINDED_READER_REFUSAL } from '../../../../shared/api/blindedReaderAccess';
import type { Project } from '../../../../shared/model/project';
import type { Subject } from '../../../../shared/model/subject';
import type { Visit } from '../../../../shared/model/visit';
import type { ReadView } from '../../../../shared/reads/Read';
import type { ReaderWorklist, ReadingSessionSummary } from '../../../../shared/reads/ReadingSession';
import { kazerooni } from '../../../../shared/scoring/systems/kazerooni';
import { openTestStore } from '../../support/store';

type Handlers = ReturnType<typeof createHandlers>;

async function call<T>(handlers: Handlers, name: string, payload: unknown): Promise<T> {
  const response = await dispatchTask(handlers, name, payload);
  if (!response.ok) throw new Error(`${name}: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

async function refusal(handlers: Handlers, name: string, payload: unknown) {
  const response = await dispatchTask(handlers, name, payload);
  if (response.ok) throw new Error(`${name} should have been refused`);
  return response.error;
}

const SUBJECT_CODE = 'SUBJ-5521';
const ARM = 'Pirfenidone';
const VISIT_DATE = '2024-06-11';

/**
 * A trial with one subject, one visit and its linked series; a reader who made a read of that series
 * before any session; then a blinded session over the series (readers as given) built by the coordinator.
 */
async function trialWithSession(readers: (ids: { reader: string; coordinator: string }) => string[]) {
  const { store, actor: reader } = openTestStore();
  const handlers = createHandlers({ store, version: 'test', mode: 'browser' });
  const coordinator = createUser(store.db, { name: 'Coordinator', initials: 'CO', role: 'coordinator' });
  const as = (userId: string) => call(handlers, 'selectUser', { userId });
  const seriesKey = encodeSeriesKey({ folder: `/trial/${SUBJECT_CODE}/${VISIT_DATE}`, SeriesInstanceUID: '1.2.3.4.5', stackId: '0' });
  const earlierRead = await call<ReadView>(handlers, 'openRead', { seriesKey, systemId: kazerooni.id });

  await as(coordinator.id);
  const project = await call<Project>(handlers, 'createProject', { name: 'Blinded trial', kind: 'trial', arms: [ARM, 'Placebo'] });
  const subject = await call<Subject>(handlers, 'createSubject', { projectId: project.id, subjectCode: SUBJECT_CODE, arm: ARM, sex: 'male' });
  const visit = await call<Visit>(handlers, 'createVisit', { subjectId: subject.id, label: 'Baseline', actualDate: VISIT_DATE });
  await call(handlers, 'linkSeriesToVisit', { seriesKey, visitId: visit.id });
  const session = await call<ReadingSessionSummary>(handlers, 'createReadingSession', {
    projectId: project.id,
    name: 'Central read',
    systemId: kazerooni.id,
    readerIds: readers({ reader: reader.id, coordinator: coordinator.id }),
    mode: 'independent',
    seriesKeys: [seriesKey],
    seed: 11,
  });
  return { store, handlers, as, reader, coordinator, project, subject, visit, session, earlierRead };
}

describe('blinding held at the api (issue 5)', () => {
  it('refuses a reader of an open session every task that names subjects, visits, dates, arms or others’ scores', async () => {
    const t = await trialWithSession(({ reader }) => [reader]);
    await t.as(t.reader.id);
    const refused = {
      listSubjects: { projectId: t.project.id },
      listVisits: { subjectId: t.subject.id },
      listAudit: {},
      listPftSessions: { subjectId: t.subject.id },
      listSeriesLinks: { projectId: t.project.id },
      getSubjectReport: { subjectId: t.subject.id },
      getCohortReport: { projectId: t.project.id },
      listSessionCandidates: { projectId: t.project.id },
      getSessionAgreement: { sessionId: t.session.id },
      openRead: { seriesKey: t.earlierRead.seriesKey, systemId: kazerooni.id },
      // Their own read from before the session: its series key names the folder.
      getRead: { readId: t.earlierRead.id },
    };
    for (const [task, payload] of Object.entries(refused)) {
      const error = await refusal(t.handlers, task, payload);
      expect(error, task).toEqual({ code: 'forbidden', message: BLINDED_READER_REFUSAL });
    }
    // The refusal itself says nothing about the trial.
    for (const secret of [SUBJECT_CODE, ARM, VISIT_DATE, 'Baseline']) expect(BLINDED_READER_REFUSAL).not.toContain(secret);
    t.store.close();
  });

  it('answers what the session worklist and the reading screen need', async () => {
    const t = await trialWithSession(({ reader }) => [reader]);
    await t.as(t.reader.id);
    await call(t.handlers, 'getAppInfo', {});
    await call(t.handlers, 'listProjects', {});
    await call(t.handlers, 'listUsers', {});
    expect(await call<unknown[]>(t.handlers, 'listMyReadingSessions', {})).toHaveLength(1);
    const worklist = await call<ReaderWorklist>(t.handlers, 'getReaderWorklist', { sessionId: t.session.id });
    const read = await call<ReadView>(t.handlers, 'openSessionRead', { sessionId: t.session.id, code: worklist.entries[0]!.code });
    expect(read.seriesKey).toBeNull();
    const saved = await call<ReadView>(t.handlers, 'saveReadDraft', { readId: read.id, rev: read.rev, grades: { RUL: { groundGlass: 2 } } });
    expect((await call<ReadView>(t.handlers, 'getRead', { readId: read.id })).rev).toBe(saved.rev);
    await call(t.handlers, 'listReadVersions', { readId: read.id });
    await call(t.handlers, 'listScoringSystems', { projectId: t.project.id });
    t.store.close();
  });

  it('refuses the image routes that go by series key (slices, thumbnails, overlays) while blinded, not the session route', async () => {
    const t = await trialWithSession(({ reader }) => [reader]);
    const service = imagingServiceOf(t.handlers)!;
    const get = (route: string) => answerImagingRequest(service, new URL(`http://127.0.0.1/api/imaging/${route}`));
    const key = encodeURIComponent(t.earlierRead.seriesKey!);
    const byKey = [`slice?key=${key}&index=0`, `thumbnail?key=${key}`, `densitometry-overlay?key=${key}&plane=axial&index=0`];
    // The coordinator is not blinded: the folder is simply not there (404/410), not forbidden.
    for (const route of byKey) expect((await get(route)).status, route).not.toBe(403);
    await t.as(t.reader.id);
    for (const route of byKey) {
      const answer = await get(route);
      expect(answer.status, route).toBe(403);
      expect(JSON.parse(new TextDecoder().decode(answer.body)).error.message).toBe(BLINDED_READER_REFUSAL);
    }
    const worklist = await call<ReaderWorklist>(t.handlers, 'getReaderWorklist', { sessionId: t.session.id });
    const code = encodeURIComponent(worklist.entries[0]!.code);
    // The session route resolves the code for this reader: the series folder is missing here, so not found, never forbidden.
    expect((await get(`session-slice?session=${t.session.id}&code=${code}&index=0`)).status).not.toBe(403);
    t.store.close();
  });

  it('leaves the same tasks open to the coordinator, and to the reader once the session is closed', async () => {
    const t = await trialWithSession(({ reader }) => [reader]);
    expect(await call<Subject[]>(t.handlers, 'listSubjects', { projectId: t.project.id })).toHaveLength(1);
    await call(t.handlers, 'closeReadingSession', { sessionId: t.session.id, rev: t.session.rev });
    await t.as(t.reader.id);
    expect((await call<Subject[]>(t.handlers, 'listSubjects', { projectId: t.project.id }))[0]!.subjectCode).toBe(SUBJECT_CODE);
    expect((await call<ReadView>(t.handlers, 'getRead', { readId: t.earlierRead.id })).seriesKey).toBe(t.earlierRead.seriesKey);
    t.store.close();
  });

  it('lets a coordinator who also reads close the session that blinds them, but not see the subjects before', async () => {
    const t = await trialWithSession(({ reader, coordinator }) => [reader, coordinator]);
    expect((await refusal(t.handlers, 'listSubjects', { projectId: t.project.id })).code).toBe('forbidden');
    expect((await refusal(t.handlers, 'unblindReadingSession', { sessionId: t.session.id })).code).toBe('forbidden');
    const [listed] = await call<ReadingSessionSummary[]>(t.handlers, 'listReadingSessions', { projectId: t.project.id });
    await call(t.handlers, 'closeReadingSession', { sessionId: listed!.id, rev: listed!.rev });
    expect(await call<Subject[]>(t.handlers, 'listSubjects', { projectId: t.project.id })).toHaveLength(1);
    t.store.close();
  });

  it('allows exactly the tasks of the profile gate, the session worklist and the reading screen', () => {
    const allowed = Object.entries(BLINDED_READER_ACCESS)
      .filter(([, access]) => access === 'allowed')
      .map(([task]) => task)
      .sort();
    expect(allowed).toEqual(
      [
        'getAppInfo',
        'listUsers',
        'createUser',
        'selectUser',
        'listProjects',
        'listMyReadingSessions',
        'getReaderWorklist',
        'openSessionRead',
        'setPairJudgment',
        'getSessionSeriesGeometry',
        'getRead',
        'saveReadDraft',
        'signRead',
        'amendRead',
        'listReadVersions',
        'listScoringSystems',
        'listReadingSessions',
        'closeReadingSession',
      ].sort(),
    );
  });

  it('the command line (guardBlinding false) reads the data folder whoever last used the app', async () => {
    const t = await trialWithSession(({ reader }) => [reader]);
    await t.as(t.reader.id);
    await refusal(t.handlers, 'listSubjects', { projectId: t.project.id });
    const cli = createHandlers({ store: t.store, version: 'test', mode: 'browser', guardBlinding: false });
    const subjects = await call<Subject[]>(cli, 'listSubjects', { projectId: t.project.id });
    expect(subjects.map((s) => s.subjectCode)).toEqual([SUBJECT_CODE]);
  });
});
