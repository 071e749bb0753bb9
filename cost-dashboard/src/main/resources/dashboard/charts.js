// ECharts (from npm, bundled by the build). Each drawn chart is recorded in window.ymCharts, with
// the time it finished first, for the browser test and the time-to-first-chart figure.
window.ymCharts = window.ymCharts || {};

// A point's value: a number, an [x, y] pair (a time axis) or an item { value: [x, y] }.
function valueOf(point) {
  const value = point !== null && typeof point === 'object' && 'value' in point ? point.value : point;
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function chart(node, option) {
  const existing = echarts.getInstanceByDom(node);
  if (existing) existing.dispose();
  const instance = echarts.init(node, null, { renderer: 'canvas' });
  instance.on('finished', () => {
    if (!window.ymCharts[node.id]) {
      window.ymCharts[node.id] = {
        at: performance.now(),
        series: option.series.length,
        points: option.series.reduce((n, s) => n + s.data.filter((v) => Number(valueOf(v)) !== 0).length, 0),
      };
    }
  });
  instance.setOption(option);
  window.addEventListener('resize', () => instance.resize());
  return instance;
}

// Idle and the rest in greys, so the DAGs' colours stand out.
const COLORS = { idle: '#9aa3ae', other: '#d5d9df', 'failed attempts': '#e4572e' };

export function stackedBars(node, categories, series, yName) {
  return chart(node, {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', name: yName },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'cost',
      data: s.data,
      emphasis: { focus: 'series' },
      ...(COLORS[s.name] ? { itemStyle: { color: COLORS[s.name] } } : {}),
    })),
  });
}
