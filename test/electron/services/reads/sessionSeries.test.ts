import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/services/api/handlers';
import { dispatchTask } from '../../../../electron/services/api/dispatch';
import { answerImagingRequest, imagingServiceOf } from '../../../../electron/services/imaging/imagingRoutes';
import { writePhantomSeries } from '../../../../electron/services/phantom/writePhantomSeries';
import { createUser } from '../../../../electron/services/storage/users';
import type { BlindedSeriesGeometry, ImageFolder, SeriesGeometry } from '../../../../shared/api/tasks/imaging';
import type { Project } from '../../../../shared/model/project';
import type { ReaderWorklist, ReadingSessionSummary } from '../../../../shared/reads/ReadingSession';
import { generatePhantom } from '../../../../shared/phantom/generatePhantom';
import { kazerooni } from '../../../../shared/scoring/systems/kazerooni';
import { openTestStore } from '../../support/store';
import { tempDir } from '../../support/tempDir';

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

/** What the phantom files say about "the patient": none of it may reach a blinded reader. */
const IDENTITY = {
  patientId: 'PAT-4711-XY',
  patientName: 'DOE^JANE^Q',
  studyDate: '20240305',
  seriesDescription: 'WEEK52 FOLLOWUP HRCT',
};

async function setup() {
  const { store, actor } = openTestStore();
  const handlers = createHandlers({ store, version: 'test', mode: 'browser' });
  const folder = path.join(tempDir('lungscore-session-series-'), 'DOE_JANE_2024');
  const phantom = generatePhantom({ preset: 'nsip', seed: 3, size: 'small' });
  if (!phantom.ok) throw new Error(phantom.error.message);
  const written = await writePhantomSeries(phantom.value, { outDir: folder, softwareVersion: 'test', identity: IDENTITY });
  if (!written.ok) throw new Error(written.error.message);
  const coordinator = createUser(store.db, { name: 'Coordinator', initials: 'CO', role: 'coordinator' });
  const outsider = createUser(store.db, { name: 'Other Radiologist', initials: 'OR', role: 'radiologist' });
  const as = (userId: string) => call(handlers, 'selectUser', { userId });
  await as(coordinator.id);
  const opened = await call<ImageFolder>(handlers, 'openImageFolder', { folder });
  const series = opened.patients[0]!.studies[0]!.series[0]!;
  const project = await call<Project>(handlers, 'createProject', { name: 'Blinded trial', kind: 'trial', arms: ['A', 'B'] });
  const session = await call<ReadingSessionSummary>(handlers, 'createReadingSession', {
    projectId: project.id,
    name: 'Central read',
    systemId: kazerooni.id,
    readerIds: [actor.id],
    mode: 'independent',
    seriesKeys: [series.seriesKey],
    seed: 7,
  });
  await as(actor.id);
  const worklist = await call<ReaderWorklist>(handlers, 'getReaderWorklist', { sessionId: session.id });
  const code = worklist.entries[0]!.code;
  const service = imagingServiceOf(handlers)!;
  const route = (query: string) => answerImagingRequest(service, new URL(`http://127.0.0.1/api/imaging/session-slice?${query}`));
  return { handlers, folder, series, session, code, reader: actor, coordinator, outsider, as, route, written: written.value, close: () => service.close() };
}

function secretsOf(s: Awaited<ReturnType<typeof setup>>): string[] {
  return [
    IDENTITY.patientId,
    'DOE',
    'JANE',
    IDENTITY.studyDate,
    '2024-03-05',
    'WEEK52',
    s.folder,
    'DOE_JANE_2024',
    s.series.seriesKey,
    s.series.SeriesInstanceUID,
    s.written.studyInstanceUID,
  ];
}

