import { ApiFailure } from '../../../../shared/api/errors';
import { BLINDED_READER_REFUSAL } from '../../../../shared/api/blindedReaderAccess';
import type { readsTasks } from '../../../../shared/api/tasks/reads';
import { sessionAgreement } from '../../../../shared/reads/sessionAgreement';
import type { HandlerContext, HandlersFor } from '../handlers';
import { requireActor } from '../currentUser';
import type { Db } from '../../storage/openStore';
import type { Actor } from '../../storage/audit';
import { getUser } from '../../storage/users';
import { readsInOpenSession } from '../../reads/sessionSeries';
import { amendRead, getRead, listReadVersions, listSessionReads, openRead, readView, saveReadDraft, signRead, type StoredRead } from '../../reads/readStore';
import { listSessionCandidates } from '../../reads/sessionCandidates';
import {
  adjudicate,
  closeSession,
  createSession,
  getSession,
  listAdjudications,
  listMySessions,
  listPairJudgments,
  listSessions,
  readerWorklist,
  requireCoordinator,
  requireOpen,
  requireSessionReader,
  sessionReaders,
  sessionSummary,
  setPairJudgment,
  unblindSession,
} from '../../reads/sessionStore';
import { importScoringSystem, listScoringSystems, requireScoringSystem } from '../../reads/scoringSystems';
import { pairedChangeAgreement } from '../../../../shared/reads/pairedChange';
import { builtInScoringSystems } from '../../../../shared/scoring/systems/builtInScoringSystems';

/**
 * Reads and reading sessions. Blinding rule: while a read's session is open, nothing returned to
 * anyone about it carries the series key (it holds the folder path) or anything that links it to a
 * subject, date, visit or arm; the reader-facing tasks speak in session codes only.
 */
