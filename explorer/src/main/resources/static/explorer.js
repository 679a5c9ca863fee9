// The explorer's page: the overview from /api/overview, refreshed as the live feed (/api/feed,
// server-sent events) brings events, and charts drawn as SVG.
'use strict';

const FEED_KEPT = 200;
let refreshing = null;

function short(text) {
  if (!text) return '';
  return text.length > 14 ? text.slice(0, 8) + '…' + text.slice(-4) : text;
}

function cell(row, text, className, title) {
  const td = row.insertCell();
  td.textContent = text === undefined || text === null ? '' : String(text);
  if (className) td.className = className;
  if (title) td.title = title;
  return td;
}

function fill(tableId, items, render) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren();
  for (const item of items) render(body.insertRow(), item);
}

function bytes(n) {
  if (n >= 1 << 30) return (n / (1 << 30)).toFixed(1) + ' GiB';
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MiB';
  if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + ' KiB';
  return n + ' B';
}

function osb(text) {
  return parseFloat(text);
}

function svgEl(name, attributes, text) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

// The chart's svg, emptied; or null when there is nothing to draw, after saying so in it.
function chart(svgId, items, empty) {
  const svg = document.getElementById(svgId);
  svg.replaceChildren();
  if (items.length > 0) return svg;
  svg.appendChild(svgEl('text', { x: 10, y: 80 }, empty));
  return null;
}

function columns(svgId, points, empty) {
  const svg = chart(svgId, points, empty);
  if (!svg) return;
  const most = Math.max(...points.map(p => p.value), 1);
  const width = 340 / points.length;
  points.forEach((p, i) => {
    const h = 120 * p.value / most;
    const bar = svgEl('rect', { class: 'bar', x: 10 + i * width + 1, y: 135 - h, width: Math.max(width - 2, 1), height: h });
    bar.appendChild(svgEl('title', {}, p.label + ': ' + p.value));
    svg.appendChild(bar);
  });
  svg.appendChild(svgEl('text', { x: 10, y: 150 }, points[0].label));
  svg.appendChild(svgEl('text', { x: 350, y: 150, 'text-anchor': 'end' }, points[points.length - 1].label));
  svg.appendChild(svgEl('text', { x: 10, y: 12 }, 'most: ' + most));
}

function rows(svgId, items, empty) {
  const svg = chart(svgId, items, empty);
  if (!svg) return;
  const shown = items.slice(0, 6);
  const most = Math.max(...shown.map(i => i.total), 1e-9);
  shown.forEach((item, i) => {
    const y = 8 + i * 25;
    svg.appendChild(svgEl('text', { x: 4, y: y + 12 }, item.label));
    if (item.room) svg.appendChild(svgEl('rect', { class: 'room', x: 110, y, width: 240, height: 16 }));
    const w = Math.max(240 * Math.max(item.value, 0) / most, 1);
    const bar = svgEl('rect', { class: item.room ? 'used' : 'bar', x: 110, y, width: w, height: 16 });
    bar.appendChild(svgEl('title', {}, item.label + ': ' + item.text));
    svg.appendChild(bar);
    svg.appendChild(svgEl('text', { x: 114, y: y + 12 }, item.text));
  });
}

function render(o) {
  document.getElementById('event-count').textContent = o.events;
  document.getElementById('deal-count').textContent = o.completed_deals;

  fill('datasets', o.datasets, (r, d) => {
    r.dataset.dataId = d.data_id;
    cell(r, d.data_id, 'id');
    cell(r, short(d.address), 'id', d.address);
    cell(r, short(d.provider), 'id', d.provider);
    cell(r, d.product ? d.datatype + ' · ' + d.product : d.datatype);
    cell(r, d.price);
    cell(r, bytes(d.size));
    cell(r, d.fragments_stored + ' / ' + d.fragments);
    cell(r, d.clusters.join(', '));
    cell(r, d.samples.join(', '));
    cell(r, d.status, d.status);
  });
  fill('orders', o.orders, (r, ord) => {
    cell(r, short(ord.order_hash), 'id', ord.order_hash);
    cell(r, short(ord.dataset), 'id', ord.dataset);
    cell(r, ord.price);
    cell(r, ord.remaining + ' / ' + ord.volume);
    cell(r, ord.status, ord.status);
  });
  fill('deals', o.deals, (r, d) => {
    r.dataset.dealId = d.deal_id;
    cell(r, d.deal_id, 'id');
    cell(r, short(d.dataset), 'id', d.dataset);
    cell(r, short(d.buyer), 'id', d.buyer);
    cell(r, d.price);
    cell(r, d.status, d.status, d.reason || '');
    cell(r, d.keys_released ? 'released' : '');
  });
  fill('keepers', o.keepers, (r, k) => {
    cell(r, short(k.account), 'id', k.account);
    cell(r, k.cluster_id);
    cell(r, k.node);
    cell(r, k.replicas);
    cell(r, k.audits_passed);
    cell(r, k.audits_failed);
    cell(r, k.rewards_paid);
  });
  const l = o.ledger;
  document.getElementById('ledger-summary').textContent = 'in flight ' + l.in_flight + ' · deposited ' + l.deposited
    + ' · withdrawn ' + l.withdrawn + ' · ' + (l.balanced ? 'balanced' : 'not balanced yet');
  fill('ledger', l.accounts, (r, a) => {
    cell(r, a.account, 'id');
    cell(r, a.balance);
  });

  columns('chart-purchases', o.purchases.map(p => ({ label: p.minute.slice(11, 16), value: p.count })),
    'no purchase yet');
  rows('chart-ledger', l.accounts.map(a => ({ label: short(a.account), value: osb(a.balance), total: osb(l.accounts[0].balance),
    text: a.balance })), 'no account yet');
  rows('chart-clusters', o.clusters.map(c => ({ label: 'cluster ' + short(c.cluster_id),
    value: c.capacity > 0 ? c.used / c.capacity : 0, total: 1, room: true,
    text: bytes(c.used) + ' of ' + bytes(c.capacity) })), 'no cluster yet');
}

async function refresh() {
  const response = await fetch('api/overview');
  if (response.ok) render(await response.json());
}

function refreshSoon() {
  if (refreshing) return;
  refreshing = setTimeout(() => {
    refreshing = null;
    refresh().catch(() => {});
  }, 250);
}

function showEvent(item) {
  const feed = document.getElementById('feed');
  const li = document.createElement('li');
  li.dataset.type = item.type;
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = item.type;
  const topic = document.createElement('span');
  topic.className = 'topic';
  topic.textContent = ' on ' + item.topic + (item.time ? ' at ' + item.time : '') + ': ';
  li.append(type, topic, Object.entries(item.fields).map(([k, v]) => k + '=' + v).join(', '));
  feed.prepend(li);
  while (feed.children.length > FEED_KEPT) feed.lastChild.remove();
}

function follow() {
  const connection = document.getElementById('connection');
  const source = new EventSource('api/feed');
  source.onopen = () => {
    // the stream starts again with the latest events
    document.getElementById('feed').replaceChildren();
    connection.textContent = 'live';
    connection.className = 'online';
  };
  source.onerror = () => {
    connection.textContent = 'reconnecting…';
    connection.className = 'offline';
  };
  source.addEventListener('market-event', message => {
    showEvent(JSON.parse(message.data));
    refreshSoon();
  });
}

refresh().catch(() => {});
follow();
