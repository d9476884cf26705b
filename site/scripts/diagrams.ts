/** Client side: renders every `.uklab-diagram` with the bundled mermaid, re-renders on theme switch, offers the SVG. */
type Mermaid = (typeof import('mermaid'))['default'];
/** Mermaid's own ESM build, copied into the site by site/lib/mermaid-vendor.ts (no CDN, no Vite bundling). */
const MERMAID_URL = '/vendor/mermaid/mermaid.esm.min.mjs';

let mermaidPromise: Promise<Mermaid> | undefined;
let counter = 0;

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

async function renderAll(): Promise<void> {
  const figures = [...document.querySelectorAll<HTMLElement>('.uklab-diagram')];
  if (figures.length === 0) return;
  mermaidPromise ??= (import(/* @vite-ignore */ MERMAID_URL) as Promise<{ default: Mermaid }>).then((m) => m.default);
  const mermaid = await mermaidPromise;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: isDark() ? 'dark' : 'default' });
  for (const fig of figures) {
    const src = fig.querySelector('.uklab-mermaid-src')?.textContent ?? '';
    const target = fig.querySelector<HTMLElement>('.uklab-diagram-svg');
    if (!target || !src.trim()) continue;
    try {
      const { svg } = await mermaid.render(`uklab-mermaid-${counter++}`, src);
      target.innerHTML = svg;
      fig.dataset.rendered = 'true';
      addDownload(fig, svg);
    } catch (e) {
      fig.dataset.rendered = 'error';
      target.textContent = `Diagram could not be rendered: ${(e as Error).message}`;
    }
  }
}

function addDownload(fig: HTMLElement, svg: string): void {
  let link = fig.querySelector<HTMLAnchorElement>('a.uklab-download');
  if (!link) {
    link = document.createElement('a');
    link.className = 'uklab-download';
    link.textContent = fig.dataset.downloadLabel ?? 'Download SVG';
    fig.querySelector('.uklab-diagram-svg')?.after(link);
  }
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  link.download = `${fig.dataset.name ?? 'diagram'}.svg`;
}

void renderAll();
new MutationObserver(() => void renderAll()).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});
