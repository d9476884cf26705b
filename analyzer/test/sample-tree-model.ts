// The model of the whole bundled sample tree (every library), as the oracle tests compare it with the compiler.
import type { Model } from '../../model/schema.ts';
import { buildModel, type BuildModelOptions } from '../build-model.ts';
import { SAMPLE_TREE } from '../source/resolve-source.ts';
import { execRunner } from '../source/run-command.ts';

/** Analyzes the sample tree with `--libs all` (and any further options, such as `jobs`). */
export function sampleTreeModel(more: Partial<BuildModelOptions> = {}): Promise<Model> {
  return buildModel({
    source: { root: SAMPLE_TREE, origin: 'sample', repository: null },
    libs: 'all',
    run: execRunner,
    ...more,
  });
}
