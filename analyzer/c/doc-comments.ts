/**
 * Doc comments: `/** … *\/` right before a declaration, and `/**< … *\/` after a member on the line where it ends.
 */
import type { Comment } from './mask-code.ts';

/** Looks up the doc comment of a declaration by offsets into the file. */
export interface DocIndex {
  /** The `/** … *\/` that ends before `start` with only whitespace (in `parsedText`) between, or null. */
  before(start: number): string | null;
  /** The first `/**< … *\/` that starts at or after `from` on line `line`, or null. */
  after(from: number, line: number): string | null;
}

/** Builds the index; `parsedText` has comments and attributes blanked, so "only whitespace between" is a cheap test. */
export function docIndex(comments: Comment[], parsedText: string): DocIndex {
  const docs = comments.filter((c) => c.text.startsWith('/**') && !c.text.startsWith('/**/'));
  const ends = docs.map((c) => c.end);
  // A comment is often looked up more than once (a declaration and its declarators): clean it once.
  const clean: (string | undefined)[] = [];
  const cleaned = (k: number): string => (clean[k] ??= cleanDoc((docs[k] as Comment).text));
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
      if (!c || c.text.startsWith('/**<') || c.text.startsWith('/**!<')) return null;
      // Only whitespace between (a char loop: the gap can be a whole file long, and most lookups fail early).
      for (let i = c.end; i < start; i++) if (!isSpace(parsedText.charCodeAt(i))) return null;
      return cleaned(found);
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
      if (!c || c.line !== line || !c.text.startsWith('/**<')) return null;
      return cleaned(found);
    },
  };
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
  while (lines.length && lines[0]?.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
