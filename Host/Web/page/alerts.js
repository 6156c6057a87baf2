// The alert stream (Server-Sent Events from the alert topic), its filters, pause/resume, and one alert opened.
const severities = ['low', 'medium', 'high', 'critical'];
const kept = 2000;

export function startAlerts(about, numbers) {
  const rows = document.getElementById('alert-rows');
  const status = document.getElementById('status');
  const count = document.getElementById('alert-count');
  const kind = document.getElementById('filter-kind');
  const severity = document.getElementById('filter-severity');
  const number = document.getElementById('filter-number');
  const pause = document.getElementById('pause');
  for (const k of about.kinds) kind.append(new Option(k, k));

  const alerts = []; // newest last; { alert, partition, offset }
  const seen = new Set();
  const held = []; // arrived while paused
  let paused = false;

  const matches = ({ alert }) =>
    (!kind.value || alert.kind === kind.value)
    && severities.indexOf(alert.severity) >= severities.indexOf(severity.value)
    && (!number.value.trim() || alert.number === number.value.trim() || alert.counterparts.includes(number.value.trim()));

  function row(item) {
    const a = item.alert;
    const tr = document.createElement('tr');
    tr.dataset.alertId = a.alertId;
    tr.dataset.kind = a.kind;
    tr.dataset.number = a.number;
    tr.dataset.recordId = a.recordId;
    const cells = [
      a.time.replace('T', ' ').replace('Z', ''), a.action, a.severity, a.kind, a.number,
      a.counterparts.slice(0, 3).join(', ') + (a.counterparts.length > 3 ? ` and ${a.counterparts.length - 3} more` : ''),
      a.reasons.map(r => r.code).join('; '),
    ];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 1) td.className = 'action-' + a.action;
      if (i === 2) td.className = 'severity-' + a.severity;
      tr.append(td);
    });
    tr.addEventListener('click', () => open(item, tr));
    return tr;
  }

  function render() {
    rows.replaceChildren(...alerts.filter(matches).slice(-300).reverse().map(row));
    count.textContent = `${rows.children.length} shown of ${alerts.length} received`;
  }

  function add(item) {
    if (seen.has(item.alert.alertId)) return; // at-least-once: the same alert may come twice
    seen.add(item.alert.alertId);
    alerts.push(item);
    if (alerts.length > kept) seen.delete(alerts.shift().alert.alertId);
    if (!paused && matches(item)) {
      rows.prepend(row(item));
      while (rows.children.length > 300) rows.lastChild.remove();
      count.textContent = `${rows.children.length} shown of ${alerts.length} received`;
    }
    numbers.alertArrived(item.alert);
  }

  function setStatus(text, cls) { status.textContent = text; status.className = 'status ' + cls; }

  const source = new EventSource('/api/alerts/stream');
  source.addEventListener('ready', () => setStatus(paused ? 'paused' : 'live', paused ? 'paused' : 'live'));
  source.addEventListener('alert', e => {
    const data = JSON.parse(e.data);
    const item = { ...data.alertTopic, alert: data.alert };
    if (paused) held.push(item); else add(item);
  });
  source.onerror = () => setStatus('reconnecting…', 'down');

  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    setStatus(paused ? 'paused' : 'live', paused ? 'paused' : 'live');
    if (!paused) { held.splice(0).forEach(add); render(); }
  });
  for (const input of [kind, severity, number]) input.addEventListener('input', render);
  document.getElementById('filters').addEventListener('submit', e => e.preventDefault());

  function open(item, tr) {
    for (const selected of rows.querySelectorAll('tr.selected')) selected.classList.remove('selected');
    tr.classList.add('selected');
    const a = item.alert;
    document.getElementById('alert-detail').hidden = false;
    document.getElementById('alert-id').textContent = a.alertId;
    const facts = document.getElementById('alert-facts');
    facts.replaceChildren();
    const fact = (name, value, onClick) => {
      const dt = document.createElement('dt'); dt.textContent = name;
      const dd = document.createElement('dd'); dd.textContent = value;
      if (onClick) { dd.className = 'number-link'; dd.addEventListener('click', onClick); }
      facts.append(dt, dd);
    };
    fact('kind', `${a.kind} (${a.role})`);
    fact('action', `${a.action}, severity ${a.severity}`);
    fact('number', a.number, () => numbers.open(a.number));
    fact('counterparts', a.counterparts.join(', '));
    fact('score', a.score.toFixed(3));
    fact('model', a.modelVersion ?? 'none');
    fact('time', `${a.time} (event ${a.eventTime})`);
    fact('source record', `${a.source.topic} partition ${a.source.partition} offset ${a.source.offset} (record ${a.recordId})`);
    fact('alert record', `${about.alertTopic} partition ${item.partition} offset ${item.offset}`);
    if (a.degraded) fact('degraded', 'yes: a source of the verdict could not answer');
    if (a.suppressedCount) fact('suppressed before', String(a.suppressedCount));
    const reasons = document.getElementById('alert-reasons');
    reasons.replaceChildren(...a.reasons.map(r => {
      const li = document.createElement('li');
      li.textContent = r.detail ? `${r.code}: ${r.detail}` : r.code;
      return li;
    }));
    const bars = document.getElementById('alert-explanation');
    const explanation = a.explanation ?? [];
    const largest = Math.max(1e-9, ...explanation.map(f => Math.abs(f.contribution)));
    bars.replaceChildren(...explanation.map(f => {
      const bar = document.createElement('div'); bar.className = 'bar';
      const name = document.createElement('span'); name.textContent = f.feature;
      const track = document.createElement('span'); track.className = 'track';
      const fill = document.createElement('span'); fill.className = 'fill ' + (f.contribution >= 0 ? 'up' : 'down');
      fill.style.width = `${(Math.abs(f.contribution) / largest) * 50}%`;
      track.append(fill);
      const value = document.createElement('span'); value.textContent = (f.contribution >= 0 ? '+' : '') + f.contribution.toFixed(2);
      bar.append(name, track, value);
      return bar;
    }));
    if (explanation.length === 0) bars.textContent = 'no model explanation: this kind is raised by rules or labels';
  }

  return { about: n => alerts.filter(({ alert }) => alert.number === n || alert.counterparts.includes(n)).slice(-20).reverse().map(i => i.alert) };
}
