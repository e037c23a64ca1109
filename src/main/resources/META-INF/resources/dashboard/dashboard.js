// Conversations dashboard and live wallboard: every number on the page comes from the gateway's /graphql endpoint
// (queries over HTTP, the wallboard's queueObservations subscription over graphql-ws).
'use strict';

const SERIES_QUERY = `query($filter: ConversationFilterInput!, $granularity: String!) {
  conversationTimeSeries(filter: $filter, granularity: $granularity, metrics: [N_OFFERED, T_HANDLE]) {
    metric cache { hit stale storedAt }
    points { start count avgMs }
  }
}`;
const LATEST_QUERY = `query($filter: ConversationFilterInput!) {
  conversations(filter: $filter, first: 10) {
    totalCount
    edges { node { id start mediaType direction queueIds queues { name } waitMs handleMs wrapUpCodes wrapUps { name } } }
  }
}`;
const QUEUES_QUERY = `query($filter: ConversationFilterInput!) {
  conversationTimeSeries(filter: $filter, granularity: "P1D", groupBy: [QUEUE_ID], metrics: [N_OFFERED]) {
    group { value } points { count }
  }
  queues(first: 100) { edges { node { id name } } }
}`;

const WALLBOARD_SUBSCRIPTION = `subscription($q: [String!]!) {
  queueObservations(queueIds: $q) {
    queueId waiting interacting alerting longestWaitMs observedAt
    onQueueAgents { idle interacting communicating notResponding }
  }
}`;
const WALLBOARD_MAX_QUEUES = 12;

/** Observable state, also read by the browser test. */
const dashboard = window.dashboard = { fetches: 0, renders: 0, points: 0, error: null, liveEvents: 0 };
/** Queue id -> name, from the directory (loadQueues). */
const queueNames = new Map();
const $ = (id) => document.getElementById(id);
let chart;
let generation = 0;

// An API key (reader role) can be handed over in the URL fragment (#key=...), which never reaches a server or a log;
// it is kept for this tab only and removed from the address bar.
const KEY_STORE = 'gatewayApiKey';
const fragmentKey = new URLSearchParams(location.hash.slice(1)).get('key');
if (fragmentKey) {
  sessionStorage.setItem(KEY_STORE, fragmentKey);
  history.replaceState(null, '', location.pathname + location.search);
}

