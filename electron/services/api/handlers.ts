import type { TaskName, TaskOutput, TaskPayload } from '../../../shared/api/contract';
import type { AppInfo } from '../../../shared/api/tasks/library';
import type { Store } from '../storage/openStore';
import { createLibraryHandlers } from './handlers/library';
import { createPftHandlers } from './handlers/pft';
import { createImagingHandlers } from './handlers/imaging';
import { createReportHandlers } from './handlers/reports';
import type { ReportPagePrinter } from '../reports/reportPrinter';
import { createReadsHandlers } from './handlers/reads';
import { createDensitometryHandlers } from './handlers/densitometry';
import { createDensitometryService } from '../analysis/densitometryService';
import { createImagingService } from '../imaging/imagingService';
import { sqliteHeaderCache } from '../imaging/headerCacheStore';
import { registerImagingRoutes } from '../imaging/imagingRoutes';
import { resolveSessionSeries } from '../reads/sessionSeries';
import { requireActor } from './currentUser';
import { currentUserIsBlinded, guardBlindedReader } from './blindedReaderGuard';

/** Handlers for a subset of the contract's tasks (one feature's). */
export type HandlersFor<Names extends TaskName> = {
  [K in Names]: (payload: TaskPayload<K>) => TaskOutput<K> | Promise<TaskOutput<K>>;
};

/** One implementation per task of the contract; the same object serves IPC and the HTTP bridge. */
export type Handlers = HandlersFor<TaskName>;

export interface HandlerContext {
  store: Store;
  version: string;
  mode: AppInfo['mode'];
  /**
   * Prints the report page at this query (`?print=subject&...`) to PDF, where the host can: the
   * HTTP bridge through Chromium, Electron through webContents.printToPDF (services/reports/reportPrinter.ts).
   */
  printReportPage?: ReportPagePrinter;
  /**
   * False for the command line: it works on the data folder itself, as any tool given the file
   * could, so it prints reports whoever last used the app. Blinding is the app's (default true).
   */
  guardBlinding?: boolean;
}

/** How to stop the worker threads behind a set of handlers (decode pool, densitometry threads). */
const closers = new WeakMap<Handlers, () => Promise<void>>();

/**
 * Stops the worker threads behind these handlers (their running tasks fail; nothing half-written is
 * stored, as results are written only when a task completes). Call before closing the store: the app
 * at quit, `lungscore serve` at Ctrl+C. Closing twice is harmless.
 */
export async function closeHandlers(handlers: Handlers): Promise<void> {
  const close = closers.get(handlers);
  closers.delete(handlers);
  await close?.();
}

/** Joins each feature's handlers; the type checks that every task of the contract has one. */
export function createHandlers(context: HandlerContext): Handlers {
  const imaging = createImagingService({ cache: () => sqliteHeaderCache(context.store.db) });
  const densitometry = createDensitometryService(context.store.db, imaging);
  // A reader in an open blinded session gets only what their worklist needs, whoever asks (issue 5).
  const all: Handlers = {
    ...createLibraryHandlers(context),
    ...createPftHandlers(context),
    ...createImagingHandlers(context, imaging),
    ...createReportHandlers(context),
    ...createReadsHandlers(context),
    ...createDensitometryHandlers(densitometry),
  };
  const handlers = context.guardBlinding === false ? all : guardBlindedReader(all, context.store.db);
  // The slice routes (binary, GET) answer beside the tasks from the same service: see imagingRoutes.
  // Blinded session readers reach slices by session id and code, resolved here for the current user.
  registerImagingRoutes(
    handlers,
    imaging,
    (sessionId, code) => resolveSessionSeries(context.store.db, requireActor(context.store.db), sessionId, code).seriesKey,
    context.guardBlinding === false ? undefined : () => currentUserIsBlinded(context.store.db),
  );
  // Both at once: each starts terminating its threads before its first await (the app's will-quit is synchronous).
  closers.set(handlers, async () => {
    await Promise.all([densitometry.close(), imaging.close()]);
  });
  return handlers;
}
