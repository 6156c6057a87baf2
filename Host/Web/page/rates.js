// Rates over the last minutes or hours from /api/rates (at most 360 points, thinned by the server): the pipeline's counters (the ones /metrics exports), sampled by the server.
const decisionSeries = [
  ['events.caller', 'events scored', '#546e7a'],
  ['blocked.voice', 'calls blocked', '#c62828'],
  ['blocked.sms', 'SMS blocked', '#8e24aa'],
  ['decisions.warn', 'warned', '#ef6c00'],
  ['decisions.label', 'labelled', '#1565c0'],
];
const palette = ['#6a1b9a', '#00838f', '#ad1457', '#2e7d32', '#f9a825', '#4e342e', '#283593', '#c62828', '#00695c', '#5d4037', '#37474f', '#9e9d24'];

export function startRates(about) {
  const counters = document.getElementById('counters');
  let charts = null;

  function chartsOnce() {
    if (charts || !window.Chart) return charts;
    const options = { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } }, plugins: { legend: { position: 'bottom' } } };
    charts = {
      decisions: new window.Chart(document.getElementById('decisions-chart'), { type: 'line', data: { labels: [], datasets: [] }, options }),
      alerts: new window.Chart(document.getElementById('alerts-chart'), { type: 'line', data: { labels: [], datasets: [] }, options }),
    };
    return charts;
  }

  function perSecond(samples, key) {
    const values = [];
    for (let i = 1; i < samples.length; i++) {
      const seconds = (samples[i].t - samples[i - 1].t) / 1000;
      values.push(Math.max(0, ((samples[i].totals[key] ?? 0) - (samples[i - 1].totals[key] ?? 0)) / seconds));
    }
    return values;
  }

  function showCounters(last) {
    const totals = last?.totals ?? {};
    const items = [
      ['events scored', totals['events.caller'] ?? 0], ['calls blocked', totals['blocked.voice'] ?? 0], ['SMS blocked', totals['blocked.sms'] ?? 0],
      ['warned', totals['decisions.warn'] ?? 0], ['labelled', totals['decisions.label'] ?? 0],
      ...about.kinds.filter(k => totals['alerts.' + k]).map(k => [k, totals['alerts.' + k]]),
    ];
    counters.replaceChildren(...items.map(([name, value]) => {
      const span = document.createElement('span');
      span.dataset.counter = name;
      const b = document.createElement('b'); b.textContent = value.toLocaleString('en');
      span.append(b, ' ' + name);
      return span;
    }));
  }

  async function refresh() {
    try {
      const minutes = Number(document.getElementById('rate-range').value);
      const { samples: recent } = await (await fetch('/api/rates?minutes=' + minutes)).json();
      showCounters(recent[recent.length - 1]);
      const c = chartsOnce();
      document.getElementById('chart-missing').hidden = !!window.Chart;
      if (!c || recent.length < 2) return;
      const labels = recent.slice(1).map(s => new Date(s.t).toISOString().substring(11, minutes > 60 ? 16 : 19));
      c.decisions.data.labels = labels;
      c.decisions.data.datasets = decisionSeries.map(([key, label, color]) => ({ label, data: perSecond(recent, key), borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 1.5 }));
      c.alerts.data.labels = labels;
      c.alerts.data.datasets = about.kinds.filter(k => recent[recent.length - 1].totals['alerts.' + k])
        .map((k, i) => ({ label: k, data: perSecond(recent, 'alerts.' + k), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, borderWidth: 1.5 }));
      c.decisions.update();
      c.alerts.update();
    } catch {
      // the next refresh tries again
    }
  }

  document.getElementById('rate-range').addEventListener('change', refresh);
  refresh();
  setInterval(refresh, about.rateIntervalSeconds * 1000);
}
