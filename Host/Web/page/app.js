// The analyst's page: wires the alert stream, the rates and the number panel. Same-origin ES modules only.
import { startAlerts } from './alerts.js';
import { startRates } from './rates.js';
import { startNumbers } from './numbers.js';

const tokenInput = document.getElementById('token');
// The token lives in this tab only (sessionStorage), never in the address or on the server's disk.
tokenInput.value = sessionStorage.getItem('fraudstream.token') ?? '';
tokenInput.addEventListener('change', () => sessionStorage.setItem('fraudstream.token', tokenInput.value));
const token = () => tokenInput.value.trim();

const about = await (await fetch('/api/about')).json();
const numbers = startNumbers(about, token);
const alerts = startAlerts(about, numbers);
numbers.recentAlerts = alerts.about;
startRates(about);
