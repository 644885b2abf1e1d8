// Experiments: the list, and a result with intervals per metric and the verdict (the experiment query).
import { api, query } from '../api.js';
import { h, clear, card, notice, fmt, table, chip } from '../dom.js';
import { navigate } from '../state.js';

export default {
  title: 'Experiments',
  async render(main, ctx) {
    const list = (await api('/api/v1/experiments')).experiments;
    if (!ctx.current()) return;
    if (list.length === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No experiments yet. Create one with POST /api/v1/experiments or ./waymark experiment create --file F --start.'));
    }
    const key = ctx.state.params.get('key') || list[0].key;
    const detail = h('div', { id: 'experiment' }, notice('loading', 'Analysing…'));
    clear(main, card('Experiments', table([
      { label: 'Experiment', render: x => h('div', {}, h('b', {}, x.definition.name || x.key), h('div', { class: 'muted small' }, x.key)) },
      { label: 'Status', render: x => chip(x.status.toLowerCase(), 'status-' + x.status.toLowerCase()) },
      { label: 'Variants', render: x => x.definition.variants.map(v => v.key).join(', ') },
      { label: 'Primary metric', render: x => x.definition.metric.name || x.definition.metric.event },
      { label: 'Started', render: x => fmt.time(x.startedAt) }],
    list, { onRow: x => navigate('experiments', { key: x.key }) })), detail);
    const r = await query({ kind: 'experiment', experiment: key });
    if (!ctx.current()) return;
    const res = r.result;
    clear(detail, card(r.name || r.experiment,
      h('p', { class: 'muted' }, 'Exposed: ', r.variants.map((v, i) => v + ' ' + fmt.int(r.exposed[i])).join(' · '),
        r.mixed ? ' · ' + fmt.int(r.mixed) + ' saw several variants (left out)' : ''),
      res.sampleRatio.mismatch ? notice('error', 'Sample ratio mismatch (p = ' + res.sampleRatio.pValue.toExponential(2) + '): the split is off, so the results are not trustworthy.') : null,
      res.verdicts.map(v => h('div', { class: 'verdict ' + v.decision.toLowerCase(), dataset: { decision: v.decision } },
        h('div', { class: 'verdict-label' }, v.decision.replace(/_/g, ' ').toLowerCase()), h('p', {}, v.sentence))),
      res.metrics.map(m => metric(m)),
      h('p', { class: 'muted small' }, 'Intervals at alpha ' + (res.metrics[0] && res.metrics[0].comparisons[0] ? res.metrics[0].comparisons[0].frequentist.alpha : 0.05)
        + '; p-values adjusted by ' + res.correction.method + ' over ' + res.correction.tests + ' tests.')));
  },
};

/** One metric: the arms' means and each variant's lift with its interval drawn on a shared scale. */
function metric(m) {
  const lifts = m.comparisons.map(c => c.decisive);
  const lo = Math.min(0, ...lifts.map(l => l.lower));
  const hi = Math.max(0, ...lifts.map(l => l.upper));
  const pos = x => (100 * (x - lo) / ((hi - lo) || 1)).toFixed(2) + '%';
  const isRate = m.type === 'BINOMIAL';
  return h('div', { class: 'metric', dataset: { metric: m.name } },
    h('h3', {}, m.name, ' ', chip(m.role.toLowerCase())),
    table([
      { label: 'Variant', key: 'variant' },
      { label: 'Persons', num: true, render: a => fmt.int(a.n) },
      { label: isRate ? 'Rate' : 'Mean', num: true, render: a => isRate ? fmt.pct(a.mean) : fmt.num(a.mean) },
      { label: 'Lift vs control', render: a => {
        const c = m.comparisons.find(x => x.variant === a.variant);
        if (!c) return h('span', { class: 'muted' }, 'control');
        const d = c.decisive;
        const f = c.decisiveIsRelative ? fmt.signedPct : fmt.num;
        return h('div', { class: 'interval-cell' },
          h('div', { class: 'interval', title: '[' + f(d.lower) + ', ' + f(d.upper) + ']' },
            h('span', { class: 'zero', style: 'left:' + pos(0) }),
            h('span', { class: 'range' + (c.significant ? (d.estimate > 0 === m.higherIsBetter ? ' good' : ' bad') : ''), style: 'left:' + pos(d.lower) + ';width:calc(' + pos(d.upper) + ' - ' + pos(d.lower) + ')' }),
            h('span', { class: 'point', style: 'left:' + pos(d.estimate) })),
          h('span', { class: 'small' }, f(d.estimate) + ' [' + f(d.lower) + ', ' + f(d.upper) + ']'));
      } },
      { label: 'p (adjusted)', num: true, render: a => { const c = m.comparisons.find(x => x.variant === a.variant); return c ? c.adjustedPValue.toFixed(3) : ''; } },
      { label: 'Chance to beat control', num: true, render: a => { const c = m.comparisons.find(x => x.variant === a.variant); return c && c.bayesian ? fmt.pct(c.bayesian.chanceToBeatControl) : ''; } }],
    m.arms));
}
