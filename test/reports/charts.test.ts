import { describe, expect, it } from 'vitest';
import { assertSafeSvg, donutChart, horizontalBarChart } from '../../src/presentation/components/charts';
import { quotaUseChart } from '../../src/presentation/components/quota-chart';

const evil = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onload='alert(1)", ']]><script>x</script>', '日本語 مرحبا'];
const options = { width: 300, height: 180, palette: ['#1d3557'], format: (n: number) => String(n) };

describe('server-side charts', () => {
  it.each([
    [
      'bars',
      () =>
        horizontalBarChart(
          evil.map((label, i) => ({ label, value: i + 1 })),
          options,
        ),
    ],
    [
      'donut',
      () =>
        donutChart(
          evil.map((label, i) => ({ label, value: i + 1 })),
          options,
        ),
    ],
    [
      'quota bars',
      () =>
        quotaUseChart(
          evil,
          evil.map((name) => ({ name, bars: evil.map(() => ({ percent: 50 })) })),
          { ...options, unlimitedLabel: evil[0] },
        ),
    ],
  ])('%s escape tenant names in labels and legends', (_name, draw) => {
    const svg = draw();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<(script|img|style|foreignobject)/i);
    // Outside text content (between tags) no event handler attribute appears.
    const markupOnly = svg.replace(/>[^<]*</g, '><');
    expect(markupOnly).not.toMatch(/\son\w+=/i);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('日本語');
    // Every tag is a drawing element.
    expect(() => assertSafeSvg(svg)).not.toThrow();
  });

  it('refuses SVG with anything but drawing elements', () => {
    expect(() => assertSafeSvg('<svg><script>alert(1)</script></svg>')).toThrow(/script/);
    expect(() => assertSafeSvg('<svg><foreignObject><div/></foreignObject></svg>')).toThrow(/foreignObject/);
    expect(() => assertSafeSvg('<svg><![CDATA[x]]></svg>')).toThrow(/declaration/);
  });
});
