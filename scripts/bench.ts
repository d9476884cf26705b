/**
 * `npm run bench`: speed goals as ratios against a baseline measured in the same run (never in timed tests).
 * Sections live in `scripts/bench/<section>.ts`; the analyzer runs by default, `--sections analyzer,site,live` picks.
 *   npm run bench -- [--src DIR] [--libs all|a,b] [--rounds N] [--sections analyzer,site,live]
 * Exits 1 when a measured section misses its target.
 */
import { parseArgs } from 'node:util';
import { AnalyzerError } from '../analyzer/errors.ts';
import { benchAnalyzer, formatAnalyzerBench, ANALYZER_RATIO_TARGET } from './bench/analyzer.ts';

const { values } = parseArgs({
  options: {
    src: { type: 'string' },
    libs: { type: 'string' },
    rounds: { type: 'string' },
    sections: { type: 'string', default: 'analyzer' },
  },
});
const sections = values.sections.split(',').map((s) => s.trim());
const rounds = values.rounds ? Number(values.rounds) : undefined;
let ok = true;

try {
  for (const section of sections) {
    if (section === 'analyzer') {
      const libs = values.libs === undefined || values.libs === 'all' ? 'all' : values.libs.split(',');
      const r = await benchAnalyzer({ src: values.src, libs, rounds });
      for (const line of formatAnalyzerBench(r)) console.log(line);
      ok &&= r.ratio <= ANALYZER_RATIO_TARGET;
    } else if (section === 'site') {
      const { benchSite, formatSiteBench } = await import('./bench/site.ts');
      const r = await benchSite({ src: values.src });
      console.log('\n## Site');
      for (const line of formatSiteBench(r)) console.log(`  ${line}`);
      ok &&= r.ratio === null || r.ratio <= 1;
    } else if (section === 'live') {
      const { benchLive, printLiveBench } = await import('./bench/live.ts');
      ok &&= printLiveBench(await benchLive(rounds));
    } else {
      console.error(`Unknown bench section \`${section}\`; known: analyzer, site, live.`);
      process.exitCode = 1;
    }
  }
} catch (e) {
  if (!(e instanceof AnalyzerError)) throw e;
  console.error(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
  process.exitCode = 2;
}
if (!ok) process.exitCode = 1;
