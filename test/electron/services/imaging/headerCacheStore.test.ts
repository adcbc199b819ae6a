import { copyFileSync, mkdirSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteHeaderCache } from '../../../../electron/services/imaging/headerCacheStore';
import { scanDicom } from '../../../../electron/services/dicom/scanDicom';
import { openStore, type Db } from '../../../../electron/services/storage/openStore';
import { openTestStore } from '../../support/store';
import { LIDC } from '../dicom/dataPaths';

const cachedPaths = (db: Db): string[] =>
  (db.prepare('SELECT path FROM imaging_header_cache ORDER BY path').all() as { path: string }[]).map((row) => row.path);

function copyLidc(folder: string, names: readonly string[]): void {
  mkdirSync(folder, { recursive: true });
  for (const name of names) copyFileSync(join(LIDC, name), join(folder, name));
}

describe('sqliteHeaderCache (imaging_header_cache)', () => {
  it('makes a rescan read only new or changed files, also after the database is reopened, and forgets deleted files', async () => {
    const { store, dataDir } = openTestStore();
    const folder = join(dataDir, 'series');
    copyLidc(folder, ['000001.dcm', '000002.dcm', '000003.dcm', '000004.dcm']);
    writeFileSync(join(folder, 'README.txt'), 'not dicom');

    const first = await scanDicom([folder], { cache: sqliteHeaderCache(store.db) });
    expect(first.parsed).toBe(5);
    expect(first.instances).toHaveLength(4);
    expect(first.problems).toEqual([expect.objectContaining({ code: 'not-dicom', file: join(folder, 'README.txt') })]);
    expect(cachedPaths(store.db)).toHaveLength(5);
    store.close();

    // Reopening the app: a new connection to the same file lists the folder without reading it.
    const reopened = openStore(dataDir);
    if (!reopened.ok) throw new Error(reopened.error.message);
    const db = reopened.value.db;
    const again = await scanDicom([folder], { cache: sqliteHeaderCache(db) });
    expect(again.parsed).toBe(0);
    expect(again.instances.map((i) => i.SOPInstanceUID).sort()).toEqual(first.instances.map((i) => i.SOPInstanceUID).sort());
    expect(again.problems).toEqual(first.problems);

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(folder, '000002.dcm'), later, later);
    copyFileSync(join(LIDC, '000005.dcm'), join(folder, '000005.dcm'));
    unlinkSync(join(folder, '000003.dcm'));
    const third = await scanDicom([folder], { cache: sqliteHeaderCache(db) });
    // The touched file and the new file; the three unchanged ones (README included) come from the index.
    expect(third.parsed).toBe(2);
    expect(third.instances.map((i) => i.file).sort()).toEqual(['000001.dcm', '000002.dcm', '000004.dcm', '000005.dcm'].map((n) => join(folder, n)));
    expect(cachedPaths(db)).toEqual(['000001.dcm', '000002.dcm', '000004.dcm', '000005.dcm', 'README.txt'].map((n) => join(folder, n)));
    reopened.value.close();
  });

  it('forgets only vanished files under the scanned folder, and keeps files still on disk that the scan skipped', async () => {
    const { store, dataDir } = openTestStore();
    const scanned = join(dataDir, 'series');
    // Names that sort right next to "series/" bytewise: '-' just below the separator, '0' just above it.
    const siblings = [join(dataDir, 'series-2'), join(dataDir, 'series0')];
    copyLidc(scanned, ['000001.dcm', '000002.dcm']);
    for (const sibling of siblings) copyLidc(sibling, ['000001.dcm']);
    await scanDicom([scanned, ...siblings], { cache: sqliteHeaderCache(store.db) });
    expect(cachedPaths(store.db)).toHaveLength(4);

    const gone = join(scanned, '000001.dcm');
    const skipped = join(scanned, '000002.dcm');
    unlinkSync(gone);
    // Gone from disk too, but outside the scanned folder: not this scan's business.
    for (const sibling of siblings) unlinkSync(join(sibling, '000001.dcm'));
    // A scan of one file under the folder forgets nothing else in it.
    await scanDicom([join(scanned, 'no-such-file.dcm')], { cache: sqliteHeaderCache(store.db) });
    expect(cachedPaths(store.db)).toContain(gone);
    // A scan of the folder that did not meet a file still on disk (as when a DICOMDIR does not list it) keeps its row.
    sqliteHeaderCache(store.db).seen!([], [scanned]);
    expect(cachedPaths(store.db)).toEqual([skipped, join(siblings[0]!, '000001.dcm'), join(siblings[1]!, '000001.dcm')].sort());
    store.close();
  });

  it('commits in batches while the scan runs, so an interrupted scan keeps what it read', () => {
    const { store } = openTestStore();
    const cache = sqliteHeaderCache(store.db, { batchSize: 2 });
    cache.put('/a/1.dcm', 10, 1, { problem: { code: 'not-dicom', message: '/a/1.dcm: not DICOM', file: '/a/1.dcm' } });
    expect(cachedPaths(store.db)).toEqual([]);
    cache.put('/a/2.dcm', 10, 1, { problem: { code: 'not-dicom', message: '/a/2.dcm: not DICOM', file: '/a/2.dcm' } });
    expect(cachedPaths(store.db)).toEqual(['/a/1.dcm', '/a/2.dcm']);
    expect(cache.get('/a/1.dcm', 10, 1)?.problem?.code).toBe('not-dicom');
    expect(cache.get('/a/1.dcm', 11, 1)).toBeUndefined();
    store.close();
  });
});
