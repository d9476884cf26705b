/**
 * Reads which sources a library builds from its `Makefile.uk`: `LIBX_SRCS-y += …` and `LIBX_SRCS-$(CONFIG_Y) += …`
 * lines (several files per line, `\` continuations, `|flavour` suffixes), inside `ifeq`/`ifneq`/`ifdef` blocks.
 */
import type { Diagnostic, SourceEntry } from '../../model/schema.ts';

/** Sources in file order, and what could not be understood. */
export interface MakefileUkResult {
  sources: SourceEntry[];
  /** `-I` directories the library adds to the include path (`CINCLUDES-…`, `LIBX_CINCLUDES-…`), relative to the root. */
  includeDirs: string[];
  diagnostics: Diagnostic[];
}

/** Where the library lives, so that `$(LIBX_BASE)` can be replaced by it. */
export interface MakefileUkOptions {
  /** Path of the `Makefile.uk`, recorded on diagnostics. */
  file: string;
  /** Library directory relative to the source root (`lib/uksched`). */
  libPath: string;
  /** Value of `$(CONFIG_UK_ARCH)` in source and include paths (default `x86_64`). */
  arch?: string;
  /**
   * The library's files (relative to the source root). With them, a source written with `$(CONFIG_UK_ARCH)` becomes
   * one entry per architecture whose file exists, each built under that architecture's option as well
   * (`arch/arm64/clone.c` under `… && CONFIG_ARCH_ARM_64`); without them, `arch` stands in.
   */
  files?: readonly string[];
}

/** `$(CONFIG_UK_ARCH)` values and the Config.uk option that selects each. */
const ARCHES: readonly [string, string][] = [
  ['x86_64', 'CONFIG_ARCH_X86_64'],
  ['arm64', 'CONFIG_ARCH_ARM_64'],
  ['arm', 'CONFIG_ARCH_ARM_32'],
];

const SRCS = /^([A-Za-z0-9_]+)_SRCS-(y|\$\((CONFIG_[A-Za-z0-9_]+)\))\s*(\+?=|:=)\s*(.*)$/;
const ADDLIB = /\$\(call\s+addlib(?:_s)?\s*,\s*([A-Za-z0-9_]+)/;

/** Parses one `Makefile.uk`; never throws. Conditions of enclosing blocks are joined with ` && `. */
export function parseMakefileUk(text: string, options: MakefileUkOptions): MakefileUkResult {
  const { file, libPath } = options;
  const sources: SourceEntry[] = [];
  const includeDirs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const bases = new Set<string>();
  const conds: { cond: string | null; negated: boolean }[] = [];
  const lines = text.split('\n');

  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let line = stripComment(lines[i] as string);
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      line = line.replace(/\\\s*$/, ' ') + stripComment(lines[++i] as string);
    }
    line = line.trim();
    if (line === '') continue;

    const addlib = ADDLIB.exec(line);
    if (addlib) bases.add(`${(addlib[1] as string).toUpperCase()}_BASE`);

    const directive = /^(ifeq|ifneq|ifdef|ifndef|else|endif)\b\s*(.*)$/.exec(line);
    if (directive) {
      const [, kw, arg = ''] = directive;
      if (kw === 'endif') {
        if (!conds.pop()) diag(diagnostics, file, startLine, '`endif` without a matching `ifeq`/`ifdef`; ignored it.');
      } else if (kw === 'else') {
        const top = conds[conds.length - 1];
        if (top) top.negated = !top.negated;
        else diag(diagnostics, file, startLine, '`else` without a matching `ifeq`/`ifdef`; ignored it.');
      } else {
        conds.push({ cond: conditionOf(kw as string, arg.trim()), negated: false });
      }
      continue;
    }

    if (/^[A-Za-z0-9_]*INCLUDES[A-Za-z0-9_]*-\S*\s*\+?=/.test(line)) {
      for (const flag of line.matchAll(/-I\s*(\S+)/g)) {
        const dir = resolvePath(
          (flag[1] as string).replaceAll('$(CONFIG_UK_ARCH)', options.arch ?? 'x86_64'),
          bases,
          libPath,
        );
        if (dir !== null && !dir.includes('$(') && !includeDirs.includes(dir)) includeDirs.push(dir);
      }
      continue;
    }
    const m = SRCS.exec(line);
    if (!m) continue;
    const [, prefix, , config, , value = ''] = m;
    bases.add(`${prefix}_BASE`);
    const parts = conds
      .filter((c) => c.cond !== null)
      .map((c) => (c.negated ? negate(c.cond as string) : (c.cond as string)));
    if (config) parts.push(config);
    for (const word of value.split(/\s+/).filter(Boolean)) {
      const raw = word.split('|')[0] as string;
      const perArch =
        options.files && raw.includes('$(CONFIG_UK_ARCH)') ? archVariants(raw, bases, libPath, options.files) : [];
      for (const v of perArch)
        sources.push({ file: v.path, config: [...parts, v.option].join(' && '), line: startLine });
      if (perArch.length) continue;
      const written = raw.replaceAll('$(CONFIG_UK_ARCH)', options.arch ?? 'x86_64');
      const path = resolvePath(written, bases, libPath);
      if (path === null) {
        diag(
          diagnostics,
          file,
          startLine,
          `Kept \`${written}\` as written: it does not start with a base variable of this library or the tree.`,
          'info',
        );
      }
      sources.push({ file: path ?? written, config: parts.length ? parts.join(' && ') : null, line: startLine });
    }
  }
  if (conds.length) diag(diagnostics, file, lines.length, `${conds.length} \`ifeq\`/\`ifdef\` block(s) never closed.`);
  return { sources, includeDirs, diagnostics };
}

