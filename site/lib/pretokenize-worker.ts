/** Worker body of pretokenize.ts: tokenizes each listed file into the token cache, then exits. */
import { workerData } from 'node:worker_threads';
import { cachedFileTokens } from './token-cache.ts';

const { root, files, dir } = workerData as { root: string; files: string[]; dir: string };
for (const file of files) await cachedFileTokens(root, file, dir);
