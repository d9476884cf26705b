/** Matching the expected console line, and keeping console text to a size a record can hold. */
import type { Expect } from './manifest.ts';

/** The first console line that satisfies `expect` (contains `line`, or matches `regex`), or null. */
export function findExpected(text: string, expect: Expect): string | null {
  const re = 'regex' in expect ? new RegExp(expect.regex) : null;
  for (const line of text.split('\n')) {
    if (re ? re.test(line) : line.includes((expect as { line: string }).line)) return line.trim();
  }
  return null;
}

/** Keeps the last `max` characters, cut at a line start, and says whether anything was dropped. */
export function truncateConsole(text: string, max = 64 * 1024): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const tail = text.slice(-max);
  const nl = tail.indexOf('\n');
  return { text: nl >= 0 ? tail.slice(nl + 1) : tail, truncated: true };
}
