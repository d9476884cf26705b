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

/** Masks comments and literal contents; an unterminated comment or literal runs to the end of its line / file. */
export function maskCode(text: string): MaskedCode {
  const comments: Comment[] = [];
  let out = '';
  let last = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      let end = text.indexOf('*/', i + 2);
      end = end < 0 ? n : end + 2;
      const body = text.slice(i, end);
      const startLine = line;
      for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) line++;
      comments.push({ start: i, end, line: startLine, endLine: line, text: body });
      out += text.slice(last, i) + blank(i, end);
      last = i = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let end = i + 2;
      // A line comment continues across backslash-newlines.
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
      const body = text.slice(i, end);
      const startLine = line;
      for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) line++;
      comments.push({ start: i, end, line: startLine, endLine: line, text: body });
      out += text.slice(last, i) + blank(i, end);
      last = i = end;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c || d === 10) break;
        else j++;
      }
      const end = Math.min(j, n);
      for (let k = text.indexOf('\n', i + 1); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) line++;
      out += text.slice(last, i + 1) + blank(i + 1, end);
      last = i = end < n && text.charCodeAt(end) === c ? end + 1 : end;
      if (i > end) out += text[end];
      last = i;
    } else {
      i++;
    }
  }
  out += text.slice(last);
  return { code: out, comments };
}
