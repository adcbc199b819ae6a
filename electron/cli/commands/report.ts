import fs from 'node:fs';
import path from 'node:path';
import { printJson, usageError, type CliCommand, type CliIo, parseCommandArgs } from '../command';
import { createHandlers } from '../../services/api/handlers';
import { loadProjectReports, loadSubjectReport } from '../../services/reports/loadReports';
import { chromiumPdfRenderer, findChromium, PdfRenderError, type PdfRenderer } from '../../services/reports/pdfRenderer';
import { cohortReportPdf, subjectReportPdf } from '../../services/reports/subjectReportPdf';
import type { Store } from '../../services/storage/openStore';
import { listVisits } from '../../services/storage/visits';
import { APP_VERSION } from '../../version';
import { builtRendererDir } from './serve';
import { chooseProject, findSubjectsByCode, openDataFolder, outputProblem, parseWindowDays, writeOutput } from './reportCliSupport';

/** `lungscore report`: one subject's baseline-versus-endpoint change report as PDF (or JSON). */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: "A subject's baseline-versus-endpoint change report as PDF (A4) or JSON",
  usage: `Usage: lungscore report --data DIR --subject ID (--pdf FILE | --json) [options]
       lungscore report --data DIR --cohort [--project NAME] (--pdf FILE | --json) [options]

  --data DIR          data folder (default: the per-user LungScore folder)
  --subject ID        the subject's study ID (e.g. DEMO-002)
  --cohort            the project's cohort report (per arm) instead of one subject
  --project NAME      the project, when the ID exists in several (or the folder holds several, with --cohort)
  --pdf FILE          write the report as an A4 PDF (printed by Chromium from the app's report page)
  --json              print the report model as JSON on stdout
  --baseline LABEL    baseline visit label (default: the visit with the lowest protocol day)
  --endpoint LABEL    endpoint visit label (default: the visit with the highest protocol day)
  --window-days N     visit window +/- N days (default: the project's setting, 28)
  --deidentify        study days instead of dates, no arm

The PDF needs the built user interface (npm run build) and Chromium ($LUNGSCORE_CHROMIUM or
/usr/bin/chromium).

Exit codes: 0 written, 1 usage error, 2 the data, subject or output file could not be used.`,
  async run(args, io) {
    const parsed = parseCommandArgs(reportCommand, io, {
        args,
        allowPositionals: false,
        strict: true,
        options: {
          data: { type: 'string' },
          subject: { type: 'string' },
          project: { type: 'string' },
          pdf: { type: 'string' },
          json: { type: 'boolean', default: false },
          baseline: { type: 'string' },
          endpoint: { type: 'string' },
          'window-days': { type: 'string' },
          deidentify: { type: 'boolean', default: false },
          cohort: { type: 'boolean', default: false },
        },
      });
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    if (!values.subject && !values.cohort) return usageError(io, reportCommand, 'give --subject ID (or --cohort)');
    if (values.subject && values.cohort) return usageError(io, reportCommand, 'give either --subject ID or --cohort, not both');
    if (!values.pdf && !values.json) return usageError(io, reportCommand, 'give --pdf FILE or --json');
    const windowDays = parseWindowDays(values['window-days']);
    if (!windowDays.ok) return usageError(io, reportCommand, windowDays.message);
    const pdfFile = values.pdf ? path.resolve(io.cwd, values.pdf) : null;
    if (pdfFile) {
      const problem = outputProblem(pdfFile);
      if (problem) {
        io.stderr(`lungscore report: cannot write the PDF: ${problem}.\n`);
        return 2;
      }
    }

    const store = openDataFolder('report', values.data, io, false);
    if (!store) return 2;
    try {
      if (values.cohort) return await cohortReport(store, values, windowDays.value, pdfFile, io);
      const subjectCode = values.subject ?? '';
      const { db } = store;
      let projectId: string | undefined;
      if (values.project !== undefined) {
        const chosen = chooseProject(db, values.project);
        if (!chosen.ok) {
          io.stderr(`lungscore report: ${chosen.message}\n`);
          return 2;
        }
        projectId = chosen.project.id;
      }
      const matches = findSubjectsByCode(db, subjectCode, projectId);
      if (matches.length === 0) {
        io.stderr(`lungscore report: no subject "${values.subject}"${values.project ? ` in project "${values.project}"` : ''} in ${store.dataDir}.\n`);
        return 2;
      }
      if (matches.length > 1) {
        io.stderr(`lungscore report: subject "${values.subject}" exists in several projects (${matches.map((m) => `"${m.projectName}"`).join(', ')}); choose one with --project NAME.\n`);
        return 2;
      }
      const subjectId = matches[0]!.id;
      const visits = listVisits(db, subjectId);
      const visitByLabel = (label: string | undefined) => (label === undefined ? undefined : visits.find((visit) => visit.label.toLowerCase() === label.toLowerCase()));
      for (const [option, label] of [['--baseline', values.baseline], ['--endpoint', values.endpoint]] as const) {
        if (label !== undefined && !visitByLabel(label)) {
          io.stderr(`lungscore report: ${option}: subject ${values.subject} has no visit "${label}" (visits: ${visits.map((v) => `"${v.label}"`).join(', ') || 'none'}).\n`);
          return 2;
        }
      }
      const request = {
        subjectId,
        baselineVisitId: visitByLabel(values.baseline)?.id,
        endpointVisitId: visitByLabel(values.endpoint)?.id,
        windowDays: windowDays.value,
        deidentify: values.deidentify,
      };
      const report = loadSubjectReport(db, subjectId, { ...request, softwareVersion: APP_VERSION });
      // Until signed CT reads reach the report, a subject without PFTs has nothing to compare.
      if (report.trend.length === 0 && report.ct.status === 'no-reads') {
        io.stderr(`lungscore report: subject ${report.subject.subjectCode} has no PFT sessions and no signed CT reads: nothing to compare. Import PFTs first (lungscore pft import, or the PFT screen).\n`);
        return 2;
      }
      if (values.json) printJson(io, report);
      if (!pdfFile) return 0;

      const bytes = await printPdf(io, (rendererDir, renderer) =>
        subjectReportPdf(createHandlers({ store, version: APP_VERSION, mode: 'browser', guardBlinding: false }), rendererDir, request, renderer),
      );
      if (bytes === null || !writePdf(io, pdfFile, bytes)) return 2;
      if (!values.json) io.stdout(`Wrote ${pdfFile} (${Math.round(bytes.length / 1024)} kB): subject ${report.subject.subjectCode}, ${report.baselineVisit?.label ?? '—'} → ${report.endpointVisit?.label ?? '—'}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};

type Printer = (rendererDir: string, renderer: PdfRenderer) => Promise<Uint8Array>;

/** Finds Chromium and the built page, prints; null (with the reason on stderr) when it cannot. */
async function printPdf(io: CliIo, print: Printer): Promise<Uint8Array | null> {
  const chromium = findChromium();
  if (!chromium) {
    io.stderr('lungscore report: the PDF is printed with Chromium, which was not found. Install it (Debian: apt install chromium) or set LUNGSCORE_CHROMIUM to its path.\n');
    return null;
  }
  const rendererDir = builtRendererDir(io.cwd);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    io.stderr(`lungscore report: the user interface is not built (no ${path.join(rendererDir, 'index.html')}). Run "npm run build" first.\n`);
    return null;
  }
  try {
    return await print(rendererDir, chromiumPdfRenderer(chromium));
  } catch (error) {
    if (error instanceof PdfRenderError) {
      io.stderr(`lungscore report: the PDF could not be printed: ${error.message}\n`);
      return null;
    }
    throw error;
  }
}

function writePdf(io: CliIo, file: string, bytes: Uint8Array): boolean {
  const written = writeOutput(file, bytes);
  if (written) io.stderr(`lungscore report: ${written}.\n`);
  return written === null;
}

async function cohortReport(
  store: Store,
  values: { project?: string | undefined; json: boolean; deidentify: boolean },
  windowDays: number | undefined,
  pdfFile: string | null,
  io: CliIo,
): Promise<number> {
  const chosen = chooseProject(store.db, values.project);
  if (!chosen.ok) {
    io.stderr(`lungscore report: ${chosen.message}\n`);
    return 2;
  }
  const { reports, cohort } = loadProjectReports(store.db, chosen.project.id, { windowDays, deidentify: values.deidentify, softwareVersion: APP_VERSION });
  if (reports.every((report) => report.trend.length === 0)) {
    io.stderr(`lungscore report: project "${chosen.project.name}" has no PFT sessions yet: nothing to compare. Import PFTs first.\n`);
    return 2;
  }
  if (values.json) printJson(io, cohort);
  if (!pdfFile) return 0;
  const request = { projectId: chosen.project.id, windowDays, deidentify: values.deidentify };
  const bytes = await printPdf(io, (rendererDir, renderer) => cohortReportPdf(createHandlers({ store, version: APP_VERSION, mode: 'browser', guardBlinding: false }), rendererDir, request, renderer));
  if (bytes === null || !writePdf(io, pdfFile, bytes)) return 2;
  if (!values.json) io.stdout(`Wrote ${pdfFile} (${Math.round(bytes.length / 1024)} kB): cohort report of "${chosen.project.name}", ${cohort.subjects.length} subjects\n`);
  return 0;
}
