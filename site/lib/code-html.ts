/** Turns shiki tokens into our own HTML: `#L<n>` anchors on every line and model identifiers linked to their pages. */

/** Options for one code block. */
export interface CodeHtmlOptions {
  /** First and last 1-based line to show (inclusive). */
  from: number;
  to: number;
  /** URL for an identifier the model defines, or null; `context` is the line's text around it. */
  linkFor: (name: string, context: IdentifierContext) => string | null;
  /** Where a line number links (default `#L<n>` on this page). */
  lineHref?: (line: number) => string;
  /** Give lines `id="L<n>"` (only once per page). */
  anchors: boolean;
}

/** The code around an identifier on its line, which tells a call from a field or a declared variable. */
export interface IdentifierContext {
  before: string;
  after: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** What the renderer needs of a shiki token (a cached token keeps only this). */
export interface CodeToken {
  content: string;
  color?: string;
}

/** Class for a token coloured by the css-variables theme (`tk-keyword`), '' for plain text, else an inline style. */
function tokenAttr(token: CodeToken): string {
  if (!token.content.trim()) return '';
  const color = token.color ?? '';
  const v = /^var\(--shiki-token-([a-z-]+)\)$/.exec(color);
  if (v) return ` class="tk-${v[1]}"`;
  if (!color || color === 'var(--shiki-foreground)') return '';
  return ` style="color:${escapeHtml(color)}"`;
}

/** Comments and strings (an `#include <path>` too) are text: no word in them is linked. */
function isText(token: CodeToken): boolean {
  return /^var\(--shiki-token-(comment|string|string-expression)\)$/.test(token.color ?? '');
}

function linkIdentifiers(text: string, linkFor: CodeHtmlOptions['linkFor'], line: string, offset: number): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/[A-Za-z_]\w*/g)) {
    const at = offset + m.index;
    const url = linkFor(m[0], { before: line.slice(0, at), after: line.slice(at + m[0].length) });
    if (!url) continue;
    out += escapeHtml(text.slice(last, m.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * Each line's HTML, by the file's token array and the linker: a line shows on its file page and again in the slices of
 * the functions, macros and structs defined on it, and is rendered once. The linker must answer the same for a name
 * every time (identifier-links.ts keeps one per language, so pages of one language share the cache).
 */
const lineCache = new WeakMap<CodeToken[][], Map<CodeHtmlOptions['linkFor'], (string | undefined)[]>>();

function linesOf(lines: CodeToken[][], linkFor: CodeHtmlOptions['linkFor']): (string | undefined)[] {
  let byLinker = lineCache.get(lines);
  if (!byLinker) lineCache.set(lines, (byLinker = new Map()));
  let done = byLinker.get(linkFor);
  if (!done) byLinker.set(linkFor, (done = []));
  return done;
}

/** One line's tokens as HTML; `#include` lines and comment and string tokens get no links. */
function renderLine(tokens: CodeToken[], linkFor: CodeHtmlOptions['linkFor']): string {
  const line = tokens.map((t) => t.content).join('');
  const include = /^\s*#\s*include\b/.test(line);
  let offset = 0;
  return tokens
    .map((tok) => {
      const attr = tokenAttr(tok);
      const inner =
        include || isText(tok) ? escapeHtml(tok.content) : linkIdentifiers(tok.content, linkFor, line, offset);
      offset += tok.content.length;
      return attr ? `<span${attr}>${inner}</span>` : inner;
    })
    .join('');
}

/** Renders lines `from..to` as a `<pre>` block with line numbers. */
export function codeHtml(lines: CodeToken[][], options: CodeHtmlOptions): string {
  const { from, to, linkFor, anchors } = options;
  const href = options.lineHref ?? ((n: number) => `#L${n}`);
  const done = linesOf(lines, linkFor);
  const rows: string[] = [];
  for (let n = Math.max(1, from); n <= Math.min(to, lines.length); n++) {
    const code = (done[n - 1] ??= renderLine(lines[n - 1]!, linkFor));
    const id = anchors ? ` id="L${n}"` : '';
    rows.push(
      `<span class="line"${id}><a class="ln" href="${escapeHtml(href(n))}" aria-label="line ${n}">${n}</a>${code}</span>`,
    );
  }
  return `<pre class="uklab-code" data-language="c"><code>${rows.join('')}</code></pre>`;
}
