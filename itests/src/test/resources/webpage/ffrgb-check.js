// Run in the browser on a page of another origin than the node's: fetches the node's
// meshviewer.json as a map served elsewhere would, checks it field by field against the shape
// yanic's meshviewer-ffrgb output writes (what meshviewer v10 and later read), and reads a 404
// of the same export. Calls back with {problems: [...], nodes, links, missingStatus}.
(function (base, done) {
  'use strict';
  var problems = [];
  function bad(what, value) { problems.push(what + ': ' + JSON.stringify(value)); }
  function time(what, v) { if (typeof v !== 'string' || isNaN(Date.parse(v))) { bad(what + ' is no time', v); } }
  function count(what, v) { if (!Number.isInteger(v) || v < 0) { bad(what + ' is no count', v); } }
  function bool(what, v) { if (typeof v !== 'boolean') { bad(what + ' is no boolean', v); } }
  function fraction(what, v) { if (typeof v !== 'number' || !(v >= 0 && v <= 1)) { bad(what + ' is no fraction', v); } }
  function text(what, v) { if (typeof v !== 'string') { bad(what + ' is no string', v); } }
  fetch(base + '/meshviewer/meshviewer.json').then(function (r) { return r.json(); }).then(function (mv) {
    time('timestamp', mv.timestamp);
    var ids = {};
    (mv.nodes || bad('no nodes', mv) || []).forEach(function (n, i) {
      var at = 'nodes[' + i + '].';
      if (typeof n.node_id !== 'string' || !/^[A-Za-z0-9.]+$/.test(n.node_id)) { bad(at + 'node_id', n.node_id); }
      ids[n.node_id] = true;
      text(at + 'hostname', n.hostname);
      time(at + 'firstseen', n.firstseen); time(at + 'lastseen', n.lastseen);
      bool(at + 'is_online', n.is_online); bool(at + 'is_gateway', n.is_gateway); bool(at + 'vpn', n.vpn);
      ['clients', 'clients_wifi24', 'clients_wifi5', 'clients_other'].forEach(function (k) { count(at + k, n[k]); });
      if (n.clients !== n.clients_wifi24 + n.clients_wifi5 + n.clients_other) { bad(at + 'clients do not add up', n); }
      if (!n.network || typeof n.network.mac !== 'string' || !Array.isArray(n.network.addresses)) { bad(at + 'network', n.network); }
      if (typeof n.firmware !== 'object') { bad(at + 'firmware', n.firmware); }
      if (!n.autoupdater) { bad(at + 'autoupdater', n.autoupdater); } else { bool(at + 'autoupdater.enabled', n.autoupdater.enabled); }
      count(at + 'nproc', n.nproc);
      if ('uptime' in n) { time(at + 'uptime', n.uptime); }
      if ('location' in n && (typeof n.location.latitude !== 'number' || typeof n.location.longitude !== 'number')) {
        bad(at + 'location', n.location);
      }
      ['gateway', 'gateway_nexthop', 'site_code', 'owner', 'model'].forEach(function (k) { if (k in n) { text(at + k, n[k]); } });
    });
    (mv.links || bad('no links', mv) || []).forEach(function (l, i) {
      var at = 'links[' + i + '].';
      if (['wifi', 'vpn', 'other'].indexOf(l.type) < 0) { bad(at + 'type', l.type); }
      if (!ids[l.source]) { bad(at + 'source is no node', l.source); }
      if (!ids[l.target]) { bad(at + 'target is no node', l.target); }
      fraction(at + 'source_tq', l.source_tq); fraction(at + 'target_tq', l.target_tq);
      text(at + 'source_addr', l.source_addr); text(at + 'target_addr', l.target_addr);
    });
    return fetch(base + '/meshviewer/none.json').then(function (r) {
      done({ problems: problems, nodes: (mv.nodes || []).length, links: (mv.links || []).length, missingStatus: r.status });
    });
  }).catch(function (e) { problems.push('fetch failed (CORS?): ' + e); done({ problems: problems }); });
})(arguments[0], arguments[arguments.length - 1]);
