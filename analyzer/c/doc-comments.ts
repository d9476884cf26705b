/**
 * Doc comments: `/** … *\/` right before a declaration, and `/**< … *\/` after a member on the line where it ends.
 *
 * The rules, in full:
 * - Only `/**` comments are documentation; plain `/* … *\/` and `//` comments never are.
 * - A leading doc is the `/**` comment that ends right before the declaration, with only whitespace (attributes and
 *   other comments blanked) between.
 * - A trailing doc is a `/**<` comment, or a `/**` comment that starts on a line after code (`int a; /** … *\/`, as
 *   Unikraft often writes it), except code ending in `{`: a comment right after an opening brace leads what follows.
 *   A trailing doc documents the member, enumerator or macro that ends on its line, never the next declaration.
 *   When a member, enumerator or macro has both, the trailing doc is its own (the leading one heads a group:
 *   `/** Status flags *\/` above `#define S_TRUNCATED 0x10 /** Buffer contains truncated data *\/`).
 * - A section banner is not documentation: a one-line `/**` comment of at most four words, without a final period,
 *   whose last word names a group of declarations in the plural (`Internal structures`, `Helper functions`,
 *   `Static global constants`, `Type declarations`). It heads everything that follows, so it is nobody's doc. A
 *   longer line is a sentence (`Iterates over registered thread initialization functions`) and stays a doc.
 */
import type { Comment } from './mask-code.ts';

/** Looks up the doc comment of a declaration by offsets into the file. */
export interface DocIndex {
  /** The leading doc: the `/** … *\/` ending before `start`, only whitespace between, not trailing nor a banner. */
  before(start: number): string | null;
  /** The first trailing doc (`/**< … *\/`, or `/** … *\/` after code) that starts at or after `from` on line `line`. */
  after(from: number, line: number): string | null;
}

/**
 * Builds the index; `parsedText` has comments and attributes blanked, so "only whitespace between" is a cheap test.
 * `code` is the comment-masked text (everything else as written, same offsets), which tells whether code precedes a
 * comment on its line.
 */
export function docIndex(comments: Comment[], parsedText: string, code: string): DocIndex {
  const docs = comments.filter((c) => c.text.startsWith('/**') && !c.text.startsWith('/**/'));
  const ends = docs.map((c) => c.end);
  // A comment is often looked up more than once (a declaration and its declarators): clean it once.
  const clean: (string | undefined)[] = [];
  const cleaned = (k: number): string => (clean[k] ??= cleanDoc((docs[k] as Comment).text));
  const trailing = (c: Comment): boolean =>
    c.text.startsWith('/**<') || c.text.startsWith('/**!<') || afterCode(code, c.start);
  return {
    before(start) {
      let lo = 0;
      let hi = ends.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((ends[mid] as number) <= start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const c = docs[found];
      if (!c || trailing(c)) return null;
      // Only whitespace between (a char loop: the gap can be a whole file long, and most lookups fail early).
      for (let i = c.end; i < start; i++) if (!isSpace(parsedText.charCodeAt(i))) return null;
      const doc = cleaned(found);
      return isBanner(doc) ? null : doc;
    },
    after(from, line) {
      let lo = 0;
      let hi = docs.length - 1;
      let found = docs.length;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((docs[mid] as Comment).start >= from) {
          found = mid;
          hi = mid - 1;
        } else lo = mid + 1;
      }
      const c = docs[found];
      if (!c || c.line !== line || c.text.startsWith('/**!<') || !trailing(c)) return null;
      return cleaned(found);
    },
  };
}

/**
 * Whether code stands before offset `at` on its line, other than an opening `{` (whose comment leads the first
 * member). Directives count as code: `#define X 1 /** … *\/` documents X.
 */
function afterCode(code: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && code.charCodeAt(i) !== 10 && isSpace(code.charCodeAt(i))) i--;
  return i >= 0 && code.charCodeAt(i) !== 10 && code[i] !== '{';
}

/** Plural nouns that name a group of declarations; a heading ending in one is a section banner (see above). */
const GROUP_NOUNS = new Set([
  'structures',
  'structs',
  'definitions',
  'declarations',
  'prototypes',
  'functions',
  'helpers',
  'routines',
  'utilities',
  'macros',
  'variables',
  'globals',
  'constants',
]);

/** A section banner (see the module comment), given the cleaned comment text. */
export function isBanner(doc: string): boolean {
  if (doc.includes('\n') || doc.endsWith('.')) return false;
  const words = doc.replace(/:$/, '').trim().split(/\s+/);
  return words.length <= 4 && GROUP_NOUNS.has((words[words.length - 1] as string).toLowerCase());
}

/** What String.prototype.trim removes, for the characters a C file has. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 9 ||
    c === 13 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000)) ||
    c === 0x1680
  );
}

/** Strips comment markers and the leading ` * ` of each line; keeps paragraph breaks. */
export function cleanDoc(raw: string): string {
  const inner = raw.replace(/^\/\*\*<?/, '').replace(/\*\/$/, '');
  const lines = inner.split('\n').map((l) => l.replace(/^\s*\*(?!\/) ?/, '').trimEnd());
  // Text on the opening line (`/** The list …`) has no indentation of its own: it is trimmed, and the common indent
  // is that of the lines below it.
  const first = lines[0]?.trim() ? (lines.shift() as string).trim() : null;
  while (first === null && lines.length && lines[0]?.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  const rest = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  return (first === null ? rest : [first, ...rest]).join('\n');
}
