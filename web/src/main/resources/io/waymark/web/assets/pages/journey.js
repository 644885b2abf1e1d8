// Journey map: the stages as columns (persons, conversion to the next stage, time in stage, touchpoints per
// channel), the emotion curve across them, and a stage's drop-offs (persons whose furthest stage it is).
import { query } from '../api.js';
import { h, clear, card, notice, fmt, chip } from '../dom.js';
import { chart, channelColor } from '../charts.js';
import { scope, navigate } from '../state.js';
import { sampleList, saveSegmentForm } from './persons.js';

export default {
  title: 'Journey map',
  async render(main, ctx) {
    const s = scope(ctx.state);
    const r = await query({ kind: 'stages', ...s });
    if (!ctx.current()) return;
    if (r.persons === 0) {
      main.dataset.state = 'empty';
      return clear(main, notice('empty', 'No persons in this date range. Widen the range or send events that match the journey stages (stages.json).'));
    }
    const selected = ctx.state.params.get('stage');
    const columns = r.stages.map((st, i) => {
      const channels = Object.entries(st.touchpoints.byChannel).slice(0, 5);
      const max = Math.max(1, ...channels.map(c => c[1]));
      return h('button', {
        class: 'stage' + (st.name === selected ? ' selected' : ''), dataset: { stage: st.name, persons: st.persons },
        onclick: () => navigate('journey', { stage: st.name }),
      },
      h('div', { class: 'stage-index' }, 'Stage ' + (i + 1)),
      h('div', { class: 'stage-name' }, st.name),
      h('div', { class: 'stage-persons' }, fmt.int(st.persons), h('small', {}, ' persons')),
      h('dl', {},
        h('dt', { title: 'persons whose current stage this is' }, 'Still here'), h('dd', {}, fmt.int(st.current)),
        h('dt', { title: 'conversion to the next stage' }, 'To next'), h('dd', { class: 'conv' }, st.conversionToNext === null ? '–' : fmt.pct(st.conversionToNext)),
        h('dt', { title: 'median time in this stage' }, 'Time here'), h('dd', {}, st.medianDaysInStage === null ? '–' : fmt.duration(st.medianDaysInStage * 86400)),
        h('dt', { title: 'mean emotion score (answers)' }, 'Emotion'), h('dd', {}, st.emotion.score === null ? '–' : fmt.num(st.emotion.score) + ' (' + st.emotion.samples + ')')),
      h('div', { class: 'touch' }, h('div', { class: 'small muted' }, 'Touchpoints'),
        channels.map(([c, n]) => h('div', { class: 'bar-row' }, h('span', {}, c),
          h('span', { class: 'bar', style: 'width:' + Math.max(4, 100 * n / max) + '%;background:' + channelColor(c) }),
          h('span', { class: 'num small' }, fmt.compact(n))))),
      h('div', { class: 'small muted' }, 'Top: ', st.touchpoints.byEvent.slice(0, 3).map(e => fmt.event(e.event)).join(', ')));
    });
    const detail = h('div', { id: 'stage-detail' });
    clear(main,
      h('div', { class: 'stages' }, columns),
      h('div', { class: 'grid two' },
        card('Emotion across the journey', h('p', { class: 'muted small' }, 'Mean of survey answers and feedback sentiment per stage, from −1 to +1.'),
          chart('emotion', {
            xAxis: { type: 'category', data: r.stages.map(st => st.name), axisLabel: { interval: 0, fontSize: 11 } },
            yAxis: { type: 'value', min: -1, max: 1 },
            series: [{ name: 'emotion', type: 'line', connectNulls: true, smooth: true, symbolSize: 9,
              data: r.stages.map(st => st.emotion.score), lineStyle: { width: 3 }, areaStyle: { opacity: 0.08 } }],
          }, 240)),
        card('Persons per stage', chart('stage-persons', {
          xAxis: { type: 'category', data: r.stages.map(st => st.name), axisLabel: { interval: 0, fontSize: 11 } },
          yAxis: { type: 'value' },
          series: [{ name: 'persons', type: 'bar', data: r.stages.map(st => st.persons), itemStyle: { borderRadius: [3, 3, 0, 0] } },
            { name: 'still here', type: 'bar', data: r.stages.map(st => st.current), itemStyle: { color: '#f59e0b', borderRadius: [3, 3, 0, 0] } }],
          legend: { bottom: 0 }, grid: { left: 8, right: 16, top: 24, bottom: 30, containLabel: true },
        }, 240))),
      detail);
    if (selected) await stageDetail(detail, selected, s, ctx);
  },
};

async function stageDetail(el, stage, s, ctx) {
  const rules = { fact: 'stage', op: 'eq', value: stage };
  el.append(notice('loading', 'Loading the persons of ' + stage + '…'));
  const r = await query({ kind: 'segment', rules, asOf: s.to, timezone: s.timezone, sample: 20 });
  if (!ctx.current()) return;
  clear(el, card('Stopped at ' + stage,
    h('p', {}, h('b', { id: 'stage-members' }, fmt.int(r.members)), ' persons (' + fmt.pct(r.share) + ') got no further than ', chip(stage),
      ' by the end of ' + ctx.state.to + ', counting all their events until then (the column above counts only the date range).'),
    sampleList(r.sample),
    saveSegmentForm(rules, 'Stopped at ' + stage, ctx, 'furthest journey stage is ' + stage)));
}
