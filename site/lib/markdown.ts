/** Safe Markdown for explanations: raw HTML is shown as text, URLs are limited to safe schemes. */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Parent, PhrasingContent, Text } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { findLinks, type LinkRef } from './links.ts';

/** Options for one rendering. */
export interface MarkdownOptions {
  /** Turns a `{@link}` into a URL and default label, or null when unresolved (then shown as code). */
  resolve: (ref: LinkRef) => { url: string; label: string } | null;
  /** Render as inline (no surrounding paragraph) for table cells. */
  inline?: boolean;
}

const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/|[^:]*$)/i;
const PLACEHOLDER = /ULABREF(\d+)X/g;

/** Renders Markdown to HTML that cannot carry markup of its own. */
export function renderMarkdown(text: string, options: MarkdownOptions): string {
  const refs = findLinks(text);
  let n = 0;
  const source = text.replace(/\{@link\s+[^}]+\}/g, () => `ULABREF${n++}X`);
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  transform(tree, refs, options);
  let root = toHast(tree) as HastRoot;
  if (options.inline && root.type === 'root' && root.children.length === 1) {
    const only = root.children[0]!;
    if (only.type === 'element' && only.tagName === 'p') root = { type: 'root', children: only.children };
  }
  return toHtml(root);
}

function restore(value: string, refs: LinkRef[]): string {
  return value.replace(PLACEHOLDER, (_, i: string) => refs[Number(i)]?.raw ?? '');
}

function transform(node: Nodes, refs: LinkRef[], options: MarkdownOptions): void {
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
      const parts = splitText(child.value, refs, options);
      if (parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem') {
        next.push({ type: 'paragraph', children: parts });
      } else next.push(...parts);
    } else if (child.type === 'text') {
      next.push(...splitText(child.value, refs, options));
    } else {
      transform(child, refs, options);
      next.push(child);
    }
  }
  parent.children = next as Parent['children'];
}

function splitText(value: string, refs: LinkRef[], options: MarkdownOptions): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) } satisfies Text);
    const ref = refs[Number(m[1])];
    if (ref) {
      const hit = options.resolve(ref);
      const label = ref.label ?? hit?.label ?? ref.target;
      if (hit) out.push({ type: 'link', url: hit.url, children: [{ type: 'text', value: label }] });
      else out.push({ type: 'inlineCode', value: label, data: { hProperties: { className: ['unresolved-link'] } } });
    }
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}
