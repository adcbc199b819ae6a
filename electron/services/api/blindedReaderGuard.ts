import { BLINDED_READER_ACCESS, BLINDED_READER_REFUSAL } from '../../../shared/api/blindedReaderAccess';
import { TASK_NAMES } from '../../../shared/api/contract';
import { ApiFailure } from '../../../shared/api/errors';
import type { Db } from '../storage/openStore';
import { readsInOpenSession } from '../reads/sessionSeries';
import { currentUser } from './currentUser';
import type { Handlers } from './handlers';

/** True while the current user reads in a reading session that is still open (issue 5). */
export function currentUserIsBlinded(db: Db): boolean {
  const user = currentUser(db);
  return user !== null && readsInOpenSession(db, user.id);
}

/**
 * The handlers with every task that BLINDED_READER_ACCESS refuses closed to a blinded reader: the
 * check runs on each call, as the current user and their sessions change while the app runs. Wrapping
 * the handlers (rather than checking in dispatchTask) holds for every caller of them: IPC, the HTTP
 * bridge, and the print page the PDF export loads through the bridge.
 */
export function guardBlindedReader(handlers: Handlers, db: Db): Handlers {
  const guarded: Record<string, (payload: never) => unknown> = { ...handlers };
  for (const name of TASK_NAMES) {
    if (BLINDED_READER_ACCESS[name] === 'allowed') continue;
    const handler = handlers[name] as (payload: never) => unknown;
    guarded[name] = (payload) => {
      if (currentUserIsBlinded(db)) throw new ApiFailure('forbidden', BLINDED_READER_REFUSAL);
      return handler(payload);
    };
  }
  return guarded as Handlers;
}
