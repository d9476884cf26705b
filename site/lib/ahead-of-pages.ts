/**
 * Work done on another core while Astro loads and bundles, before any page asks for it: tokenizing the documented
 * source files into the token cache (token-cache.ts), then preparing the explanations' Markdown (markdown.ts), which
 * the pages then only finish with their language's links. Best effort: a page whose file is not cached yet tokenizes
 * it itself, a text not prepared yet is prepared by the page, and the worker never keeps the build alive.
 */
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/index.ts';
import type { Explanation } from './explanations.ts';
import { sharePreparedMarkdown, type PreparedMarkdown } from './markdown.ts';

/** The C files the site shows highlighted: the documented files, which are the ones with file pages. */
export function highlightedFiles(model: Pick<Model, 'files'>): string[] {
  return model.files.filter((f) => f.documented).map((f) => f.path);
}

/** A Markdown text the pages will render, and how (field explanations are table cells: inline). */
export interface MarkdownText {
  text: string;
  inline: boolean;
}

/** Every text the pages render from the explanations: each body, and each field's explanation. */
export function explanationTexts(explanations: Pick<Explanation, 'body' | 'fields'>[]): MarkdownText[] {
  return explanations.flatMap((e) => [
    ...(e.body.trim() ? [{ text: e.body, inline: false }] : []),
    ...Object.values(e.fields).map((text) => ({ text, inline: true })),
  ]);
}

/** What the worker is given. */
export interface AheadWork {
  /** Source root, the files under it to tokenize, and the token cache directory. */
  root: string;
  files: string[];
  tokenDir: string;
  markdown: MarkdownText[];
}

/** What the worker posts back once the Markdown is prepared. */
export type PreparedTexts = (MarkdownText & { prepared: PreparedMarkdown })[];

/** True when this Node runs TypeScript files as they are (the worker is one); from Node 22.18 on. */
export const canWorkAhead = Boolean((process.features as { typescript?: string | false }).typescript);

/**
 * Starts the worker; the promise settles when it is done (tests wait for it, the build does not). On a Node that cannot
 * run the worker's TypeScript it starts nothing, and pages do the work themselves.
 */
export function startWorkingAhead(work: AheadWork): Promise<void> {
  if (!canWorkAhead) return Promise.resolve();
  const worker = new Worker(new URL('./ahead-of-pages-worker.ts', import.meta.url), { workerData: work });
  worker.unref();
  worker.on('message', (texts: PreparedTexts) => sharePreparedMarkdown(texts));
  return new Promise((done) => {
    worker.once('error', () => done());
    worker.once('exit', () => done());
  });
}
