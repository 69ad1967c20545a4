import { describe, expect, it } from 'vitest';
import { renderStandaloneHtml, reportParts, reportView } from '../../src/presentation/document';
import { sampleInventoryData } from '../../src/presentation/inventory/sample';
import { otherStatusColour, statusColour } from '../../src/presentation/status-colours';

/** The SVG of the figure captioned `caption` in a report's standalone HTML. */
function figureSvg(html: string, caption: string): string {
  const figure = html.split('<figure').find((f) => f.includes(`<figcaption>${caption}</figcaption>`));
  if (!figure) throw new Error(`no figure "${caption}"`);
  return figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
}

describe('status colours', () => {
  it('give statuses the colours their meaning calls for, the same for Nova statuses and vm_states', () => {
    expect(statusColour('ERROR')).toBe('#c62828');
    expect(statusColour('ACTIVE')).toBe('#2e7d32');
    expect(statusColour('SHUTOFF')).toBe(statusColour('stopped'));
    expect(statusColour('active')).toBe(statusColour('ACTIVE'));
    expect(statusColour('shelved_offloaded')).toBe(statusColour('SHELVED_OFFLOADED'));
    expect(new Set([statusColour('PAUSED'), statusColour('SUSPENDED')]).size).toBe(2);
    expect(statusColour('HIBERNATING')).toBe(otherStatusColour);
    expect(statusColour('constructor')).toBe(otherStatusColour);
  });

  it("colour the inventory's status donut and its legend by status, not by palette position", () => {
    const data = sampleInventoryData();
    const view = reportView(data);
    const svg = figureSvg(renderStandaloneHtml(view, reportParts(view)), view.m.charts.serversByStatus);
    const statuses = data.inventory!.byStatus.map((s) => s.status);
    expect(statuses).toEqual(expect.arrayContaining(['ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SHELVED_OFFLOADED']));
    for (const status of statuses) {
      // One slice and one legend mark in the status's colour.
      expect(svg.split(`fill="${statusColour(status)}"`).length - 1, status).toBeGreaterThanOrEqual(2);
    }
  });

  it('print ERROR in the table in the same red as in the chart', () => {
    const view = reportView(sampleInventoryData());
    const html = renderStandaloneHtml(view, reportParts(view));
    expect(html).toContain(`.st-err{color:${statusColour('ERROR')}`);
    expect(html).toContain('<b class="st-err">ERROR</b>');
  });
});
