/**
 * The `sizeof`s of structs and unions in one function body (model `functions[].sizes`): where instances are
 * allocated, cleared or copied. Only operands that name the aggregate itself are read — `sizeof(struct X)`, a typedef
 * of it, `sizeof(*p)` / `sizeof *p` with `p` a `struct X *`, `sizeof(v)` with `v` a `struct X` — so every entry is
 * exact; `sizeof(struct X *)`, `sizeof(p->field)` and other expressions are left out.
 */
import type { SizeUse } from '../../model/schema.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import type { TypeIndex } from './c-type.ts';
import type { Env } from './expr-type.ts';
import type { FunctionBody } from './function-body.ts';
import { neverCalled } from './scan-scope.ts';

const IDENT = /[A-Za-z_]\w*$/;

/** The size uses in the body, in source order. */
export function sizeUses(body: FunctionBody): SizeUse[] {
  const { code, start, end, lineStarts, lookup, types } = body;
  const out: SizeUse[] = [];
  const first = code.indexOf('sizeof', start);
  if (first === -1 || first >= end) return out;
  // Open parentheses, each with the call or macro name before it (null for grouping and keywords).
  const open: (string | null)[] = [];
  for (let i = start; i < end; i++) {
    const c = code[i]!;
    if (c === '(') {
      const name = IDENT.exec(code.slice(Math.max(start, i - 64), i).trimEnd())?.[0] ?? null;
      open.push(name && !neverCalled(name) ? name : null);
      continue;
    }
    if (c === ')') {
      open.pop();
      continue;
    }
    if (c === ';' || c === '{' || c === '}') {
      open.length = 0;
      continue;
    }
    if (c !== 's' || !code.startsWith('sizeof', i) || /\w/.test(code[i - 1] ?? '') || /\w/.test(code[i + 6] ?? ''))
      continue;
    const operand = readOperand(code, i + 6, end);
    if (!operand) continue;
    const aggregate = aggregateOf(operand.text, lookup, types);
    if (aggregate) {
      out.push({
        aggregate,
        line: lineOfOffset(lineStarts, i),
        text: `sizeof${operand.parenthesized ? `(${operand.text})` : ` ${operand.text}`}`,
        within: open.filter((n): n is string => n !== null),
      });
    }
  }
  return out;
}

/** The operand after `sizeof`: a parenthesized one, or a unary `*p` / `v`; whitespace collapsed. */
function readOperand(text: string, from: number, end: number): { text: string; parenthesized: boolean } | null {
  let i = from;
  while (i < end && /\s/.test(text[i]!)) i++;
  if (text[i] === '(') {
    let depth = 0;
    for (let j = i; j < end; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0)
        return {
          text: text
            .slice(i + 1, j)
            .replace(/\s+/g, ' ')
            .trim(),
          parenthesized: true,
        };
    }
    return null;
  }
  const m = /^\*?\s*[A-Za-z_]\w*/.exec(text.slice(i, Math.min(end, i + 128)));
  return m ? { text: m[0].replace(/\s+/g, ''), parenthesized: false } : null;
}

/** The aggregate an operand names, or null (see the module comment for the shapes read). */
function aggregateOf(operand: string, lookup: Env['lookup'], types: TypeIndex): string | null {
  const deref = /^\*\s*([A-Za-z_]\w*)$/.exec(operand);
  if (deref) {
    const t = lookup(deref[1]!)?.type;
    return t && !t.fnptr && t.ptr === 1 && t.struct ? t.struct : null;
  }
  if (/^[A-Za-z_]\w*$/.test(operand)) {
    const v = lookup(operand);
    if (v) return v.type && !v.type.fnptr && v.type.ptr === 0 && v.type.struct ? v.type.struct : null;
  }
  if (!/^(?:(?:const|volatile)\s+)*(?:(?:struct|union)\s+)?[A-Za-z_]\w*$/.test(operand)) return null;
  const t = types.parse(operand);
  return t && !t.fnptr && t.ptr === 0 && t.struct ? t.struct : null;
}
