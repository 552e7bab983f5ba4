// The map view's tiles, where the operator set map.tiles (/api/v1/page): Web Mercator tiles of
// 256 px as <img> beneath the drawing, at the tile zoom nearest to what the view shows, redrawn
// as the view pans and zooms. Without the setting, or in the graph view, nothing is fetched.
(function () {
  'use strict';
  var MAX_TILES = 100; // a view that would need more (zoomed far out) draws none
  var layer = document.getElementById('tiles');
  var credit = document.getElementById('attribution');
  var template = '';
  var shown = {};
  var state = { requested: 0, zoom: null };
  window.meshTiles = state;

  function url(z, x, y) {
    return template.replace('{z}', z).replace('{x}', x).replace('{y}', y);
  }

  function clear() {
    layer.textContent = '';
    shown = {};
    credit.hidden = true;
  }

  function draw(cy) {
    var frame = window.meshLayout.mapFrame();
    if (!template || !frame) { clear(); return; }
    credit.hidden = !credit.textContent;
    var zoom = Math.max(0, Math.min(19, Math.round(frame.zoom + Math.log(cy.zoom()) / Math.LN2)));
    var n = Math.pow(2, zoom);
    var modelPerWorld = Math.pow(2, frame.zoom); // model units per world pixel at zoom 0
    var tileWorld = 256 / n;                     // a tile's width in world pixels at zoom 0
    var e = cy.extent();
    var x0 = Math.max(0, Math.floor((e.x1 / modelPerWorld + frame.x) / tileWorld));
    var x1 = Math.min(n - 1, Math.floor((e.x2 / modelPerWorld + frame.x) / tileWorld));
    var y0 = Math.max(0, Math.floor((e.y1 / modelPerWorld + frame.y) / tileWorld));
    var y1 = Math.min(n - 1, Math.floor((e.y2 / modelPerWorld + frame.y) / tileWorld));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES) { clear(); return; }
    state.zoom = zoom;
    var size = tileWorld * modelPerWorld * cy.zoom();
    var pan = cy.pan();
    var wanted = {};
    for (var x = x0; x <= x1; x++) {
      for (var y = y0; y <= y1; y++) {
        var key = zoom + '/' + x + '/' + y;
        wanted[key] = true;
        var img = shown[key];
        if (!img) {
          img = document.createElement('img');
          img.alt = '';
          img.referrerPolicy = 'no-referrer';
          img.src = url(zoom, x, y);
          shown[key] = img;
          layer.appendChild(img);
          state.requested += 1;
        }
        img.style.left = ((x * tileWorld - frame.x) * modelPerWorld * cy.zoom() + pan.x) + 'px';
        img.style.top = ((y * tileWorld - frame.y) * modelPerWorld * cy.zoom() + pan.y) + 'px';
        img.style.width = img.style.height = (size + 0.5) + 'px';
      }
    }
    Object.keys(shown).forEach(function (k) { if (!wanted[k]) { layer.removeChild(shown[k]); delete shown[k]; } });
  }

  function follow(cy) {
    cy.on('viewport', function () { draw(cy); });
    fetch('../api/v1/page', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (settings) {
        template = settings.mapTiles || '';
        credit.textContent = settings.mapAttribution || '';
        draw(cy);
      })
      .catch(function () { template = ''; });
  }

  window.meshTilesFollow = follow;
  window.meshTilesDraw = draw;
}());
