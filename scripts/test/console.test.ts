import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../live/ansi.ts';
import { parseUnikraftVersion } from '../live/banner.ts';
import { findExpected, truncateConsole } from '../live/console-text.ts';
import { diagnoseConsole, diagnoseCreateError } from '../live/diagnose.ts';

describe('console text', () => {
  it('strips ANSI colour, SeaBIOS resets and CR', () => {
    const raw = '\x1bc\x1b[?7l\x1b[2J\x1b[0mSeaBIOS\r\n\x1b[01;34mPowered by\x1b[0m\r\nplain\rline\x07\n';
    expect(stripAnsi(raw)).toEqual({ text: 'SeaBIOS\nPowered by\nplain\nline\n', hadAnsi: true });
    expect(stripAnsi('a\r\nb').hadAnsi).toBe(false);
  });

  it('parses the version from a banner shaped like Unikraft’s (art lines in between)', () => {
    const banner = [
      'Booting',
      'Powered by',
      'o.   .o       _ _ __ _',
      'Oo   Oo  ___ (_) | __ __',
      '      Phoebe 0.17.0~5f7bc2a',
      'Hello',
    ];
    expect(parseUnikraftVersion(banner.join('\n'))).toBe('0.17.0~5f7bc2a');
    expect(parseUnikraftVersion('Powered by\n                 Atlas 0.5\n')).toBe('0.5');
    expect(parseUnikraftVersion('no banner 1.2.3 here')).toBeNull();
  });

  it('finds the expected line by substring or regex', () => {
    const text = 'a\nHello, world!\nb\n';
    expect(findExpected(text, { line: 'world' })).toBe('Hello, world!');
    expect(findExpected(text, { regex: '^b$' })).toBe('b');
    expect(findExpected(text, { regex: '^world' })).toBeNull();
  });

  it('keeps the end of a long console, from a line start', () => {
    const { text, truncated } = truncateConsole('x'.repeat(50) + '\nkeep me\n', 12);
    expect(truncated).toBe(true);
    expect(text).toBe('keep me\n');
  });
});

describe('known failures', () => {
  it('explains the HWRNG failure under TCG and stops the wait', () => {
    const r = diagnoseConsole('ok\n[    0.1] ERR:  [libukrandom] Could not initialize the HWRNG (-95)\n', 'qemu');
    expect(r.fatal).toBe(true);
    expect(r.diagnoses.map((d) => d.id)).toEqual(['tcg-hwrng']);
    expect(r.diagnoses[0]!.message).toMatch(/TCG has no RDSEED/);
    expect(diagnoseConsole('all fine', 'qemu')).toEqual({ diagnoses: [], fatal: false });
  });

  it('recognises nested-KVM start errors', () => {
    expect(diagnoseCreateError('qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69')?.id).toBe('nested-kvm');
    expect(diagnoseCreateError('something else')).toBeNull();
  });
});
