/**
 * Internal link checker for a built static site: every `href`/`src` that points inside the site must name a file
 * that exists, and every `#fragment` must name an element id on the target page.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'node-html-parser';

/** One reference that does not resolve. */
export interface BrokenLink {
  /** Site path of the page that holds the reference (`/structs/uk_thread/`). */
  page: string;
  /** `a[href]`, `img[src]`, … — where on the page the reference sits. */
  attribute: string;
  /** The reference as written. */
  url: string;
  /** `missing-target` (no such page or asset) or `missing-anchor` (page exists, fragment id does not). */
  reason: 'missing-target' | 'missing-anchor';
}

/** What a check covered, so a caller can tell an empty site from a clean one. */
export interface LinkReport {
  pages: number;
  /** Internal references followed (page, asset or anchor). */
  checked: number;
  /** Internal references that carried a fragment and had it checked. */
  anchors: number;
  /** Of those, fragments that name a source line (`#L123`). */
  lineAnchors: number;
  broken: BrokenLink[];
}

/** Options of {@link checkLinks}. */
export interface CheckLinksOptions {
  /** Base path the site is served under (Astro `base`); default `/`. */
  base?: string;
}

const LINK_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['script[src]', 'src'],
  ['iframe[src]', 'src'],
  ['source[src]', 'src'],
  ['video[src]', 'src'],
  ['audio[src]', 'src'],
];
const ORIGIN = 'http://site.invalid';
/** node-html-parser keeps `<pre>` as raw text by default; code pages put their line anchors inside `<pre>`. */
const PARSE_OPTIONS = { blockTextElements: { script: true, noscript: true, style: true } };
const parseHtml = (html: string) => parse(html, PARSE_OPTIONS);

/** Walks `dist` and returns every internal reference that does not resolve. */
export async function checkLinks(dist: string, options: CheckLinksOptions = {}): Promise<LinkReport> {
  const base = normalizeBase(options.base ?? '/');
  const files = await listFiles(dist);
  const fileSet = new Set(files);
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const idCache = new Map<string, Set<string>>();
  const idsOf = async (file: string): Promise<Set<string>> => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = collectIds(parseHtml(await readFile(join(dist, file), 'utf8')));
      idCache.set(file, ids);
    }
    return ids;
  };
  const report: LinkReport = { pages: htmlFiles.length, checked: 0, anchors: 0, lineAnchors: 0, broken: [] };

  for (const file of htmlFiles) {
    const html = await readFile(join(dist, file), 'utf8');
    const root = parseHtml(html);
    const page = pageUrl(file, base);
    idCache.set(file, collectIds(root));
    for (const [selector, attribute] of LINK_ATTRIBUTES) {
      for (const el of root.querySelectorAll(selector)) {
        const raw = el.getAttribute(attribute);
        if (raw === undefined || isExternal(raw)) continue;
        const url = new URL(raw, ORIGIN + page);
        if (url.origin !== ORIGIN) continue;
        report.checked++;
        const where = `${selector.split('[')[0]}[${attribute}]`;
        const target = resolveTarget(safeDecode(url.pathname), base, fileSet);
        if (target === null) {
          report.broken.push({ page, attribute: where, url: raw, reason: 'missing-target' });
          continue;
        }
        const fragment = safeDecode(url.hash.slice(1));
        if (url.hash === '' || !target.endsWith('.html')) continue;
        report.anchors++;
        if (fragment === '' || fragment.toLowerCase() === 'top') continue; // HTML: scroll to the top
        if (/^L\d+$/.test(fragment)) report.lineAnchors++;
        if (!(await idsOf(target)).has(fragment)) {
          report.broken.push({ page, attribute: where, url: raw, reason: 'missing-anchor' });
        }
      }
    }
  }
  return report;
}

function normalizeBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

/** Scheme-qualified (`https:`, `mailto:`, `data:`) and protocol-relative references leave the site. */
function isExternal(raw: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(raw.trim()) || raw.trim().startsWith('//');
}

/** The site path a built file is served at: `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`. */
function pageUrl(file: string, base: string): string {
  const posix = file.split(sep).join('/');
  if (posix === 'index.html') return base;
  if (posix.endsWith('/index.html')) return base + posix.slice(0, -'index.html'.length);
  return base + posix;
}

/** Maps a site path to the built file that a static server would send, or null. */
function resolveTarget(pathname: string, base: string, files: Set<string>): string | null {
  if (!pathname.startsWith(base) && `${pathname}/` !== base) return null;
  const rel = pathname.slice(base.length).replace(/^\/+/, '');
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`, `${rel}.html`];
  return candidates.find((c) => files.has(c)) ?? null;
}

/** Percent-decoding that keeps malformed input as written instead of throwing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every `id` (and legacy `<a name>`) on a page: the fragments a link may point at. */
function collectIds(root: ReturnType<typeof parse>): Set<string> {
  const ids = new Set<string>();
  for (const el of root.querySelectorAll('[id], a[name]')) {
    const id = el.getAttribute('id') ?? el.getAttribute('name');
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** All files below `dir`, as `/`-separated paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(full)).isFile())) {
        out.push(relative(dir, full).split(sep).join('/'));
      }
    }
  };
  await walk(dir);
  return out;
}
