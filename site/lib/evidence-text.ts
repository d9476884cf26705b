/**
 * An evidence's sentence in a page's language. English pages show the model's `detail`; Chinese pages say the same
 * from its `parts` (a model without them keeps the English sentence). Code stays as written, between backticks.
 */
import type { Evidence } from '../../model/index.ts';
import type { Lang } from './urls.ts';

export function evidenceText(e: Evidence, lang: Lang): string {
  const p = e.parts;
  if (lang === 'en' || !p) return e.detail;
  const where = p.in ?? '文件作用域';
  const what = p.field === null ? `\`${p.code}\`` : `.${p.field} = \`${p.code}\``;
  if (p.callee !== null) return `${where} 把 \`${p.code}\` 作为第 ${p.argument ?? '?'} 个参数传给 ${p.callee}()`;
  if (p.literal !== null) return `${where} 中的 (${p.literal}){…}：${what}`;
  if (p.declares !== null)
    return p.macro === null ? `${p.declares}：${what}` : `${p.macro}(…) 声明 ${p.declares}：${what}`;
  return `${where} 中${p.macro === null ? '' : `的 ${p.macro}(…) `}赋值 \`${p.code}\``;
}
