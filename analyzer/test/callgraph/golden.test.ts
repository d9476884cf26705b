/** Golden call graphs, one fixture per resolution rule (issue 3); review the `.txt` diffs by eye after `-u`. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallGraph } from '../../callgraph/build-call-graph.ts';
import { describeCalls, fixtureInput } from './fixture-model.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dirs = readdirSync(FIXTURES)
  .filter((d) => d.startsWith('callgraph-'))
  .sort();

describe('call graph golden fixtures', () => {
  for (const dir of dirs) {
    it(dir, async () => {
      const graph = buildCallGraph(fixtureInput(join(FIXTURES, dir)));
      await expect(describeCalls(graph)).toMatchFileSnapshot(join(FIXTURES, dir, 'calls.golden.txt'));
    });
  }
});
