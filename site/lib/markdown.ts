/**
 * Safe Markdown for explanations: raw HTML is shown as text, URLs are limited to safe schemes.
 *
 * Rendering has two steps. {@link prepareMarkdown} parses and renders a text once, leaving a marker where each
 * `{@link}` goes; {@link finishMarkdown} puts in each link as the page's language resolves it. A text is prepared once
 * per build (a Chinese page that falls back to an English explanation reuses the English page's work), and the
 * worker of ahead-of-pages.ts prepares the explanations on another core before any page asks
 * ({@link sharePreparedMarkdown}).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parent, PhrasingContent, Text } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { findLinks, type LinkRef } from './links.ts';

/** Turns a `{@link}` into a URL and default label, or null when unresolved (then shown as code). */
export type LinkResolver = (ref: LinkRef) => { url: string; label: string } | null;

/** Options for one rendering. */
export interface MarkdownOptions {
  resolve: LinkResolver;
  /** Render as inline (no surrounding paragraph) for table cells. */
  inline?: boolean;
}

/**
 * A text rendered up to its links: HTML with a marker where the text's `n`-th `{@link}` goes, `n` between two
 * private-use characters that the text itself does not contain (`open` and the character after it).
 */
export interface PreparedMarkdown {
  html: string;
  refs: LinkRef[];
  open: string;
}

const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/|[^:]*$)/i;
const PLACEHOLDER = /ULABREF(\d+)X/g;

/** Renders Markdown to HTML that cannot carry markup of its own. */
export function renderMarkdown(text: string, options: MarkdownOptions): string {
  return finishMarkdown(preparedFor(text, options.inline ?? false), options.resolve);
}

/** Parses and renders `text`, with a marker for each `{@link}` (see {@link finishMarkdown}). */
export function prepareMarkdown(text: string, inline: boolean): PreparedMarkdown {
  const refs = findLinks(text);
  let n = 0;
  const source = text.replace(/\{@link\s+[^}]+\}/g, () => `ULABREF${n++}X`);
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code)) || text.includes(String.fromCharCode(code + 1))) code += 2;
  const open = String.fromCharCode(code);
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  transform(tree, refs, open);
  let root = toHast(tree) as HastRoot;
  if (inline && root.type === 'root' && root.children.length === 1) {
    const only = root.children[0]!;
    if (only.type === 'element' && only.tagName === 'p') root = { type: 'root', children: only.children };
  }
  return { html: toHtml(root), refs, open };
}

/** The HTML of a prepared text with each marker replaced by its link, or by code when `resolve` finds nothing. */
export function finishMarkdown(prepared: PreparedMarkdown, resolve: LinkResolver): string {
  const { open } = prepared;
  const marker = new RegExp(`${open}(\\d+)${String.fromCharCode(open.charCodeAt(0) + 1)}`, 'g');
  return prepared.html.replace(marker, (text, i: string) => {
    const ref = prepared.refs[Number(i)];
    return ref ? toHtml(toHast(linkNode(ref, resolve))) : text;
  });
}

/** What a reference becomes: a link, or code marked unresolved. */
function linkNode(ref: LinkRef, resolve: LinkResolver): PhrasingContent {
  const hit = resolve(ref);
  const label = ref.label ?? hit?.label ?? ref.target;
  if (hit) return { type: 'link', url: hit.url, children: [{ type: 'text', value: label }] };
  return { type: 'inlineCode', value: label, data: { hProperties: { className: ['unresolved-link'] } } };
}

const keyOf = (text: string, inline: boolean) => `${inline ? 'inline' : 'block'}\0${text}`;

/**
 * Prepared texts by kind and content, one map for the whole process: the pages run from Vite's bundle, a second copy
 * of this module beside the config's, and the worker's results arrive in the config's copy.
 */
function preparedTexts(): Map<string, PreparedMarkdown> {
  const g = globalThis as Record<symbol, Map<string, PreparedMarkdown> | undefined>;
  return (g[Symbol.for('unikraftlab.preparedMarkdown')] ??= new Map());
}

/** Offers texts prepared elsewhere (the worker of ahead-of-pages.ts) to every page of the process. */
export function sharePreparedMarkdown(entries: { text: string; inline: boolean; prepared: PreparedMarkdown }[]): void {
  const texts = preparedTexts();
  for (const e of entries) texts.set(keyOf(e.text, e.inline), e.prepared);
}

function preparedFor(text: string, inline: boolean): PreparedMarkdown {
  const texts = preparedTexts();
  const key = keyOf(text, inline);
  let hit = texts.get(key);
  if (!hit) texts.set(key, (hit = prepareMarkdown(text, inline)));
  return hit;
}

function restore(value: string, refs: LinkRef[]): string {
  return value.replace(PLACEHOLDER, (_, i: string) => refs[Number(i)]?.raw ?? '');
}

function transform(node: Nodes, refs: LinkRef[], open: string): void {
  if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
    if (!SAFE_URL.test(node.url.trim())) node.url = '#unsafe-url';
  }
  if (node.type === 'inlineCode' || node.type === 'code') node.value = restore(node.value, refs);
  if (!('children' in node)) return;
  const parent = node as Parent;
  const next: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'html') {
      // Raw HTML stays visible, as text; a block of it becomes a paragraph.
      const parts = splitText(child.value, refs, open);
      if (parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem') {
        next.push({ type: 'paragraph', children: parts });
      } else next.push(...parts);
    } else if (child.type === 'text') {
      next.push(...splitText(child.value, refs, open));
    } else {
      transform(child, refs, open);
      next.push(child);
    }
  }
  parent.children = next as Parent['children'];
}

/** Text with each `{@link}` placeholder turned into its marker, as a text node of its own. */
function splitText(value: string, refs: LinkRef[], open: string): PhrasingContent[] {
  const close = String.fromCharCode(open.charCodeAt(0) + 1);
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) } satisfies Text);
    if (refs[Number(m[1])]) out.push({ type: 'text', value: `${open}${m[1]}${close}` });
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}
