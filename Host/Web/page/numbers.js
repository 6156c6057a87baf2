// One number opened: its label, audit trail and recent alerts, and the analyst's actions (token required).
export function startNumbers(about, token) {
  const detail = document.getElementById('number-detail');
  const input = document.getElementById('number-input');
  const result = document.getElementById('action-result');
  const category = document.getElementById('label-category');
  const source = document.getElementById('label-source');
  for (const c of about.categories.filter(c => c !== 'allow')) category.append(new Option(c, c));
  for (const s of about.sources.filter(s => s !== 'auto' && s !== 'risk-model')) source.append(new Option(s, s));
  source.value = 'carrier';
  let current = null;

  const api = {
    recentAlerts: () => [],
    alertArrived(alert) {
      if (current && (alert.number === current || alert.counterparts.includes(current))) showAlerts();
    },
    open,
  };

  function list(id, items) {
    document.getElementById(id).replaceChildren(...items.map(text => {
      const li = document.createElement('li'); li.textContent = text; return li;
    }));
  }

  function showAlerts() {
    const alerts = api.recentAlerts(current);
    list('number-alerts', alerts.length ? alerts.map(a => `${a.time}  ${a.action} ${a.kind} (${a.severity}) ${a.reasons.map(r => r.code).join('; ')}`) : ['none received']);
  }

  async function open(number) {
    input.value = number;
    current = number;
    detail.hidden = false;
    document.getElementById('number-title').textContent = number;
    showAlerts();
    const response = await fetch('/api/numbers/' + encodeURIComponent(number));
    const body = await response.json();
    const label = document.getElementById('number-label');
    if (!response.ok) { label.textContent = body.error; label.className = 'error'; list('number-audit', []); return; }
    current = body.number;
    document.getElementById('number-title').textContent = body.number;
    showAlerts();
    label.className = '';
    label.textContent = body.label
      ? `labelled ${body.label.category} (action ${body.label.action}, source ${body.label.source}, expires ${body.label.expires ?? 'never'}) by ${body.label.actor}: ${body.label.reason}`
      : 'no label';
    list('number-audit', body.audit.length ? body.audit.map(e => `${e.time}  v${e.version} ${e.op} ${e.category}${e.source ? '/' + e.source : ''} by ${e.actor}${e.reason ? ': ' + e.reason : ''}`) : ['no changes']);
  }

  async function write(action, fields) {
    const response = await fetch(`/api/numbers/${encodeURIComponent(current)}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token() ? { Authorization: 'Bearer ' + token() } : {}) },
      body: JSON.stringify(fields),
    });
    const body = await response.json();
    result.className = response.ok ? 'ok' : 'error';
    result.textContent = response.ok ? `${action}: done (${body.number})` : `${action} refused (${response.status}): ${body.error}`;
    if (response.ok) await open(current);
  }

  const value = id => document.getElementById(id).value.trim();
  document.getElementById('number-open').addEventListener('submit', e => { e.preventDefault(); if (input.value.trim()) open(input.value.trim()); });
  document.getElementById('label-form').addEventListener('submit', e => {
    e.preventDefault();
    write('label', { category: category.value, source: source.value, reason: value('label-reason'), ttl: value('label-ttl') });
  });
  document.getElementById('remove-form').addEventListener('submit', e => { e.preventDefault(); write('remove', { reason: value('remove-reason') }); });
  document.getElementById('allow-form').addEventListener('submit', e => {
    e.preventDefault();
    write('allow', { source: source.value, reason: value('allow-reason'), ttl: value('allow-ttl') });
  });
  return api;
}
