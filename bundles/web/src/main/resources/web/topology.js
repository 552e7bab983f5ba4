// The live mesh: follows /api/v1/topology/stream (Server-Sent Events of the topology's version) and
// fetches /api/v1/topology when it changed, polling every second only where the stream cannot be
// had; redraws what changed; draws a path on request.
(function () {
  'use strict';
  var POLL_MS = 1000;
  var cy = cytoscape({
    container: document.getElementById('graph'),
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 9, 'text-valign': 'bottom', 'text-margin-y': 2,
        'width': 18, 'height': 18, 'background-color': '#2e7d32' } },
      { selector: 'node[state = "DOWN"]', style: { 'background-color': '#c62828', 'opacity': 0.8 } },
      { selector: 'node[role = "SELF"]', style: { 'width': 26, 'height': 26 } },
      { selector: 'node[role = "GATEWAY"]', style: { 'shape': 'hexagon', 'width': 24, 'height': 24 } },
      { selector: 'node[?critical]', style: { 'border-width': 4, 'border-color': '#ff6f00', 'shape': 'diamond' } },
      { selector: 'edge', style: {
        'width': 2, 'curve-style': 'haystack', 'opacity': 0.8,
        'line-color': 'mapData(quality, 0, 1, #e53935, #43a047)' } },
      { selector: 'edge[?bridge]', style: { 'line-style': 'dashed', 'width': 3 } },
      { selector: 'edge.path', style: { 'line-color': '#1e88e5', 'width': 6, 'opacity': 1, 'z-index': 10 } },
      { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#1e88e5' } }
    ]
  });
  window.cy = cy;
  var state = { version: -1, updates: 0, path: null, error: null, mode: 'starting', fetches: 0 };
  window.meshPage = state;

  // A node's own name where it has one (a batman-adv node's id is its MAC), else its id.
  function name(n) { return (n.attributes && n.attributes.hostname) || n.id; }

  function edgeId(a, b) { return a < b ? a + '--' + b : b + '--' + a; }

  function undirected(links) {
    var byPair = {};
    links.forEach(function (l) {
      var id = edgeId(l.from, l.to);
      var e = byPair[id];
      if (!e) {
        e = byPair[id] = { id: id, source: l.from < l.to ? l.from : l.to, target: l.from < l.to ? l.to : l.from,
          quality: 0, n: 0, bridge: false };
      }
      e.quality += l.quality; e.n += 1; e.bridge = e.bridge || l.bridge;
    });
    return Object.keys(byPair).map(function (k) { var e = byPair[k]; e.quality = e.quality / e.n; return e; });
  }

  function apply(topo) {
    var added = false;
    var nodeIds = {};
    cy.batch(function () {
      topo.nodes.forEach(function (n) {
        nodeIds[n.id] = true;
        var data = { id: n.id, label: name(n), state: n.state, role: n.role, critical: n.critical };
        var existing = cy.getElementById(n.id);
        if (existing.nonempty()) { existing.data(data); } else { cy.add({ group: 'nodes', data: data }); added = true; }
      });
      cy.nodes().forEach(function (n) { if (!nodeIds[n.id()]) { n.remove(); added = true; } });
      var edges = undirected(topo.links);
      var edgeIds = {};
      edges.forEach(function (e) {
        edgeIds[e.id] = true;
        var existing = cy.getElementById(e.id);
        var data = { id: e.id, source: e.source, target: e.target, quality: e.quality, bridge: e.bridge };
        if (existing.nonempty()) { existing.data({ quality: e.quality, bridge: e.bridge }); } else { cy.add({ group: 'edges', data: data }); }
      });
      cy.edges().forEach(function (e) { if (!edgeIds[e.id()]) { e.remove(); } });
    });
    var rename = renamed(topo.nodes);
    if (added || rename) {
      fillSelects(topo.nodes);
    }
    if (added) {
      cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 8000; } }).run();
    }
    if (state.path) { highlight(state.path); }
    var up = topo.nodes.filter(function (n) { return n.state === 'UP'; }).length;
    // the API's links are directed (one per direction); the drawing joins both directions of a pair
    document.getElementById('summary').textContent = topo.nodes.length + ' nodes (' + up + ' up), ' +
      topo.links.length + ' directed links (' + cy.edges().length + ' node pairs drawn), ' +
      topo.articulationPoints.length + ' critical nodes, version ' + topo.version;
    state.version = topo.version;
    state.updates += 1;
  }

  var names = '';
  // Whether a node was renamed since the pickers were filled (a collector learns hostnames later).
  function renamed(nodes) {
    var now = nodes.map(function (n) { return n.id + '=' + name(n); }).join(',');
    var changed = now !== names;
    names = now;
    return changed;
  }

  var byName = {};

  // One list of ends for both pickers, searched as the operator types a hostname or an id.
  function fillSelects(nodes) {
    var list = document.getElementById('node-list');
    list.innerHTML = '';
    byName = {};
    nodes.forEach(function (n) {
      var o = document.createElement('option'); o.value = n.id;
      if (name(n) !== n.id) {
        o.label = name(n); o.textContent = name(n);
        // a hostname two nodes share names neither: the API then says it knows no such node
        byName[name(n)] = Object.prototype.hasOwnProperty.call(byName, name(n)) ? null : n.id;
      }
      list.appendChild(o);
    });
    ['path-from', 'path-to'].forEach(function (id, i) {
      var input = document.getElementById(id);
      if (!input.value && nodes.length) { input.value = nodes[i === 0 ? 0 : nodes.length - 1].id; }
    });
  }

  // What the operator typed: an id, or a hostname of exactly one node.
  function end(text) { return byName[text] || text; }

  function highlight(path) {
    cy.elements().removeClass('path');
    for (var i = 0; i < path.hops.length; i++) {
      cy.getElementById(path.hops[i]).addClass('path');
      if (i > 0) { cy.getElementById(edgeId(path.hops[i - 1], path.hops[i])).addClass('path'); }
    }
  }

  var loading = false;
  var again = false;

  // One fetch at a time; a version announced meanwhile fetches once more after it.
  function refresh() {
    if (loading) { again = true; return Promise.resolve(); }
    loading = true;
    state.fetches += 1;
    return fetch('../api/v1/topology', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (topo) { state.error = null; if (topo.version !== state.version) { apply(topo); } })
      .catch(function (e) { state.error = String(e); document.getElementById('summary').textContent = 'error: ' + e; })
      .then(function () { loading = false; if (again) { again = false; refresh(); } });
  }

  function poll() {
    state.mode = 'poll';
    refresh().then(function () { setTimeout(poll, POLL_MS); });
  }

  function follow() {
    if (!window.EventSource) { poll(); return; }
    var stream = new EventSource('../api/v1/topology/stream');
    // a proxy that holds the stream back must not leave the page empty
    setTimeout(function () { if (state.mode === 'starting') { stream.close(); poll(); } }, 5000);
    stream.addEventListener('version', function (e) {
      state.mode = 'stream';
      // the version counter: any difference, a missed event included, fetches the topology again
      if (JSON.parse(e.data).version !== state.version) { refresh(); }
    });
    stream.onerror = function () {
      // a dropped stream reconnects by itself; one the node refused (503) is closed: poll instead
      if (stream.readyState === EventSource.CLOSED) { poll(); }
    };
  }

  function showPath(from, to) {
    var result = document.getElementById('path-result');
    return fetch('../api/v1/topology/path?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to),
      { cache: 'no-store' })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) { state.path = null; cy.elements().removeClass('path'); result.className = 'error';
          result.textContent = r.body.message; return; }
        state.path = r.body; highlight(r.body); result.className = '';
        result.textContent = r.body.hops.join(' → ') + ' (' + r.body.hopCount + ' hops, cost ' + r.body.cost.toFixed(2) + ')';
      });
  }
  window.showPath = showPath;

  document.getElementById('path-form').addEventListener('submit', function (e) {
    e.preventDefault();
    showPath(end(document.getElementById('path-from').value.trim()), end(document.getElementById('path-to').value.trim()));
  });
  document.getElementById('path-clear').addEventListener('click', function () {
    state.path = null; cy.elements().removeClass('path'); document.getElementById('path-result').textContent = '';
  });
  follow();
}());
