import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecodePool, inThreadPool } from '../../../../electron/services/dicom/decodePool';
import { loadFolderVolume } from '../../../../electron/services/dicom/folderVolume';
import { openSeriesLibrary } from '../../../../electron/services/dicom/seriesLibrary';
import { loadVolume } from '../../../../electron/services/dicom/volumeLoader';
import { CORNERSTONE, DICOM_PARSER, LIDC } from './dataPaths';

const dir = mkdtempSync(join(tmpdir(), 'lungscore-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadFolderVolume', () => {
  it('gives the same voxels and geometry as the viewer path (library, then loadVolume in this thread)', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    for (const f of readdirSync(LIDC).filter((n) => n.endsWith('.dcm')).slice(0, 15)) copyFileSync(join(LIDC, f), join(folder, f));
    writeFileSync(join(folder, 'notes.txt'), 'not dicom');
    const pool = createDecodePool({ size: 2 });
    try {
      const one = await loadFolderVolume([folder], pool);
      expect(one.ok).toBe(true);
      if (!one.ok || !one.value.volume.ok) throw new Error('load failed');
      const library = await openSeriesLibrary([folder]);
      const two = await loadVolume(library.series[0]!.assembled.stacks[0]!, inThreadPool()).volume;
      if (!two.ok) throw new Error('reference load failed');
      expect(one.value.volume.value.geometry).toEqual(two.value.geometry);
      expect(Buffer.from(one.value.volume.value.voxels.buffer, one.value.volume.value.voxels.byteOffset, one.value.volume.value.voxels.byteLength).equals(Buffer.from(two.value.voxels.buffer, two.value.voxels.byteOffset, two.value.voxels.byteLength))).toBe(true);
      expect(one.value.fileProblems).toEqual([expect.objectContaining({ code: 'not-dicom', file: join(folder, 'notes.txt') })]);
    } finally {
      await pool.close();
    }
  });

  it('makes slices of the frames of a multi-frame file (dicomParser CT0012, JPEG-LS)', async () => {
    const pool = inThreadPool();
    const r = await loadFolderVolume([join(DICOM_PARSER, 'encapsulated/multi-frame/CT0012.not_fragmented_bot_jpeg_ls.80.dcm')], pool);
    expect(r.ok && r.value.volume.ok && r.value.volume.value.geometry.dimensions[2]).toBe(2);
  });

  it('picks the named series among several, and fails with a message for an unknown one', async () => {
    const pool = inThreadPool();
    const folder = join(dir, 'two-series');
    mkdirSync(folder);
    copyFileSync(join(CORNERSTONE, 'CTImage.dcm'), join(folder, 'ct.dcm'));
    for (const f of readdirSync(LIDC).filter((n) => n.endsWith('.dcm')).slice(0, 3)) copyFileSync(join(LIDC, f), join(folder, f));
    const lidc = await loadFolderVolume([folder], pool);
    expect(lidc.ok && lidc.value.choice.problems.map((p) => p.code)).toContain('series-chosen');
    const ct = await loadFolderVolume([folder], pool, { SeriesInstanceUID: (await openSeriesLibrary([join(folder, 'ct.dcm')])).series[0]!.SeriesInstanceUID });
    expect(ct.ok && ct.value.volume.ok && ct.value.volume.value.geometry.dimensions).toEqual([512, 512, 1]);
    const none = await loadFolderVolume([folder], pool, { SeriesInstanceUID: '1.2.3' });
    expect(none.ok).toBe(false);
  });
});
