// The dashboard shell: login, navigation along the loop (Collect → Unify → Map → Diagnose → Act → Measure),
// the shared filters (date range, time zone, segment) and the router that renders one page at a time.
import { api, ApiError, setCsrfToken, whenUnauthorized } from './api.js';
import { h, clear, notice, select } from './dom.js';
import { parse, navigate, addDays, today } from './state.js';
import overview from './pages/overview.js';
import journey from './pages/journey.js';
import funnels from './pages/funnels.js';
import paths from './pages/paths.js';
import retention from './pages/retention.js';
import sessions from './pages/sessions.js';
import channels from './pages/channels.js';
import people from './pages/people.js';
import segments from './pages/segments.js';
import experiments from './pages/experiments.js';
import journeys from './pages/journeys.js';
import live from './pages/live.js';

const PAGES = { overview, live, people, journey, funnels, paths, retention, sessions, segments, journeys, channels, experiments };
const NAV = [
  [null, ['overview']],
  ['Collect', ['live']],
  ['Unify', ['people']],
  ['Map', ['journey']],
  ['Diagnose', ['funnels', 'paths', 'retention', 'sessions']],
  ['Act', ['segments', 'journeys']],
  ['Measure', ['channels', 'experiments']],
];
const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];

const root = document.getElementById('app');
let user = null;
let savedSegments = [];
let cleanups = [];
let renderId = 0;

whenUnauthorized(() => showLogin('Your session ended. Please log in again.'));

async function start() {
  try {
    const me = await api('/api/v1/me', { quiet401: true });
    user = me.user;
    setCsrfToken(me.csrfToken);
  } catch (e) {
    return e.status === 401 ? showLogin() : clear(root, notice('error', e.message));
  }
  await loadSegments();
  window.addEventListener('hashchange', render);
  render();
}

async function loadSegments() {
  try {
    savedSegments = (await api('/api/v1/segments')).segments;
  } catch (e) {
    savedSegments = [];
  }
}

function showLogin(message) {
  leave();
  window.removeEventListener('hashchange', render);
  const error = h('p', { class: 'form-error', role: 'alert', hidden: !message }, message || '');
  const name = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', {
    class: 'login-card', id: 'login',
    async onsubmit(e) {
      e.preventDefault();
      button.disabled = true;
      try {
        const r = await api('/api/v1/login', { method: 'POST', body: { username: name.value, password: password.value }, quiet401: true });
        user = r.user;
        setCsrfToken(r.csrfToken);
        if (location.pathname === '/login') history.replaceState(null, '', '/' + location.hash);
        await loadSegments();
        window.addEventListener('hashchange', render);
        render();
      } catch (err) {
        error.hidden = false;
        error.textContent = err.status === 401 ? 'Wrong user name or password.' : err.message;
        button.disabled = false;
      }
    },
  },
  h('img', { src: '/assets/logo.svg', alt: '', class: 'login-logo' }),
  h('h1', {}, 'Log in to Waymark'),
  h('label', {}, 'User name', name),
  h('label', {}, 'Password', password),
  error, button,
  h('p', { class: 'muted small' }, 'Users are created with ./waymark user add; the demo prints its login.'));
  clear(root, h('main', { class: 'login-page' }, form));
}

async function logout() {
  try { await api('/api/v1/logout', { method: 'POST' }); } catch (e) { /* the session is gone either way */ }
  user = null;
  setCsrfToken(null);
  showLogin('You are logged out.');
}

function filters(state) {
  const from = h('input', { type: 'date', value: state.from, max: state.to, 'aria-label': 'From', name: 'from',
    onchange: e => e.target.value && navigate(state.page, { from: e.target.value }) });
  const to = h('input', { type: 'date', value: state.to, min: state.from, 'aria-label': 'To (inclusive)', name: 'to',
    onchange: e => e.target.value && navigate(state.page, { to: e.target.value }) });
  const presets = [['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['365', 'Last 12 months']];
  const span = Math.round((Date.parse(state.to) - Date.parse(state.from)) / 86400000) + 1;
  const preset = select([{ value: '', label: 'Custom' }, ...presets.map(([v, l]) => ({ value: v, label: l }))],
    state.to === today() && presets.some(([v]) => +v === span) ? String(span) : '',
    v => v && navigate(state.page, { from: addDays(today(), -(+v - 1)), to: today() }), { 'aria-label': 'Date range', name: 'range' });
  const zones = ZONES.includes(state.tz) ? ZONES : [state.tz, ...ZONES];
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (local && !zones.includes(local)) zones.push(local);
  const tz = select(zones, state.tz, v => navigate(state.page, { tz: v }), { 'aria-label': 'Time zone', name: 'tz' });
  const seg = select([{ value: '', label: 'All persons' }, ...savedSegments.map(s => ({ value: s.id, label: s.name }))],
    state.segment, v => navigate(state.page, { segment: v }), { 'aria-label': 'Segment', name: 'segment' });
  return h('div', { class: 'filters' }, preset, from, h('span', { class: 'muted' }, '–'), to, tz, seg);
}

function sidebar(state) {
  return h('nav', { class: 'sidebar', 'aria-label': 'Pages' },
    h('a', { class: 'brand', href: '#/overview' }, h('img', { src: '/assets/logo.svg', alt: '' }), 'Waymark'),
    NAV.map(([group, pages]) => h('div', { class: 'nav-group' },
      group ? h('div', { class: 'nav-label' }, group) : null,
      pages.map(p => h('a', {
        href: '#/' + p, class: p === state.page ? 'active' : '', dataset: { page: p },
        onclick: e => { e.preventDefault(); navigate(p, {}, false); },
      }, PAGES[p].title)))),
    user ? h('div', { class: 'user' }, h('span', {}, user.name, h('small', {}, user.role)),
      h('button', { class: 'link', onclick: logout, id: 'logout' }, 'Log out')) : null);
}

function leave() {
  cleanups.forEach(f => f());
  cleanups = [];
}

function render() {
  leave();
  const state = parse();
  const page = PAGES[state.page] || PAGES.overview;
  const main = h('div', { class: 'content', id: 'page', dataset: { page: state.page, state: 'loading' } });
  clear(root, h('div', { class: 'shell' }, sidebar(state),
    h('main', { class: 'main' },
      h('header', { class: 'topbar' }, h('h1', {}, page.title), filters(state)),
      main)));
  document.title = page.title + ' · Waymark';
  const id = ++renderId;
  const ctx = {
    state, user, segments: savedSegments,
    /** true while this render is still the one on screen (a late answer must not draw over a newer page) */
    current: () => id === renderId,
    reloadSegments: loadSegments,
    onLeave: f => cleanups.push(f),
  };
  main.append(notice('loading', 'Loading…'));
  Promise.resolve(page.render(main, ctx))
    .then(() => { if (ctx.current() && main.dataset.state === 'loading') main.dataset.state = 'ready'; })
    .catch(e => {
      if (!ctx.current() || (e instanceof ApiError && e.status === 401)) return;
      main.dataset.state = 'error';
      clear(main, notice('error', e.message + (e.field ? ' (' + e.field + ')' : '')));
    });
}

start();
