/**
 * Finds syscall definitions written through Unikraft's macros (`UK_SYSCALL_R_DEFINE(pid_t, getpid) { … }` and every
 * `UK_*SYSCALL*_DEFINE` variant) in comment-masked code, with their arguments and body.
 */
import { SYSCALL_MACRO } from '../../model/c-names.ts';
import { callArguments } from './call-arguments.ts';
import { lineOfOffset } from './line-offsets.ts';

/** One `UK_…SYSCALL…_DEFINE(rtype, name, type1, arg1, …)` header and the body that follows it. */
export interface SyscallHeader {
  macro: string;
  /** Offsets of the macro name and one past the closing `)`. */
  start: number;
  end: number;
  /** Offsets of the macro's arguments (trimmed), in order. */
  args: { start: number; end: number }[];
  /** The arguments' text with attributes and comments removed, whitespace collapsed (set by preprocessC). */
  argTexts: string[];
  /** Offsets of the body's `{` and one past its `}`, or null when no body follows. */
  body: { start: number; end: number } | null;
  /**
   * When other headers stand between this one and the body (`#if X` header `#else` header `#endif` body), the
   * start offset of the last of them: the variants share that body.
   */
  sharesBodyWith: number | null;
}

const HEADER = new RegExp(`\\b${SYSCALL_MACRO}\\b`, 'g');

/** Every syscall header outside directive lines; `code` is the comment-masked text. */
export function findSyscallHeaders(code: string, lineStarts: number[], directiveLines: Set<number>): SyscallHeader[] {
  const out: SyscallHeader[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(code); m; m = HEADER.exec(code)) {
    if (directiveLines.has(lineOfOffset(lineStarts, m.index))) continue;
    const parsed = callArguments(code, m.index + m[0].length);
    if (!parsed) continue;
    out.push({
      macro: m[0],
      start: m.index,
      end: parsed.end,
      args: parsed.args,
      argTexts: [],
      body: null,
      sharesBodyWith: null,
    });
    HEADER.lastIndex = parsed.end;
  }
  // Bodies: the first `{` after the header, skipping directives and the other headers of an `#if`/`#else` pair.
  for (let k = 0; k < out.length; k++) {
    const h = out[k] as SyscallHeader;
    let pos = h.end;
    let next = k + 1;
    for (;;) {
      pos = skipSpaceAndDirectives(code, pos, lineStarts, directiveLines);
      const other = out[next];
      if (other && other.start === pos) {
        h.sharesBodyWith = other.start;
        pos = other.end;
        next++;
        continue;
      }
      break;
    }
    if (code[pos] === '{') {
      const close = matchBrace(code, pos, lineStarts, directiveLines);
      h.body = { start: pos, end: close };
    }
  }
  return out;
}

function skipSpaceAndDirectives(code: string, pos: number, lineStarts: number[], directiveLines: Set<number>): number {
  let i = pos;
  while (i < code.length) {
    const ch = code[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
      continue;
    }
    const line = lineOfOffset(lineStarts, i);
    if (directiveLines.has(line)) {
      let l = line;
      while (directiveLines.has(l + 1)) l++;
      i = lineStarts[l] ?? code.length;
      continue;
    }
    break;
  }
  return i;
}

/** Offset one past the `}` matching the `{` at `open` (braces on directive lines ignored); end of text if unmatched. */
export function matchBrace(code: string, open: number, lineStarts: number[], directiveLines: Set<number>): number {
  let depth = 0;
  let line = lineOfOffset(lineStarts, open);
  let nextLineStart = lineStarts[line] ?? Infinity;
  for (let i = open; i < code.length; i++) {
    if (i >= nextLineStart) {
      line++;
      nextLineStart = lineStarts[line] ?? Infinity;
      if (directiveLines.has(line)) {
        i = nextLineStart - 1;
        continue;
      }
    }
    const ch = code.charCodeAt(i);
    if (ch === 123) depth++;
    else if (ch === 125 && --depth === 0) return i + 1;
  }
  return code.length;
}
