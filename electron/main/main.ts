import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { openStore, type Store } from '../services/storage/openStore';
import { closeHandlers, createHandlers, type Handlers } from '../services/api/handlers';
import { seedDemoProjectOnce } from '../services/demoProject';
import { registerHandlers } from './handle';
import { APP_ORIGIN, APP_SCHEME, lockDownContents, windowOptions } from './window';
import { serveAppRequest } from './appProtocol';
import { electronPdfRenderer, type PrintWindow } from '../services/reports/pdfRenderer';
import { electronReportPrinter } from '../services/reports/reportPrinter';

/**
 * Electron lifecycle. Thin on purpose: everything it wires (storage, handlers, static files,
 * security settings) is tested without the Electron binary.
 */
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

/** A hidden window with the app's own security settings, on which a report page is printed to PDF. */
function openPrintWindow(): PrintWindow {
  const window = new BrowserWindow({ ...windowOptions(preloadPath), show: false });
  return {
    loadURL: (url) => window.loadURL(url),
    evaluate: (expression) => window.webContents.executeJavaScript(expression) as Promise<unknown>,
    printToPDF: (options) => window.webContents.printToPDF(options),
    close: () => window.destroy(),
  };
}
let store: Store | undefined;
let handlers: Handlers | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Worker threads first (terminate() starts at once), so no finished task writes to a closed store.
    if (handlers) void closeHandlers(handlers);
    store?.close();
  });

  void app.whenReady().then(() => {
    const opened = openStore(app.getPath('userData'), { lock: true });
    if (!opened.ok) {
      dialog.showErrorBox('LungScore cannot open its data', opened.error.message);
      app.exit(2);
      return;
    }
    store = opened.value;
    seedDemoProjectOnce(store, { ct: 'background' });
    handlers = createHandlers({
      store,
      version: app.getVersion(),
      mode: 'electron',
      printReportPage: electronReportPrinter(electronPdfRenderer(openPrintWindow)),
    });
    registerHandlers(ipcMain, handlers);
    const appHandlers = handlers;
    // The same handlers answer the binary slice routes under app://lungscore/api/ (see imagingRoutes).
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url, appHandlers));

    const window = new BrowserWindow(windowOptions(preloadPath));
    window.once('ready-to-show', () => window.show());
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  });
}
