// Shared by pages that show a group of persons (a stage's drop-offs, a funnel's drop-off, a segment preview):
// the sample with links to their profiles, and saving the group as a segment.
import { api } from '../api.js';
import { h, fmt, notice } from '../dom.js';

export function sampleList(sample) {
  if (!sample || sample.length === 0) return h('p', { class: 'muted' }, 'Nobody.');
  return h('ul', { class: 'person-list' }, sample.map(p => h('li', {},
    h('a', { href: '#/people?person=' + encodeURIComponent(p.personId) }, p.userIds && p.userIds.length ? p.userIds[0] : p.personId),
    // a funnel's drop-off lists person ids only; a segment preview says whether they ever signed in
    p.userIds ? h('span', { class: 'muted small' }, ' ' + (p.userIds.length ? 'user' : 'anonymous')) : null)));
}

/** A name field and a button that saves the rules as a segment (POST /api/v1/segments), then reports its size. */
export function saveSegmentForm(rules, suggestedName, ctx, description) {
  const name = h('input', { name: 'segment-name', value: suggestedName, 'aria-label': 'Segment name', required: true });
  const result = h('div', { class: 'save-result' });
  const button = h('button', { class: 'primary', type: 'submit' }, 'Save as segment');
  return h('form', {
    class: 'inline-form save-segment',
    async onsubmit(e) {
      e.preventDefault();
      button.disabled = true;
      try {
        const saved = await api('/api/v1/segments', { method: 'POST', body: { name: name.value, description, rules } });
        await ctx.reloadSegments();
        result.replaceChildren(notice('success', 'Saved segment "' + saved.name + '" with ' + fmt.int(saved.members) + ' persons.',
          h('a', { href: '#/segments?id=' + encodeURIComponent(saved.id) }, 'Open segments →')));
        result.dataset.segment = saved.id;
      } catch (err) {
        result.replaceChildren(notice('error', err.message));
      } finally {
        button.disabled = false;
      }
    },
  }, name, button, result);
}
