import fs from 'node:fs';
import path from 'node:path';
import { printJson, usageError, type CliCommand, parseCommandArgs } from '../command';
import { resolveDataDir } from '../dataDirOption';
import { openStore } from '../../services/storage/openStore';
import { closeHandlers, createHandlers } from '../../services/api/handlers';
import { seedDemoProjectOnce } from '../../services/demoProject';
import { startBridge } from '../../bridge/server';
import { APP_VERSION } from '../../version';
import { chromiumPdfRenderer, findChromium } from '../../services/reports/pdfRenderer';
import { bridgeReportPrinter } from '../../services/reports/reportPrinter';

/** Where the built renderer is: beside the bundled CLI (out/electron -> out/renderer), else ./out/renderer. */
export function builtRendererDir(cwd: string): string {
  const candidates = [
    process.env.LUNGSCORE_RENDERER_DIR,
    typeof __dirname === 'string' ? path.join(__dirname, '..', 'renderer') : undefined,
    path.join(cwd, 'out', 'renderer'),
  ].filter((dir): dir is string => typeof dir === 'string');
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[candidates.length - 1]!;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run LungScore in browser mode on 127.0.0.1 and print the URL to open',
  usage: `Usage: lungscore serve [--data DIR] [--port N] [--no-demo] [--json]

  --data DIR   data folder (default: the per-user LungScore folder, shared with the desktop app)
  --port N     port on 127.0.0.1 (default: a free port)
  --no-demo    do not create the synthetic demo project in a new data folder
  --json       print { "url", "openUrl", "dataDir" } as JSON instead of text

Serves the app and its api on the loopback interface only. The printed URL carries a per-run
token; api requests without it are refused. Stop with Ctrl+C.`,
  async run(args, io) {
    const parsed = parseCommandArgs(serveCommand, io, {
        args,
        options: {
          data: { type: 'string' },
          port: { type: 'string' },
          'no-demo': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
        strict: true,
      });
    if (typeof parsed === 'number') return parsed;
    const { values } = parsed;
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return usageError(io, serveCommand, `--port must be a whole number from 0 to 65535, not "${values.port}"`);
    }
    const rendererDir = builtRendererDir(io.cwd);
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      io.stderr(`lungscore serve: the user interface is not built (no ${path.join(rendererDir, 'index.html')}). Run "npm run build" first.\n`);
      return 2;
    }
    const dataDir = resolveDataDir(values.data, io.cwd);
    const opened = openStore(dataDir, { lock: true });
    if (!opened.ok) {
      io.stderr(`lungscore serve: ${opened.error.message}\n`);
      return 2;
    }
    const store = opened.value;
    if (!values['no-demo']) seedDemoProjectOnce(store, { ct: 'background' });
    // "Save PDF" prints the report page served by this bridge in the system's Chromium, when there is one.
    let running: { url: string; token: string } | null = null;
    const chromium = findChromium();
    const handlers = createHandlers({
      store,
      version: APP_VERSION,
      mode: 'browser',
      ...(chromium ? { printReportPage: bridgeReportPrinter(() => running, chromiumPdfRenderer(chromium)) } : {}),
    });
    let bridge;
    try {
      bridge = await startBridge({ handlers, rendererDir, port });
      running = bridge;
    } catch (error) {
      await closeHandlers(handlers);
      store.close();
      io.stderr(`lungscore serve: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n`);
      return 2;
    }
    if (values.json) printJson(io, { url: bridge.url, openUrl: bridge.openUrl, dataDir });
    else io.stdout(`LungScore ${APP_VERSION} in browser mode.\nOpen: ${bridge.openUrl}\nData: ${dataDir}\nStop with Ctrl+C.\n`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await bridge.close();
    await closeHandlers(handlers);
    store.close();
    return 0;
  },
};
