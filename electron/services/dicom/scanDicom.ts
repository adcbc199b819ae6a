import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Problem } from '../../../shared/result';
import type { InstanceHeader } from '../../../shared/dicom/instanceHeader';
import { type HeaderOutcome, readDicomFile, readHeaderOutcome } from './readDicom';
import { stringOf } from '../../../shared/dicom/dicomFile';
import { tagOf } from '../../../shared/dicom/keywords';

/** A previous read of a file, keyed by path, size and modification time (stored by imaging/headerCacheStore). */
export interface CachedRead {
  header?: InstanceHeader;
  problem?: Problem;
}

export interface HeaderCache {
  get(path: string, size: number, mtimeMs: number): CachedRead | undefined;
  put(path: string, size: number, mtimeMs: number, read: CachedRead): void;
  /** Called once at the end of a scan with every path seen and the scanned roots, so files that vanished from under them can be forgotten. */
  seen?(paths: readonly string[], roots: readonly string[]): void;
}

export interface ScanOptions {
  cache?: HeaderCache;
  onProgress?: (done: number, total: number) => void;
  /** Reads a batch of headers elsewhere (DecodePool.readHeaders), in the same order. */
  readHeaders?: (paths: string[]) => Promise<HeaderOutcome[]>;
}

export interface ScanResult {
  instances: InstanceHeader[];
  /** Files that are not DICOM or could not be read, each naming its file. */
  problems: Problem[];
  /** How many files were parsed (the rest came from the cache). */
  parsed: number;
}

function listFiles(root: string, problems: Problem[]): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ code: 'unreadable', message: `${dir}: cannot list folder (${e instanceof Error ? e.message : String(e)})`, file: dir });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) out.push(path);
    }
  }
  return out;
}

/**
 * The files a DICOMDIR references (PS3.10 8.5, PS3.3 F.3: ReferencedFileID components are path
 * segments relative to the DICOMDIR's folder), or undefined when it is unusable or points at files
 * that are not there, in which case the caller scans the folder instead.
 */
function filesFromDicomdir(path: string, problems: Problem[]): string[] | undefined {
  const parsed = readDicomFile(path);
  if (!parsed.ok) {
    problems.push({ ...parsed.error, message: `${parsed.error.message}; scanning the folder instead` });
    return undefined;
  }
  const records = parsed.value.dataSet.elements[tagOf('DirectoryRecordSequence')]?.items ?? [];
  const folder = dirname(path);
  const files: string[] = [];
  for (const item of records) {
    const ds = item.dataSet;
    if (!ds) continue;
    const id = stringOf(parsed.value, 'ReferencedFileID', ds);
    if (id) files.push(join(folder, ...id.split('\\').filter((s) => s !== '')));
  }
  const missing = files.filter((f) => !existsSync(f));
  if (files.length === 0 || missing.length > 0) {
    problems.push({
      code: 'dicomdir-unusable',
      message: `${path}: ${files.length === 0 ? 'references no files' : `${missing.length} referenced files are missing (first: ${missing[0]})`}; scanning the folder instead`,
      file: path,
    });
    return undefined;
  }
  return files;
}

/** Every file under the paths (DICOMDIR-listed where one is usable), deduplicated. */
export function collectFiles(paths: readonly string[], problems: Problem[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      problems.push({ code: 'unreadable', message: `${abs}: does not exist or cannot be read (${e instanceof Error ? e.message : String(e)})`, file: abs });
      continue;
    }
    if (!isDir) {
      files.push(abs);
      continue;
    }
    const dicomdir = join(abs, 'DICOMDIR');
    const referenced = existsSync(dicomdir) ? filesFromDicomdir(dicomdir, problems) : undefined;
    files.push(...(referenced ?? listFiles(abs, problems).filter((f) => basename(f).toUpperCase() !== 'DICOMDIR')));
  }
  return [...new Set(files)];
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Files per batch handed to readHeaders: large enough that messages cost little, small enough to share out. */
const HEADER_BATCH = 16;

/**
 * Indexes files and folders (recursively): reads each file's header, notes files that are not
 * DICOM, and returns the instances for grouping. Files whose path, size and mtime match the cache
 * are not read again. With `readHeaders` (the decode pool) the headers are read in batches on its
 * threads, in parallel; otherwise in this thread. Never throws on bad input.
 */
export async function scanDicom(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const problems: Problem[] = [];
  const files = collectFiles(paths, problems);
  const reads: CachedRead[] = new Array<CachedRead>(files.length);
  const misses: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const cached = options.cache ? cachedRead(options.cache, files[i]!) : undefined;
    if (cached) reads[i] = cached;
    else misses.push(i);
  }
  let done = files.length - misses.length;
  const record = (i: number, outcome: HeaderOutcome): void => {
    reads[i] = outcome.header ? { header: outcome.header } : { problem: outcome.problem! };
    if (outcome.size >= 0) options.cache?.put(files[i]!, outcome.size, outcome.mtimeMs, reads[i]!);
    options.onProgress?.(++done, files.length);
  };
  const readHeaders = options.readHeaders;
  if (readHeaders) {
    const batches: number[][] = [];
    for (let b = 0; b < misses.length; b += HEADER_BATCH) batches.push(misses.slice(b, b + HEADER_BATCH));
    await Promise.all(
      batches.map(async (batch) => {
        const outcomes = await readHeaders(batch.map((i) => files[i]!));
        batch.forEach((i, k) => record(i, outcomes[k] ?? { problem: { code: 'unreadable', message: `${files[i]}: no answer from the reader`, file: files[i]! }, size: -1, mtimeMs: -1 }));
      }),
    );
  } else {
    for (let k = 0; k < misses.length; k++) {
      record(misses[k]!, readHeaderOutcome(files[misses[k]!]!));
      if (k % 64 === 63) await yieldToEventLoop();
    }
  }
  const instances: InstanceHeader[] = [];
  for (const read of reads) {
    if (read.header) instances.push(read.header);
    if (read.problem) problems.push(read.problem);
  }
  options.cache?.seen?.(files, paths.map((p) => resolve(p)));
  return { instances, problems, parsed: misses.length };
}

function cachedRead(cache: HeaderCache, path: string): CachedRead | undefined {
  try {
    const st = statSync(path);
    return cache.get(path, st.size, st.mtimeMs);
  } catch {
    return undefined; // read, and reported, like any other miss
  }
}
