/** Worker body of parallel-parse.ts: parses its share once to warm up, then again on every message, replying the time. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseTexts } from './parse-texts.ts';

const share = workerData as string[];
parseTexts(share);
parentPort?.on('message', () => parentPort?.postMessage(parseTexts(share)));
parentPort?.postMessage('ready');