describe('blinded session series (issue 5): geometry and slices by session and code', () => {
  it('gives the session reader the geometry without any identifier, and the same slices as the series', async () => {
    const s = await setup();
    const blinded = await call<BlindedSeriesGeometry>(s.handlers, 'getSessionSeriesGeometry', { sessionId: s.session.id, code: s.code });
    const json = JSON.stringify(blinded);
    for (const secret of secretsOf(s)) expect(json, `geometry leaks "${secret}"`).not.toContain(secret);
    expect(blinded.sessionCode).toBe(s.code);
    expect(blinded.positions).toHaveLength(s.series.sliceCount);
    expect(blinded.sopInstanceUids).toHaveLength(s.series.sliceCount);
    // Pseudonyms: valid UIDs, one per image, none of them the real one (the real geometry is the coordinator's to see).
    await s.as(s.coordinator.id);
    const real = await call<SeriesGeometry>(s.handlers, 'getSeriesGeometry', { seriesKey: s.series.seriesKey });
    await s.as(s.reader.id);
    expect(real.sopInstanceUids).toHaveLength(s.series.sliceCount);
    expect(new Set(blinded.sopInstanceUids).size).toBe(s.series.sliceCount);
    for (const uid of blinded.sopInstanceUids) {
      expect(uid).toMatch(/^2\.25\.\d{1,39}$/);
      expect(real.sopInstanceUids).not.toContain(uid);
    }
    expect(real.PatientID).toBe(IDENTITY.patientId);

    const answer = await s.route(`session=${s.session.id}&code=${s.code}&index=3`);
    expect(answer.status).toBe(200);
    // The slice by series key is the coordinator's (a blinded reader gets 403 there: blindedReaderGuard.test.ts).
    await s.as(s.coordinator.id);
    const direct = await answerImagingRequest(imagingServiceOf(s.handlers)!, new URL(`http://127.0.0.1/api/imaging/slice?key=${s.series.seriesKey}&index=3`));
    await s.as(s.reader.id);
    expect(direct.status).toBe(200);
    expect(Buffer.from(answer.body).equals(Buffer.from(direct.body))).toBe(true);
    expect(answer.body.byteLength).toBe(s.series.rows * s.series.columns * 2);
    await s.close();
  });

  it('refuses anyone who is not a reader of the session, with nothing identifying in the refusal', async () => {
    const s = await setup();
    for (const user of [s.outsider, s.coordinator]) {
      await s.as(user.id);
      const refused = await fail(s.handlers, 'getSessionSeriesGeometry', { sessionId: s.session.id, code: s.code });
      expect(refused.code).toBe('forbidden');
      const answer = await s.route(`session=${s.session.id}&code=${s.code}&index=0`);
      expect(answer.status).toBe(403);
      const text = new TextDecoder().decode(answer.body) + JSON.stringify(refused);
      for (const secret of secretsOf(s)) expect(text).not.toContain(secret);
    }
    await s.as(s.reader.id);
    expect((await fail(s.handlers, 'getSessionSeriesGeometry', { sessionId: s.session.id, code: 'R-ZZZZ' })).code).toBe('not-found');
    expect((await s.route(`session=${s.session.id}&code=R-ZZZZ&index=0`)).status).toBe(404);
    expect((await s.route(`session=nope&code=${s.code}&index=0`)).status).toBe(404);
    const outOfRange = await s.route(`session=${s.session.id}&code=${s.code}&index=9999`);
    expect(outOfRange.status).toBe(404);
    for (const secret of secretsOf(s)) expect(new TextDecoder().decode(outOfRange.body)).not.toContain(secret);
    await s.close();
  });

  it('closes the audit trail to a reader of an open session, and opens it again when the session closes', async () => {
    const s = await setup();
    const refused = await fail(s.handlers, 'listAudit', { projectId: s.session.projectId });
    expect(refused.code).toBe('forbidden');
    expect((await fail(s.handlers, 'listAudit', {})).code).toBe('forbidden');
    await s.as(s.coordinator.id);
    expect((await call<unknown[]>(s.handlers, 'listAudit', {})).length).toBeGreaterThan(0);
    await call(s.handlers, 'closeReadingSession', { sessionId: s.session.id, rev: s.session.rev });
    await s.as(s.reader.id);
    expect((await call<unknown[]>(s.handlers, 'listAudit', {})).length).toBeGreaterThan(0);
    await s.close();
  });
});
