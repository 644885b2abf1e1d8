// Live: events arriving in real time over server-sent events (GET /api/v1/live: one message per acknowledged
// event, a periodic "stats" event: {since, acknowledged, perMinute: [{minute, events}]}). Without that route the counter polls the summary instead.
import { query } from '../api.js';
import { h, clear, card, notice, fmt, chip } from '../dom.js';
import { channelColor } from '../charts.js';

const MAX_ROWS = 100;

/** A number that keeps counting: acknowledged events from the stream, else the events stored (polled). */
export function liveCounter(el, ctx) {
  const value = h('div', { class: 'tile-value', id: 'live-count' }, '…');
  const label = h('div', { class: 'muted small' }, 'events received since the server started');
  clear(el, value, label);
  const source = new EventSource('/api/v1/live');
  let timer = null;
  source.addEventListener('stats', e => {
    const s = JSON.parse(e.data);
    value.textContent = fmt.int(s.acknowledged);
    const minutes = s.perMinute || [];
    label.textContent = 'events received since ' + fmt.time(s.since)
      + (minutes.length ? ' · ' + fmt.int(minutes[minutes.length - 1].events) + ' in the last minute' : '');
  });
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED || timer) return;
    label.textContent = 'events stored (updated every 10 s)';
    const poll = () => query({ kind: 'summary' }).then(r => { value.textContent = fmt.int(r.events); }).catch(() => {});
    poll();
    timer = setInterval(poll, 10000);
  };
  ctx.onLeave(() => { source.close(); if (timer) clearInterval(timer); });
}

export default {
  title: 'Live',
  async render(main, ctx) {
    const rows = h('tbody', {});
    const status = h('p', { class: 'muted', id: 'live-status' }, 'Connecting…');
    const counter = h('div', { class: 'live-counter' });
    liveCounter(counter, ctx);
    const empty = notice('empty', 'Waiting for events. Send one with: curl -u WRITE_KEY: -H \'Content-Type: application/json\' -d \'{"userId":"u1","event":"signup"}\' '
      + location.origin + '/v1/track');
    const list = h('div', { class: 'table-wrap' }, h('table', { id: 'live-events' },
      h('thead', {}, h('tr', {}, ['Received', 'Type', 'Event', 'Channel', 'Source'].map(c => h('th', {}, c)))), rows));
    const source = new EventSource('/api/v1/live');
    source.onopen = () => { status.textContent = 'Connected; new events appear at the top.'; };
    source.onmessage = e => {
      const ev = JSON.parse(e.data);
      empty.hidden = true;
      rows.prepend(h('tr', { class: 'flash' },
        h('td', {}, fmt.time(ev.receivedAt || ev.timestamp)),
        h('td', {}, ev.type),
        h('td', {}, fmt.event(ev.event || (ev.type === 'page' ? '$page' : ev.type === 'screen' ? '$screen' : ''))),
        h('td', {}, chip(ev.channel || '–', 'channel', channelColor(ev.channel))),
        h('td', {}, ev.source || '–')));
      while (rows.children.length > MAX_ROWS) rows.lastChild.remove();
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        status.textContent = 'The live stream is not available on this server (GET /api/v1/live).';
        status.className = 'notice error';
      } else {
        status.textContent = 'Reconnecting…';
      }
    };
    ctx.onLeave(() => source.close());
    clear(main, h('div', { class: 'grid side' }, card('Received', counter), card('Events as they arrive', status, empty, list)));
  },
};
