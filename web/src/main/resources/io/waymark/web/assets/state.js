// The view's state lives in the URL hash (#/funnels?from=…&to=…&tz=…&segment=…&steps=…) so a view can be shared.

const DAY = 86400000;

function isoDate(d) { return d.toISOString().slice(0, 10); }

export function today() { return isoDate(new Date()); }

export function addDays(date, days) { return isoDate(new Date(Date.parse(date + 'T00:00:00Z') + days * DAY)); }

export function parse() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [page, qs] = hash.split('?');
  const params = new URLSearchParams(qs || '');
  const to = params.get('to') || today();
  return {
    page: page || 'overview',
    params,
    from: params.get('from') || addDays(to, -29),
    to,
    tz: params.get('tz') || 'UTC',
    segment: params.get('segment') || '',
  };
}

/** Replaces (or removes, for null/''; repeats, for an array) parameters and navigates; the router re-renders on hashchange. */
export function navigate(page, changes = {}, keepPageParams = true) {
  const current = parse();
  const params = keepPageParams && page === current.page ? current.params : new URLSearchParams();
  for (const k of ['from', 'to', 'tz', 'segment']) {
    if (current.params.get(k) && !(k in changes)) params.set(k, current.params.get(k));
  }
  for (const [k, v] of Object.entries(changes)) {
    params.delete(k);
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== null && x !== undefined && x !== '') params.append(k, x);
    }
  }
  const qs = params.toString();
  location.hash = '#/' + page + (qs ? '?' + qs : '');
}

/**
 * The scope every analysis gets: the date range (the picker's end date is inclusive, a spec's `to` is exclusive;
 * dates are midnights in the time zone), the time zone, and the segment filter.
 */
export function scope(state = parse()) {
  const s = { from: state.from, to: addDays(state.to, 1), timezone: state.tz };
  if (state.segment) s.segment = state.segment;
  return s;
}
