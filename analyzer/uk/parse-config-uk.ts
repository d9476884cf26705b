/**
 * Reads Kconfig files (`Config.uk`) into plain option records. Kconfig has no formal grammar we can lean on here,
 * so this follows the shapes Unikraft uses: `config`/`menuconfig` entries with indented properties, `if`/`menu`/
 * `choice` blocks whose conditions become each option's guard, and indentation-based help text.
 */
import type { ConfigOption, Diagnostic } from '../../model/schema.ts';

/** Options in file order plus anything the parser had to skip. */
export interface ConfigUkResult {
  options: ConfigOption[];
  diagnostics: Diagnostic[];
}

const TYPES = new Set(['bool', 'tristate', 'int', 'hex', 'string']);
const ENTRY = /^(config|menuconfig|choice|endchoice|menu|endmenu|if|endif|source|comment)\b/;

interface Block {
  kind: 'if' | 'menu' | 'choice';
  /** Conditions this block adds to the guard of what it encloses. */
  conds: string[];
  /** For a choice: its `default` lines (the member chosen unless the user picks another) and its first option. */
  defaults?: { value: string; if: string | null }[];
  firstOption?: number;
}

/** Parses the text of one `Config.uk`; `file` is the path recorded on every option. Never throws. */
export function parseConfigUk(file: string, text: string): ConfigUkResult {
  const lines = text.split('\n');
  const options: ConfigOption[] = [];
  const diagnostics: Diagnostic[] = [];
  const blocks: Block[] = [];
  /** The entry whose properties the following lines set (an option, or a menu/choice header). */
  let current: { option?: ConfigOption; block?: Block } | null = null;

  const guard = (): string[] => blocks.flatMap((b) => b.conds);

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = stripComment(raw).trim();
    if (line === '') continue;
    const [keyword = '', rest = ''] = splitFirst(line);

    switch (keyword) {
      case 'config':
      case 'menuconfig': {
        const option: ConfigOption = {
          name: rest.trim(),
          type: null,
          prompt: null,
          defaults: [],
          dependsOn: [],
          select: [],
          help: null,
          guard: guard(),
          file,
          line: i + 1,
        };
        options.push(option);
        current = { option };
        continue;
      }
      case 'if':
        blocks.push({ kind: 'if', conds: [rest.trim()] });
        current = null;
        continue;
      case 'menu':
      case 'choice': {
        const block: Block =
          keyword === 'choice'
            ? { kind: keyword, conds: [], defaults: [], firstOption: options.length }
            : { kind: keyword, conds: [] };
        blocks.push(block);
        current = { block };
        continue;
      }
      case 'endif':
      case 'endmenu':
      case 'endchoice': {
        const want = keyword.slice(3);
        const top = blocks[blocks.length - 1];
        if (top?.kind === want) {
          blocks.pop();
          if (top.kind === 'choice') applyChoiceDefaults(top, options);
        } else diag(diagnostics, file, i + 1, `\`${keyword}\` without a matching \`${want}\`; ignored it.`);
        current = null;
        continue;
      }
      case 'source':
      case 'comment':
      case 'mainmenu':
      case 'orsource':
      case 'rsource':
        current = null;
        continue;
      case 'help':
      case '---help---': {
        const { help, next } = readHelp(lines, i + 1, indentOf(raw));
        if (current?.option) current.option.help = help;
        i = next - 1;
        continue;
      }
    }

    if (!current) {
      diag(diagnostics, file, i + 1, `Skipped \`${truncate(line)}\`: a property outside any \`config\` entry.`);
      continue;
    }
    const { option, block } = current;
    if (block) {
      // Properties of a menu or choice header: only conditions matter for the guard of what it encloses.
      if (keyword === 'depends' && rest.startsWith('on ')) block.conds.push(rest.slice(3).trim());
      else if (keyword === 'default' && block.defaults) {
        const { value, cond } = splitIf(rest);
        block.defaults.push({ value, if: cond });
      } else if (keyword === 'visible' && rest.startsWith('if ')) block.conds.push(rest.slice(3).trim());
      continue;
    }
    if (!option) continue;
    if (TYPES.has(keyword)) {
      option.type = keyword as ConfigOption['type'];
      if (rest.trim()) option.prompt = unquote(splitIf(rest).value);
    } else if (keyword === 'def_bool' || keyword === 'def_tristate') {
      option.type = keyword === 'def_bool' ? 'bool' : 'tristate';
      const { value, cond } = splitIf(rest);
      option.defaults.push({ value, if: cond });
    } else if (keyword === 'prompt') {
      option.prompt = unquote(splitIf(rest).value);
    } else if (keyword === 'default') {
      const { value, cond } = splitIf(rest);
      option.defaults.push({ value, if: cond });
    } else if (keyword === 'depends' && rest.startsWith('on ')) {
      option.dependsOn.push(rest.slice(3).trim());
    } else if (keyword === 'select') {
      option.select.push(rest.trim());
    } else if (keyword === 'imply') {
      (option.imply ??= []).push(rest.trim());
    } else if (keyword === 'range') {
      option.range = rest.trim();
    } else if (keyword === 'option' || keyword === 'modules' || keyword === 'transitional') {
      // Kconfig flags with no meaning for documentation.
    } else {
      diag(diagnostics, file, i + 1, `Skipped unknown property \`${truncate(line)}\` of \`${option.name}\`.`);
    }
  }
  for (const b of blocks) diag(diagnostics, file, lines.length, `\`${b.kind}\` block is never closed.`);
  return { options, diagnostics };
}

