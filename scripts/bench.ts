/**
 * `npm run bench`: speed goals as ratios against a baseline measured in the same run (never in timed tests).
 * Sections live in `scripts/bench/<section>.ts`; the analyzer runs by default, `--sections` picks from analyzer,
 * analyzer-per-lib (each lib/* on its own), site and live.
 *   npm run bench -- [--src DIR] [--libs all|a,b] [--rounds N] [--sections analyzer,analyzer-per-lib,site,live]
 * Exits 1 when a measured section misses its target, 2 on bad options or input.
 */
import { parseArgs } from 'node:util';
import { AnalyzerError } from '../analyzer/errors.ts';
import {
  ANALYZER_RATIO_TARGET,
  benchAnalyzer,
  benchAnalyzerPerLib,
  bestRatio,
  formatAnalyzerBench,
  formatAnalyzerPerLib,
} from './bench/analyzer.ts';

const USAGE = `Usage: npm run bench -- [--src DIR] [--libs all|a,b] [--rounds N] [--sections LIST]
  --src DIR        Unikraft tree (default: $UNIKRAFT_DIR, .cache/unikraft, else the bundled sample tree)
  --libs LIST      libraries for the analyzer section (default: all)
  --rounds N       measured rounds per section (medians are reported)
  --sections LIST  analyzer, analyzer-per-lib, site, live (default: analyzer,site,live)
Each section prints a ratio against a baseline measured in the same run; exit 1 when a target is missed.`;

function options(): { src?: string; libs?: string; rounds?: string; sections: string } {
  try {
    const { values } = parseArgs({
      options: {
        src: { type: 'string' },
        libs: { type: 'string' },
        rounds: { type: 'string' },
        sections: { type: 'string', default: 'analyzer,site,live' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return values;
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = options();
const sections = values.sections.split(',').map((s) => s.trim());
const rounds = values.rounds ? Number(values.rounds) : undefined;
let ok = true;

try {
  for (const section of sections) {
    if (section === 'analyzer-per-lib') {
      const rows = await benchAnalyzerPerLib({ src: values.src, rounds });
      for (const line of formatAnalyzerPerLib(rows)) console.log(line);
      ok &&= rows.every((r) => r.result.ratio <= ANALYZER_RATIO_TARGET);
    } else if (section === 'analyzer') {
      const libs = values.libs === undefined || values.libs === 'all' ? 'all' : values.libs.split(',');
      const r = await benchAnalyzer({ src: values.src, libs, rounds });
      for (const line of formatAnalyzerBench(r)) console.log(line);
      ok &&= bestRatio(r) <= ANALYZER_RATIO_TARGET;
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
      console.error(`Unknown bench section \`${section}\`; known: analyzer, analyzer-per-lib, site, live.`);
      process.exitCode = 1;
    }
  }
} catch (e) {
  if (!(e instanceof AnalyzerError)) throw e;
  console.error(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
  process.exitCode = 2;
}
if (!ok) process.exitCode = 1;
