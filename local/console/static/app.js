// The local console's page. Everything shown comes from clients and handlers (attacker-controlled): it is
// written with textContent and DOM nodes only, never as HTML.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (index.html loads it without type=module), so not strict by default.
'use strict';

const token = document.querySelector('meta[name="console-token"]').content;
const $ = (selector) => document.querySelector(selector);
const state = { connections: new Map(), executions: new Map(), selected: undefined, selectedExecution: undefined };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
const time = (ms) => (ms ? new Date(ms).toISOString().replace('T', ' ').replace('Z', '') : '');

function renderConnections() {
  const body = $('#connections tbody');
  body.replaceChildren(
    ...[...state.connections.values()].map((connection) => {
      const row = element(
        'tr',
        undefined,
        `${connection.closed ? 'closed' : ''} ${connection.id === state.selected ? 'selected' : ''}`,
      );
      row.dataset.id = connection.id;
      row.append(
        element('td', connection.id),
        element('td', time(connection.connectedAt)),
        element('td', connection.sourceIp),
        element('td', connection.userAgent ?? ''),
        element('td', connection.closed ? `closed (${connection.closed.code})` : 'open'),
      );
      row.addEventListener('click', () => {
        state.selected = connection.id;
        renderConnections();
        renderDetail();
      });
      return row;
    }),
  );
}

function renderDetail() {
  const connection = state.connections.get(state.selected);
  $('#connection-detail').hidden = connection === undefined;
  if (!connection) return;
  $('#detail-id').textContent = connection.id;
  $('#detail-headers').replaceChildren(
    ...Object.entries(connection.headers ?? {}).flatMap(([name, value]) => [element('dt', name), element('dd', value)]),
  );
  $('#detail-session').textContent =
    connection.session === undefined ? '(none)' : JSON.stringify(connection.session, null, 2);
  $('#messages').replaceChildren(
    ...connection.messages.map((message) => {
      const item = element('li', message.text, message.direction);
      item.title = time(message.time);
      return item;
    }),
  );
  $('#send-button').disabled = $('#close-button').disabled = Boolean(connection.closed);
}

function renderExecutions() {
  const sorted = [...state.executions.values()].sort((a, b) => b.startDate - a.startDate);
  $('#executions tbody').replaceChildren(
    ...sorted.map((execution) => {
      const row = element('tr', undefined, execution.executionArn === state.selectedExecution ? 'selected' : '');
      row.dataset.arn = execution.executionArn;
      row.append(
        element('td', execution.name),
        element('td', execution.stateMachineArn.split(':').pop()),
        element('td', execution.status),
        element('td', time(execution.startDate)),
        element('td', String(execution.events)),
      );
      row.addEventListener('click', () => {
        state.selectedExecution = execution.executionArn;
        renderExecutions();
        loadHistory();
      });
      return row;
    }),
  );
}

async function loadHistory() {
  const arn = state.selectedExecution;
  if (!arn) return;
  const response = await fetch(`api/history?executionArn=${encodeURIComponent(arn)}`, {
    headers: { 'X-Console-Token': token },
  });
  const { events = [] } = await response.json();
  $('#execution-detail').hidden = false;
  $('#history-name').textContent = arn;
  $('#history tbody').replaceChildren(
    ...events.map((event) => {
      const row = element('tr');
      row.dataset.type = event.type;
      row.append(
        element('td', String(event.id)),
        element('td', time(event.timestamp)),
        element('td', event.type),
        element('td', event.details ? JSON.stringify(event.details[1]) : ''),
      );
      return row;
    }),
  );
}

function appendLog(record) {
  const item = element(
    'li',
    `${time(record.time)} ${record.level.padEnd(5)} ${record.service}: ${record.message}`,
    record.level,
  );
  const log = $('#log');
  log.append(item);
  while (log.children.length > 500) log.firstChild.remove();
  log.scrollTop = log.scrollHeight;
}

async function act(path, body) {
  const response = await fetch(`api/connections/${encodeURIComponent(state.selected)}/${path}`, {
    method: 'POST',
    headers: { 'X-Console-Token': token, 'Content-Type': 'text/plain' },
    body,
  });
  const answer = await response.json();
  $('#action-result').textContent = response.ok ? `@connections answered ${answer.connectionsStatus}` : answer.message;
}

$('#send-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act('messages', $('#send-text').value).then(() => {
    $('#send-text').value = '';
  });
});
$('#close-button').addEventListener('click', () => act('close', ''));

const feed = new EventSource(`events?token=${encodeURIComponent(token)}`);
feed.addEventListener('open', () => {
  $('#feed-state').textContent = 'live';
});
feed.addEventListener('error', () => {
  $('#feed-state').textContent = 'disconnected (retrying)';
});
feed.addEventListener('snapshot', (event) => {
  const snapshot = JSON.parse(event.data);
  state.connections = new Map(snapshot.connections.map((connection) => [connection.id, connection]));
  state.executions = new Map(snapshot.executions.map((execution) => [execution.executionArn, execution]));
  $('#log').replaceChildren();
  snapshot.logs.forEach(appendLog);
  renderConnections();
  renderDetail();
  renderExecutions();
});
feed.addEventListener('connection', (event) => {
  const connection = JSON.parse(event.data);
  state.connections.set(connection.id, connection);
  renderConnections();
});
feed.addEventListener('session', (event) => {
  const { id, session } = JSON.parse(event.data);
  const connection = state.connections.get(id);
  if (connection) {
    connection.session = session;
    if (id === state.selected) renderDetail();
  }
});
feed.addEventListener('message', (event) => {
  const { id, ...message } = JSON.parse(event.data);
  const connection = state.connections.get(id);
  if (!connection) return;
  connection.messages.push(message);
  if (connection.messages.length > 50) connection.messages.shift();
  if (id === state.selected) renderDetail();
});
feed.addEventListener('closed', (event) => {
  const { id, code, reason } = JSON.parse(event.data);
  const connection = state.connections.get(id);
  if (!connection) return;
  connection.closed = { code, reason };
  renderConnections();
  if (id === state.selected) renderDetail();
});
feed.addEventListener('log', (event) => appendLog(JSON.parse(event.data)));
feed.addEventListener('execution', (event) => {
  const execution = JSON.parse(event.data);
  state.executions.set(execution.executionArn, execution);
  renderExecutions();
  if (execution.executionArn === state.selectedExecution) loadHistory();
});
