/** Starlight sidebar from the model: home, syscall table, health, apps, then one group per library. */
import type { LiveRecord, Model } from '../../model/index.ts';

interface Link {
  label: string;
  link: string;
  translations?: Record<string, string>;
}
interface Group {
  label: string;
  translations?: Record<string, string>;
  collapsed?: boolean;
  items: (Link | Group)[];
}

/** Builds the sidebar; links to a library's sections are anchors on its page, so the sidebar stays small. */
export function buildSidebar(model: Model, live: LiveRecord[] = []): (Link | Group)[] {
  const items: (Link | Group)[] = [
    { label: 'Home', link: '/', translations: { 'zh-CN': '首页' } },
    { label: 'Syscall table', link: '/syscalls/', translations: { 'zh-CN': '系统调用表' } },
    { label: 'Docs health', link: '/health/', translations: { 'zh-CN': '文档健康' } },
  ];
  if (live.length) {
    items.push({
      label: 'Live runs',
      translations: { 'zh-CN': '实机运行' },
      collapsed: true,
      items: live.map((r) => ({ label: r.app, link: `/apps/${r.app}/` })),
    });
  }
  const count = (lib: string, kind: 'struct' | 'function' | 'syscall') => {
    if (kind === 'struct')
      return model.structs.filter((s) => s.library === lib && s.documented && s.name && !s.parent).length;
    return model.functions.filter((f) => f.library === lib && f.documented && f.kind === kind && f.definition).length;
  };
  items.push({
    label: 'Libraries',
    translations: { 'zh-CN': '库' },
    items: model.libraries.map((lib) => {
      const base = `/libraries/${lib.name}/`;
      const sub: Link[] = [{ label: 'Overview', link: base, translations: { 'zh-CN': '概览' } }];
      const n = { s: count(lib.name, 'struct'), f: count(lib.name, 'function'), y: count(lib.name, 'syscall') };
      if (n.s)
        sub.push({ label: `Structs (${n.s})`, link: `${base}#structs`, translations: { 'zh-CN': `结构体 (${n.s})` } });
      if (n.f)
        sub.push({
          label: `Functions (${n.f})`,
          link: `${base}#functions`,
          translations: { 'zh-CN': `函数 (${n.f})` },
        });
      if (n.y)
        sub.push({
          label: `Syscalls (${n.y})`,
          link: `${base}#syscalls`,
          translations: { 'zh-CN': `系统调用 (${n.y})` },
        });
      sub.push({
        label: `Files (${lib.files.length})`,
        link: `${base}#files`,
        translations: { 'zh-CN': `源文件 (${lib.files.length})` },
      });
      return { label: lib.name, collapsed: true, items: sub };
    }),
  });
  return items;
}
