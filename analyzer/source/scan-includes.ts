/** Finds `#include` lines without parsing, so that the header closure is known before the one real parse. */

/** One include directive as written. */
export interface IncludeLine {
  name: string;
  line: number;
  /** `"x"` rather than `<x>`: the including file's directory is searched first. */
  quoted: boolean;
}

const INCLUDE = /^[ \t]*#[ \t]*include[ \t]*(?:<([^>\n]+)>|"([^"\n]+)")/gm;

/** Every `#include <…>` / `#include "…"` at the start of a line, in order. */
export function scanIncludes(text: string): IncludeLine[] {
  const out: IncludeLine[] = [];
  let line = 1;
  let last = 0;
  for (let m = INCLUDE.exec(text); m; m = INCLUDE.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    out.push({ name: (m[1] ?? m[2]) as string, line, quoted: m[2] !== undefined });
  }
  return out;
}
