/** Golden fixtures per construct: each `fixtures/<construct>/input.*` against its reviewed `expected.json`. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValidFacts } from '../robustness/analyze-bytes.ts';
import { extractFixture, simplifyFacts } from './extract-fixture.ts';

const root = join(import.meta.dirname, '..', 'fixtures');
const constructs = readdirSync(root).filter(
  (d) => !d.startsWith('callgraph-') && readdirSync(join(root, d)).some((f) => f.startsWith('input.')),
);

describe('extractFile golden fixtures', () => {
  it('covers every construct the issue names', () => {
    for (const c of [
      'ops-struct',
      'tailq-macros',
      'nested-aggregates',
      'enums',
      'syscall-macros',
      'attribute-macros',
      'guard-twins',
      'doc-comments',
      'macros',
      'globals-registrations',
      'prototypes-definitions',
      'parse-error-recovery',
    ]) {
      expect(constructs).toContain(c);
    }
  });
  for (const construct of constructs) {
    it(construct, async () => {
      const facts = extractFixture(join(root, construct));
      expectValidFacts(facts);
      await expect(JSON.stringify(simplifyFacts(facts), null, 2) + '\n').toMatchFileSnapshot(
        join(root, construct, 'expected.json'),
      );
    });
  }
});
