// Overview: KPI tiles (value and change vs the previous period, both from the kpis query), daily sparklines
// (trend queries), revenue by channel and the live event counter.
import { query } from '../api.js';
import { h, clear, card, notice, fmt, unitValue, table } from '../dom.js';
import { chart, sparkline, channelColor } from '../charts.js';
import { scope } from '../state.js';
import { liveCounter } from './live.js';

const TILES = [
  { kpi: 'visitors', label: 'Visitors', trend: { event: '$page', measure: 'persons' } },
  { kpi: 'purchasers', label: 'Purchasers', trend: { event: 'purchase', measure: 'persons' } },
  { kpi: 'conversion_rate', label: 'Conversion rate' },
  { kpi: 'orders', label: 'Orders', trend: { event: 'purchase', measure: 'events' } },
  { kpi: 'revenue', label: 'Revenue', trend: { event: 'purchase', measure: 'sum:revenue' } },
  { kpi: 'average_order_value', label: 'Average order value' },
  { kpi: 'new_customers', label: 'New customers' },
  { kpi: 'roas', label: 'ROAS' },
];

export default {
  title: 'Overview',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const [summary, kpis, ...trends] = await Promise.all([
      // summary takes no time zone: its date bounds are UTC midnights
      query({ kind: 'summary', from: s.from, to: s.to, segment: s.segment }),
      query({ kind: 'kpis', ...s, compareTo: 'previous_period' }),
      ...TILES.filter(t => t.trend).map(t => query({ kind: 'trend', ...s, interval: 'day', ...t.trend })),
    ]);
    if (!ctx.current()) return;
    if (summary.events === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No events in this date range yet.',
        h('p', {}, 'Send one with: curl -u WRITE_KEY: -H \'Content-Type: application/json\' -d \'{"userId":"u1","event":"signup"}\' ' + location.origin + '/v1/track'),
        h('p', {}, 'or widen the date range above.')),
        liveCard(ctx));
    }
    const byName = Object.fromEntries(kpis.kpis.map(k => [k.name, k]));
    let t = 0;
    const tiles = TILES.filter(x => byName[x.kpi]).map(x => {
      const k = byName[x.kpi];
      const trend = x.trend ? trends[t++] : null;
      const up = k.change > 0;
      return h('div', { class: 'tile', dataset: { kpi: x.kpi, value: k.value }, title: k.definition },
        h('div', { class: 'tile-label' }, x.label),
        h('div', { class: 'tile-value' }, unitValue(k.value, k.unit, k.name)),
        h('div', { class: 'tile-change ' + (k.change === null ? '' : up ? 'up' : 'down') },
          k.change === null ? 'no previous data' : fmt.signedPct(k.change) + ' vs previous ' + fmt.int(days(kpis)) + ' days'),
        trend && trend.series.length ? sparkline('spark-' + x.kpi, trend.series[0].points.map(p => p.value)) : null);
    });
    const revenue = trends[TILES.filter(x => x.trend).findIndex(x => x.kpi === 'revenue')];
    const channels = Object.entries(summary.byChannel);
    clear(main,
      h('div', { class: 'tiles' }, tiles),
      h('div', { class: 'grid two' },
        card('Revenue per day', chart('revenue', {
          xAxis: { type: 'category', data: revenue.periods },
          yAxis: { type: 'value' },
          series: [{ name: 'revenue', type: 'bar', data: revenue.series.length ? revenue.series[0].points.map(p => p.value) : [], itemStyle: { color: '#4f46e5', borderRadius: [3, 3, 0, 0] } }],
        })),
        card('Events by channel', chart('channels', {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0, type: 'scroll' },
          series: [{ type: 'pie', radius: ['45%', '72%'], center: ['50%', '45%'], label: { show: false },
            data: channels.map(([name, value]) => ({ name, value, itemStyle: { color: channelColor(name) } })) }],
        }))),
      h('div', { class: 'grid two' },
        card('Top events', table([{ label: 'Event', render: r => fmt.event(r[0]) }, { label: 'Events', num: true, render: r => fmt.int(r[1]) }],
          Object.entries(summary.byEvent).slice(0, 8))),
        liveCard(ctx)));
  },
};

function days(kpis) {
  return (Date.parse(kpis.to) - Date.parse(kpis.from)) / 86400000;
}

function liveCard(ctx) {
  const el = h('div', { class: 'live-counter' });
  liveCounter(el, ctx);
  return card('Live', el, h('a', { href: '#/live' }, 'Watch events arrive →'));
}
