/**
 * One diagnostic per region tree-sitter could not parse (ERROR, a warning saying what was skipped) or had to patch
 * (MISSING, an info: nothing was lost).
 */
import type Parser from 'tree-sitter';
import type { Diagnostic } from '../../model/schema.ts';

/** At most this many regions are reported per file; the rest are counted in one last diagnostic. */
const LIMIT = 200;

/**
 * Walks only the parts of the tree that contain errors. `text` is the file as read, for the `near …` excerpt;
 * `handled` says which line ranges the caller read by other means (no diagnostic for those).
 */
export function parseDiagnostics(
  path: string,
  tree: Parser.Tree,
  text: string,
  handled: (firstLine: number, lastLine: number) => boolean = () => false,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let extra = 0;
  const stack: Parser.SyntaxNode[] = [tree.rootNode];
  const found: Parser.SyntaxNode[] = [];
  while (stack.length) {
    const n = stack.pop() as Parser.SyntaxNode;
    if (n.type === 'ERROR' || n.isMissing) {
      found.push(n);
      continue;
    }
    if (!n.hasError) continue;
    const children = n.children;
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as Parser.SyntaxNode);
  }
  for (const n of found) {
    if (out.length >= LIMIT) {
      extra++;
      continue;
    }
    const first = n.startPosition.row + 1;
    const last = n.endPosition.row + 1;
    // Regions the extractor read without tree-sitter (directives, syscall headers) lose nothing.
    if (handled(first, last)) continue;
    if (n.isMissing) {
      // Nothing was skipped (typically a loop macro such as `UK_TAILQ_FOREACH(…) {`): information, not a warning.
      out.push({
        file: path,
        line: first,
        severity: 'info',
        code: 'parse-error',
        message: `tree-sitter assumed a missing \`${n.type}\` on line ${first} near \`${excerpt(text, n.startIndex)}\`; the code around it was kept.`,
      });
      continue;
    }
    const lines = last - first + 1;
    const span = lines === 1 ? `line ${first}` : `${lines} lines (${first}–${last})`;
    out.push({
      file: path,
      line: first,
      severity: 'warning',
      code: 'parse-error',
      message: `skipped ${span} that tree-sitter could not parse near \`${excerpt(text, n.startIndex)}\`; declarations around it were kept.`,
    });
  }
  if (extra) {
    out.push({
      file: path,
      line: null,
      severity: 'warning',
      code: 'parse-error',
      message: `${extra} more regions that tree-sitter could not parse were not listed.`,
    });
  }
  return out;
}

/** The source line around an offset, trimmed to about 60 characters, for messages. */
function excerpt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  let s = text.slice(lineStart, lineEnd).replace(/\s+/g, ' ').trim();
  if (s === '')
    s = text
      .slice(offset, offset + 60)
      .replace(/\s+/g, ' ')
      .trim();
  s = s.replace(/`/g, "'");
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
