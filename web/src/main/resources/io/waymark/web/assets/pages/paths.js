// Paths: a Sankey of the most common sequences after (or before) an event, from the paths query's nodes and links.
import { query, eventNames } from '../api.js';
import { h, clear, card, notice, fmt, table, select } from '../dom.js';
import { chart } from '../charts.js';
import { scope, navigate } from '../state.js';

export default {
  title: 'Paths',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const p = ctx.state.params;
    const events = await eventNames();
    if (!ctx.current()) return;
    if (events.length === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No events yet: paths appear once events arrive.'));
    }
    const direction = p.get('direction') === 'end' ? 'end' : 'start';
    const anchor = p.get('event') || (events.includes('product_view') ? 'product_view' : events[0]);
    const depth = +(p.get('depth') || 4);
    const controls = h('div', { class: 'builder-row' },
      h('label', {}, 'Paths ', select([{ value: 'start', label: 'starting at' }, { value: 'end', label: 'ending at' }], direction,
        v => navigate('paths', { direction: v }), { name: 'direction' })),
      select([...events, '$page', '$screen'].filter((e, i, a) => a.indexOf(e) === i).map(e => ({ value: e, label: fmt.event(e) })), anchor,
        v => navigate('paths', { event: v }), { name: 'event', 'aria-label': 'Event' }),
      h('label', {}, 'Steps ', select(['3', '4', '5', '6'], String(depth), v => navigate('paths', { depth: v }), { name: 'depth' })));
    const r = await query({ kind: 'paths', ...s, [direction]: anchor, depth, top: 15 });
    if (!ctx.current()) return;
    if (r.links.length === 0) {
      main.dataset.state = 'empty';
      return clear(main, card('Paths', controls), notice('empty', 'Nobody did "' + fmt.event(anchor) + '" in this date range, or nothing ' + (direction === 'start' ? 'followed' : 'preceded') + ' it.'));
    }
    // Sankey nodes need unique names: the same event at another step is another node
    const label = n => 'step ' + (n.step + 1) + ': ' + fmt.event(n.name);
    clear(main,
      card('Paths', controls, chart('sankey', {
        tooltip: { trigger: 'item' },
        series: [{ type: 'sankey', left: 8, right: 120, top: 16, bottom: 16, nodeGap: 10, draggable: false,
          emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.35 },
          label: { formatter: x => fmt.event(x.name.replace(/^step \d+: /, '')) },
          data: r.nodes.map(n => ({ name: label(n) })),
          links: r.links.map(l => ({ source: label(r.nodes[l.source]), target: label(r.nodes[l.target]), value: l.value })) }],
      }, 460)),
      card('Most common paths', table([
        { label: 'Path', render: x => x.sequence.map(fmt.event).join(' → ') },
        { label: 'Persons', num: true, render: x => fmt.int(x.persons) }], r.paths)));
  },
};
