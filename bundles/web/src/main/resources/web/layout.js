// Where the page draws each node. The graph view keeps its layout: a mesh the page has not seen
// takes the positions the node laid it out with (x, y in /topology/drawing: the same picture in
// every browser, and no layout run here); positions are kept in localStorage across reloads and
// updates (a dragged node stays put), and a node that joins later lands beside its neighbours
// instead of moving everyone else. The map view places nodes by location.latitude/longitude
// in Web Mercator (tiles.js draws the operator's tiles beneath, where set; without them the map
// works offline); nodes without a location are hidden there and counted.
(function () {
  'use strict';
  var KEY = 'x0tta6bl4.positions.v2'; // v1 held the positions of the layout the page ran itself
  var MAP_WIDTH = 2000; // pixels the mesh's extent takes at zoom 1 on the map
  var mode = 'graph';
  var positions = load();

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }

  // Only the nodes drawn now: a mesh that shrank does not keep the positions of the gone for ever.
  function save(cy) {
    if (mode !== 'graph') { return; }
    var now = {};
    cy.nodes().forEach(function (n) { var p = n.position(); now[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) }; });
    positions = now;
    try { window.localStorage.setItem(KEY, JSON.stringify(now)); } catch (e) { /* private mode: kept for this page only */ }
  }

  function known(id) { return Object.prototype.hasOwnProperty.call(positions, id); }

  // Where the node placed it, or null.
  function fromNode(n) {
    var x = n.data('x'), y = n.data('y');
    return typeof x === 'number' && typeof y === 'number' ? { x: x, y: y } : null;
  }

  // Beside the neighbours already placed, else below the drawing.
  function besideNeighbours(cy, node) {
    var xs = 0, ys = 0, k = 0;
    node.neighborhood('node').forEach(function (m) {
      if (known(m.id())) { xs += positions[m.id()].x; ys += positions[m.id()].y; k += 1; }
    });
    var jitter = function () { return (Math.random() - 0.5) * 40; };
    if (k > 0) { return { x: xs / k + jitter(), y: ys / k + jitter() }; }
    var box = cy.nodes().boundingBox();
    return { x: box.x1 + Math.random() * Math.max(box.w, 100), y: box.y2 + 60 };
  }

  // Places the nodes just added: where they were, beside their neighbours, or (a mesh not seen
  // before, or mostly new) all of them where the node placed them.
  function place(cy, added) {
    if (added.empty()) { return; }
    if (mode === 'map') { toMap(cy); return; }
    var missing = added.filter(function (n) { return !known(n.id()); });
    added.filter(function (n) { return known(n.id()); }).positions(function (n) { return positions[n.id()]; });
    if (missing.empty()) { return; }
    if (missing.length <= Math.max(10, cy.nodes().length / 5)) {
      missing.forEach(function (n) { var p = besideNeighbours(cy, n); positions[n.id()] = p; n.position(p); });
    } else {
      // the node laid the mesh out (again): all of it, so that old and new places do not mix
      cy.nodes().positions(function (n) { return fromNode(n) || besideNeighbours(cy, n); });
    }
    save(cy);
  }

  function location(n) {
    var lat = parseFloat(n.data('lat')), lon = parseFloat(n.data('lon'));
    return isFinite(lat) && isFinite(lon) ? { lat: lat, lon: lon } : null;
  }

  // Web Mercator, as map tiles are: at zoom 0 the world is 256 px wide. The map's model
  // coordinates are world pixels at a whole zoom (the largest at which the mesh fits in
  // MAP_WIDTH), less the mesh's middle, so tiles line up with the nodes at every zoom.
  var frame = null;

  function world(l) {
    var lat = Math.max(-85.05112878, Math.min(85.05112878, l.lat)) * Math.PI / 180;
    return { x: (l.lon + 180) / 360 * 256, y: (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * 256 };
  }

  function toMap(cy) {
    var located = [];
    cy.nodes().forEach(function (n) { var l = location(n); if (l) { located.push({ n: n, w: world(l) }); } });
    cy.nodes().forEach(function (n) { n.toggleClass('unlocated', !location(n)); });
    if (!located.length) { frame = null; return; }
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    located.forEach(function (e) {
      minX = Math.min(minX, e.w.x); maxX = Math.max(maxX, e.w.x); minY = Math.min(minY, e.w.y); maxY = Math.max(maxY, e.w.y);
    });
    var extent = Math.max(maxX - minX, maxY - minY, 1e-9);
    var zoom = Math.max(0, Math.min(22, Math.floor(Math.log(MAP_WIDTH / extent) / Math.LN2)));
    frame = { zoom: zoom, x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
    var scale = Math.pow(2, zoom);
    located.forEach(function (e) { e.n.position({ x: (e.w.x - frame.x) * scale, y: (e.w.y - frame.y) * scale }); });
  }

  function show(cy, next) {
    if (next === mode) { return; }
    if (mode === 'graph') { save(cy); }
    mode = next;
    if (mode === 'graph') {
      cy.nodes().removeClass('unlocated');
      cy.nodes().positions(function (n) { return known(n.id()) ? positions[n.id()] : n.position(); });
    } else {
      toMap(cy);
    }
    cy.fit(cy.nodes(':visible'), 30);
  }

  function unlocated(cy) { return mode === 'map' ? cy.nodes('.unlocated').length : 0; }

  window.meshLayout = {
    place: place, save: save, show: show, unlocated: unlocated,
    mode: function () { return mode; },
    // the map's frame: its whole zoom and the world pixel (zoom 0) at model 0,0; null without locations
    mapFrame: function () { return mode === 'map' ? frame : null; }
  };
}());