export function createReadsHandlers({ store }: HandlerContext): HandlersFor<keyof typeof readsTasks> {
  const { db } = store;
  const actor = () => requireActor(db);

  const view = (read: StoredRead) => readView(read, read.sessionId !== null && getSession(db, read.sessionId).status === 'open');

  /** A read changes only while its session (if any) is open. */
  const writable = (read: StoredRead): void => {
    if (read.sessionId !== null) requireOpen(getSession(db, read.sessionId));
  };

  /**
   * The score-form tasks stay open to a blinded reader (BLINDED_READER_ACCESS) for their session
   * reads only: any other read (their own earlier ones outside a session, a coordinator's view of
   * others' reads) shows its series key, which names the folder, or another reader's scores.
   */
  const visibleWhileBlinded = (read: StoredRead, who: Actor): StoredRead => {
    if (!readsInOpenSession(db, who.id)) return read;
    if (read.readerId === who.id && read.sessionId !== null && getSession(db, read.sessionId).status === 'open') return read;
    throw new ApiFailure('forbidden', BLINDED_READER_REFUSAL);
  };
  /** A read the current user may see. */
  const seenRead = (readId: string): StoredRead => {
    const who = actor();
    return visibleWhileBlinded(readableRead(db, who, readId), who);
  };
  /** Who changes a read that may be changed now (the read store checks that it is theirs). */
  const changingActor = (readId: string): Actor => {
    const who = actor();
    writable(visibleWhileBlinded(getRead(db, readId), who));
    return who;
  };

  return {
    openRead: ({ seriesKey, systemId, settings, projectId }) =>
      view(openRead(db, actor(), { seriesKey, systemId, settings, projectId, sessionId: null, sessionCode: null })),
    getRead: ({ readId }) => view(seenRead(readId)),
    saveReadDraft: ({ readId, rev, grades, anchors }) => {
      const who = changingActor(readId);
      return view(saveReadDraft(db, who, readId, rev, { ...(grades ? { grades } : {}), ...(anchors ? { anchors } : {}) }));
    },
    signRead: ({ readId, rev }) => {
      const who = changingActor(readId);
      return view(signRead(db, who, readId, rev));
    },
    amendRead: ({ readId, rev, reason }) => {
      const who = changingActor(readId);
      return view(amendRead(db, who, readId, rev, reason));
    },
    listReadVersions: ({ readId }) => {
      seenRead(readId);
      return listReadVersions(db, readId).map(view);
    },

    listScoringSystems: ({ projectId }) => {
      actor();
      return projectId === null
        ? builtInScoringSystems.map((definition) => ({ source: 'built-in' as const, definition }))
        : listScoringSystems(db, projectId);
    },
    importScoringSystem: ({ projectId, json }) => {
      const who = actor();
      requireCoordinator(db, who);
      return importScoringSystem(db, who, projectId, json);
    },

    listSessionCandidates: ({ projectId }) => {
      requireCoordinator(db, actor());
      return listSessionCandidates(db, projectId);
    },
    createReadingSession: ({ mode, seriesKeys, pairs, seed, ...rest }) => {
      const session = createSession(db, actor(), {
        ...rest,
        // The seed is drawn here when none is given and stored, so the order can be rebuilt.
        seed: seed ?? Math.floor(Math.random() * 4294967296),
        plan: mode === 'paired' ? { mode, pairs } : { mode, seriesKeys },
      });
      return sessionSummary(db, session);
    },
    listReadingSessions: ({ projectId }) => {
      requireCoordinator(db, actor());
      return listSessions(db, projectId).map((s) => sessionSummary(db, s));
    },
    listMyReadingSessions: () => {
      const who = actor();
      return listMySessions(db, who.id).map((s) => ({
        id: s.id,
        name: s.name,
        mode: s.plan.mode,
        status: s.status,
        role: s.readerIds.includes(who.id) ? ('reader' as const) : ('adjudicator' as const),
      }));
    },
    getReaderWorklist: ({ sessionId }) => readerWorklist(db, getSession(db, sessionId), actor()),
    openSessionRead: ({ sessionId, code }) => {
      const who = actor();
      const session = getSession(db, sessionId);
      requireSessionReader(session, who);
      const item = session.plan.items.find((i) => i.code === code);
      if (!item) throw new ApiFailure('not-found', `There is no item ${code} in this session.`);
      const existing = listSessionReads(db, sessionId).find((r) => r.readerId === who.id && r.sessionCode === code);
      if (existing) return view(existing);
      requireOpen(session);
      return view(
        openRead(db, who, {
          seriesKey: item.seriesKey,
          systemId: session.systemId,
          systemVersion: session.systemVersion,
          settings: session.settings,
          projectId: session.projectId,
          sessionId,
          sessionCode: code,
        }),
      );
    },
    setPairJudgment: ({ sessionId, pairCode, judgment }) => ({ judgment: setPairJudgment(db, actor(), sessionId, pairCode, judgment) }),
    getSessionAgreement: ({ sessionId, totalId }) => {
      const who = actor();
      const session = getSession(db, sessionId);
      if (session.adjudicatorId !== who.id) requireCoordinator(db, who);
      const definition = requireScoringSystem(session.systemId, session.systemVersion, db, session.projectId);
      const chosen = definition.totals.find((t) => t.id === totalId) ?? definition.totals.find((t) => t.primary) ?? definition.totals[0];
      const agreement = sessionAgreement({
        definition,
        items: session.plan.items,
        readerIds: session.readerIds,
        reads: listSessionReads(db, sessionId).map((r) => ({ readerId: r.readerId, sessionCode: r.sessionCode ?? '', status: r.status, recorded: r.recorded })),
        ...(chosen ? { totalId: chosen.id } : {}),
        adjudicationThreshold: session.adjudicationThreshold,
        adjudications: listAdjudications(db, sessionId, chosen?.id ?? ''),
      });
      return {
        ...agreement,
        sessionId,
        readers: sessionReaders(db, session),
        adjudicatorId: session.adjudicatorId,
        totals: definition.totals.map((t) => ({ id: t.id, label: t.label, primary: t.primary === true })),
        pairedChange:
          session.plan.mode === 'paired' && session.status === 'closed'
            ? pairedChangeAgreement({ pairs: session.plan.pairs, readerIds: session.readerIds, judgments: listPairJudgments(db, session) })
            : null,
      };
    },
    adjudicateSessionItem: ({ sessionId, code, totalId, value, note }) => adjudicate(db, actor(), sessionId, code, totalId, value, note),
    closeReadingSession: ({ sessionId, rev }) => sessionSummary(db, closeSession(db, actor(), sessionId, rev)),
    unblindReadingSession: ({ sessionId }) => unblindSession(db, actor(), sessionId),
  };
}

/** Own reads, and (for a coordinator) reads outside open sessions. */
function readableRead(db: Db, actor: Actor, readId: string): StoredRead {
  const read = getRead(db, readId);
  if (read.readerId === actor.id) return read;
  if (getUser(db, actor.id)?.role === 'coordinator' && (read.sessionId === null || getSession(db, read.sessionId).status === 'closed')) return read;
  throw new ApiFailure('forbidden', 'This read belongs to another reader.');
}
