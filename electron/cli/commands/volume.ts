import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../../../shared/result';
import { type CliCommand, type CliIo, printJson, usageError, parseCommandArgs } from '../command';
import { type DecodePool, createDecodePool } from '../../services/dicom/decodePool';
import { loadFolderVolume } from '../../services/dicom/folderVolume';

function problemJson(p: Problem): { code: string; message: string; file?: string } {
  return p.file !== undefined ? { code: p.code, message: p.message, file: p.file } : { code: p.code, message: p.message };
}

interface VolumeArgs {
  path: string;
  series?: string;
  out: string;
  json: boolean;
}

async function writeVolume(args: VolumeArgs, pool: DecodePool, io: CliIo): Promise<number> {
  const fail = (message: string, problems: Problem[]): number => {
    io.stderr(`lungscore volume: ${message}\n`);
    if (args.json) printJson(io, { error: message, problems: problems.map(problemJson) });
    return 2;
  };
  const loaded = await loadFolderVolume([resolve(io.cwd, args.path)], pool, args.series !== undefined ? { SeriesInstanceUID: args.series } : {});
  if (!loaded.ok) return fail(loaded.error.message, [loaded.error]);
  const { choice, volume: result, fileProblems } = loaded.value;
  const problems: Problem[] = [...fileProblems.filter((p) => p.code !== 'not-dicom'), ...choice.problems];
  if (!result.ok) return fail(result.error.message, [...problems, ...choice.stack.problems, result.error]);
  const volume = result.value;
  problems.push(...volume.problems);
  const voxels = volume.voxels;
  writeFileSync(resolve(io.cwd, args.out), new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength));
  const g = volume.geometry;
  const output = { dimensions: g.dimensions, spacing: g.spacing, origin: g.origin, direction: g.direction, problems: problems.map(problemJson) };
  if (args.json) {
    printJson(io, output);
  } else {
    io.stdout(`Wrote ${g.dimensions.join(' x ')} voxels (${g.spacing.map((s) => s.toFixed(3)).join(' x ')} mm) to ${args.out}\n`);
    for (const p of output.problems) io.stdout(`  ${p.code}: ${p.message}\n`);
  }
  return 0;
}

export const volumeCommand: CliCommand = {
  name: 'volume',
  summary: 'Decode a CT series into a raw int16 HU volume',
  usage: `Usage: lungscore volume PATH [--series UID] --out FILE [--json]

PATH is a folder or one file. Writes little-endian int16 Hounsfield units to FILE, x fastest, then
y, then slices in ascending order along the slice normal (row x column direction); frames of a
multi-frame file are slices. Without --series the series with the most slices is used. A slice that
cannot be decoded is left out and named in the problems; exit 2 when nothing could be decoded.

  --series UID  SeriesInstanceUID to load
  --out FILE    where to write the voxels
  --json        print { "dimensions", "spacing", "origin", "direction", "problems" } only`,
  async run(args, io) {
    const parsed = parseCommandArgs(volumeCommand, io, {
        args,
        allowPositionals: true,
        options: { series: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(`${volumeCommand.usage}\n`);
      return 0;
    }
    if (positionals.length !== 1) return usageError(io, volumeCommand, 'give exactly one PATH');
    if (!values.out) return usageError(io, volumeCommand, '--out FILE is required');
    // This thread has nothing else to do: it reads headers while the workers start.
    const pool = createDecodePool({ helpWhileStarting: true });
    try {
      const volumeArgs: VolumeArgs = { path: positionals[0]!, out: values.out, json: values.json === true };
      if (values.series !== undefined) volumeArgs.series = values.series;
      return await writeVolume(volumeArgs, pool, io);
    } finally {
      await pool.close();
    }
  },
};
