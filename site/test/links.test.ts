// Every internal link of the site built from the sample tree resolves: pages, assets, anchors on the same or other
// pages, and `#L123` line anchors into source-file pages. The checker itself is tested in links-checker.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '../../model/index.ts';
import { builtSampleSite, type BuiltSite } from './support/built-site.ts';
import { checkLinks, type LinkReport } from './support/check-links.ts';

describe('internal links of the built sample site', () => {
  let site: BuiltSite;
  let report: LinkReport;

  beforeAll(async () => {
    site = await builtSampleSite();
    report = await checkLinks(site.dist);
  }, 600_000);

  it('has zero broken links or anchors', () => {
    const lines = report.broken.map((b) => `${b.page}: ${b.attribute} ${b.url} (${b.reason})`);
    expect(lines).toEqual([]);
  });

  it('actually followed the links of every symbol page, in both languages', async () => {
    const model = await readModel(site.model);
    const named = model.structs.filter((s) => s.name !== null && s.documented).length;
    // Each documented struct has a page in English and in Chinese; the site has more pages besides.
    expect(report.pages).toBeGreaterThan(2 * named);
    expect(report.checked).toBeGreaterThan(report.pages);
    expect(report.anchors).toBeGreaterThan(0);
    expect(report.lineAnchors).toBeGreaterThan(0);
  });
});
