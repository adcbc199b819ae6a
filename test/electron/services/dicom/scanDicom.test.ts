import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecodePool } from '../../../../electron/services/dicom/decodePool';
import { scanDicom } from '../../../../electron/services/dicom/scanDicom';
import { LIDC } from './dataPaths';

const dir = mkdtempSync(join(tmpdir(), 'lungscore-dicomdir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reference: a DICOMDIR written by dcmtk's dcmmkdir (PS3.10 media, +I invents missing type 1 values). */
describe('scanDicom with a DICOMDIR', () => {
  it('reads the files the DICOMDIR lists and nothing else; falls back to a scan when it is stale', async () => {
    mkdirSync(join(dir, 'DATA'));
    copyFileSync(join(LIDC, '000001.dcm'), join(dir, 'DATA', 'IM1'));
    copyFileSync(join(LIDC, '000002.dcm'), join(dir, 'DATA', 'IM2'));
    execFileSync('dcmmkdir', ['--recurse', '+I', '-q', 'DATA'], { cwd: dir });
    writeFileSync(join(dir, 'DATA', 'NOTES.TXT'), 'not listed, not read');

    const listed = await scanDicom([dir]);
    expect(listed.instances.map((i) => i.file).sort()).toEqual([join(dir, 'DATA', 'IM1'), join(dir, 'DATA', 'IM2')]);
    expect(listed.problems).toEqual([]);

    unlinkSync(join(dir, 'DATA', 'IM2'));
    const stale = await scanDicom([dir]);
    expect(stale.instances.map((i) => i.file)).toEqual([join(dir, 'DATA', 'IM1')]);
    expect(stale.problems.map((p) => p.code).sort()).toEqual(['dicomdir-unusable', 'not-dicom']);
  });
});

describe('scanDicom on the decode threads (readHeaders)', () => {
  it('finds the same instances and names the same bad files, in file order, as reading in this thread', async () => {
    const folder = join(dir, 'threads');
    mkdirSync(folder);
    for (let i = 1; i <= 40; i++) copyFileSync(join(LIDC, `${String(i).padStart(6, '0')}.dcm`), join(folder, `im${String(i).padStart(3, '0')}.dcm`));
    writeFileSync(join(folder, 'empty.dcm'), '');
    writeFileSync(join(folder, 'notes.txt'), 'not dicom');
    const pool = createDecodePool({ size: 2 });
    const progress: number[] = [];
    try {
      const threaded = await scanDicom([folder], { readHeaders: (batch) => pool.readHeaders(batch), onProgress: (done) => progress.push(done) });
      const here = await scanDicom([folder]);
      expect(threaded.instances).toEqual(here.instances);
      expect(threaded.problems).toEqual(here.problems);
      expect(threaded.problems.map((p) => [p.code, p.file])).toEqual([
        ['empty-file', join(folder, 'empty.dcm')],
        ['not-dicom', join(folder, 'notes.txt')],
      ]);
      expect(threaded.instances).toHaveLength(40);
      expect(threaded.instances[0]!.nativePixelDataOffset).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(42);
    } finally {
      await pool.close();
    }
  });
});
