// The live mesh: follows /api/v1/topology/stream (Server-Sent Events of the topology's version) and
// fetches /api/v1/topology/drawing (what is drawn, a tenth of the whole topology) when it changed, polling every second only where the stream cannot be
// had; redraws what changed; draws a path and its backup on request. Where nodes go is layout.js's
// job, the details beside the drawing panel.js's.
(function () {
  'use strict';
  var POLL_MS = 1000;
  var LARGE = 300; // nodes from which edges are hidden while the view moves
  var cy = cytoscape({
    container: document.getElementById('graph'),
    wheelSensitivity: 0.3,
    style: [
      // labels by zoom: a label is drawn once it would be 7 px or more on the screen
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7, 'text-valign': 'bottom', 'text-margin-y': 2,
        'width': 18, 'height': 18, 'background-color': '#2e7d32' } },
      { selector: 'node[state = "DOWN"]', style: { 'background-color': '#c62828', 'opacity': 0.8 } },
      { selector: 'node[role = "SELF"]', style: { 'width': 26, 'height': 26 } },
      { selector: 'node[role = "GATEWAY"]', style: { 'shape': 'hexagon', 'width': 24, 'height': 24 } },
      // critical nodes stand out at every zoom: larger, on top, and their names shown from further out
      { selector: 'node[?critical]', style: { 'border-width': 5, 'border-color': '#ff6f00', 'shape': 'diamond',
        'width': 30, 'height': 30, 'font-size': 18, 'font-weight': 'bold', 'z-index': 20 } },
      { selector: 'node.unlocated', style: { 'display': 'none' } },
      { selector: 'edge', style: {
        'width': 2, 'curve-style': 'haystack', 'opacity': 0.8,
        'line-color': 'mapData(quality, 0, 1, #e53935, #43a047)' } },
      { selector: 'edge[?bridge]', style: { 'curve-style': 'straight', 'line-style': 'dashed', 'width': 4, 'z-index': 15,
        'underlay-color': '#ff6f00', 'underlay-opacity': 0.5, 'underlay-padding': 4 } },
      { selector: 'edge.backup', style: { 'curve-style': 'straight', 'line-color': '#8e24aa', 'line-style': 'dashed',
        'width': 5, 'opacity': 1, 'z-index': 9 } },
      { selector: 'node.backup', style: { 'border-width': 4, 'border-color': '#8e24aa' } },
      { selector: 'edge.path', style: { 'line-color': '#1e88e5', 'line-style': 'solid', 'width': 6, 'opacity': 1, 'z-index': 10 } },
      { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#1e88e5' } },
      { selector: ':selected', style: { 'overlay-color': '#1e88e5', 'overlay-opacity': 0.25, 'overlay-padding': 6 } }
    ]
  });
  window.cy = cy;
  window.meshTilesFollow(cy);
  // metrics: what the browser measured (performance.now(), ms since navigation), read by the page itest
  var state = { version: -1, updates: 0, path: null, error: null, mode: 'starting', fetches: 0, selected: null,
    metrics: { firstDraw: null, firstFetched: null, applyMs: null, applies: [] } };
  window.meshPage = state;
  var last = null;

  // A node's own name where it has one (a batman-adv node's id is its MAC), else its id: the API's choice.
  function name(n) { return n.name || n.id; }

  function edgeId(a, b) { return a < b ? a + '--' + b : b + '--' + a; }

  // One edge a pair, coloured by the mean of the directions known.
  function edge(p) {
    var q = p.ab === null ? p.ba : p.ba === null ? p.ab : (p.ab + p.ba) / 2;
    return { id: edgeId(p.a, p.b), source: p.a, target: p.b, quality: q, bridge: p.bridge };
  }

  function nodeData(n) {
    return { id: n.id, label: name(n), state: n.state, role: n.role, critical: n.critical, lat: n.lat, lon: n.lon,
      x: n.x, y: n.y };
  }

  // Whether a drawn node already shows all of data: setting data restyles the node even when
  // nothing changed, which at 1,000 nodes was most of an update's time.
  function shows(node, data) {
    var now = node.data();
    for (var k in data) {
      if (Object.prototype.hasOwnProperty.call(data, k) && now[k] !== data[k]) { return false; }
    }
    return true;
  }

  function apply(topo) {
    var t0 = performance.now();
    var added = cy.collection();
    var nodeIds = {};
    var changed = 0;
    cy.batch(function () {
      var fresh = [];
      topo.nodes.forEach(function (n) {
        nodeIds[n.id] = true;
        var data = nodeData(n);
        var existing = cy.getElementById(n.id);
        if (existing.nonempty()) {
          if (!shows(existing, data)) { existing.data(data); }
        } else {
          fresh.push({ group: 'nodes', data: data });
        }
      });
      if (fresh.length) { added = cy.add(fresh); }
      cy.nodes().forEach(function (n) { if (!nodeIds[n.id()]) { n.remove(); } });
      var edgeIds = {};
      var freshEdges = [];
      topo.pairs.map(edge).forEach(function (e) {
        edgeIds[e.id] = true;
        var existing = cy.getElementById(e.id);
        if (existing.nonempty()) {
          if (existing.data('quality') !== e.quality || existing.data('bridge') !== e.bridge) {
            existing.data({ quality: e.quality, bridge: e.bridge }); changed += 1;
          }
        } else {
          freshEdges.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, quality: e.quality, bridge: e.bridge } });
        }
      });
      changed += freshEdges.length;
      if (freshEdges.length) { cy.add(freshEdges); }
      cy.edges().forEach(function (e) { if (!edgeIds[e.id()]) { e.remove(); changed += 1; } });
    });
    var first = state.updates === 0;
    window.meshLayout.place(cy, added);
    if (first) {
      cy.fit(cy.nodes(':visible'), 30);
      // while the operator pans or zooms a large mesh, a texture of the last frame moves instead
      // of 1,000 nodes being drawn again each frame (cytoscape's renderer options, read per frame)
      var large = cy.nodes().length > LARGE;
      cy.renderer().textureOnViewport = large;
      cy.renderer().hideEdgesOnViewport = large;
      state.metrics.applyMs = Math.round(performance.now() - t0);
    }
    // the pickers' thousand options are DOM work the first draw need not wait for
    var fill = added.nonempty() || renamed(topo.nodes);
    if (fill && !first) { fillSelects(topo.nodes); }
    if (state.path) { highlight(state.path); }
    last = topo;
    if (state.selected && state.selected.link) { window.meshPanel.showLink(state.selected.link); }
    summarize(topo);
    state.version = topo.version;
    state.updates += 1;
    var applied = { version: topo.version, changed: changed, nodes: topo.nodes.length, ms: 0 };
    // the time until the browser has painted the change: the frame after the next one starts after that paint
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        applied.ms = Math.round(performance.now() - t0);
        state.metrics.applies.push(applied);
        if (state.metrics.applies.length > 100) { state.metrics.applies.shift(); }
        if (first) {
          state.metrics.firstDraw = Math.round(performance.now());
          if (fill) { fillSelects(topo.nodes); }
        }
      });
    });
  }

  function summarize(topo) {
    var up = topo.nodes.filter(function (n) { return n.state === 'UP'; }).length;
    var hidden = window.meshLayout.unlocated(cy);
    // the API's links are directed (one per direction); the drawing joins both directions of a pair
    document.getElementById('summary').textContent = topo.nodes.length + ' nodes (' + up + ' up), ' +
      topo.directedLinks + ' directed links (' + cy.edges().length + ' node pairs drawn), ' +
      topo.articulationPoints.length + ' critical nodes, version ' + topo.version +
      (hidden ? '; ' + hidden + ' nodes without a location not on the map' : '');
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

  // One list of nodes for the pickers and the search, searched as the operator types a hostname or an id.
  function fillSelects(nodes) {
    var list = document.getElementById('node-list');
    var options = document.createDocumentFragment();
    byName = {};
    nodes.forEach(function (n) {
      var o = document.createElement('option'); o.value = n.id;
      if (name(n) !== n.id) {
        o.label = name(n); o.textContent = name(n);
        // a hostname two nodes share names neither: the API then says it knows no such node
        byName[name(n)] = Object.prototype.hasOwnProperty.call(byName, name(n)) ? null : n.id;
      }
      options.appendChild(o);
    });
    list.innerHTML = '';
    list.appendChild(options);
    ['path-from', 'path-to'].forEach(function (id, i) {
      var input = document.getElementById(id);
      if (!input.value && nodes.length) { input.value = nodes[i === 0 ? 0 : nodes.length - 1].id; }
    });
  }

  // What the operator typed: an id, or a hostname of exactly one node.
  function end(text) { return byName[text] || text; }

  function mark(hops, cls) {
    for (var i = 0; i < hops.length; i++) {
      cy.getElementById(hops[i]).addClass(cls);
      if (i > 0) { cy.getElementById(edgeId(hops[i - 1], hops[i])).addClass(cls); }
    }
  }

  function highlight(path) {
    cy.elements().removeClass('path backup');
    if (path.backup) { mark(path.backup.backup.hops, 'backup'); }
    mark(path.hops, 'path');
  }

  var loading = false;
  var again = false;

  // One fetch at a time; a version announced meanwhile fetches once more after it.
  function refresh() {
    if (loading) { again = true; return Promise.resolve(); }
    loading = true;
    state.fetches += 1;
    var asked = window.meshFirstDrawing || fetch('../api/v1/topology/drawing', { cache: 'no-store' });
    window.meshFirstDrawing = null;
    return asked
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (topo) {
        state.error = null;
        if (state.metrics.firstFetched === null) { state.metrics.firstFetched = Math.round(performance.now()); }
        if (topo.version !== state.version) { apply(topo); }
      })
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

  function backupText(path) {
    var b = path.backup;
    if (!b) { return '; no backup: every other way shares a link with it (a bridge lies between the ends)'; }
    var same = b.primary.hops.join(' ') === path.hops.join(' ');
    return '; backup ' + b.backup.hops.join(' → ') + ' (' + b.backup.hopCount + ' hops, no link shared with ' +
      (same ? 'the path' : 'its partner ' + b.primary.hops.join(' → ') + ', the pair of least total cost') + ')';
  }

  function showPath(from, to) {
    var result = document.getElementById('path-result');
    return fetch('../api/v1/topology/path?backup=link&from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to),
      { cache: 'no-store' })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) { state.path = null; cy.elements().removeClass('path backup'); result.className = 'error';
          result.textContent = r.body.message; return; }
        state.path = r.body; highlight(r.body); result.className = '';
        result.textContent = r.body.hops.join(' → ') + ' (' + r.body.hopCount + ' hops, cost ' + r.body.cost.toFixed(2) + ')' +
          (from === to ? '' : backupText(r.body));
      });
  }
  window.showPath = showPath;

  function select(id) {
    var n = cy.getElementById(id);
    if (n.empty() || !last) { return false; }
    cy.elements().unselect();
    n.select();
    cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    window.meshPanel.showNode(id);
    return true;
  }
  window.selectNode = select;

  cy.on('tap', 'node', function (e) { window.meshPanel.showNode(e.target.id()); });
  cy.on('tap', 'edge', function (e) { window.meshPanel.showLink(e.target.id()); });
  cy.on('dragfree', 'node', function () { window.meshLayout.save(cy); });

  document.getElementById('find-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = document.getElementById('find').value.trim();
    document.getElementById('find-result').textContent = select(end(text)) ? '' : 'no node ' + text;
  });
  document.getElementById('path-form').addEventListener('submit', function (e) {
    e.preventDefault();
    showPath(end(document.getElementById('path-from').value.trim()), end(document.getElementById('path-to').value.trim()));
  });
  document.getElementById('path-clear').addEventListener('click', function () {
    state.path = null; cy.elements().removeClass('path backup'); document.getElementById('path-result').textContent = '';
  });
  ['graph', 'map'].forEach(function (view) {
    document.getElementById('view-' + view).addEventListener('click', function () {
      window.meshLayout.show(cy, view);
      window.meshTilesDraw(cy);
      document.getElementById('view-graph').classList.toggle('on', view === 'graph');
      document.getElementById('view-map').classList.toggle('on', view === 'map');
      if (last) { summarize(last); } // the summary counts what the view shows
    });
  });
  // the first draw does not wait for the stream, nor does the stream's first event fetch again meanwhile
  refresh().then(follow);
}());
