// Channels & attribution: spend, attributed conversions, revenue and ROAS per channel under several models side by side.
import { query } from '../api.js';
import { h, clear, card, notice, fmt, select } from '../dom.js';
import { chart, channelColor } from '../charts.js';
import { scope, navigate } from '../state.js';

const MODELS = [['first_touch', 'First touch'], ['last_touch', 'Last touch'], ['linear', 'Linear'], ['time_decay', 'Time decay'],
  ['position_based', 'Position based'], ['markov', 'Markov'], ['shapley', 'Shapley']];
const DEFAULT = ['last_touch', 'linear', 'markov'];

export default {
  title: 'Channels & attribution',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const p = ctx.state.params;
    const models = p.getAll('model').filter(m => MODELS.some(x => x[0] === m));
    const chosen = models.length ? models : DEFAULT;
    const by = p.get('by') === 'campaign' ? 'campaign' : 'channel';
    const results = await Promise.all(chosen.map(model => query({ kind: 'attribution', ...s, conversion: 'purchase', model, value: 'revenue', by })));
    if (!ctx.current()) return;
    const toggles = h('div', { class: 'builder-row' },
      h('span', { class: 'muted' }, 'Models:'),
      MODELS.map(([m, label]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'model', value: m, checked: chosen.includes(m),
        onchange: e => navigate('channels', { model: e.target.checked ? [...chosen, m] : chosen.filter(x => x !== m) }) }), label)),
      h('label', {}, 'by ', select(['channel', 'campaign'], by, v => navigate('channels', { by: v }), { name: 'by' })));
    if (results[0].conversions === 0) {
      main.dataset.state = 'empty';
      return clear(main, card('Attribution', toggles), notice('empty', 'No purchases in this date range: attribution credits the touchpoints before a "purchase" event.'));
    }
    const keys = [];
    results.forEach(r => r.rows.forEach(row => { if (!keys.includes(row[by])) keys.push(row[by]); }));
    const cell = (r, key) => r.rows.find(row => row[by] === key);
    const spend = key => { for (const r of results) { const c = cell(r, key); if (c) return c.spend; } return 0; };
    const label = m => MODELS.find(x => x[0] === m)[1];
    clear(main,
      card('Attribution', toggles,
        h('p', { class: 'muted small' }, fmt.int(results[0].conversions) + ' purchases worth ' + fmt.money(results[0].revenue) + ', credited to the ' + by + 's touched in the ' + results[0].lookbackDays + ' days before each.'),
        chart('attribution', {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { bottom: 0 }, grid: { left: 8, right: 16, top: 24, bottom: 30, containLabel: true },
          xAxis: { type: 'category', data: keys },
          yAxis: { type: 'value', name: 'revenue' },
          series: results.map((r, i) => ({ name: label(chosen[i]), type: 'bar', data: keys.map(k => { const c = cell(r, k); return c ? c.revenue : 0; }) })),
        }, 320)),
      card('Side by side', h('div', { class: 'table-wrap' }, h('table', { id: 'attribution-table' },
        h('thead', {},
          h('tr', {}, h('th', { rowspan: 2 }, by), h('th', { rowspan: 2, class: 'num' }, 'Spend'),
            chosen.map(m => h('th', { colspan: 3, class: 'group' }, label(m)))),
          h('tr', {}, chosen.map(() => [h('th', { class: 'num' }, 'Conv.'), h('th', { class: 'num' }, 'Revenue'), h('th', { class: 'num' }, 'ROAS')]))),
        h('tbody', {}, keys.map(k => h('tr', { dataset: { key: k } },
          h('th', {}, h('span', { class: 'dot', style: 'background:' + channelColor(k) }), k),
          h('td', { class: 'num' }, fmt.money(spend(k))),
          results.map(r => { const c = cell(r, k); return [
            h('td', { class: 'num' }, c ? fmt.num(c.conversions) : '–'),
            h('td', { class: 'num' }, c ? fmt.money(c.revenue) : '–'),
            h('td', { class: 'num' }, c && c.roas !== null ? fmt.num(c.roas) + '×' : '–')]; }))))))));
  },
};
