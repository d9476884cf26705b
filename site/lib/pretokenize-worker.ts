/** Worker body of pretokenize.ts: tokenizes each listed file into the token cache, then exits. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { cachedTokens } from './token-cache.ts';

const { root, files, dir } = workerData as { root: string; files: string[]; dir: string };
for (const file of files) {
  let code: string;
  try {
    code = await readFile(join(root, file), 'utf8');
  } catch {
    continue; // the page will say the file is missing
  }
  await cachedTokens(dir, code);
}
