/**
 * Where the declaration walker reads from: a whole file, or a macro's expansion standing in for one line of a file.
 * Either way it maps tree rows to file lines and guards, and finds doc comments and blanked attributes.
 */
import type { AttributeUse } from './preprocess-c.ts';
import type { DocIndex } from './doc-comments.ts';

/** What the walker needs to know about the text a tree was parsed from. */
export interface SourceView {
  path: string;
  library: string | null;
  documented: boolean;
  /** The parsed text (attributes and comments blanked), for slicing node text. */
  text: string;
  /** 1-based file line of a 0-based tree row. */
  line(row: number): number;
  /** The `#if` conditions around a 0-based tree row, outermost first. */
  guard(row: number): string[];
  docs: DocIndex | null;
  /** Attribute uses blanked out of `text`, sorted by offset. */
  attributes: AttributeUse[];
  /** The macro whose expansion this is, or null for a file. */
  declaredBy: string | null;
  /** True when an offset lies in a region handled elsewhere (syscall headers, file-scope macro statements). */
  skip(offset: number): boolean;
  /** Object-like macros whose bodies evaluate to integers give enum constants their `numeric` value. */
  macroValue(name: string): number | undefined;
  /** How deep each aggregate id is nested, and the lines of aggregates nested too deep to read. */
  nesting: Map<string, number>;
  tooDeep: number[];
  /** Ids already given out in this file; anonymous or repeated ones get a `#2`, `#3` suffix. */
  ids: Map<string, number>;
}

/** Attribute uses in [from, to), by binary search over the sorted list. */
export function attributesIn(view: SourceView, from: number, to: number): AttributeUse[] {
  const list = view.attributes;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as AttributeUse).start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: AttributeUse[] = [];
  for (let k = lo; k < list.length && (list[k] as AttributeUse).start < to; k++) out.push(list[k] as AttributeUse);
  return out;
}

/**
 * Where a declaration really starts: tree-sitter's node starts after any attribute blanked before it
 * (`__noreturn void f(void)`), so walk back over whitespace to the earliest such attribute.
 */
export function declarationStart(view: SourceView, nodeStart: number): number {
  let i = nodeStart - 1;
  const t = view.text;
  while (i >= 0 && isSpace(t.charCodeAt(i))) i--;
  const gap = attributesIn(view, i + 1, nodeStart);
  return gap.length ? (gap[0] as AttributeUse).start : nodeStart;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** A unique id for `base` within the file: `base`, then `base#2`, `base#3`. */
export function uniqueId(view: SourceView, base: string): string {
  const n = (view.ids.get(base) ?? 0) + 1;
  view.ids.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}
