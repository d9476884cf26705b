/** Stable permalinks (content-format.md): course material links to these, so they never change shape. */

/** Site languages: `en` lives at the root, `zh` under `/zh/`. */
export type Lang = 'en' | 'zh';
export const LANGS: Lang[] = ['en', 'zh'];

/** Prefix for a language: '' for English, '/zh' for Chinese. */
export function langPrefix(lang: Lang): string {
  return lang === 'en' ? '' : '/zh';
}

/** Path segment per page kind. */
export const SECTION = {
  library: 'libraries',
  struct: 'structs',
  union: 'structs',
  enum: 'enums',
  typedef: 'typedefs',
  macro: 'macros',
  function: 'functions',
  syscall: 'syscalls',
  option: 'options',
  file: 'files',
  app: 'apps',
} as const;
export type PageKind = keyof typeof SECTION;

/** URL of a symbol's page in a language, e.g. `/zh/structs/uk_thread/`. */
export function pageUrl(kind: PageKind, name: string, lang: Lang = 'en'): string {
  const tail = kind === 'file' ? name.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(name);
  return `${langPrefix(lang)}/${SECTION[kind]}/${tail}/`;
}

/** URL of a fixed page (`''` for home, `syscalls`, `health`). */
export function fixedUrl(page: '' | 'syscalls' | 'health', lang: Lang = 'en'): string {
  return `${langPrefix(lang)}/${page ? page + '/' : ''}`;
}

/** Anchor id of a struct field on its struct page. */
export function fieldAnchor(field: string): string {
  return `field-${field}`;
}

/** Link to the upstream file at the exact commit, or null when the commit is unknown. */
export function upstreamUrl(
  repository: string | null,
  commit: string | null,
  file: string,
  line?: number,
): string | null {
  if (!commit) return null;
  const repo = repository ?? 'unikraft/unikraft';
  const base = repo.startsWith('http') ? repo.replace(/\.git$/, '') : `https://github.com/${repo}`;
  return `${base}/blob/${commit}/${file}${line ? `#L${line}` : ''}`;
}
