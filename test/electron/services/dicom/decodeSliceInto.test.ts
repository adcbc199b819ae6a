import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DecodeJob, decodeSliceInto } from '../../../../electron/services/dicom/decodeSliceInto';
import { createNodeCodecs } from '../../../../electron/services/dicom/nodeCodecs';
import { readDicomHeader } from '../../../../electron/services/dicom/readDicom';
import { CORNERSTONE, LIDC } from './dataPaths';

const codecs = createNodeCodecs();
const dir = mkdtempSync(join(tmpdir(), 'lungscore-decode-slice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jobOf(path: string, withOffset: boolean): DecodeJob {
  const read = readDicomHeader(path);
  if (!read.ok) throw new Error(read.error.message);
  const h = read.value.header;
  const job: DecodeJob = {
    path,
    frameIndex: 0,
    numberOfFrames: 1,
    format: h.pixel!,
    RescaleSlope: h.frames[0]!.RescaleSlope,
    RescaleIntercept: h.frames[0]!.RescaleIntercept,
    buffer: new SharedArrayBuffer(h.pixel!.Rows * h.pixel!.Columns * 2),
    voxelOffset: 0,
  };
  if (withOffset && h.nativePixelDataOffset !== undefined) job.nativePixelDataOffset = h.nativePixelDataOffset;
  return job;
}

describe('decodeSliceInto: reading uncompressed pixels straight into the volume', () => {
  it('the index knows where little-endian native PixelData starts, and only for that', () => {
    const offsetOf = (name: string): number | undefined => {
      const r = readDicomHeader(join(CORNERSTONE, name));
      return r.ok ? r.value.header.nativePixelDataOffset : -1;
    };
    expect(offsetOf('CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm')).toBeGreaterThan(132);
    expect(offsetOf('CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm')).toBeGreaterThan(132);
    expect(offsetOf('CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm')).toBeUndefined();
    expect(offsetOf('CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm')).toBeUndefined();
    expect(offsetOf('CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm')).toBeUndefined();
    expect(offsetOf('CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm')).toBeUndefined();
  });

  it('gives the same HU as parsing the whole file (LIDC slices, implicit VR; CTImage explicit VR)', async () => {
    const files = readdirSync(LIDC).filter((f) => f.endsWith('.dcm')).slice(0, 5).map((f) => join(LIDC, f));
    files.push(join(CORNERSTONE, 'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'));
    for (const path of files) {
      const fast = jobOf(path, true);
      const slow = jobOf(path, false);
      expect(fast.nativePixelDataOffset).toBeDefined();
      expect(await decodeSliceInto(fast, codecs)).toEqual({ ok: true, clamped: 0 });
      expect(await decodeSliceInto(slow, codecs)).toEqual({ ok: true, clamped: 0 });
      expect(Buffer.from(fast.buffer).equals(Buffer.from(slow.buffer))).toBe(true);
    }
  });

  it('a file cut short after it was indexed is parsed again and its truncation reported, naming the file', async () => {
    const path = join(dir, 'cut.dcm');
    copyFileSync(join(LIDC, '000010.dcm'), path);
    const job = jobOf(path, true);
    truncateSync(path, statSync(path).size - 1000);
    const outcome = await decodeSliceInto(job, codecs);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problem.file).toBe(path);
      expect(outcome.problem.message).toMatch(/cut\.dcm.*truncated|cut\.dcm.*PixelData holds/);
    }
  });

  it('a file that vanished after it was indexed is a problem naming it', async () => {
    const path = join(dir, 'gone.dcm');
    copyFileSync(join(LIDC, '000010.dcm'), path);
    const job = jobOf(path, true);
    rmSync(path);
    const outcome = await decodeSliceInto(job, codecs);
    expect(outcome).toEqual({ ok: false, problem: expect.objectContaining({ code: 'unreadable', file: path }) });
  });
});
