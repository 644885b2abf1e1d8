// Journeys: the list with how many persons are in each, creating one from a template, editing its steps
// (the definition), starting and stopping, and per step what was sent and what it achieved.
import { api, ApiError, query } from '../api.js';
import { h, clear, card, notice, fmt, table, chip } from '../dom.js';
import { chart } from '../charts.js';
import { navigate, scope } from '../state.js';

export default {
  title: 'Journeys',
  async render(main, ctx) {
    let list;
    let templates;
    const stages = query({ kind: 'stages', ...scope(ctx.state) });
    try {
      [list, templates] = await Promise.all([api('/api/v1/journeys'), api('/api/v1/journey-templates')]);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        main.dataset.state = 'empty';
        return clear(main, notice('empty', 'Journeys are not available on this server yet: it has no /api/v1/journeys route. Update Waymark to automate messages along the journey.'),
          sentiment(await stages));
      }
      throw e;
    }
    const answers = sentiment(await stages);
    if (!ctx.current()) return;
    const key = ctx.state.params.get('key');
    const detail = h('div', { id: 'journey-detail' });
    clear(main,
      card('Journeys', list.journeys.length === 0 ? notice('empty', 'No journeys yet: start from a template below.')
        : table([
          { label: 'Journey', render: j => h('div', {}, h('b', {}, j.name), h('div', { class: 'muted small' }, j.key + ' · version ' + j.version)) },
          { label: 'Status', render: j => chip(j.status, 'status-' + j.status) },
          { label: 'Active', num: true, render: j => fmt.int(j.counts.active) },
          { label: 'Completed', num: true, render: j => fmt.int(j.counts.completed) },
          { label: 'Exited', num: true, render: j => fmt.int(j.counts.exited) },
          { label: 'Updated', render: j => fmt.time(j.updatedAt) }],
        list.journeys, { onRow: j => navigate('journeys', { key: j.key }) })),
      card('Start from a template', h('div', { class: 'template-cards' }, templates.templates.map(t => h('article', { class: 'template' },
        h('h3', {}, t.name), h('p', { class: 'muted small' }, t.description),
        h('button', { class: 'primary', dataset: { template: t.id }, onclick: async e => {
          try {
            const saved = await api('/api/v1/journeys', { method: 'POST', body: { template: t.id } });
            navigate('journeys', { key: saved.key });
          } catch (err) {
            e.target.after(notice('error', err.message));
          }
        } }, 'Create draft'))))),
      detail, answers);
    if (key) await journeyDetail(detail, key, ctx);
  },
};

/** Survey answers and feedback sentiment per journey stage (the stages query's emotion): where the journey hurts. */
function sentiment(r) {
  const answered = r.stages.filter(st => st.emotion.samples > 0);
  return card('Survey answers and sentiment', answered.length === 0
    ? notice('empty', 'No survey answers or feedback in this date range: send survey_response events (NPS, CSAT) or reviews.')
    : [h('p', { class: 'muted small' }, fmt.int(answered.reduce((n, st) => n + st.emotion.samples, 0)) + ' answers; the mean score per stage, from −1 to +1.'),
      chart('sentiment', {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: r.stages.map(st => st.name), axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: [{ type: 'value', min: -1, max: 1, name: 'score' }, { type: 'value', name: 'answers' }],
        series: [{ name: 'score', type: 'bar', data: r.stages.map(st => st.emotion.score),
          itemStyle: { color: x => (x.value ?? 0) < 0 ? '#ef4444' : '#10b981', borderRadius: 3 } },
        { name: 'answers', type: 'line', yAxisIndex: 1, data: r.stages.map(st => st.emotion.samples), color: '#64748b' }],
      }, 240)]);
}

async function journeyDetail(el, key, ctx) {
  const [j, stats] = await Promise.all([api('/api/v1/journeys/' + encodeURIComponent(key)), api('/api/v1/journeys/' + encodeURIComponent(key) + '/stats')]);
  if (!ctx.current()) return;
  const editor = h('textarea', { class: 'code', rows: 16, name: 'definition', spellcheck: 'false' }, JSON.stringify(j.definition, null, 2));
  const message = h('div', {});
  const act = (label, f) => h('button', { onclick: async () => {
    try { await f(); navigate('journeys', { key, saved: Date.now() }); } catch (e) { clear(message, notice('error', e.message + (e.field ? ' (' + e.field + ')' : ''))); }
  } }, label);
  clear(el, card(j.name || key,
    h('p', {}, 'Entered ', h('b', {}, fmt.int(stats.entered)), ' · completed ', fmt.int(stats.completed), ' · exited ', fmt.int(stats.exited),
      stats.goal ? [' · goal "', stats.goal.event, '": ', fmt.int(stats.goal.converted), ' (', fmt.pct(stats.goal.rate), ')'] : ''),
    table([
      { label: 'Step', render: s => h('div', {}, h('b', {}, s.label || s.id), h('div', { class: 'muted small' }, s.type)) },
      { label: 'Waiting here', num: true, render: s => fmt.int(s.waiting) },
      { label: 'Entered', num: true, render: s => fmt.int(s.entered) },
      { label: 'Sent', num: true, render: s => fmt.int(s.sent) },
      { label: 'Suppressed', num: true, render: s => fmt.int(s.suppressed) },
      { label: 'Failed', num: true, render: s => fmt.int(s.failed) }], stats.steps),
    h('h3', {}, 'Steps (definition)'), editor, message,
    h('div', { class: 'builder-row' },
      act('Save as new version', () => api('/api/v1/journeys/' + encodeURIComponent(key), { method: 'PUT', body: JSON.parse(editor.value) })),
      j.status === 'running' ? act('Stop', () => api('/api/v1/journeys/' + encodeURIComponent(key) + '/stop', { method: 'POST' }))
        : act('Start', () => api('/api/v1/journeys/' + encodeURIComponent(key) + '/start', { method: 'POST' })),
      j.status !== 'running' ? act('Delete', () => api('/api/v1/journeys/' + encodeURIComponent(key), { method: 'DELETE' }).then(() => navigate('journeys', { key: null }))) : null),
    h('p', { class: 'muted small' }, 'Persons already in the journey stay on their version; ' + (j.versions ? j.versions.length : 1) + ' version(s) so far.')));
}
