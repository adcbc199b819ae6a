import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import type { BenchRow } from './types';

/**
 * Loading LIDC-IDRI-0002 (261 slices, 512x512 int16, 137 MB of voxels) into a HU volume, timed in
 * one run against its peers (issue 3): LungScore (bundled like the app: esbuild CJS with the decode
 * worker beside it), pydicom + numpy, dcm2niix, and a plain read of every file (the floor). Every
 * tool runs as its own process under /usr/bin/time -v, so wall time includes process start-up for
 * all of them and peak RSS is the kernel's figure. One untimed read warms the page cache first.
 */
/** `npm run bench` runs from the project root. */
const ROOT = process.cwd();
const LIDC = resolve(ROOT, '../shared/data/ct/LIDC-IDRI-0002');
const RUNS = 3;
const TASK = 'Load LIDC-IDRI-0002 (261 x 512x512) into a HU volume';

const CHILD = `
import { createDecodePool } from './electron/services/dicom/decodePool';
import { loadFolderVolume } from './electron/services/dicom/folderVolume';
(async () => {
  const t0 = performance.now();
  const pool = createDecodePool({ helpWhileStarting: true });
  const loaded = await loadFolderVolume([process.argv[2]], pool);
  const t1 = performance.now();
  await pool.close();
  if (!loaded.ok || !loaded.value.volume.ok) { process.stderr.write(JSON.stringify(loaded) + '\\n'); process.exit(2); }
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, voxels: loaded.value.volume.value.voxels.length }) + '\\n');
})();
`;

const FLOOR = `
const fs = require('node:fs'); const path = require('node:path');
let n = 0; for (const f of fs.readdirSync(process.argv[1])) n += fs.readFileSync(path.join(process.argv[1], f)).length;
process.stdout.write(String(n) + '\\n');
`;

const PYDICOM = `
import sys, glob, numpy as np, pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut
ds = []
for f in sorted(glob.glob(sys.argv[1] + '/*.dcm')):
    d = pydicom.dcmread(f)
    if 'PixelData' in d: ds.append(d)
iop = np.array(ds[0].ImageOrientationPatient, dtype=float)
normal = np.cross(iop[:3], iop[3:])
ds.sort(key=lambda d: float(np.dot(np.array(d.ImagePositionPatient, dtype=float), normal)))
vol = np.empty((len(ds), ds[0].Rows, ds[0].Columns), dtype=np.int16)
for i, d in enumerate(ds): vol[i] = apply_modality_lut(d.pixel_array, d)
print(vol.shape)
`;

interface Timed {
  wallMs: number;
  /** User + system CPU time: less disturbed than wall time when other work shares the cores. */
  cpuMs: number;
  peakRssMb?: number;
  stdout: string;
}

function timed(command: string, args: string[]): Timed {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  return { wallMs, cpuMs: (user + system) * 1000, ...(rss ? { peakRssMb: Number(rss[1]) / 1024 } : {}), stdout: r.stdout };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

function row(tool: string, runs: Timed[], note: string): BenchRow {
  const rss = runs.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  return {
    task: TASK,
    tool,
    wallMs: Math.round(median(runs.map((r) => r.wallMs))),
    runs: runs.length,
    ...(rss.length > 0 ? { peakRssMb: Math.round(Math.max(...rss)) } : {}),
    note: `${note}; CPU ${Math.round(median(runs.map((r) => r.cpuMs)))} ms`,
  };
}

function version(command: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return pattern.exec(`${r.stdout}${r.stderr}`)?.[1] ?? '?';
}

export async function benchDicomLoad(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'lungscore-bench-dicom-'));
  try {
    await build({
      stdin: { contents: CHILD, resolveDir: ROOT, sourcefile: 'dicomLoadChild.ts', loader: 'ts' },
      outfile: join(work, 'dicomLoad.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    await build({
      entryPoints: [join(ROOT, 'electron/services/dicom/decodeWorker.ts')],
      outfile: join(work, 'dicomDecodeWorker.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    // Bundles resolve node_modules from the project: run them with the project as NODE_PATH.
    process.env.NODE_PATH = join(ROOT, 'node_modules');
    const files = readdirSync(LIDC).length;
    timed(process.execPath, ['-e', FLOOR, LIDC]);

    const nodeAlone: Timed[] = [];
    const floor: Timed[] = [];
    const ours: Timed[] = [];
    const dcm2niix: Timed[] = [];
    const pydicom: Timed[] = [];
    for (let i = 0; i < RUNS; i++) {
      nodeAlone.push(timed(process.execPath, ['-e', '']));
      floor.push(timed(process.execPath, ['-e', FLOOR, LIDC]));
      ours.push(timed(process.execPath, [join(work, 'dicomLoad.cjs'), LIDC]));
      const out = join(work, `nii-${i}`);
      spawnSync('mkdir', ['-p', out]);
      dcm2niix.push(timed('dcm2niix', ['-z', 'n', '-b', 'n', '-f', 'vol', '-o', out, LIDC]));
      pydicom.push(timed('/usr/bin/python3', ['-c', PYDICOM, LIDC]));
    }
    const inside = ours.map((r) => JSON.parse(r.stdout) as { loadMs: number; voxels: number });
    const volumeMb = ((inside[0]?.voxels ?? 0) * 2) / 1024 / 1024;
    const pyVersion = version('/usr/bin/python3', ['-c', 'import pydicom, numpy; print(pydicom.__version__, numpy.__version__)'], /^(.+)$/m);
    const niiVersion = version('dcm2niix', ['-v'], /(v\d[\d.]+)/);
    return [
      row('Node.js start and exit, no work', nodeAlone, `${process.version}: the fixed part of every Node row below`),
      row('plain read of all files (floor)', floor, `${files} files, Node fs.readFileSync, one process`),
      row('LungScore', ours, `${Math.round(median(inside.map((r) => r.loadMs)))} ms inside the process (headers then pixels on ${availableParallelism()} worker threads, this thread helping while they start); volume ${volumeMb.toFixed(0)} MB`),
      row(`dcm2niix ${niiVersion}`, dcm2niix, 'writes an uncompressed NIfTI (-z n), so its time includes a 137 MB write'),
      row(`pydicom + numpy (${pyVersion})`, pydicom, 'dcmread, sort on the normal, apply_modality_lut into an int16 array'),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
