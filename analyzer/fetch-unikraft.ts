/**
 * `npm run fetch-unikraft`: clones the pinned Unikraft release into `.cache/unikraft` (the only command, with
 * `--fetch`, that downloads anything), so later runs find it as the `cache` origin. A present clone is kept.
 */
import { AnalyzerError } from './errors.ts';
import { PINNED_TAG } from './source/pinned-release.ts';
import { resolveSource } from './source/resolve-source.ts';
import { execRunner } from './source/run-command.ts';

try {
  // An empty environment: UNIKRAFT_DIR must not stop the clone this command exists to make.
  const r = await resolveSource({ env: {}, fetch: true, run: execRunner });
  console.log(r.origin === 'clone' ? `Cloned ${PINNED_TAG} into ${r.root}` : `Already there: ${r.root} (${r.origin})`);
} catch (e) {
  if (!(e instanceof AnalyzerError)) throw e;
  console.error(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
  process.exitCode = e.exitCode;
}