/** The paths a `$(CONFIG_UK_ARCH)` source takes for each architecture, kept when the library has that file. */
function archVariants(
  raw: string,
  bases: Set<string>,
  libPath: string,
  files: readonly string[],
): { path: string; option: string }[] {
  const out: { path: string; option: string }[] = [];
  for (const [arch, option] of ARCHES) {
    const path = resolvePath(raw.replaceAll('$(CONFIG_UK_ARCH)', arch), bases, libPath);
    if (path !== null && files.includes(path)) out.push({ path, option });
  }
  return out;
}

/**
 * `ifeq ($(CONFIG_X),y)` → `CONFIG_X`; `ifneq ($(CONFIG_X),y)` → `!CONFIG_X`; `ifneq ($(filter y,$(CONFIG_A)
 * $(CONFIG_B)),)` (any of them set) → `CONFIG_A || CONFIG_B`; other tests are kept as written.
 */
function conditionOf(kw: string, arg: string): string | null {
  if (kw === 'ifdef' || kw === 'ifndef') {
    const name = arg.replace(/^\$\((.*)\)$/, '$1');
    return kw === 'ifdef' ? name : `!${name}`;
  }
  const inner = /^\((.*)\)$/.exec(arg)?.[1] ?? arg;
  const [a = '', b = ''] = splitTopComma(inner).map((s) => s.trim());
  const anyOf = /^\$\(filter\s+y\s*,\s*((?:\$\(CONFIG_[A-Za-z0-9_]+\)\s*)+)\)$/.exec(a);
  if (anyOf && b === '') {
    const names = [...(anyOf[1] as string).matchAll(/\$\((CONFIG_[A-Za-z0-9_]+)\)/g)].map((x) => x[1] as string);
    const any = names.length === 1 ? (names[0] as string) : `(${names.join(' || ')})`;
    return kw === 'ifneq' ? any : `!${any}`;
  }
  const pick = (x: string, y: string): string | null => {
    const v = /^\$\((CONFIG_[A-Za-z0-9_]+)\)$/.exec(x)?.[1];
    if (!v) return null;
    if (y === 'y') return kw === 'ifeq' ? v : `!${v}`;
    if (y === '') return kw === 'ifeq' ? `!${v}` : v;
    return null;
  };
  return pick(a, b) ?? pick(b, a) ?? `${kw} (${inner})`;
}

function negate(cond: string): string {
  if (/^![A-Za-z0-9_]+$/.test(cond)) return cond.slice(1);
  if (/^[A-Za-z0-9_]+$/.test(cond)) return `!${cond}`;
  return `!(${cond})`;
}

function splitTopComma(s: string): string[] {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s];
}

/** Base variables of the tree itself, relative to the source root. */
const TREE_BASES: Record<string, string> = { CONFIG_UK_BASE: '', UK_BASE: '', UK_PLAT_COMMON_BASE: 'plat/common' };

/** Replaces the library's `$(X_BASE)` (or a base of the tree) with its path; null when the word starts otherwise. */
function resolvePath(word: string, bases: Set<string>, libPath: string): string | null {
  const m = /^\$\(([A-Za-z0-9_]+)\)\/?(.*)$/.exec(word);
  if (!m) return null;
  const name = m[1] as string;
  const rest = m[2] as string;
  const base = bases.has(name) ? libPath : TREE_BASES[name];
  if (base === undefined) return null;
  return [base, rest].filter(Boolean).join('/');
}

function stripComment(line: string): string {
  const i = line.indexOf('#');
  return i < 0 ? line : line.slice(0, i);
}

function diag(
  out: Diagnostic[],
  file: string,
  line: number,
  message: string,
  severity: Diagnostic['severity'] = 'warning',
): void {
  out.push({ file, line, severity, code: 'makefile-uk-syntax', message });
}
