// Sessions & pages: sessions, bounce rate and duration; bounce per landing page, exit rate per exit page.
import { query } from '../api.js';
import { h, clear, card, notice, fmt, table } from '../dom.js';
import { chart, channelColor } from '../charts.js';
import { scope } from '../state.js';

export default {
  title: 'Sessions & pages',
  async render(main, ctx) {
    const r = await query({ kind: 'sessions', ...scope(ctx.state), top: 15 });
    if (!ctx.current()) return;
    if (r.sessions === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No sessions in this date range: page and screen calls (analytics.page()) start sessions.'));
    }
    const tile = (key, label, value) => h('div', { class: 'tile', dataset: { kpi: key } }, h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value' }, value));
    const page = p => fmt.event(p);
    clear(main,
      h('div', { class: 'tiles' },
        tile('sessions', 'Sessions', fmt.int(r.sessions)), tile('persons', 'Persons', fmt.int(r.persons)),
        tile('bounceRate', 'Bounce rate', fmt.pct(r.bounceRate)), tile('median', 'Median duration', fmt.duration(r.medianDurationSeconds)),
        tile('avg', 'Average duration', fmt.duration(r.avgDurationSeconds)), tile('pages', 'Pages per session', fmt.num(r.pagesPerSession))),
      card('Sessions by channel', chart('sessions-by-channel', {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: r.byChannel.map(c => c.channel) },
        yAxis: [{ type: 'value', name: 'sessions' }, { type: 'value', name: 'bounce', max: 1, axisLabel: { formatter: v => fmt.pct(v, 0) } }],
        series: [{ name: 'sessions', type: 'bar', data: r.byChannel.map(c => ({ value: c.sessions, itemStyle: { color: channelColor(c.channel) } })) },
          { name: 'bounce rate', type: 'line', yAxisIndex: 1, data: r.byChannel.map(c => c.bounceRate), color: '#ef4444' }],
      }, 280)),
      h('div', { class: 'grid two' },
        card('Landing pages', table([
          { label: 'Page', render: x => page(x.page) }, { label: 'Sessions', num: true, render: x => fmt.int(x.sessions) },
          { label: 'Bounce rate', num: true, render: x => fmt.pct(x.bounceRate) }], r.landingPages, { class: 'landing' })),
        card('Exit pages', table([
          { label: 'Page', render: x => page(x.page) }, { label: 'Views', num: true, render: x => fmt.int(x.views) },
          { label: 'Exits', num: true, render: x => fmt.int(x.exits) }, { label: 'Exit rate', num: true, render: x => fmt.pct(x.exitRate) }],
        r.exitPages, { class: 'exits' }))));
  },
};