async function graphql(query, variables) {
  const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
  const apiKey = sessionStorage.getItem(KEY_STORE);
  if (apiKey) {
    headers['X-API-Key'] = apiKey;
  }
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  // A nested field that failed (a directory name) is null with its error: the rest of the answer is still shown.
  const rootFailed = body.errors?.some((e) => !e.path || e.path.length === 1);
  if (body.errors && body.errors.length && (rootFailed || !body.data)) {
    throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }
  return body.data;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function currentFilter() {
  const end = new Date(`${$('to').value}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const filter = { interval: { start: `${$('from').value}T00:00:00Z`, end: end.toISOString() } };
  if ($('mediaType').value) filter.mediaTypes = [$('mediaType').value];
  if ($('direction').value) filter.direction = $('direction').value;
  if ($('queue').value) filter.queueIds = [$('queue').value];
  return filter;
}

function label(start, granularity) {
  const d = new Date(start);
  return granularity === 'P1D' ? d.toISOString().slice(5, 10) : d.toISOString().slice(5, 16).replace('T', ' ');
}

function renderChart(series, granularity) {
  const offered = series.find((s) => s.metric === 'N_OFFERED');
  const handle = series.find((s) => s.metric === 'T_HANDLE');
  const labels = offered.points.map((p) => label(p.start, granularity));
  const counts = offered.points.map((p) => p.count);
  const averages = handle.points.map((p) => (p.count ? Math.round(p.avgMs / 100) / 10 : null));
  if (!chart) {
    chart = new Chart($('chart'), {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'Conversations', data: counts, yAxisID: 'count', borderColor: '#2f6fed', backgroundColor: '#2f6fed33', tension: 0.2 },
          { label: 'Avg handle time (s)', data: averages, yAxisID: 'seconds', borderColor: '#e5732d', backgroundColor: '#e5732d33', tension: 0.2, spanGaps: true },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          count: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'Conversations' } },
          seconds: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'Seconds' } },
        },
      },
    });
  } else {
    chart.data.labels = labels;
    chart.data.datasets[0].data = counts;
    chart.data.datasets[1].data = averages;
    chart.update();
  }
  $('chart').dataset.points = String(labels.length);
  dashboard.points = labels.length;
  const cache = offered.cache;
  $('source').textContent = cache.stale ? 'stale cache (Genesys unavailable)' : cache.hit ? `cached ${new Date(cache.storedAt).toLocaleTimeString()}` : 'fresh from Genesys';
}

function cell(text, numeric) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (numeric) td.className = 'num';
  return td;
}

function renderTable(connection) {
  const body = $('latest').querySelector('tbody');
  body.replaceChildren(...connection.edges.map(({ node }) => {
    const tr = document.createElement('tr');
    tr.dataset.id = node.id;
    tr.append(
      cell(new Date(node.start).toISOString().replace('T', ' ').slice(0, 19)),
      cell(node.mediaType), cell(node.direction), cell(node.queues?.[0]?.name ?? node.queueIds[0]?.slice(0, 8)),
      cell(node.waitMs == null ? null : (node.waitMs / 1000).toFixed(0), true),
      cell(node.handleMs == null ? null : (node.handleMs / 1000).toFixed(0), true),
      cell(node.wrapUps?.[0]?.name ?? node.wrapUpCodes[0]?.slice(0, 8)));
    return tr;
  }));
  $('total').textContent = `(${connection.totalCount.toLocaleString()} in range)`;
}

async function refresh() {
  const mine = ++generation;
  const granularity = $('granularity').value;
  const filter = currentFilter();
  dashboard.fetches++;
  $('status').textContent = 'Loading…';
  $('status').className = 'muted';
  try {
    const [series, latest] = await Promise.all([
      graphql(SERIES_QUERY, { filter, granularity }),
      graphql(LATEST_QUERY, { filter }),
    ]);
    if (mine !== generation) return; // a newer filter change is in flight
    renderChart(series.conversationTimeSeries, granularity);
    renderTable(latest.conversations);
    dashboard.error = null;
    $('status').textContent = '';
  } catch (e) {
    if (mine !== generation) return;
    dashboard.error = e.message;
    $('status').textContent = e.message;
    $('status').className = 'error';
  } finally {
    if (mine === generation) dashboard.renders++;
  }
}

async function loadQueues() {
  const today = new Date();
  const from = new Date(today);
  from.setUTCDate(from.getUTCDate() - 29);
  const filter = { interval: { start: `${isoDay(from)}T00:00:00Z`, end: `${isoDay(new Date(today.getTime() + 86400000))}T00:00:00Z` } };
  try {
    const data = await graphql(QUEUES_QUERY, { filter });
    // Names from the directory; a queue it does not know (or a failing directory) shows its id.
    const names = new Map((data.queues?.edges ?? []).map(({ node }) => [node.id, node.name]));
    names.forEach((name, id) => queueNames.set(id, name));
    const queues = data.conversationTimeSeries
      .map((s) => ({ id: s.group[0]?.value, total: s.points.reduce((a, p) => a + p.count, 0) }))
      .filter((q) => q.id)
      .sort((a, b) => b.total - a.total);
    for (const q of queues) {
      const option = document.createElement('option');
      option.value = q.id;
      option.textContent = `${names.get(q.id) ?? q.id.slice(0, 8)} (${q.total})`;
      $('queue').append(option);
    }
  } catch (e) {
    // The queue list is a convenience; the dashboard works without it.
  }
}

// --- Wallboard: the queueObservations subscription over graphql-ws (graphql-transport-ws), no library needed. ---

let socket;
let reconnectTimer;

/** The queues the wallboard shows: the queue filter's one, else every queue of the directory (up to 12). */
function wallboardQueues() {
  if ($('queue').value) return [$('queue').value];
  return [...queueNames.keys()].slice(0, WALLBOARD_MAX_QUEUES);
}

function base64url(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function seconds(ms) {
  if (ms == null) return '–';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function card(queueId) {
  let element = document.querySelector(`.card[data-queue-id="${queueId}"]`);
  if (!element) {
    element = document.createElement('div');
    element.className = 'card';
    element.dataset.queueId = queueId;
    const title = document.createElement('h3');
    title.textContent = queueNames.get(queueId) ?? queueId.slice(0, 8);
    element.append(title, document.createElement('dl'));
    $('cards').append(element);
  }
  return element;
}

function renderObservation(o) {
  const element = card(o.queueId);
  const agents = o.onQueueAgents;
  const rows = [['Waiting', o.waiting], ['Alerting', o.alerting], ['Interacting', o.interacting],
    ['Longest wait', seconds(o.longestWaitMs)], ['Agents idle', agents.idle], ['Agents interacting', agents.interacting],
    ['Agents communicating', agents.communicating], ['Not responding', agents.notResponding]];
  element.querySelector('dl').replaceChildren(...rows.flatMap(([name, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    return [dt, dd];
  }));
  Object.assign(element.dataset, { waiting: o.waiting, alerting: o.alerting, interacting: o.interacting, idle: agents.idle });
  element.classList.add('changed');
  setTimeout(() => element.classList.remove('changed'), 600);
  dashboard.liveEvents++;
  $('live').textContent = `updated ${new Date(o.observedAt).toLocaleTimeString()}`;
}

function connectWallboard() {
  clearTimeout(reconnectTimer);
  if (socket) socket.close();
  const queueIds = wallboardQueues();
  $('cards').replaceChildren(...queueIds.map((id) => card(id)));
  if (!queueIds.length) return;
  const protocols = ['graphql-transport-ws'];
  const apiKey = sessionStorage.getItem(KEY_STORE);
  // A browser cannot send headers on a WebSocket: the key travels as an offered subprotocol, never in the URL.
  if (apiKey) protocols.push(`gateway-api-key.${base64url(apiKey)}`);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const mine = socket = new WebSocket(url, protocols);
  mine.onopen = () => mine.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  mine.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack') {
      $('live').textContent = 'live';
      mine.send(JSON.stringify({ id: 'wallboard', type: 'subscribe', payload: { query: WALLBOARD_SUBSCRIPTION, variables: { q: queueIds } } }));
    } else if (message.type === 'next') {
      if (message.payload.errors?.length) {
        $('live').textContent = message.payload.errors.map((e) => e.extensions?.code ?? e.message).join('; ');
      } else if (message.payload.data?.queueObservations) {
        renderObservation(message.payload.data.queueObservations);
      }
    } else if (message.type === 'ping') {
      mine.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type === 'error') {
      $('live').textContent = message.payload.map((e) => e.extensions?.code ?? e.message).join('; ');
    }
  };
  mine.onclose = () => {
    if (socket !== mine) return; // replaced by a newer connection
    $('live').textContent = 'reconnecting…';
    reconnectTimer = setTimeout(connectWallboard, 3000);
  };
}

function init() {
  const today = new Date();
  const weekAgo = new Date(today);
  weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
  $('from').value = isoDay(weekAgo);
  $('to').value = isoDay(today);
  $('filters').addEventListener('change', refresh);
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  $('queue').addEventListener('change', connectWallboard);
  loadQueues().then(connectWallboard);
  refresh();
}

init();
