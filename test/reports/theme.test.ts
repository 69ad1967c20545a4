import { describe, expect, it } from 'vitest';
import { buildReportData, renderReport } from './helpers';
import type { PdfRenderer } from '../../src/domain/ports';
import { fixtureSource, now } from './fixture-cloud';
import { silentLogger, spec } from './helpers';

const noPdf: PdfRenderer = { render: async () => new Uint8Array(), close: async () => undefined };
const logo = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;

async function html(theme: 'default' | 'brand', branding?: object) {
  const s = spec({ type: 'inventory', formats: ['html'], theme });
  const data = await buildReportData(fixtureSource(), s, { runId: 'r', now, logger: silentLogger, branding: branding as never });
  const [artifact] = await renderReport(data, s, { pdf: noPdf });
  return { data, html: new TextDecoder().decode(artifact.body) };
}

describe('themes', () => {
  it('brand theme uses the configured logo, colours, organisation and default title', async () => {
    const { data, html: page } = await html('brand', {
      name: 'ACME Cloud',
      logoDataUrl: logo,
      primaryColor: '#7a1f5c',
      accentColor: '#ff8800',
      title: 'ACME servers',
    });
    expect(data.title).toBe('ACME servers');
    expect(page).toContain('--primary:#7a1f5c');
    expect(page).toContain(`src="${logo}"`);
    expect(page).toContain('ACME Cloud · Inventory report');
  });

  it('falls back to the default theme when branding is invalid, so it never reaches CSS', async () => {
    const { html: page } = await html('brand', { primaryColor: 'red;}</style><script>x()</script>', logoDataUrl: 'javascript:alert(1)' });
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('<script>');
    expect(page).toContain('--primary:#1d3557');
  });

  it('the default theme ignores branding', async () => {
    const { data, html: page } = await html('default', { primaryColor: '#7a1f5c', title: 'ACME servers' });
    expect(data.title).toBe('VM inventory');
    expect(page).not.toContain('#7a1f5c');
  });
});
