// Evidence sentences per language: English as the model says it, Chinese from the model's parts.
import { describe, expect, it } from 'vitest';
import type { Evidence, EvidenceParts } from '../../model/index.ts';
import { evidenceText } from '../lib/evidence-text.ts';

const none = { in: null, macro: null, declares: null, literal: null, field: null, callee: null, argument: null };
const ev = (parts: Partial<EvidenceParts> & { code: string }): Evidence => ({
  file: 'a.c',
  line: 3,
  kind: 'initializer',
  detail: 'the English sentence',
  parts: { ...none, ...parts },
});

describe('evidenceText', () => {
  it("shows the model's sentence on English pages, and on Chinese ones when the model has no parts", () => {
    expect(evidenceText(ev({ code: 'g' }), 'en')).toBe('the English sentence');
    const { parts: _, ...bare } = ev({ code: 'g' });
    expect(evidenceText(bare, 'zh')).toBe('the English sentence');
  });

  it('says each kind of store in Chinese, with the code and names as written', () => {
    expect(evidenceText(ev({ in: 'f', code: 'cb', callee: 'run', argument: 2 }), 'zh')).toBe(
      'f 把 `cb` 作为第 2 个参数传给 run()',
    );
    expect(evidenceText(ev({ code: 'cb', callee: 'run', argument: 1 }), 'zh')).toBe(
      '文件作用域 把 `cb` 作为第 1 个参数传给 run()',
    );
    expect(evidenceText(ev({ in: 'f', code: 's->yield = g' }), 'zh')).toBe('f 中赋值 `s->yield = g`');
    expect(evidenceText(ev({ in: 'f', macro: 'INIT', code: '(s)->yield = g' }), 'zh')).toBe(
      'f 中的 INIT(…) 赋值 `(s)->yield = g`',
    );
    expect(evidenceText(ev({ macro: 'REG', declares: 'entry', field: 'init', code: '(g)' }), 'zh')).toBe(
      'REG(…) 声明 entry：.init = `(g)`',
    );
    expect(evidenceText(ev({ declares: 'table', code: 'g' }), 'zh')).toBe('table：`g`');
    expect(evidenceText(ev({ in: 'f', literal: 'struct ops', field: 'yield', code: 'g' }), 'zh')).toBe(
      'f 中的 (struct ops){…}：.yield = `g`',
    );
  });
});
