import { BLINDED_READER_REFUSAL } from '../../../shared/api/blindedReaderAccess';
import { ApiFailure, type ApiErrorCode } from '../../../shared/api/errors';
import type { ImagingService, SliceFailure } from './imagingService';

/** A binary answer for `api/imaging/...` GET requests, the same from the HTTP bridge and app://. */
export interface BinaryAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export const IMAGING_ROUTE_PREFIX = '/api/imaging/';

const services = new WeakMap<object, ImagingService>();

/**
 * Resolves a blinded session item (session id + code) to its series key for the current user, or
 * throws an ApiFailure (not a reader of that session, no such item). See reads/sessionSeries.ts.
 */
export type SessionSeriesResolver = (sessionId: string, code: string) => string;

const sessionResolvers = new WeakMap<ImagingService, SessionSeriesResolver>();

/** True while the current user reads blinded (api/blindedReaderGuard.ts): then only session routes answer. */
export type BlindedCheck = () => boolean;

const blindedChecks = new WeakMap<ImagingService, BlindedCheck>();

/** Remembers which imaging service (and session resolver) belongs to a handlers object (see createHandlers). */
export function registerImagingRoutes(handlers: object, service: ImagingService, sessionSeries?: SessionSeriesResolver, isBlinded?: BlindedCheck): void {
  services.set(handlers, service);
  if (sessionSeries) sessionResolvers.set(service, sessionSeries);
  if (isBlinded) blindedChecks.set(service, isBlinded);
}

export function imagingServiceOf(handlers: object): ImagingService | undefined {
  return services.get(handlers);
}

/** A further binary route under IMAGING_ROUTE_PREFIX, answered by another feature (e.g. densitometry overlays). */
export type ImagingSubroute = (url: URL) => Promise<BinaryAnswer>;

const subroutes = new WeakMap<ImagingService, Map<string, ImagingSubroute>>();

/** Adds `api/imaging/<route>` beside the slice routes of this imaging service. */
export function registerImagingSubroute(service: ImagingService, route: string, answer: ImagingSubroute): void {
  const routes = subroutes.get(service) ?? new Map<string, ImagingSubroute>();
  routes.set(route, answer);
  subroutes.set(service, routes);
}

function failure(failed: SliceFailure): BinaryAnswer {
  // The status says which failure (410 gone, 404 unknown, 422 undecodable); the body is the usual envelope.
  const code: ApiErrorCode = failed.code === 'decode-failed' ? 'invalid-input' : 'not-found';
  return json(statusOf(failed.code), code, failed.message);
}

function json(status: number, code: ApiErrorCode, message: string): BinaryAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: new TextEncoder().encode(JSON.stringify({ ok: false, error: { code, message } })),
  };
}

function statusOfApiCode(code: ApiErrorCode): number {
  return code === 'forbidden' || code === 'no-user' ? 403 : code === 'not-found' ? 404 : 400;
}

function int16Answer(pixels: Int16Array): BinaryAnswer {
  return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' }, body: bytesOf(pixels) };
}

/**
 * `GET api/imaging/session-slice?session=S&code=C&index=N`: the slice of a blinded session item, for
 * a reader of that session only. Failures never give the real reason (it names the folder).
 */
async function answerSessionSlice(service: ImagingService, url: URL): Promise<BinaryAnswer> {
  const resolve = sessionResolvers.get(service);
  if (!resolve) return json(404, 'not-found', 'Blinded sessions are not available here.');
  const code = url.searchParams.get('code') ?? '';
  let seriesKey: string;
  try {
    seriesKey = resolve(url.searchParams.get('session') ?? '', code);
  } catch (error) {
    if (error instanceof ApiFailure) return json(statusOfApiCode(error.code), error.code, error.message);
    throw error;
  }
  const result = await service.slice(seriesKey, Number(url.searchParams.get('index')));
  if (result.ok) return int16Answer(result.value);
  const status = statusOf(result.error.code);
  return json(status, status === 422 ? 'invalid-input' : 'not-found', status === 422 ? 'This slice could not be decoded.' : `The images of ${code} cannot be shown now. Tell the session coordinator.`);
}

function statusOf(code: SliceFailure['code']): number {
  switch (code) {
    case 'folder-gone':
      return 410;
    case 'unknown-series':
    case 'no-such-slice':
      return 404;
    case 'decode-failed':
      return 422;
  }
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * `GET api/imaging/slice?key=K&index=N`: Int16 little-endian HU, columns fastest, rows top to
 * bottom. `GET api/imaging/thumbnail?key=K`: 8-bit grey lung-window picture, size in headers.
 * Failures are JSON envelopes with a status: 410 folder gone, 404 unknown, 422 undecodable slice.
 */
export async function answerImagingRequest(service: ImagingService, url: URL): Promise<BinaryAnswer> {
  const route = url.pathname.slice(IMAGING_ROUTE_PREFIX.length);
  if (route === 'session-slice') return answerSessionSlice(service, url);
  // Every other route goes by series key, which a blinded reader never gets (shared/api/blindedReaderAccess.ts):
  // the api holds that line for the binary routes too, whoever asks.
  if (blindedChecks.get(service)?.()) return json(403, 'forbidden', BLINDED_READER_REFUSAL);
  const key = url.searchParams.get('key') ?? '';
  if (route === 'slice') {
    const index = Number(url.searchParams.get('index'));
    const result = await service.slice(key, index);
    if (!result.ok) return failure(result.error);
    return int16Answer(result.value);
  }
  if (route === 'thumbnail') {
    const result = await service.thumbnail(key);
    if (!result.ok) return failure(result.error);
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Image-Width': String(result.value.width),
        'X-Image-Height': String(result.value.height),
      },
      body: result.value.grey,
    };
  }
  const subroute = subroutes.get(service)?.get(route);
  if (subroute) return subroute(url);
  return json(404, 'not-found', `No imaging route "${route}".`);
}
