import { raw } from 'hono/html';
import type { ReportData } from '../report-engine/report-data';
import { DataTable } from './components/data-table';
import { costParts } from './cost/cost';
import { fontFaceCss } from './fonts';
import { createFormatters } from './format';
import { inventoryParts } from './inventory/inventory';
import { messagesFor } from './messages';
import { reportCss, type PageFurniture } from './styles';
import { resolveTheme } from './theme';
import { usageParts } from './usage/usage';
import { anchorId, chunkOutline, wholeDocument } from './outline';
import type { ChunkPart, DocPart, ReportView } from './view';

/** The labels, formatters and theme a report's data is shown with. */
export function reportView(data: ReportData): ReportView {
  return {
    data,
    m: messagesFor(data.locale),
    f: createFormatters(data.locale, data.timezone, data.cost?.currency ?? data.priceList?.currency),
    theme: resolveTheme(data.presentation.theme, data.presentation.branding),
  };
}

/** The report's document as parts, in reading order. */
export function reportParts(view: ReportView): DocPart[] {
  switch (view.data.type) {
    case 'inventory':
      return inventoryParts(view);
    case 'usage':
      return usageParts(view);
    case 'cost':
      return costParts(view);
  }
}

/** Title, generation time and footer in the margins of every page. */
export function pageFurniture(view: ReportView, withPageNumbers: boolean): PageFurniture {
  const { data, m, f } = view;
  const furniture: PageFurniture = {
    title: data.title,
    generated: m.generatedAt(`${f.longDateTime(data.generatedAt)} (${data.timezone})`),
    footer: `${view.theme.organisation ?? 'openstack-reports'} · ${m.reportKind[data.type]} · ${data.runId}`,
  };
  if (withPageNumbers) {
    // Split the localized "Page X of Y" around sentinel numbers to get the text CSS counters go between.
    const [before, rest] = m.pageOf(111111, 222222).split('111111');
    furniture.pageNumbers = { before, between: rest.split('222222')[0] };
  }
  return furniture;
}

function PartView({ chunk, view }: { chunk: ChunkPart; view: ReportView }) {
  const { part, index, from, to } = chunk;
  if (part.kind === 'block') return <>{part.render((k) => anchorId.block(index, k))}</>;
  const heading = from > 0 ? view.m.continued(part.heading) : part.heading;
  // Only a table's first slice carries the anchor: the outline points to where the section starts.
  const id = from === 0 ? anchorId.heading(index) : undefined;
  return (
    <section>
      {part.level === 3 ? <h3 id={id}>{heading}</h3> : <h2 id={id}>{heading}</h2>}
      <DataTable table={part.table} from={from} to={to} continued={view.m.continued} anchor={(row) => anchorId.group(index, row)} />
    </section>
  );
}

/**
 * Links to the chunk's outline anchors, never displayed: Chromium writes a named destination into
 * the PDF for each element a link of the document points to, which is how the outline finds pages.
 */
function OutlineLinks({ chunk }: { chunk: ChunkPart[] }) {
  return (
    <nav hidden>
      {chunkOutline(chunk).map((e) => (
        <a href={`#${e.id}`}></a>
      ))}
    </nav>
  );
}

/**
 * One HTML document holding the given parts. `pdf` documents are printed by Chromium (body hidden
 * on screen); `html` is the standalone artifact. `pageNumbers` prints "Page X of Y" from CSS
 * counters, right for a document printed in one piece; chunks get theirs stamped after merging.
 */
export function renderDocumentHtml(view: ReportView, chunk: ChunkPart[], mode: 'pdf' | 'html', options: { pageNumbers: boolean }): string {
  const body = String(
    <>
      {view.data.presentation.watermark ? <div class="watermark">{view.data.presentation.watermark}</div> : null}
      {chunk.map((c) => (
        <PartView chunk={c} view={view} />
      ))}
      {mode === 'pdf' ? <OutlineLinks chunk={chunk} /> : null}
    </>,
  );
  const furniture = pageFurniture(view, options.pageNumbers);
  // Fonts: only the subsets this chunk's text (and the margin texts, written as CSS escapes) needs.
  const fonts = fontFaceCss(body + furniture.title + furniture.footer + furniture.generated);
  const css = `${fonts}\n${reportCss(view.theme, furniture, mode === 'pdf')}`;
  const head = String(
    <>
      <meta charset="utf-8" />
      <meta name="generator" content="openstack-reports" />
      <title>{view.data.title}</title>
      <style>{raw(css)}</style>
    </>,
  );
  return `<!doctype html><html lang="${view.data.locale}"><head>${head}</head><body>${body}</body></html>`;
}

/** Every part whole: the standalone HTML artifact. */
export function renderStandaloneHtml(view: ReportView, parts: DocPart[]): string {
  return renderDocumentHtml(view, wholeDocument(parts), 'html', { pageNumbers: true });
}
