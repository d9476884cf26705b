/**
 * A lexical pass over C text: finds comments and blanks comments and string/char literal contents with spaces
 * (newlines kept), so cheap text scans (macro uses, braces) never match inside them and offsets stay true.
 */

/** One comment, with its offsets in the text and 1-based lines. */
export interface Comment {
  start: number;
  end: number;
  line: number;
  endLine: number;
  text: string;
}

/** The masked text (same length as the input) and every comment found, in order. */
export interface MaskedCode {
  code: string;
  comments: Comment[];
}

const SPECIAL = /\/\*|\/\/|["']/g;

/**
 * Spaces for `s`, keeping its newlines and any backslash right before one: line splicing comes before comments in
 * C, so a `\` at the end of a comment line inside a `#define` still continues the directive.
 */
export function blankOut(s: string): string {
  if (!s.includes('\n')) return ' '.repeat(s.length);
  return s
    .split('\n')
    .map((l, k, all) =>
      k < all.length - 1 && l.endsWith('\\') ? ' '.repeat(l.length - 1) + '\\' : ' '.repeat(l.length),
    )
    .join('\n');
}

/** Masks comments and literal contents; an unterminated comment or literal runs to the end of its line / file. */
export function maskCode(text: string): MaskedCode {
  const comments: Comment[] = [];
  const parts: string[] = [];
  let last = 0;
  let line = 1;
  let lineCountedTo = 0;
  const lineAt = (offset: number): number => {
    for (let k = text.indexOf('\n', lineCountedTo); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) line++;
    lineCountedTo = offset;
    return line;
  };
  const n = text.length;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const i = m.index;
    const tok = m[0];
    if (tok === '/*' || tok === '//') {
      let end: number;
      if (tok === '/*') {
        const close = text.indexOf('*/', i + 2);
        end = close < 0 ? n : close + 2;
      } else {
        // A line comment continues across backslash-newlines.
        end = i + 2;
        for (;;) {
          const nl = text.indexOf('\n', end);
          if (nl < 0) {
            end = n;
            break;
          }
          if (text.charCodeAt(nl - 1) === 92 /* \ */) {
            end = nl + 1;
            continue;
          }
          end = nl;
          break;
        }
      }
      const body = text.slice(i, end);
      const startLine = lineAt(i);
      const endLine = lineAt(end);
      comments.push({ start: i, end, line: startLine, endLine, text: body });
      parts.push(text.slice(last, i), blankOut(body));
      last = end;
      SPECIAL.lastIndex = end;
    } else {
      const q = tok.charCodeAt(0);
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === q || d === 10) break;
        else j++;
      }
      const end = Math.min(j, n);
      parts.push(text.slice(last, i + 1), blankOut(text.slice(i + 1, end)));
      last = end;
      SPECIAL.lastIndex = end < n && text.charCodeAt(end) === q ? end + 1 : Math.max(end, i + 1);
    }
  }
  parts.push(text.slice(last));
  return { code: parts.join(''), comments };
}
