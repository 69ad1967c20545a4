import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 200 });
chart.setOption({ animation: false, xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['a', 'b'] }, series: [{ type: 'bar', data: [1, 2] }] });
const svg = chart.renderToSVGString();
console.log(svg.slice(0, 400)); console.log([...svg.matchAll(/<[!?][^>]*>/g)].map(m => m[0]));
