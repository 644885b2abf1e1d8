// Funnels: pick events, window and mode; persons per step with conversion and time to convert; a breakdown;
// click a drop-off to see those persons and save them as a segment (a funnel drop-off rule).
import { query, eventNames } from '../api.js';
import { h, clear, card, notice, fmt, table, select } from '../dom.js';
import { chart } from '../charts.js';
import { scope, navigate } from '../state.js';
import { sampleList, saveSegmentForm } from './persons.js';

const WINDOWS = [['1h', '1 hour'], ['1d', '1 day'], ['7d', '7 days'], ['14d', '14 days'], ['30d', '30 days']];
const MODES = [['ordered', 'In order (others may interleave)'], ['strict', 'Strictly in a row'], ['unordered', 'Any order']];
const BREAKDOWNS = [['', 'No breakdown'], ['channel', 'Channel'], ['context.device.type', 'Device'], ['context.campaign.source', 'Campaign source'],
  ['persona', 'Persona']];
const PREFERRED = ['product_view', 'add_to_cart', 'checkout_started', 'purchase'];

export default {
  title: 'Funnels',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const p = ctx.state.params;
    const events = await eventNames();
    if (!ctx.current()) return;
    if (events.length === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No events yet: send track calls (e.g. product_view, add_to_cart, purchase) to build a funnel.'));
    }
    let steps = p.getAll('step');
    if (steps.length === 0) {
      steps = PREFERRED.filter(e => events.includes(e));
      if (steps.length < 2) steps = events.slice(0, 3);
    }
    const form = { steps: [...steps], window: p.get('window') || '7d', mode: p.get('mode') || 'ordered', breakdown: p.get('breakdown') || '' };
    const builder = h('div', { class: 'builder' });
    const drawBuilder = () => clear(builder,
      h('ol', { class: 'steps' }, form.steps.map((e, i) => h('li', {},
        select(events.map(x => ({ value: x, label: fmt.event(x) })), e, v => { form.steps[i] = v; }, { name: 'step', 'aria-label': 'Step ' + (i + 1) }),
        form.steps.length > 2 ? h('button', { type: 'button', class: 'icon', 'aria-label': 'Remove step ' + (i + 1),
          onclick: () => { form.steps.splice(i, 1); drawBuilder(); } }, '×') : null))),
      h('div', { class: 'builder-row' },
        h('button', { type: 'button', id: 'add-step', onclick: () => { form.steps.push(events[0]); drawBuilder(); } }, '+ Add step'),
        h('label', {}, 'Window ', select(WINDOWS.map(([value, label]) => ({ value, label })), form.window, v => { form.window = v; }, { name: 'window' })),
        h('label', {}, 'Mode ', select(MODES.map(([value, label]) => ({ value, label })), form.mode, v => { form.mode = v; }, { name: 'mode' })),
        h('label', {}, 'Breakdown ', select(BREAKDOWNS.map(([value, label]) => ({ value, label })), form.breakdown, v => { form.breakdown = v; }, { name: 'breakdown' })),
        h('button', { class: 'primary', id: 'run-funnel', type: 'button', onclick: run }, 'Show funnel')));
    const run = () => navigate('funnels', { step: form.steps, window: form.window, mode: form.mode, breakdown: form.breakdown, dropoff: null });
    drawBuilder();
    const spec = { kind: 'funnel', ...s, steps: steps.map(event => ({ event })), window: form.window, mode: form.mode };
    if (form.breakdown && form.breakdown !== 'persona') spec.breakdown = form.breakdown;
    const [r, byPersona] = await Promise.all([query(spec), form.breakdown === 'persona' ? personaBreakdown(spec, s) : null]);
    if (!ctx.current()) return;
    if (byPersona) Object.assign(r, byPersona);
    const result = h('div', {});
    const dropDetail = h('div', { id: 'dropoff' });
    clear(main, card('Build a funnel', builder), result, dropDetail);
    if (r.steps[0].persons === 0) {
      main.dataset.state = 'empty';
      return result.append(notice('empty', 'Nobody did "' + fmt.event(steps[0]) + '" in this date range. Pick another first step or widen the range.'));
    }
    const openDrop = k => navigate('funnels', { dropoff: k });
    result.append(
      card('Conversion', chart('funnel', {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: r.steps.map(st => st.step + '. ' + fmt.event(st.event)) },
        yAxis: { type: 'value' },
        series: [
          { name: 'persons', type: 'bar', stack: 'f', data: r.steps.map(st => st.persons), barMaxWidth: 80,
            label: { show: true, position: 'insideTop', color: '#fff', formatter: x => fmt.pct(r.steps[x.dataIndex].conversionFromStart) },
            itemStyle: { color: '#4f46e5', borderRadius: [3, 3, 0, 0] } },
          { name: 'dropped off', type: 'bar', stack: 'f', barMaxWidth: 80, cursor: 'pointer',
            data: r.steps.map((st, i) => i === 0 ? 0 : r.steps[i - 1].persons - st.persons),
            itemStyle: { color: '#fca5a5', borderRadius: [3, 3, 0, 0] } },
        ],
        legend: { bottom: 0 }, grid: { left: 8, right: 16, top: 24, bottom: 30, containLabel: true },
      }, 320, x => { if (x.seriesName === 'dropped off' && x.dataIndex > 0) openDrop(x.dataIndex + 1); }),
      h('p', { class: 'muted small' }, 'Click a red bar, or a drop-off below, to see who dropped off there and save them as a segment.'),
      table([
        { label: 'Step', render: st => st.step + '. ' + fmt.event(st.event) },
        { label: 'Persons', num: true, render: st => fmt.int(st.persons) },
        { label: 'From start', num: true, render: st => fmt.pct(st.conversionFromStart) },
        { label: 'From previous', num: true, render: st => fmt.pct(st.conversionFromPrevious) },
        { label: 'Median time', num: true, render: st => fmt.duration(st.medianSecondsFromPrevious) },
        { label: '90th percentile', num: true, render: st => fmt.duration(st.p90SecondsFromPrevious) },
        { label: 'Dropped off', num: true, render: (st, i) => i === 0 ? '' : h('button', { class: 'link dropoff', dataset: { step: st.step },
          onclick: () => openDrop(st.step) }, fmt.int(r.steps[i - 1].persons - st.persons) + ' →') },
      ], r.steps, { class: 'funnel-table' })));
    if (r.personaNote) result.append(notice('empty', r.personaNote));
    if (r.breakdown && r.breakdowns.length) {
      const last = r.steps.length - 1;
      result.append(card('Conversion by ' + BREAKDOWNS.find(b => b[0] === r.breakdown)[1].toLowerCase(),
        chart('funnel-breakdown', {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: v => fmt.pct(v) },
          xAxis: { type: 'category', data: r.breakdowns.map(b => b.value === null ? '(none)' : String(b.value)) },
          yAxis: { type: 'value', axisLabel: { formatter: v => fmt.pct(v, 0) } },
          series: r.steps.slice(1).map((st, j) => ({ name: st.step + '. ' + fmt.event(st.event), type: 'bar',
            data: r.breakdowns.map(b => b.steps[j + 1].conversionFromStart) })),
          legend: { bottom: 0 }, grid: { left: 8, right: 16, top: 24, bottom: 30, containLabel: true },
        }, 280),
        table([{ label: 'Value', render: b => b.value === null ? '(none)' : String(b.value) },
          { label: 'Entered', num: true, render: b => fmt.int(b.steps[0].persons) },
          { label: 'Converted', num: true, render: b => fmt.int(b.steps[last].persons) },
          { label: 'Conversion', num: true, render: b => fmt.pct(b.steps[last].conversionFromStart) }], r.breakdowns)));
    }
    const k = +p.get('dropoff');
    if (k >= 2 && k <= steps.length) await dropOff(dropDetail, spec, k, s, ctx);
  },
};

