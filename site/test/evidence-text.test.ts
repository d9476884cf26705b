// Evidence sentences per language: English as the model says it, Chinese from the model's parts.
import { describe, expect, it } from 'vitest';
import type { Evidence, EvidenceParts } from '../../model/index.ts';
import { evidenceText } from '../lib/evidence-text.ts';

const none = { in: null, macro: null, declares: null, literal: null, field: null, callee: null, argument: null };
const ev = (parts: Partial<EvidenceParts> & Pick<EvidenceParts, 'shape' | 'code'>): Evidence => ({
  file: 'a.c',
  line: 3,
  kind: 'initializer',
  detail: 'the English sentence',
  parts: { ...none, ...parts },
});

describe('evidenceText', () => {
  it("shows the model's sentence on English pages", () => {
    expect(evidenceText(ev({ shape: 'declaration', declares: 't', code: 'g' }), 'en')).toBe('the English sentence');
  });

  it('says each shape of store in Chinese, with the code and names as written', () => {
    const zh = (parts: Parameters<typeof ev>[0]) => evidenceText(ev(parts), 'zh');
    expect(zh({ shape: 'argument', in: 'f', code: 'cb', callee: 'run', argument: 2 })).toBe(
      '在 f 中把 `cb` 作为第 2 个参数传给 run()',
    );
    expect(zh({ shape: 'argument', code: 'cb', callee: 'run', argument: 1 })).toBe(
      '在文件作用域把 `cb` 作为第 1 个参数传给 run()',
    );
    expect(zh({ shape: 'assignment', in: 'f', code: 's->yield = g' })).toBe('在 f 中赋值 `s->yield = g`');
    expect(zh({ shape: 'assignment', in: 'f', macro: 'INIT', code: '(s)->yield = g' })).toBe(
      '在 f 中经 INIT(…) 赋值 `(s)->yield = g`',
    );
    expect(zh({ shape: 'declaration', macro: 'REG', declares: 'entry', field: 'init', code: '(g)' })).toBe(
      'REG(…) 声明的 entry 初始化为: .init = `(g)`',
    );
    expect(zh({ shape: 'declaration', declares: 'table', code: 'g' })).toBe('table 初始化为: `g`');
    expect(zh({ shape: 'literal', in: 'f', literal: 'struct ops', field: 'yield', code: 'g' })).toBe(
      '在 f 中以 (struct ops){…} 初始化: .yield = `g`',
    );
  });
});
