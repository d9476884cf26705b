/**
 * Robustness over generated bad input: random bytes, truncated fixtures, CRLF and CR line ends, invalid UTF-8,
 * a 10 MB file and very deep nesting. The C layer must never throw, must return valid model entities, and must
 * say what it could not read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBytes, seeded } from './analyze-bytes.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const inputs = readdirSync(fixtures)
  .filter((d) => !d.startsWith('callgraph-'))
  .flatMap((d) =>
    readdirSync(join(fixtures, d))
      .filter((f) => /\.[ch]$/.test(f))
      .map((f) => join(fixtures, d, f)),
  );
const enc = new TextEncoder();

/** Names and lines of everything extracted, to compare two runs. */
function outline(f: ReturnType<typeof analyzeBytes>): string[] {
  return [
    ...f.structs.map(
      (s) => `struct ${s.id} ${s.line}-${s.endLine} ${s.fields.map((x) => `${x.name}@${x.line}`).join(',')}`,
    ),
    ...f.enums.map((e) => `enum ${e.id} ${e.line}`),
    ...f.typedefs.map((t) => `typedef ${t.name} ${t.line}`),
    ...f.macros.map((m) => `macro ${m.name} ${m.line}-${m.endLine}`),
    ...f.globals.map((g) => `global ${g.name} ${g.line}`),
    ...f.functions.map((x) => `${x.kind} ${x.name} ${x.line}-${x.endLine}`),
  ];
}

describe('C layer on generated bad input', () => {
  it('has fixtures to mutate', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(12);
  });

  it('survives random bytes (fixed seed), flagging binary junk', () => {
    const rnd = seeded(0x5eed);
    for (let k = 0; k < 60; k++) {
      const size = Math.floor(rnd() * 4000);
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) bytes[i] = Math.floor(rnd() * 256);
      const facts = analyzeBytes(`random-${k}.c`, bytes);
      if (bytes.includes(0)) {
        expect(facts.diagnostics.map((d) => d.code)).toContain('binary-file');
        expect(facts.lines).toBe(0);
      }
    }
  });

  it('survives random printable C-ish text', () => {
    const rnd = seeded(42);
    const alphabet =
      'struct union enum typedef static inline { } ( ) [ ] ; , * # define if endif " \' / \\ \n\t x y UK_TAILQ_HEAD( UK_SYSCALL_R_DEFINE( __attribute__(( '.split(
        ' ',
      );
    for (let k = 0; k < 80; k++) {
      let s = '';
      const n = Math.floor(rnd() * 400);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)] + (rnd() < 0.5 ? ' ' : '');
      analyzeBytes(`soup-${k}.c`, enc.encode(s));
    }
  });

  it('survives every fixture truncated at many offsets', () => {
    for (const file of inputs) {
      const bytes = readFileSync(file);
      const step = Math.max(1, Math.floor(bytes.length / 40));
      for (let cut = 0; cut <= bytes.length; cut += step) analyzeBytes(file, bytes.subarray(0, cut));
    }
  });

  it('reads CRLF and CR files exactly like LF ones (same entities, same lines)', () => {
    for (const file of inputs) {
      const text = readFileSync(file, 'utf8');
      const lf = outline(analyzeBytes(file, enc.encode(text)));
      expect(outline(analyzeBytes(file, enc.encode(text.replace(/\n/g, '\r\n'))))).toEqual(lf);
      expect(outline(analyzeBytes(file, enc.encode(text.replace(/\n/g, '\r'))))).toEqual(lf);
    }
  });

  it('reports invalid UTF-8 on the right line and keeps every entity', () => {
    for (const file of inputs) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      // A stray 0xFF byte in a line comment at the end of a middle line (not one a backslash continues).
      let at = Math.floor(lines.length / 2);
      while (at < lines.length - 1 && (lines[at]?.endsWith('\\') || lines[at - 1]?.endsWith('\\'))) at++;
      lines[at] = `${lines[at]} // \u0000`;
      const bytes = enc.encode(lines.join('\n'));
      const nul = bytes.indexOf(0);
      bytes[nul] = 0xff;
      const facts = analyzeBytes(file, bytes);
      const bad = facts.diagnostics.find((d) => d.code === 'invalid-utf8');
      expect(bad?.line).toBe(at + 1);
      expect(outline(facts)).toEqual(outline(analyzeBytes(file, enc.encode(text))));
    }
  });

  it('reads an empty file as nothing', () => {
    const facts = analyzeBytes('empty.c', new Uint8Array());
    expect(outline(facts)).toEqual([]);
    expect(facts.lines).toBe(0);
    expect(facts.diagnostics).toEqual([]);
  });

  it('handles a 10 MB file and finds its last function on the right line', () => {
    const unit = readFileSync(join(fixtures, 'prototypes-definitions', 'input.c'), 'utf8');
    const parts: string[] = [];
    let size = 0;
    let lines = 0;
    for (let k = 0; size < 10 * 1024 * 1024; k++) {
      const chunk = unit.replace(/demo_/g, `d${k}_`);
      parts.push(chunk);
      size += chunk.length;
      lines += chunk.split('\n').length - 1;
    }
    parts.push('int the_very_last(void)\n{\n\treturn 0;\n}\n');
    const facts = analyzeBytes('big.c', enc.encode(parts.join('')));
    const last = facts.functions.find((f) => f.name === 'the_very_last');
    expect(last?.line).toBe(lines + 1);
    expect(facts.functions.filter((f) => f.name.endsWith('_split_header')).length).toBe(parts.length - 1);
  });

  it('handles very deep nesting with a diagnostic, not a stack overflow', () => {
    const depth = 5000;
    const structs = 'struct deep {\n' + 'struct {\n'.repeat(depth) + 'int x;\n' + '} n;\n'.repeat(depth) + '};\n';
    const parens = 'int p = ' + '('.repeat(depth) + '1' + ')'.repeat(depth) + ';\n';
    const braces = 'void f(void) ' + '{'.repeat(depth) + '}'.repeat(depth) + '\n';
    const ifs = '#if A\n'.repeat(depth) + 'int guarded;\n' + '#endif\n'.repeat(depth);
    for (const [name, text] of Object.entries({ structs, parens, braces, ifs })) {
      const facts = analyzeBytes(`${name}.c`, enc.encode(text));
      if (name === 'ifs') expect(facts.globals[0]?.guard.length).toBe(depth);
      if (name === 'structs') expect(facts.diagnostics.map((d) => d.code)).toContain('too-deep');
    }
  });
});
