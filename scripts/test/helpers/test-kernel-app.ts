/** The shipped manifest's `test-kernel` entry, built and resolved exactly as `npm run live` does, for the boot tests. */
import { resolve } from 'node:path';
import { buildTestKernel } from '../../test-kernel/build-test-kernel.ts';
import { loadManifest, type ResolvedApp } from '../../live/load-manifest.ts';
import { execRunner } from '../../live/runner.ts';

const SHIPPED = resolve(import.meta.dirname, '../../apps.manifest.json');

/** Builds the test kernel (cached) and returns its manifest entry with `overrides` applied. */
export async function testKernelApp(overrides: Partial<ResolvedApp> = {}): Promise<ResolvedApp> {
  const app = (await loadManifest(SHIPPED, {})).find((a) => a.name === 'test-kernel');
  if (!app) throw new Error('The shipped manifest has no `test-kernel` entry.');
  await buildTestKernel(app.kernel, execRunner);
  return { ...app, ...overrides };
}
