// Identifiers in highlighted code link as C reads them in that file: not inside comments, strings or #include lines,
// not as fields or declared variables, a syscall's own name at its definition macro to the syscall page, and a name
// shared by a static function and a syscall to the one the file sees.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../model/index.ts';
import { codeHtml, type CodeToken } from '../lib/code-html.ts';
import { identifierLinker } from '../lib/identifier-links.ts';
import { buildSymbolIndex } from '../lib/symbol-index.ts';
import { tinyFunction as fn, tinyModel } from './tiny-model.ts';

const syscall = { kind: 'syscall' as const };
const index = buildSymbolIndex(
  tinyModel([
    fn('futex', 10, [], { file: 'lib/futex.c', ...syscall }),
    fn('futex', 5, [], { file: 'lib/tests/test.c', static: true }),
    fn('exit', 20, [], { file: 'lib/process.c', ...syscall }),
    fn('exit', 30, [], { file: 'lib/process.c' }),
    fn('wait', 40, [], { file: 'lib/wait.c' }),
  ] as Model['functions']),
);

const plain = (text: string): CodeToken => ({ content: text });
const comment = (text: string): CodeToken => ({ content: text, color: 'var(--shiki-token-comment)' });
const string = (text: string): CodeToken => ({ content: text, color: 'var(--shiki-token-string)' });
/** The hrefs of a rendered line, in order. */
function links(file: string, tokens: CodeToken[]): string[] {
  const html = codeHtml([tokens], { from: 1, to: 1, anchors: false, linkFor: identifierLinker(index, 'en', file) });
  return [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)]
    .filter((m) => !m[1]!.startsWith('#L'))
    .map((m) => `${m[2]}→${m[1]}`);
}

describe('identifier links in code', () => {
  it('leave comments, strings and #include lines alone', () => {
    expect(links('lib/futex.c', [comment('/* wake a futex waiter on exit */')])).toEqual([]);
    expect(links('lib/futex.c', [plain('printf('), string('"futex"'), plain(');')])).toEqual([]);
    expect(links('lib/futex.c', [plain('#include '), plain('<uk/futex.h>')])).toEqual([]);
  });
  it('do not link a field or a declared variable to a function of that name', () => {
    expect(links('lib/mutex.c', [plain('\tuk_waitq_wake_up(&m->wait);')])).toEqual([]);
    expect(links('lib/mutex.c', [plain('\tstruct uk_waitq wait;')])).toEqual([]);
    expect(links('lib/mutex.c', [plain('\tpid = wait(&status);')])).toEqual(['wait→/functions/wait/']);
  });
  it('link the name a syscall macro defines to the syscall, and other uses as a call from that file reaches', () => {
    expect(links('lib/process.c', [plain('UK_SYSCALL_R_DEFINE(int, exit, int, status)')])).toEqual([
      'exit→/syscalls/exit/',
    ]);
    expect(links('lib/other.c', [plain('\texit(1);')])).toEqual(['exit→/functions/exit/']);
    expect(links('lib/tests/test.c', [plain('\tfutex(&w, FUTEX_WAIT, 0);')])).toEqual(['futex→/functions/futex/']);
    expect(links('lib/other.c', [plain('\tfutex(&w, FUTEX_WAIT, 0);')])).toEqual(['futex→/syscalls/futex/']);
  });
});
