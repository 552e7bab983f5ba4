// The details beside the drawing: a node's state, links per direction, attestation and facts
// (and, on request, its incidents and quarantine, which need a read role, with buttons to approve
// an incident and to quarantine or release the node's MACs, which need the write role); a link's two
// directions and a chart of their quality from the samples the node keeps. Text goes in through
// textContent only: every value comes from the mesh, so none is trusted as markup.
(function () {
  'use strict';
  var panel = document.getElementById('panel');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function table(rows, head) {
    var t = el('table');
    if (head) { var tr = el('tr'); head.forEach(function (h) { tr.appendChild(el('th', h)); }); t.appendChild(tr); }
    rows.forEach(function (r) { var tr = el('tr'); r.forEach(function (c) { tr.appendChild(el('td', c)); }); t.appendChild(tr); });
    return t;
  }

  function fixed(v, digits) { return v === null || v === undefined ? '–' : Number(v).toFixed(digits); }

  function open(title) {
    panel.innerHTML = '';
    panel.hidden = false;
    var close = el('button', '×', 'close');
    close.type = 'button';
    close.title = 'close';
    close.addEventListener('click', function () {
      panel.hidden = true; panel.removeAttribute('data-link'); window.meshPage.selected = null;
    });
    panel.appendChild(close);
    panel.appendChild(el('h2', title));
  }

  // Quality over time, 0 at the bottom and 1 at the top, one line per direction, both on one
  // time axis from the oldest sample to the newest.
  function chart(byDir) {
    var ns = 'http://www.w3.org/2000/svg', w = 260, h = 70;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', w); svg.setAttribute('height', h); svg.setAttribute('class', 'chart');
    var times = [];
    ['ab', 'ba'].forEach(function (dir) { byDir[dir].forEach(function (s) { times.push(Date.parse(s.at)); }); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    ['ab', 'ba'].forEach(function (dir) {
      var pts = [];
      byDir[dir].forEach(function (s) {
        if (typeof s.quality === 'number') {
          var x = t1 > t0 ? (Date.parse(s.at) - t0) * (w - 4) / (t1 - t0) + 2 : 2;
          pts.push(x.toFixed(1) + ',' + (h - 2 - s.quality * (h - 4)).toFixed(1));
        }
      });
      var line = document.createElementNS(ns, 'polyline');
      line.setAttribute('points', pts.join(' '));
      line.setAttribute('class', dir);
      svg.appendChild(line);
    });
    return svg;
  }

  // One direction's samples as the topology keeps them (link.history.size), or none where it has no such link.
  function history(from, to) {
    return fetch('../api/v1/topology/links/' + encodeURIComponent(from) + '/' + encodeURIComponent(to) + '/history',
      { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json().then(function (b) { return b.samples; }) : []; });
  }

  function details(id) {
    return fetch('../api/v1/topology/nodes/' + encodeURIComponent(id), { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
  }

  // Both directions' metrics from the first end's links (it has both: those from and to it).
  function showLink(pair) {
    var ends = pair.split('--');
    window.meshPage.selected = { link: pair };
    var refresh = panel.getAttribute('data-link') === pair;
    if (!refresh) { open('link ' + ends[0] + ' – ' + ends[1]); panel.setAttribute('data-link', pair); }
    return details(ends[0]).then(function (node) {
      if (!window.meshPage.selected || window.meshPage.selected.link !== pair) { return; }
      var byDir = {};
      node.linkList.forEach(function (l) { if (l.from === ends[1] || l.to === ends[1]) { byDir[l.from] = l; } });
      var rows = [['quality'], ['tq'], ['latency ms'], ['loss'], ['throughput Mbit/s'], ['medium'], ['interface'], ['measured']];
      [ends[0], ends[1]].forEach(function (from) {
        var l = byDir[from] || {};
        rows[0].push(fixed(l.quality, 2)); rows[1].push(l.tq === undefined || l.tq === null ? '–' : l.tq);
        rows[2].push(fixed(l.latencyMs, 1)); rows[3].push(fixed(l.loss, 3)); rows[4].push(fixed(l.throughputMbps, 1));
        rows[5].push(l.medium || '–'); rows[6].push(l.iface || '–'); rows[7].push(l.lastMeasured || '–');
      });
      var body = el('div', null, 'link-body');
      body.appendChild(table(rows, ['', ends[0] + ' → ' + ends[1], ends[1] + ' → ' + ends[0]]));
      if ((byDir[ends[0]] && byDir[ends[0]].bridge) || (byDir[ends[1]] && byDir[ends[1]].bridge)) {
        body.appendChild(el('p', 'a bridge: its loss splits the mesh', 'warn'));
      }
      return Promise.all([history(ends[0], ends[1]), history(ends[1], ends[0])]).then(function (h) {
        if (!window.meshPage.selected || window.meshPage.selected.link !== pair) { return; }
        var all = h[0].concat(h[1]).map(function (s) { return s.at; }).sort();
        body.appendChild(el('h3', 'quality, the node\'s last ' + h[0].length + ' and ' + h[1].length + ' samples'
          + (all.length ? ' since ' + all[0] : '')));
        body.appendChild(chart({ ab: h[0], ba: h[1] }));
        var legend = el('p', null, 'chart-legend');
        legend.appendChild(el('span', ends[0] + ' → ' + ends[1], 'ab'));
        legend.appendChild(el('span', ends[1] + ' → ' + ends[0], 'ba'));
        body.appendChild(legend);
        var old = panel.querySelector('.link-body');
        if (old) { panel.replaceChild(body, old); } else { panel.appendChild(body); }
      });
    }).catch(function (e) { panel.appendChild(el('p', 'could not read the link: ' + e, 'warn')); });
  }

  function showNode(id) {
    window.meshPage.selected = { node: id };
    panel.removeAttribute('data-link');
    open(id);
    return details(id).then(function (node) {
      var attrs = node.attributes || {};
      panel.querySelector('h2').textContent = attrs.hostname ? attrs.hostname + ' (' + id + ')' : id;
      panel.appendChild(table([
        ['state', node.state], ['role', node.role],
        ['critical', node.critical ? 'yes: its loss splits the mesh' : 'no'],
        ['addresses', (node.addresses || []).join(' ')], ['last seen', node.lastSeen || '–']
      ]));
      var a = node.attestation;
      panel.appendChild(el('p', !a ? 'attestation: none recorded'
        : a.attested ? 'attested as ' + a.spiffeId + ' (until ' + (a.notAfter || '?') + ')'
          : 'attestation failed: ' + (a.reason || '?') + (a.spiffeId ? ' (claimed ' + a.spiffeId + ')' : ''),
      'attestation ' + (a && a.attested ? 'ok' : 'warn')));
      var out = {}, back = {};
      node.linkList.forEach(function (l) { if (l.from === id) { out[l.to] = l; } else { back[l.from] = l; } });
      var peers = Object.keys(out).concat(Object.keys(back).filter(function (p) { return !out[p]; })).sort();
      panel.appendChild(el('h3', peers.length + ' neighbours'));
      panel.appendChild(table(peers.map(function (p) {
        return [p, fixed(out[p] && out[p].quality, 2), fixed(back[p] && back[p].quality, 2),
          (out[p] && out[p].bridge) || (back[p] && back[p].bridge) ? 'bridge' : ''];
      }), ['neighbour', 'quality →', 'quality ←', '']));
      panel.appendChild(el('h3', 'facts'));
      panel.appendChild(table(Object.keys(attrs).sort().map(function (k) { return [k, attrs[k]]; })));
      var more = el('button', 'incidents and quarantine (read role; writes: write role)');
      more.type = 'button';
      more.addEventListener('click', function () { sensitive(id, node, more); });
      panel.appendChild(more);
    }).catch(function (e) { panel.appendChild(el('p', 'could not read the node: ' + e, 'warn')); });
  }

  // A write, as the API wants it from a browser: with the header the cross-site guard asks for
  // (a page of another site cannot send it), the user's credentials asked by the browser on a 401.
  function write(method, path, done, box) {
    return fetch('../api/v1/' + path, { method: method, cache: 'no-store', headers: { 'X-Requested-By': 'x0tta6bl4-page' } })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) { box.appendChild(el('p', method + ' ' + path + ': needs a user with the write role', 'warn')); return; }
        if (!r.ok) {
          return r.json().then(function (b) { box.appendChild(el('p', method + ' ' + path + ': ' + (b.message || r.status), 'warn')); },
            function () { box.appendChild(el('p', method + ' ' + path + ': HTTP ' + r.status, 'warn')); });
        }
        return r.json().then(done);
      });
  }

  function button(text, onClick) {
    var b = el('button', text, 'write');
    b.type = 'button';
    b.addEventListener('click', function () { b.disabled = true; onClick(b); });
    return b;
  }

  // Asked for by the operator: a browser asks for credentials on the first 401. Reads need the
  // read role; the buttons (approve an incident, quarantine or release a MAC of the node) the
  // write role, which the node checks, not the page.
  function sensitive(id, node, more) {
    more.disabled = true;
    var box = el('div', null, 'sensitive');
    panel.appendChild(box);
    var macs = (node.addresses || []).map(function (a) { return a.toLowerCase(); })
      .filter(function (a) { return /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(a); });
    function read(path, render) {
      return fetch('../api/v1/' + path, { cache: 'no-store' }).then(function (r) {
        if (r.status === 401 || r.status === 403) { box.appendChild(el('p', path + ': needs a user with the read role', 'warn')); return; }
        if (!r.ok) { box.appendChild(el('p', path + ': HTTP ' + r.status, 'warn')); return; }
        return r.json().then(render);
      });
    }
    read('incidents?open=true', function (list) {
      var mine = list.filter(function (i) { return i.subject === id || (i.affected || []).indexOf(id) >= 0; });
      box.appendChild(el('h3', mine.length + ' open incidents'));
      box.appendChild(table(mine.map(function (i) { return [i.id, i.kind, i.state, i.detected]; })));
      mine.filter(function (i) { return i.state === 'AWAITING_APPROVAL'; }).forEach(function (i) {
        box.appendChild(button('approve ' + i.id, function (b) {
          write('POST', 'incidents/' + encodeURIComponent(i.id) + '/approve', function (after) { b.textContent = i.id + ': ' + after.state; }, box);
        }));
      });
    }).then(function () {
      return read('quarantine', function (list) {
        var q = {};
        list.forEach(function (e) { q[e.mac.toLowerCase()] = e.reason; });
        var held = macs.filter(function (m) { return q[m] !== undefined; });
        box.appendChild(el('p', held.length ? 'quarantined: ' + held.map(function (m) { return m + ' (' + q[m] + ')'; }).join(', ')
          : 'not quarantined', 'quarantine-state'));
        macs.forEach(function (mac) {
          var isHeld = q[mac] !== undefined;
          box.appendChild(button((isHeld ? 'release ' : 'quarantine ') + mac, function (b) {
            // dashes: the API takes either form, and a path keeps no colon to encode
            write(isHeld ? 'DELETE' : 'POST', 'quarantine/' + mac.replace(/:/g, '-'), function (after) {
              b.textContent = mac + (after.quarantined ? ' quarantined' : ' released');
            }, box);
          }));
        });
      });
    });
  }

  window.meshPanel = { showNode: showNode, showLink: showLink };
}());
