// Segments & personas: saved segments, a rule builder with a size preview, and persona cards.
import { api, query, eventNames } from '../api.js';
import { h, clear, card, notice, fmt, table, select, chip } from '../dom.js';
import { scope } from '../state.js';
import { sampleList, saveSegmentForm } from './persons.js';

const KINDS = [['did', 'did event'], ['didnt', 'did not do event'], ['trait', 'trait equals'], ['fact', 'fact']];
const FACTS = ['churn_risk', 'orders', 'revenue', 'days_since_last_seen', 'days_since_last_purchase', 'events', 'stage', 'rfm_group'];
const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];

export default {
  title: 'Segments & personas',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const [list, events] = await Promise.all([api('/api/v1/segments'), eventNames()]);
    if (!ctx.current()) return;
    const personas = h('div', { id: 'personas' }, notice('loading', 'Finding personas…'));
    clear(main,
      card('Saved segments', list.segments.length === 0 ? notice('empty', 'No saved segments yet: build one below, or save a funnel drop-off or a journey stage.')
        : table([
          { label: 'Segment', render: x => h('div', {}, h('b', {}, x.name), h('div', { class: 'muted small' }, x.description || '')) },
          { label: 'Members', num: true, render: x => fmt.int(x.members) },
          { label: 'Refreshed', render: x => fmt.time(x.refreshedAt) },
          { label: '', render: x => h('a', { href: '#/overview?segment=' + encodeURIComponent(x.id) + '&from=' + ctx.state.from + '&to=' + ctx.state.to }, 'Filter by it →') }],
        list.segments, { class: 'segments' })),
      builder(events, s, ctx),
      card('Personas', h('p', { class: 'muted small' }, 'Behavioural groups found by k-means++ over channels, devices, time of day, RFM, categories, discounts, sessions and carts.'), personas));
    const r = await query({ kind: 'personas', ...s, k: 'auto' });
    if (!ctx.current()) return;
    if (r.personas.length === 0) return clear(personas, notice('empty', 'Too few persons in this range to find personas.'));
    clear(personas, h('div', { class: 'persona-cards' }, r.personas.map(pr => h('article', { class: 'persona', dataset: { persona: pr.id, size: pr.size } },
      h('h3', {}, pr.name),
      h('div', { class: 'persona-size' }, fmt.int(pr.size), h('small', {}, ' persons')),
      h('div', { class: 'muted small' }, fmt.pct(pr.share) + ' of persons · ' + fmt.pct(pr.revenueShare) + ' of revenue'),
      h('div', { class: 'chips' }, pr.traits.map(t => chip(t.description))),
      h('dl', { class: 'kv' },
        h('dt', {}, 'Conversion'), h('dd', {}, fmt.pct(pr.kpis.conversionRate)),
        h('dt', {}, 'Revenue per person'), h('dd', {}, fmt.money(pr.kpis.revenuePerPerson)),
        h('dt', {}, 'Order value'), h('dd', {}, fmt.money(pr.kpis.averageOrderValue)),
        h('dt', {}, 'Cart abandonment'), h('dd', {}, fmt.pct(pr.kpis.cartAbandonment)),
        h('dt', {}, 'Gets as far as'), h('dd', {}, pr.journey.furthestStage || '–'))))));
  },
};

/** Conditions combined with all/any; each becomes one typed rule (see SegmentRuleParser), never an expression. */
function builder(events, s, ctx) {
  const conditions = [{ kind: 'did', event: events.includes('add_to_cart') ? 'add_to_cart' : events[0], days: '30', key: '', op: 'eq', value: '' }];
  let combine = 'all';
  const rowsEl = h('div', { class: 'conditions' });
  const preview = h('div', { id: 'segment-preview' });
  const rule = c => {
    if (c.kind === 'did') return { event: c.event, within: c.days + 'd' };
    if (c.kind === 'didnt') return { event: c.event, within: c.days + 'd', count: { eq: 0 } };
    if (c.kind === 'trait') return { trait: c.key, op: 'eq', value: c.value };
    const n = Number(c.value);
    return { fact: c.key || 'orders', op: c.op, value: c.value !== '' && !Number.isNaN(n) ? n : c.value };
  };
  const rules = () => conditions.length === 1 ? rule(conditions[0]) : { [combine]: conditions.map(rule) };
  const draw = () => clear(rowsEl, conditions.map((c, i) => h('div', { class: 'builder-row condition' },
    select(KINDS.map(([value, label]) => ({ value, label })), c.kind, v => { c.kind = v; draw(); }, { name: 'kind', 'aria-label': 'Condition' }),
    c.kind === 'did' || c.kind === 'didnt' ? [
      select(events.map(e => ({ value: e, label: fmt.event(e) })), c.event, v => { c.event = v; }, { name: 'event', 'aria-label': 'Event' }),
      h('label', {}, 'in the last ', h('input', { type: 'number', min: 1, max: 3650, value: c.days, class: 'short', name: 'days', oninput: e => { c.days = e.target.value; } }), ' days')]
      : c.kind === 'trait' ? [
        h('input', { name: 'trait', placeholder: 'trait, e.g. plan', value: c.key, oninput: e => { c.key = e.target.value; } }),
        h('input', { name: 'value', placeholder: 'value', value: c.value, oninput: e => { c.value = e.target.value; } })]
        : [select(FACTS, c.key || 'orders', v => { c.key = v; }, { name: 'fact', 'aria-label': 'Fact' }),
          select(OPS, c.op, v => { c.op = v; }, { name: 'op', 'aria-label': 'Operator' }),
          h('input', { name: 'value', placeholder: 'value', value: c.value, class: 'short', oninput: e => { c.value = e.target.value; } })],
    conditions.length > 1 ? h('button', { type: 'button', class: 'icon', 'aria-label': 'Remove condition', onclick: () => { conditions.splice(i, 1); draw(); } }, '×') : null)));
  draw();
  async function runPreview() {
    clear(preview, notice('loading', 'Counting…'));
    try {
      const r = await query({ kind: 'segment', rules: rules(), asOf: s.to, timezone: s.timezone, sample: 10 });
      clear(preview,
        h('p', {}, h('b', { id: 'preview-members' }, fmt.int(r.members)), ' of ' + fmt.int(r.persons) + ' persons (' + fmt.pct(r.share) + ') match at the end of ' + ctx.state.to + '.'),
        sampleList(r.sample),
        saveSegmentForm(rules(), '', ctx, null));
    } catch (e) {
      clear(preview, notice('error', e.message + (e.field ? ' (' + e.field + ')' : '')));
    }
  }
  return card('Build a segment', rowsEl,
    h('div', { class: 'builder-row' },
      h('button', { type: 'button', onclick: () => { conditions.push({ kind: 'did', event: events[0], days: '30', key: '', op: 'eq', value: '' }); draw(); } }, '+ Condition'),
      h('label', {}, 'Match ', select([{ value: 'all', label: 'all conditions' }, { value: 'any', label: 'any condition' }], combine, v => { combine = v; }, { name: 'combine' })),
      h('button', { type: 'button', class: 'primary', id: 'preview-segment', onclick: runPreview }, 'Preview size')),
    preview);
}
