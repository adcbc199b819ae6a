import { parentPort } from 'node:worker_threads';
import { createNodeCodecs } from './nodeCodecs';
import { type WorkerTask, failedOutcome, runWorkerTask } from './workerTask';

/**
 * Worker-thread entry of the decode pool (see decodePool.ts). Bundled as its own file
 * (out/electron/dicomDecodeWorker.cjs); in tests it runs from source through tsx.
 * Messages in: { id, task }. Messages out: { ready: true } once started, then { id, outcome }.
 */
const codecs = createNodeCodecs();

parentPort?.on('message', (message: { id: number; task: WorkerTask }) => {
  runWorkerTask(message.task, codecs).then(
    (outcome) => parentPort?.postMessage({ id: message.id, outcome }),
    (e: unknown) => parentPort?.postMessage({ id: message.id, outcome: failedOutcome(message.task, e instanceof Error ? e.message : String(e)) }),
  );
});

parentPort?.postMessage({ ready: true });