/** Help text runs while lines are blank or indented at least as much as its first line; it is dedented. */
function readHelp(lines: string[], start: number, helpIndent: number): { help: string | null; next: number } {
  let textIndent = -1;
  let i = start;
  const body: string[] = [];
  for (; i < lines.length; i++) {
    const l = (lines[i] as string).replace(/\s+$/, '');
    if (l === '') {
      body.push('');
      continue;
    }
    const ind = indentOf(l);
    if (textIndent < 0) {
      // As in Kconfig, any indentation starts the text, even that of `help` itself; an entry keyword at or left of
      // `help` means the help text is empty.
      if (ind === 0 || (ind <= helpIndent && ENTRY.test(l.trim()))) break;
      textIndent = ind;
    } else if (ind < textIndent) break;
    body.push(dedent(l, textIndent));
  }
  while (body.length && body[body.length - 1] === '') body.pop();
  // Trailing blank lines belong to whatever follows.
  let next = i;
  while (next > start && (lines[next - 1] as string).trim() === '') next--;
  const help = body.join('\n').trim() === '' ? null : body.join('\n');
  return { help, next: Math.max(next, start) };
}

/** Column of the first non-blank character, tabs counting to the next multiple of 8 (as Kconfig does). */
function indentOf(line: string): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col = (Math.floor(col / 8) + 1) * 8;
    else break;
  }
  return col;
}

/** Removes `cols` columns of leading whitespace, expanding tabs as needed. */
function dedent(line: string, cols: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < cols) {
    const ch = line[i];
    if (ch === ' ') col++;
    else if (ch === '\t') col = (Math.floor(col / 8) + 1) * 8;
    else break;
    i++;
  }
  return ' '.repeat(Math.max(0, col - cols)) + line.slice(i);
}

/** Drops a `#` comment that is not inside a quoted string. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function splitFirst(line: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/.exec(line);
  return m ? [m[1] as string, m[2] as string] : [line, ''];
}

/** Splits `value if cond` at the first top-level ` if ` outside quotes. */
function splitIf(text: string): { value: string; cond: string | null } {
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /\s/.test(ch as string) && /^\s+if\s/.test(text.slice(i))) {
      const m = /^\s+if\s+/.exec(text.slice(i)) as RegExpExecArray;
      return { value: text.slice(0, i).trim(), cond: text.slice(i + m[0].length).trim() };
    }
  }
  return { value: text.trim(), cond: null };
}

function unquote(s: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(s) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(s);
  return m ? (m[1] as string).replace(/\\(.)/g, '$1') : s;
}

function truncate(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

function diag(out: Diagnostic[], file: string, line: number, message: string): void {
  out.push({ file, line, severity: 'warning', code: 'config-uk-syntax', message });
}

/**
 * A choice's `default X [if C]` makes member X `y` (under C) while the choice is visible, and every other member `n`:
 * the chosen member gets that default, as Kconfig computes it.
 */
function applyChoiceDefaults(choice: Block, options: ConfigOption[]): void {
  for (const d of choice.defaults ?? [])
    for (const o of options.slice(choice.firstOption ?? options.length))
      if (o.name === d.value) o.defaults.push({ value: 'y', if: d.if });
}
