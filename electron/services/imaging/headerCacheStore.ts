import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import type { Db } from '../storage/openStore';
import type { CachedRead, HeaderCache } from '../dicom/scanDicom';

/** Rows written per transaction: one commit per batch instead of per file, and an interrupted scan keeps what it read. */
const DEFAULT_BATCH_SIZE = 500;

/**
 * The end of the key range of every path under `folderPrefix` (which ends in a separator): the
 * prefix with its last character, the separator, raised by one. SQLite compares TEXT in the primary
 * key bytewise (BINARY collation), so `path >= prefix AND path < bound` is exactly "starts with
 * prefix" and uses the primary key index instead of reading every row.
 */
function upperBoundOf(folderPrefix: string): string {
  return folderPrefix.slice(0, -1) + String.fromCharCode(folderPrefix.charCodeAt(folderPrefix.length - 1) + 1);
}

/**
 * The DICOM header index in SQLite (table `imaging_header_cache`, migration 2), the one the app uses
 * through scanDicom's HeaderCache: a folder opened again is listed from here without reading its
 * files, as long as each file's size and modification time are unchanged, so a rescan parses only
 * new or changed files. At the end of a scan the rows of files under the scanned folders that the scan
 * did not meet and that are no longer on disk are deleted, so the index does not keep headers of
 * images that were moved or removed. A file the scan skipped but that is still there (not listed by
 * the folder's DICOMDIR, or in a subfolder that could not be listed this time) keeps its row.
 *
 * Writes are buffered and committed in batches, the rest when the scan ends (`seen`).
 */
export function sqliteHeaderCache(db: Db, options: { batchSize?: number } = {}): HeaderCache {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const select = db.prepare('SELECT read_json FROM imaging_header_cache WHERE path = ? AND size = ? AND mtime_ms = ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO imaging_header_cache (path, size, mtime_ms, read_json) VALUES (?, ?, ?, ?)');
  const selectUnder = db.prepare('SELECT path FROM imaging_header_cache WHERE path = ? OR (path >= ? AND path < ?)');
  const remove = db.prepare('DELETE FROM imaging_header_cache WHERE path = ?');
  const pending: [string, number, number, string][] = [];
  const flush = db.transaction(() => {
    for (const row of pending.splice(0)) upsert.run(...row);
  });
  const forget = db.transaction((paths: readonly string[]) => {
    for (const path of paths) remove.run(path);
  });
  return {
    get(path, size, mtimeMs) {
      const row = select.get(path, size, mtimeMs) as { read_json: string } | undefined;
      return row ? (JSON.parse(row.read_json) as CachedRead) : undefined;
    },
    put(path, size, mtimeMs, read) {
      pending.push([path, size, mtimeMs, JSON.stringify(read)]);
      if (pending.length >= batchSize) flush();
    },
    seen(paths, roots) {
      flush();
      const present = new Set(paths);
      const gone: string[] = [];
      for (const root of roots) {
        const prefix = root.endsWith(sep) ? root : root + sep;
        const rows = selectUnder.all(root, prefix, upperBoundOf(prefix)) as { path: string }[];
        for (const { path } of rows) if (!present.has(path) && !existsSync(path)) gone.push(path);
      }
      forget(gone);
    },
  };
}
