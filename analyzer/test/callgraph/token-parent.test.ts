/** tokenParent must answer exactly what the slower `descendantForIndex(…).parent` answers, everywhere. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseC } from '../../c/parse-c.ts';
import { scanMacros } from '../../c/scan-macros.ts';
import { tokenParent } from '../../callgraph/token-parent.ts';
import { listSources } from './fixture-model.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/sample-tree');

/** Every offset of `=`, `(`, `{` (and anything else listed) where the two lookups disagree, as `offset: a != b`. */
function disagreements(path: string, text: string): string[] {
  const p = parseC(path, text, scanMacros([{ path, text }]));
  const root = p.tree.rootNode;
  const out: string[] = [];
  const describe = (n: { type: string; startIndex: number; endIndex: number } | null) =>
    n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null';
  for (let i = 0; i < p.parsedText.length; i++) {
    if (!'=({[);,'.includes(p.parsedText[i] as string)) continue;
    const slow = describe(root.descendantForIndex(i, i + 1).parent);
    const fast = describe(tokenParent(root, i));
    if (slow !== fast) out.push(`${i}: ${slow} != ${fast}`);
  }
  return out;
}

describe('tokenParent', () => {
  it('agrees with descendantForIndex(…).parent in comments, strings, macros and ERROR regions', () => {
    const text = [
      '/* a = b; f(x) { } */',
      'static int x /* = */ = 1, y = (int){ 2 }.z;',
      'struct s v = { .f /* = */ = g, [1] = h, .k: 3 };',
      'void f(void) { char *s = "a=b(c){"; char c = \'=\'; x = f(1) + (y)(2); UK_TAILQ_FOREACH(t, &q, e) { x += 1; } }',
      '#define M(a) ((a) = 3)',
      'int g(int a { = ) ; }',
      'int h = ;',
      '',
    ].join('\n');
    expect(disagreements('t.c', text)).toEqual([]);
  });

  it('agrees on every file of the sample tree', () => {
    const files = listSources(SAMPLE);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(disagreements(f, readFileSync(join(SAMPLE, f), 'utf8')), f).toEqual([]);
  });
});
