/** Makes aggregate and enum ids unique across the whole model, rewriting the references that point at them. */
import type { Enum, Struct } from '../model/schema.ts';

/**
 * The extractor keeps ids unique within a file; two files may still both declare `struct:foo` (arch variants, guard
 * twins in different headers). Later files (in path order) get `#2`, `#3`, … and their own references follow.
 */
export function uniquifyIds(perFile: { structs: Struct[]; enums: Enum[] }[]): void {
  const used = new Set<string>();
  const fresh = (id: string): string => {
    if (!used.has(id)) return id;
    const base = id.replace(/#\d+$/, '');
    let n = 2;
    while (used.has(`${base}#${n}`)) n++;
    return `${base}#${n}`;
  };
  for (const facts of perFile) {
    const renamed = new Map<string, string>();
    for (const s of facts.structs) {
      const id = fresh(s.id);
      if (id !== s.id) renamed.set(s.id, id);
      used.add(id);
    }
    for (const e of facts.enums) {
      const id = fresh(e.id);
      if (id !== e.id) renamed.set(e.id, id);
      used.add(id);
    }
    if (renamed.size === 0) continue;
    const map = (id: string | null) => (id !== null ? (renamed.get(id) ?? id) : null);
    for (const s of facts.structs) {
      s.id = map(s.id) as string;
      s.parent = map(s.parent);
      for (const f of s.fields) f.aggregate = map(f.aggregate);
    }
    for (const e of facts.enums) e.id = map(e.id) as string;
  }
}
