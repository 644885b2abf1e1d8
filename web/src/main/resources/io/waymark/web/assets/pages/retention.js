// Retention: the cohort triangle as a heatmap (counts and rates from the retention query).
import { query, eventNames } from '../api.js';
import { h, clear, card, notice, fmt, select } from '../dom.js';
import { scope, navigate } from '../state.js';

export default {
  title: 'Retention',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const p = ctx.state.params;
    const events = await eventNames();
    if (!ctx.current()) return;
    const start = p.get('start') || (events.includes('signup') ? 'signup' : '$page');
    const ret = p.get('return') || (events.includes('purchase') ? 'purchase' : '$page');
    const period = p.get('period') || 'week';
    const options = [...events, '$page', '$screen'].filter((e, i, a) => a.indexOf(e) === i).map(e => ({ value: e, label: fmt.event(e) }));
    const controls = h('div', { class: 'builder-row' },
      h('label', {}, 'Cohort by first ', select(options, start, v => navigate('retention', { start: v }), { name: 'start' })),
      h('label', {}, 'returning with ', select(options, ret, v => navigate('retention', { return: v }), { name: 'return' })),
      h('label', {}, 'per ', select(['day', 'week', 'month'], period, v => navigate('retention', { period: v }), { name: 'period' })));
    const r = await query({ kind: 'retention', ...s, start, return: ret, period, periods: period === 'day' ? 14 : period === 'week' ? 8 : 6 });
    if (!ctx.current()) return;
    if (r.cohorts.length === 0) {
      main.dataset.state = 'empty';
      return clear(main, card('Retention', controls), notice('empty', 'Nobody did "' + fmt.event(start) + '" in this date range. Pick another cohort event or widen the range.'));
    }
    const n = Math.max(...r.cohorts.map(c => c.returned.length));
    const cell = rate => h('td', { class: 'heat num', style: '--heat:' + Math.min(1, rate * 2).toFixed(3) }, fmt.pct(rate, 0));
    clear(main, card('Retention', controls,
      h('p', { class: 'muted small' }, 'Share of each cohort doing "' + fmt.event(ret) + '" in each ' + period + ' after its first "' + fmt.event(start) + '" (' + period + ' 0 excludes the first event).'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'heatmap', id: 'retention' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Cohort'), h('th', { class: 'num' }, 'Persons'),
          Array.from({ length: n }, (_, i) => h('th', { class: 'num' }, period + ' ' + i)))),
        h('tbody', {}, r.cohorts.map(c => h('tr', { dataset: { cohort: c.start, size: c.size } },
          h('th', {}, c.start), h('td', { class: 'num' }, fmt.int(c.size)),
          c.rates.map(cell))))))));
  },
};
