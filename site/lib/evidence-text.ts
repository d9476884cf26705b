/**
 * An evidence's sentence in a page's language. English pages show the model's `detail`; Chinese pages say the same
 * from its `parts`, by their `shape`. Code stays as written, between backticks.
 */
import type { Evidence } from '../../model/index.ts';
import type { Lang } from './urls.ts';

export function evidenceText(e: Evidence, lang: Lang): string {
  if (lang === 'en') return e.detail;
  const p = e.parts;
  const where = p.in === null ? '在文件作用域' : `在 ${p.in} 中`;
  const what = p.field === null ? `\`${p.code}\`` : `.${p.field} = \`${p.code}\``;
  switch (p.shape) {
    case 'argument':
      return `${where}把 \`${p.code}\` 作为第 ${p.argument} 个参数传给 ${p.callee}()`;
    case 'literal':
      return `${where}以 (${p.literal}){…} 初始化: ${what}`;
    case 'declaration':
      return `${p.macro === null ? '' : `${p.macro}(…) 声明的 `}${p.declares} 初始化为: ${what}`;
    case 'assignment':
      return `${where}${p.macro === null ? '' : `经 ${p.macro}(…) `}赋值 \`${p.code}\``;
  }
}
