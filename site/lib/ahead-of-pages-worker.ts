/** Worker body of ahead-of-pages.ts: tokenizes each listed file into the token cache, prepares the Markdown, exits. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AheadWork, PreparedTexts } from './ahead-of-pages.ts';
import { prepareMarkdown } from './markdown.ts';
import { cachedFileTokens } from './token-cache.ts';

const { root, files, tokenDir, markdown } = workerData as AheadWork;
// Tokens first: the first pages built are the file pages.
for (const file of files) await cachedFileTokens(root, file, tokenDir);
const prepared: PreparedTexts = markdown.map((m) => ({ ...m, prepared: prepareMarkdown(m.text, m.inline) }));
parentPort?.postMessage(prepared);
