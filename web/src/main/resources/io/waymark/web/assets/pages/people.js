// People: search profiles; a profile shows identities, traits, computed facts, segments and the cross-channel timeline.
import { api } from '../api.js';
import { h, clear, card, notice, fmt, table, chip } from '../dom.js';
import { channelColor } from '../charts.js';
import { navigate } from '../state.js';

export default {
  title: 'People',
  async render(main, ctx) {
    const p = ctx.state.params;
    const q = p.get('q') || '';
    const input = h('input', { type: 'search', name: 'q', value: q, placeholder: 'user id, anonymous id, person id or e-mail', 'aria-label': 'Search persons' });
    const search = h('form', { class: 'inline-form search', onsubmit: e => { e.preventDefault(); navigate('people', { q: input.value.trim(), person: null }); } },
      input, h('button', { class: 'primary', type: 'submit' }, 'Search'));
    const content = h('div', {});
    clear(main, card(null, search), content);
    const person = p.get('person');
    if (person) return profile(content, person, ctx);
    if (!q) {
      return content.append(notice('empty', 'Search for a person by their user id, anonymous id, person id or e-mail address, or open one from a segment, stage or funnel drop-off.'));
    }
    const r = await api('/api/v1/persons?limit=50&q=' + encodeURIComponent(q));
    if (!ctx.current()) return;
    if (r.persons.length === 0) {
      main.dataset.state = 'empty';
      return content.append(notice('empty', 'Nobody matches "' + q + '". Ids match exactly; e-mail addresses in any case.'));
    }
    content.append(card('Persons', table([
      { label: 'Person', render: x => x.name || x.email || (x.userIds[0] ?? x.personId) },
      { label: 'Ids', render: x => [...x.userIds, ...x.anonymousIds].slice(0, 3).join(', ') },
      { label: 'First seen', render: x => fmt.time(x.firstSeen) },
      { label: 'Last seen', render: x => fmt.time(x.lastSeen) },
      { label: 'Events', num: true, render: x => fmt.int(x.events) }],
    r.persons, { onRow: x => navigate('people', { person: x.personId }) })));
  },
};

async function profile(el, personId, ctx) {
  const r = await api('/api/v1/persons/' + encodeURIComponent(personId) + '?limit=300');
  if (!ctx.current()) return;
  const facts = [['Events', fmt.int(r.events)], ['First seen', fmt.time(r.firstSeen)], ['Last seen', fmt.time(r.lastSeen)],
    ['Chance still active', fmt.pct(r.pAlive)], ['Churn risk', fmt.pct(r.churnRisk)], ['Expected purchases (365 d)', fmt.num(r.expectedPurchases365d)]];
  const timeline = [...r.timeline].reverse();
  el.append(
    h('div', { class: 'grid side' },
      h('div', {},
        card('Identities', h('dl', { class: 'kv', id: 'identities' },
          h('dt', {}, 'Person'), h('dd', {}, r.personId),
          r.userIds.map(id => [h('dt', {}, 'User id'), h('dd', {}, id)]),
          r.anonymousIds.map(id => [h('dt', {}, 'Anonymous id'), h('dd', {}, id)]))),
        card('Traits', Object.keys(r.traits).length ? h('dl', { class: 'kv', id: 'traits' },
          Object.entries(r.traits).map(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]))
          : h('p', { class: 'muted' }, 'No traits yet (identify calls set them).')),
        card('Computed facts', h('dl', { class: 'kv' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
        card('Segments', (r.segments || []).length ? h('div', { class: 'chips' }, r.segments.map(s => chip(typeof s === 'string' ? s : s.name || s.id)))
          : h('p', { class: 'muted' }, 'In no saved segment.')),
        card('Events by channel', h('div', { class: 'chips' }, Object.entries(r.eventsByChannel).map(([c, n]) => chip(c + ' ' + n, 'channel', channelColor(c)))))),
      card('Timeline' + (r.truncated ? ' (first 300 events)' : ''), h('ol', { class: 'timeline', id: 'timeline' }, timeline.map(ev => h('li', {},
        h('span', { class: 'dot', style: 'background:' + channelColor(ev.channel) }),
        h('div', {},
          h('div', {}, h('b', {}, eventName(ev)), ' ', chip(ev.channel, 'channel', channelColor(ev.channel)), h('span', { class: 'muted small' }, ' ' + fmt.time(ev.timestamp))),
          props(ev))))))));
}

function eventName(ev) {
  if (ev.type === 'track') return ev.name;
  if (ev.type === 'page' || ev.type === 'screen') return ev.type + ' ' + (ev.name || (ev.context && ev.context.page && ev.context.page.path) || '');
  return ev.type;
}

/** A few properties as "key: value" text; values are user-controlled and only ever text. */
function props(ev) {
  const entries = Object.entries(ev.properties || {}).filter(([k]) => !['url', 'referrer', 'title'].includes(k)).slice(0, 6);
  if (entries.length === 0) return null;
  return h('div', { class: 'props' }, entries.map(([k, v]) => h('span', { class: 'prop' }, h('span', { class: 'muted' }, k + ': '),
    typeof v === 'object' ? JSON.stringify(v).slice(0, 120) : String(v))));
}
