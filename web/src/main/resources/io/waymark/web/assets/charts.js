// Charts with Apache ECharts (served from its WebJar by the server; no CDN). One palette for every page,
// one colour per channel everywhere.

export const PALETTE = ['#4f46e5', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b', '#ec4899'];
const CHANNELS = ['web', 'app', 'email', 'social', 'ads', 'store', 'support', 'survey', 'other'];

export function channelColor(channel) {
  const i = CHANNELS.indexOf(channel);
  return PALETTE[(i < 0 ? CHANNELS.length : i) % PALETTE.length];
}

const BASE = {
  color: PALETTE,
  textStyle: { fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: '#334155' },
  grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis', confine: true },
  animationDuration: 300,
};

const observer = new ResizeObserver(entries => {
  for (const entry of entries) {
    const c = window.echarts.getInstanceByDom(entry.target);
    if (c) c.resize();
  }
});

/**
 * Renders an option into a new element with data-chart=name (tests read the numbers a chart shows through
 * echarts.getInstanceByDom(el).getOption()). ECharts draws labels on a canvas: they are never parsed as markup.
 */
export function chart(name, option, height = 300, onClick = null) {
  const el = document.createElement('div');
  el.className = 'chart';
  el.dataset.chart = name;
  el.style.height = height + 'px';
  requestAnimationFrame(() => {
    const c = window.echarts.init(el, null, { renderer: 'canvas' });
    c.setOption({ ...BASE, ...option });
    if (onClick) c.on('click', onClick);
    el.dataset.rendered = 'true';
    observer.observe(el);
  });
  return el;
}

export function sparkline(name, values, color = PALETTE[0]) {
  return chart(name, {
    grid: { left: 0, right: 0, top: 4, bottom: 0 },
    tooltip: { show: false },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, min: 'dataMin' },
    series: [{ type: 'line', data: values, smooth: true, symbol: 'none', lineStyle: { width: 2, color },
      areaStyle: { color, opacity: 0.12 } }],
  }, 40);
}