/**
 * The funnel once per persona: the personas of the date range, then the same funnel restricted to each by a persona
 * rule with the k that was chosen (clustering is seeded per k, so that is the same grouping). A persona rule clusters
 * everybody, so it cannot be combined with the segment filter.
 */
async function personaBreakdown(spec, s) {
  if (s.segment) return { breakdown: 'persona', breakdowns: [], personaNote: 'The persona breakdown groups everybody; clear the segment filter to see it.' };
  const range = { from: s.from, to: s.to, timezone: s.timezone };
  const personas = await query({ kind: 'personas', ...range, k: 'auto' });
  const funnels = await Promise.all(personas.personas.map(p => query({ ...spec, segment: { persona: { ...range, k: personas.k }, is: p.id } })));
  return { breakdown: 'persona', breakdowns: personas.personas.map((p, i) => ({ value: p.name, steps: funnels[i].steps })) };
}

async function dropOff(el, spec, k, s, ctx) {
  const r = await query({ ...spec, dropOffAt: k, limit: 20 });
  if (!ctx.current()) return;
  const from = spec.steps[k - 2].event;
  const to = spec.steps[k - 1].event;
  const rules = { funnel: { steps: spec.steps, window: spec.window, mode: spec.mode }, droppedAt: k, from: s.from, to: s.to };
  clear(el, card('Dropped off before step ' + k,
    h('p', {}, h('b', { id: 'dropoff-total' }, fmt.int(r.dropOff.total)), ' persons did "' + fmt.event(from) + '" but not "' + fmt.event(to) + '" within ' + spec.window + '.'),
    sampleList(r.dropOff.persons.map(personId => ({ personId }))),
    saveSegmentForm(rules, 'Dropped before ' + fmt.event(to), ctx, 'funnel drop-off before ' + to + ' (' + s.from + ' to ' + s.to + ')')));
  el.scrollIntoView({ block: 'nearest' });
}
