import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDecodePool } from '../../../../electron/services/dicom/decodePool';
import { readDicomHeader } from '../../../../electron/services/dicom/readDicom';
import { LIDC } from './dataPaths';

describe('createDecodePool', () => {
  it('falls back to decoding in this thread when worker threads cannot start', async () => {
    const path = join(LIDC, '000001.dcm');
    const header = readDicomHeader(path);
    if (!header.ok) throw new Error(header.error.message);
    const pool = createDecodePool({ workerScript: { path: join(__dirname, 'no-such-worker.cjs') }, size: 2 });
    try {
      const buffer = new SharedArrayBuffer(512 * 512 * 2);
      const outcome = await pool.decode({ path, frameIndex: 0, numberOfFrames: 1, format: header.value.header.pixel!, RescaleSlope: 1, RescaleIntercept: -1024, buffer, voxelOffset: 0 });
      expect(outcome).toEqual({ ok: true, clamped: 0 });
      // Reference: the LIDC README says pixels outside the reconstruction circle are -2000 before rescale.
      expect(new Int16Array(buffer)[0]).toBe(-3024);
    } finally {
      await pool.close();
    }
  });

  it('reports a file it cannot read as a problem, not an exception', async () => {
    const pool = createDecodePool({ size: 1 });
    try {
      const format = { Rows: 512, Columns: 512, BitsAllocated: 16, BitsStored: 16, PixelRepresentation: 1, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2' };
      const outcome = await pool.decode({ path: join(LIDC, '071.xml'), frameIndex: 0, numberOfFrames: 1, format, RescaleSlope: 1, RescaleIntercept: 0, buffer: new SharedArrayBuffer(512 * 512 * 2), voxelOffset: 0 });
      expect(outcome).toEqual({ ok: false, problem: expect.objectContaining({ code: 'not-dicom', file: join(LIDC, '071.xml') }) });
    } finally {
      await pool.close();
    }
  });

  it('with helpWhileStarting, this thread runs queued tasks until a worker is up (here: never)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lungscore-pool-'));
    const silent = join(dir, 'silent-worker.cjs');
    // A worker that starts but never says it is ready nor answers.
    writeFileSync(silent, 'setInterval(() => {}, 1000);');
    const pool = createDecodePool({ workerScript: { path: silent }, size: 1, helpWhileStarting: true });
    try {
      const files = ['000001.dcm', '000002.dcm', '000003.dcm', '071.xml'].map((f) => join(LIDC, f));
      // The first batch goes to the silent worker and waits there; the other three are done here.
      void pool.readHeaders([files[0]!]);
      const batches = await Promise.race([
        Promise.all(files.slice(1).map((f) => pool.readHeaders([f]))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('tasks waited for a worker that never started')), 10_000)),
      ]);
      expect(batches.map((b) => b[0]!.header?.file ?? b[0]!.problem?.code)).toEqual([files[1], files[2], 'not-dicom']);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
