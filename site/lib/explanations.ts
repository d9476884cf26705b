/** Loads the hand-written explanations (`<content>/explanations/<lang>/**.md`) and checks their frontmatter. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { ExplanationError, ExplanationFrontmatter } from './explanation-schema.ts';
import { findLinks, type LinkRef } from './links.ts';
import type { Lang } from './urls.ts';

/** One explanation file, validated, with the line each part starts on (for warnings). */
export interface Explanation {
  lang: Lang;
  /** Path relative to the repository root (or the content dir's parent), for messages. */
  file: string;
  symbol: string;
  title: string | undefined;
  body: string;
  bodyLine: number;
  fields: Record<string, string>;
  /** Line of each field key in the file. */
  fieldLines: Record<string, number>;
  /** Every `{@link}` in the file (frontmatter and body) with its line. */
  links: LinkRef[];
}

async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Parses one file's text; throws `ExplanationError` naming the file, field and fix. */
export function parseExplanation(text: string, file: string, lang: Lang): Explanation {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) {
    throw new ExplanationError(
      `\`${file}\` has no frontmatter. Start it with \`---\`, a \`symbol: <kind> <name>\` line, and \`---\`.`,
    );
  }
  let data: unknown;
  try {
    data = yaml.load(m[1]!, { schema: yaml.JSON_SCHEMA });
  } catch (e) {
    throw new ExplanationError(
      `\`${file}\`: the frontmatter is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = ExplanationFrontmatter.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'frontmatter';
    throw new ExplanationError(
      `\`${file}\`: field \`${field}\` ${issue.message}. Fix the frontmatter: \`symbol: <kind> <name>\`, optional \`title\`, and \`fields\` (field name → text) for structs.`,
    );
  }
  const lines = text.split('\n');
  const fieldLines: Record<string, number> = {};
  for (const name of Object.keys(parsed.data.fields ?? {})) {
    const i = lines.findIndex((l) => new RegExp(`^\\s+['"]?${name.replace(/\W/g, '\\$&')}['"]?\\s*:`).test(l));
    fieldLines[name] = i >= 0 ? i + 1 : 1;
  }
  const bodyLine = m[0].split('\n').length;
  return {
    lang,
    file,
    symbol: parsed.data.symbol.replace(/\s+/g, ' ').trim(),
    title: parsed.data.title,
    body: text.slice(m[0].length),
    bodyLine,
    fields: parsed.data.fields ?? {},
    fieldLines,
    links: findLinks(text),
  };
}

/** Reads every explanation of both languages; a missing directory gives none. */
export async function loadExplanations(contentDir: string, langs: Lang[]): Promise<Explanation[]> {
  const out: Explanation[] = [];
  for (const lang of langs) {
    for (const path of await listMarkdown(join(contentDir, 'explanations', lang))) {
      const file = relative(join(contentDir, '..'), path);
      out.push(parseExplanation(await readFile(path, 'utf8'), file, lang));
    }
  }
  return out;
}
