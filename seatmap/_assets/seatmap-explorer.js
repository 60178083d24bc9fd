/* seatmap explorer (MIT licence, part of seatmap).
 * Recomputes seatmap.project (through SeatmapModel, seatmap-model.js, inlined before this
 * script), seatmap.targets and seatmap.defences in the page; see seatmap/explorer.py. Every string from the data goes into the
 * page as text (textContent, attribute values), never as HTML. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('sx-data').textContent);
  var M = D.meta, PARTIES = D.parties, P = PARTIES.length, SE = D.seats, S = SE.code.length;
  var COMP = D.components, CAP = M.swing_cap;
  var code2j = {}, i, j;
  PARTIES.forEach(function (p, k) { code2j[p.code] = k; });
  var PJ = code2j[M.party], SPEAKER = code2j.speaker === undefined ? -1 : code2j.speaker;
  var LUMPED = {};
  ['other', 'ind'].forEach(function (c) { if (code2j[c] !== undefined) LUMPED[code2j[c]] = 1; });

  // ------------------------------------------------------------------ base data
  var MODEL = SeatmapModel.create(D.model);  // seatmap.projection.run_model, in the page
  var base = MODEL.base;
  var NATION = SE.nation.map(function (n) { return n < 0 ? '' : D.nations[n]; });
  var REGION = SE.region.map(function (r) { return r < 0 ? '' : D.regions[r]; });
  // the poll resolver's area shares (the Speaker's seat aside): where the sliders start
  var gbBase = D.base.gb, natBase = D.base.nation, ZERO = new Float64Array(P);
  var gbParties = [];
  for (j = 0; j < P; j++) if (gbBase[j] > 0) gbParties.push(j);
  var natParties = {};
  M.overrides.forEach(function (n) {
    natParties[n] = [];
    if (!natBase[n]) return;
    for (var q = 0; q < P; q++) if (natBase[n][q] > 0) natParties[n].push(q);
  });

  // ------------------------------------------------------------------ state
  var state = {
    // the poll (gbPoll, overPoll[n]: {party: share} as named; null = none) and the sliders' shares
    // (gb, over[n]: the poll completed as seatmap.scenario completes it)
    gb: Float64Array.from(gbBase), gbPoll: null, over: {}, overPoll: {}, hold: {}, model: MODEL.defaultModel,
    tactical: null, weights: {},
    sort: 'swing', area: '', kind: 'targets', view: 'geo', selected: -1, preset: 0
  };
  M.overrides.forEach(function (n) { state.over[n] = null; });
  COMP.forEach(function (c) { state.weights[c] = D.weights[c] || 0; });

  // ------------------------------------------------------------------ helpers
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var a in attrs) if (Object.prototype.hasOwnProperty.call(attrs, a)) e.setAttribute(a, attrs[a]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function rhe(x) {  // numpy's round half to even
    var r = Math.round(x);
    if (Math.abs(x - Math.trunc(x)) === 0.5) r = 2 * Math.round(x / 2);
    return r;
  }
  function fmt(v, d) { return v === null || v === undefined || isNaN(v) ? '–' : v.toFixed(d === undefined ? 1 : d); }
  function fmtUp(v) {  // round up, as seatmap._format.fmt_up
    if (v === null || v === undefined || isNaN(v)) return '–';
    var up = Math.ceil(Math.round(v * 10 * 1e9) / 1e9) / 10;
    return up.toFixed(1);
  }
  function fmtInt(v) { return v === null || v === undefined || isNaN(v) ? '–' : Math.round(v).toLocaleString('en-GB'); }
  function label(j) { return j < 0 ? '–' : PARTIES[j].label; }
  function sum(a, idx) { var t = 0; for (var q = 0; q < idx.length; q++) t += a[idx[q]]; return t; }

  // ------------------------------------------------------------------ shares that keep 100
  function setShare(vec, parts, floors, hold, jj, x) {
    // parts: adjustable parties; the others that are not held move in proportion (above floors)
    var T = 0, q;
    for (q = 0; q < parts.length; q++) T += vec[parts[q]];
    var others = [], held = 0, oFloor = 0;
    for (q = 0; q < parts.length; q++) {
      var k = parts[q];
      if (k === jj) continue;
      if (hold[k]) held += vec[k]; else { others.push(k); oFloor += floors[k]; }
    }
    if (!others.length) return false;
    x = Math.min(Math.max(x, floors[jj]), T - held - oFloor);
    var avail = 0;
    for (q = 0; q < others.length; q++) avail += vec[others[q]] - floors[others[q]];
    var target = T - held - x - oFloor;
    for (q = 0; q < others.length; q++) {
      var o = others[q];
      vec[o] = floors[o] + (avail > 0 ? (vec[o] - floors[o]) * (target / avail) : target / others.length);
    }
    vec[jj] = x;
    return true;
  }
  // ------------------------------------------------------------------ the poll
  function pagePoll() {
    // what project(poll=...) is given: {"Great Britain": {...}, "Scotland": {...}}; null = base
    var out = {}, any = false;
    if (state.gbPoll) { out['Great Britain'] = state.gbPoll; any = true; }
    M.overrides.forEach(function (n) {
      if (state.over[n] && state.overPoll[n]) { out[n] = state.overPoll[n]; any = true; }
    });
    return any ? out : null;
  }
  function shown(vec, ks) {  // every party of a row, with the share it shows
    var o = {};
    ks.forEach(function (k) { o[PARTIES[k].code] = vec[k]; });
    return o;
  }
  function asPoll(want) {  // {party: share} as given (numbers), keeping its order
    var o = {};
    Object.keys(want).forEach(function (c) { o[String(c).toLowerCase()] = +want[c]; });
    return o;
  }
  function completed(area, want) {  // a poll's shares with the parties not named completed
    return MODEL.complete(area, want);
  }

  // ------------------------------------------------------------------ projection
  var NEW = base, WIN = new Int32Array(S), RUN = new Int32Array(S), MARGIN = new Float64Array(S), NOTES = [];
  var BEFORE = Int32Array.from(SE.winner);
  function project() {
    var poll = pagePoll(), r = poll ? MODEL.run(poll, state.model, state.tactical) : MODEL.baseResult();
    NEW = r.shares; WIN = r.winner; RUN = r.runner; MARGIN = r.margin; NOTES = r.notes;
  }

  // frame() quantities: votes, majority, winner/runner-up shares (seatmap.swing.winner_share)
  var VALID = SE.valid, W = new Float64Array(S), R = new Float64Array(S), MAJ = new Float64Array(S), MPTS = new Float64Array(S);
  function frameStats() {
    for (var s = 0; s < S; s++) {
      var o = s * P, v = VALID[s], m = rhe(MARGIN[s] * v / 100);
      MAJ[s] = m;
      var mp = v > 0 ? 100 * m / v : MARGIN[s];
      MPTS[s] = mp;
      var w = LUMPED[WIN[s]] ? NaN : NEW[o + WIN[s]], r = LUMPED[RUN[s]] ? NaN : NEW[o + RUN[s]];
      if (isNaN(w)) w = r + mp;
      if (isNaN(r)) r = w - mp;
      if (isNaN(w) || isNaN(r)) {
        var row = Array.prototype.slice.call(NEW.subarray(o, o + P)).sort(function (a, b) { return a - b; });
        if (isNaN(w)) w = row[P - 1];
        if (isNaN(r)) r = P > 1 ? row[P - 2] : 0;
      }
      W[s] = w; R[s] = r;
    }
  }
  function votes(s, k) { return rhe(NEW[s * P + k] * VALID[s] / 100); }

  // ------------------------------------------------------------------ lists
  function weightsOk() { var t = 0; COMP.forEach(function (c) { t += state.weights[c]; }); return t > 0; }
  var SCF = null;  // 100 * w / sum(w) per component, as seatmap.targeting.priority_score
  function scoreFactors() {
    if (!weightsOk()) { SCF = null; return; }
    var tw = 0;
    COMP.forEach(function (k) { tw += state.weights[k]; });
    SCF = COMP.map(function (c) { return 100 * state.weights[c] / tw; });
  }
  function score(s, sw) {
    if (!SCF) return NaN;
    var out = 0;
    for (var q = 0; q < COMP.length; q++) {
      var c = COMP[q], comp = c === 'swing' ? Math.min(Math.max(1 - sw / CAP, 0), 1) : SE.comp[c][s];
      out += SCF[q] * comp;
    }
    return out;
  }
  function inArea(s) {
    if (!state.area) return true;
    var a = state.area.slice(2);
    return state.area[0] === 'n' ? NATION[s] === a : REGION[s] === a;
  }
  function byName(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function sortRows(rows) {
    if (state.sort === 'score' && weightsOk()) {
      rows.sort(function (a, b) { return b.score - a.score || a.swing - b.swing || byName(a.name, b.name); });
    } else {
      rows.sort(function (a, b) { return a.swing - b.swing || a.tie - b.tie || byName(a.name, b.name); });
    }
    rows.forEach(function (r, n) { r.rank = n + 1; });
    return rows;
  }
  function targetRows() {
    var rows = [];
    scoreFactors();
    for (var s = 0; s < S; s++) {
      if (WIN[s] === PJ || WIN[s] === SPEAKER) continue;
      var vp = votes(s, PJ);
      if (!(vp > 0)) continue;
      var sh = NEW[s * P + PJ], need = (W[s] - sh) / 2;
      if (RUN[s] === PJ && !isNaN(MPTS[s])) need = MPTS[s] / 2;
      if (!inArea(s)) continue;
      rows.push({ s: s, code: SE.code[s], name: SE.name[s] || '', swing: need,
        tie: rhe(W[s] * VALID[s] / 100) - vp, holder: WIN[s], other: WIN[s], share: sh,
        otherShare: W[s], score: score(s, need) });
    }
    return sortRows(rows);
  }
  function defenceRows() {
    var rows = [];
    scoreFactors();
    for (var s = 0; s < S; s++) {
      if (WIN[s] !== PJ || !inArea(s)) continue;
      var lose = MPTS[s] / 2;
      rows.push({ s: s, code: SE.code[s], name: SE.name[s] || '', swing: lose, tie: MAJ[s],
        holder: WIN[s], other: RUN[s], share: NEW[s * P + PJ], otherShare: R[s], score: score(s, lose) });
    }
    return sortRows(rows);
  }
  function changeRows() {
    var rows = [];
    for (var s = 0; s < S; s++) {
      if (WIN[s] === BEFORE[s] || !inArea(s)) continue;
      rows.push({ s: s, code: SE.code[s], name: SE.name[s] || '', from: BEFORE[s], to: WIN[s], margin: MARGIN[s] });
    }
    rows.sort(function (a, b) { return byName(PARTIES[a.to].code, PARTIES[b.to].code) || b.margin - a.margin; });
    rows.forEach(function (r, n) { r.rank = n + 1; });
    return rows;
  }

  // ------------------------------------------------------------------ map
  var SVGNS = 'http://www.w3.org/2000/svg', views = {}, paths = { geo: [], hex: [] }, tip;
  function geoPaths() {
    // smDecode (seatmap.webgeom.DECODER_JS, inlined before this script): [lat, lng] rings
    var g = D.geo, shapes = smDecode(g), out = new Array(S);
    var cosL = Math.cos((g.t[1] + 5) * Math.PI / 180);
    shapes.forEach(function (shape, n) {
      var d = '';
      shape.forEach(function (poly) {
        poly.forEach(function (ring) {
          d += 'M' + ring.map(function (p) {
            return (p[1] * cosL * 100).toFixed(1) + ' ' + (-p[0] * 100).toFixed(1);
          }).join('L') + 'Z';
        });
      });
      out[SE.geo[n]] = d;
    });
    return out;
  }
  function hexPaths() {
    var out = new Array(S), rad = 10 / Math.sqrt(3), corners = [];
    for (var c = 0; c < 6; c++) {
      var ang = (c * 60 + 30) * Math.PI / 180;
      corners.push([rad * Math.cos(ang), rad * Math.sin(ang)]);
    }
    for (var s = 0; s < S; s++) {
      var h = SE.hex[s];
      if (!h) { out[s] = ''; continue; }
      var cx = 10 * (h[0] + 0.5 * (h[1] & 1)), cy = -10 * h[1] * Math.sqrt(3) / 2;
      out[s] = 'M' + corners.map(function (p) { return (cx + p[0]).toFixed(2) + ' ' + (cy - p[1]).toFixed(2); }).join('L') + 'Z';
    }
    return out;
  }
  function buildView(name, ds) {
    var svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', name === 'geo' ? 'Map of projected winners' : 'Hex map of projected winners (one hexagon per seat)');
    var gr = document.createElementNS(SVGNS, 'g');
    svg.appendChild(gr);
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (var s = 0; s < S; s++) {
      var p = document.createElementNS(SVGNS, 'path');
      p.setAttribute('d', ds[s]);
      p.setAttribute('fill-rule', 'evenodd');
      p.setAttribute('data-i', s);
      gr.appendChild(p);
      paths[name][s] = p;
    }
    $('sx-map').appendChild(svg);
    var bb = gr.getBBox();
    minX = bb.x; minY = bb.y; maxX = bb.x + bb.width; maxY = bb.y + bb.height;
    var pad = (maxX - minX) * 0.02;
    var vb = [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad];
    views[name] = { svg: svg, g: gr, home: vb.slice(), vb: vb };
    setVB(name);
    if (name !== state.view) svg.style.display = 'none';
  }
  function communityLayer() {
    // held-back communities on the map view: a circle per community, area by people, darker
    // where more deprived; hidden until asked for (the Communities button)
    var C = D.communities, v = views.geo;
    if (!C || !C.lat.length || !v) return;
    var g = document.createElementNS(SVGNS, 'g'), cosL = Math.cos((D.geo.t[1] + 5) * Math.PI / 180);
    g.setAttribute('class', 'sx-comm');
    g.style.display = 'none';
    var lo = Math.min.apply(null, C.score), hi = Math.max.apply(null, C.score);
    for (var n = 0; n < C.lat.length; n++) {
      var c = document.createElementNS(SVGNS, 'circle');
      c.setAttribute('cx', (C.lon[n] * cosL * 100).toFixed(2));
      c.setAttribute('cy', (-C.lat[n] * 100).toFixed(2));
      c.setAttribute('r', (0.4 + Math.sqrt(C.people[n]) / 60).toFixed(2));
      c.setAttribute('fill', mix('#f2c14e', '#5b1a6e', hi > lo ? (C.score[n] - lo) / (hi - lo) : 1));
      var t = document.createElementNS(SVGNS, 'title');
      t.textContent = C.name[n] + ': ' + C.people[n].toLocaleString('en-GB') + ' people in the UK\u2019s most deprived tenth' +
        (C.seat[n] >= 0 ? ' (' + SE.name[C.seat[n]] + ')' : '');  // text, never HTML
      c.appendChild(t);
      g.appendChild(c);
    }
    v.svg.appendChild(g);
    v.comm = g;
  }
  function setCommunities(on) {
    var v = views.geo;
    if (!v || !v.comm) return;
    v.comm.style.display = on ? '' : 'none';
    $('sx-comm').setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  function hexRegions() {
    // borders between England's regions, Scotland, Wales and Northern Ireland on the hex map
    // (an edge between two hexagons of different regions), and each region's name at its middle
    var at = {}, s, k, v = views.hex, c = Math.sqrt(3) / 2;
    for (s = 0; s < S; s++) if (SE.hex[s]) at[SE.hex[s][0] + ',' + SE.hex[s][1]] = s;
    function centre(h) { return [10 * (h[0] + 0.5 * (h[1] & 1)), -10 * h[1] * c]; }
    var d = '', sums = {};
    for (s = 0; s < S; s++) {
      var h = SE.hex[s];
      if (!h) continue;
      var odd = h[1] & 1, nb = odd ? [[1, 0], [0, 1], [1, 1]] : [[1, 0], [-1, 1], [0, 1]];
      var a = centre(h), reg = REGION[s] || NATION[s];
      if (!sums[reg]) sums[reg] = [0, 0, 0];
      sums[reg][0] += a[0]; sums[reg][1] += a[1]; sums[reg][2]++;
      for (k = 0; k < nb.length; k++) {
        var t = at[(h[0] + nb[k][0]) + ',' + (h[1] + nb[k][1])];
        if (t === undefined || (REGION[t] || NATION[t]) === reg) continue;
        var b = centre(SE.hex[t]), mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy), half = 10 / Math.sqrt(3) / 2;
        var px = -dy / len * half, py = dx / len * half;
        d += 'M' + (mx + px).toFixed(2) + ' ' + (my + py).toFixed(2) + 'L' + (mx - px).toFixed(2) + ' ' + (my - py).toFixed(2);
      }
    }
    // a white casing under each border keeps it apart from the seats' own outlines
    var casing = document.createElementNS(SVGNS, 'path'), line = document.createElementNS(SVGNS, 'path');
    casing.setAttribute('d', d);
    casing.setAttribute('class', 'sx-regcase');
    line.setAttribute('d', d);
    line.setAttribute('class', 'sx-regline');
    var top = document.createElementNS(SVGNS, 'g');
    top.setAttribute('aria-hidden', 'true');
    top.appendChild(casing);
    top.appendChild(line);
    // names off the hexagons where the page was given places for them (seatmap.mapspec's
    // place_region_names), with a thin leader when far; else at the region's middle
    var names = D.hexnames ? D.hexnames.labels : Object.keys(sums).filter(Boolean).map(function (reg) {
      var m = sums[reg]; return [reg, m[0] / m[2], m[1] / m[2]];
    });
    if (D.hexnames && D.hexnames.leaders.length) {
      var lead = document.createElementNS(SVGNS, 'path');
      lead.setAttribute('d', D.hexnames.leaders.map(function (l) { return 'M' + l[0].join(' ') + 'L' + l[1].join(' '); }).join(''));
      lead.setAttribute('class', 'sx-regleader');
      top.appendChild(lead);
    }
    names.forEach(function (n) {
      var t = document.createElementNS(SVGNS, 'text');
      t.setAttribute('x', (+n[1]).toFixed(1));
      t.setAttribute('y', (+n[2]).toFixed(1));
      t.setAttribute('class', 'sx-regname');
      t.textContent = n[0];
      top.appendChild(t);
    });
    v.svg.appendChild(top);
    // the view's home takes in the names too (they sit off the hexagons, some beyond them)
    var shown = v.svg.style.display;
    v.svg.style.display = '';
    var a = v.g.getBBox(), b = top.getBBox();
    v.svg.style.display = shown;
    var x0 = Math.min(a.x, b.x), y0 = Math.min(a.y, b.y), pad = (a.width) * 0.02;
    var x1 = Math.max(a.x + a.width, b.x + b.width), y1 = Math.max(a.y + a.height, b.y + b.height);
    v.home = [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad];
    v.vb = v.home.slice();
    setVB('hex');
  }
  function setVB(name) { var v = views[name]; v.svg.setAttribute('viewBox', v.vb.join(' ')); }
  function zoom(f, cx, cy) {
    var v = views[state.view], vb = v.vb;
    if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
    var nw = Math.min(Math.max(vb[2] * f, v.home[2] / 40), v.home[2] * 1.5), k = nw / vb[2];
    v.vb = [cx - (cx - vb[0]) * k, cy - (cy - vb[1]) * k, vb[2] * k, vb[3] * k];
    setVB(state.view);
  }
  function svgPoint(ev) {
    var v = views[state.view], r = v.svg.getBoundingClientRect(), vb = v.vb;
    var sc = Math.max(vb[2] / r.width, vb[3] / r.height);
    var ox = vb[0] + vb[2] / 2 - sc * r.width / 2, oy = vb[1] + vb[3] / 2 - sc * r.height / 2;
    return [ox + (ev.clientX - r.left) * sc, oy + (ev.clientY - r.top) * sc, sc];
  }
  // the map's colouring: 'winners' (every seat in its projected winner's colour, seats changing
  // hands outlined) or 'gains' (holds muted, seats changing hands in the new party's colour
  // with a heavy outline, drawn on top)
  var mapMode = 'winners', MUTED = PARTIES.map(function (p) { return mix(p.colour, '#ffffff', 0.72); });
  function mix(hex, with_, t) {  // a colour t of the way to with_
    var a = parseInt(hex.slice(1), 16), b = parseInt(with_.slice(1), 16), out = '#';
    [16, 8, 0].forEach(function (sh) {
      var x = Math.round(((a >> sh) & 255) * (1 - t) + ((b >> sh) & 255) * t);
      out += (x < 16 ? '0' : '') + x.toString(16);
    });
    return out;
  }
  var painted = { geo: new Int32Array(S).fill(-2), hex: new Int32Array(S).fill(-2) };
  var gained = { geo: new Uint8Array(S), hex: new Uint8Array(S) };
  function paint() {
    var name = state.view, pp = paths[name], done = painted[name], gg = gained[name], gains = mapMode === 'gains';
    for (var s = 0; s < S; s++) {
      var ch = WIN[s] !== BEFORE[s] ? 1 : 0, key = gains && !ch ? -3 - WIN[s] : WIN[s];
      if (done[s] !== key) { pp[s].setAttribute('fill', key < -2 ? MUTED[WIN[s]] : PARTIES[WIN[s]].colour); done[s] = key; }
      if (gg[s] !== ch) {
        pp[s].classList.toggle('sx-gain', !!ch); gg[s] = ch;
        // a heavy outline is not hidden by its neighbours (only drawn in the Gains view: moving
        // nodes costs a re-layout, so the Winners view leaves the order alone)
        if (ch && gains) pp[s].parentNode.appendChild(pp[s]);
      }
    }
  }
  function setMode(m) {
    mapMode = m;
    if (m === 'gains') {  // bring the seats changing hands to the top once, in both views
      ['geo', 'hex'].forEach(function (n) {
        for (var s = 0; s < S; s++) if (gained[n][s]) paths[n][s].parentNode.appendChild(paths[n][s]);
      });
    }
    $('sx-map').classList.toggle('sx-gains', m === 'gains');
    ['winners', 'gains'].forEach(function (n) { $('sx-mode-' + n).setAttribute('aria-pressed', n === m ? 'true' : 'false'); });
    paint();
  }
  function select(s, how) {
    ['geo', 'hex'].forEach(function (n) {
      if (state.selected >= 0) paths[n][state.selected].classList.remove('sx-sel');
      if (s >= 0) { var p = paths[n][s]; p.classList.add('sx-sel'); p.parentNode.appendChild(p); }
    });
    state.selected = s;
    card();
    document.body.classList.toggle('sx-sheet', s >= 0);
    if (s >= 0 && how !== 'quiet') reveal(s);
  }
  function reveal(s, close) {
    // bring the card into view, and pan the map (same zoom) so that the seat is not under it
    var box = $('sx-card');
    if (getComputedStyle(box).position !== 'fixed') {
      var r = box.getBoundingClientRect();
      box.style.scrollMarginTop = (stickyHeight() + 8) + 'px';  // not under the sticky totals
      if (r.top < stickyHeight() || r.bottom > window.innerHeight) box.scrollIntoView({ block: 'nearest' });
    }
    var v = views[state.view];
    if (!v || v.svg.style.display === 'none' || !v.svg.getClientRects().length) return;
    var bb = paths[state.view][s].getBBox(), mr = v.svg.getBoundingClientRect(), cr = box.getBoundingClientRect();
    var freeBottom = Math.min(mr.bottom, window.innerHeight), freeTop = Math.max(mr.top, stickyHeight());
    if (getComputedStyle(box).position === 'fixed') freeBottom = Math.min(freeBottom, cr.top);
    if (freeBottom - freeTop < 60) return;
    var vb = v.vb;
    if (close) {  // zoom so that the seat and its neighbours fill the free part of the map
      var want = Math.min(Math.max(bb.width, bb.height) * 7, v.home[2]);
      want = Math.max(want, v.home[2] / 30);
      var k = Math.max(want / Math.min(mr.width, freeBottom - freeTop) * mr.width, v.home[2] / 40) / vb[2];
      vb = [vb[0], vb[1], vb[2] * k, vb[3] * k];
    }
    var sc = Math.max(vb[2] / mr.width, vb[3] / mr.height);
    var ox = vb[0] + vb[2] / 2 - sc * mr.width / 2, oy = vb[1] + vb[3] / 2 - sc * mr.height / 2;
    var cx = bb.x + bb.width / 2, cy = bb.y + bb.height / 2;
    var px = mr.left + (cx - ox) / sc, py = mr.top + (cy - oy) / sc;
    if (!close && px > mr.left + 20 && px < mr.right - 20 && py > freeTop + 20 && py < freeBottom - 20) return;
    var wantY = (freeTop + freeBottom) / 2, wantX = (mr.left + mr.right) / 2;
    v.vb = [vb[0] + (px - wantX) * sc, vb[1] + (py - wantY) * sc, vb[2], vb[3]];
    setVB(state.view);
  }
  function stickyHeight() { var st = $('sx-sticky'); return st ? st.getBoundingClientRect().bottom : 0; }

  // ------------------------------------------------------------------ rendering
  var totalsKey = '';
  function renderTotals() {
    var after = new Int32Array(P), before = new Int32Array(P), s, k, moved0 = 0;
    for (s = 0; s < S; s++) {
      after[WIN[s]]++; if (BEFORE[s] >= 0) before[BEFORE[s]]++;
      if (WIN[s] !== BEFORE[s]) moved0++;
    }
    // most slider steps move no seat: then the totals are left as they are (no DOM work)
    var key = after.join(',') + '|' + moved0;
    if (key === totalsKey) return { after: after, before: before };
    totalsKey = key;
    var order = [];
    for (k = 0; k < P; k++) if (after[k] || before[k]) order.push(k);
    order.sort(function (a, b) { return after[b] - after[a] || before[b] - before[a] || a - b; });
    var box = $('sx-totals'), bar = el('div', { 'class': 'sx-seatbar', role: 'img' });
    var desc = [];
    order.forEach(function (k2) {
      if (!after[k2]) return;
      var span = el('span', { title: PARTIES[k2].label + ' ' + after[k2] });
      span.style.width = (100 * after[k2] / S) + '%';
      span.style.background = PARTIES[k2].colour;
      bar.appendChild(span);
      desc.push(PARTIES[k2].label + ' ' + after[k2]);
    });
    bar.setAttribute('aria-label', 'Projected seats: ' + desc.join(', '));
    var line = el('div', { 'class': 'sx-majline' });
    line.style.left = (100 * M.majority / S) + '%';
    bar.appendChild(line);
    var top = order[0], lead = after[top] >= M.majority ? PARTIES[top].label + ' majority of ' + (2 * after[top] - S)
      : 'Hung parliament: ' + PARTIES[top].label + ' ' + (M.majority - after[top]) + ' short';
    var chips = el('div', { 'class': 'sx-chips' });
    order.forEach(function (k2) {
      var ch = after[k2] - before[k2], chip = el('span', { 'class': 'sx-chip', title: PARTIES[k2].name + ': ' + before[k2] + ' in ' + M.election + ', ' + after[k2] + ' projected' });
      var sw = el('span', { 'class': 'sx-sw', 'aria-hidden': 'true' }); sw.style.background = PARTIES[k2].colour;
      chip.appendChild(sw);
      chip.appendChild(el('b', null, PARTIES[k2].label + ' ' + after[k2]));
      if (ch) chip.appendChild(el('span', { 'class': ch > 0 ? 'sx-up' : 'sx-down' }, ch > 0 ? '+' + ch : '−' + (-ch)));
      chips.appendChild(chip);
    });
    var moved = 0;
    for (s = 0; s < S; s++) if (WIN[s] !== BEFORE[s]) moved++;
    var ml = el('p', { 'class': 'sx-majlabel' });
    ml.appendChild(el('b', null, lead + '.'));
    ml.appendChild(document.createTextNode(' ' + moved + ' seat' + (moved === 1 ? ' changes' : 's change') + ' hands. Majority line: ' +
      M.majority + ' of ' + S + ' seats.'));
    box.replaceChildren(bar, ml, chips);
    return { after: after, before: before };
  }
  var ROWH = 21, lastRows = [], pool = { kind: null }, view = { top: 0, height: 900 };
  function renderList() {
    var rows = state.kind === 'targets' ? targetRows() : state.kind === 'defences' ? defenceRows() : changeRows();
    lastRows = rows;
    var pl = PARTIES[PJ].label, cols;
    if (state.kind === 'targets') {
      cols = [['#', 'rank', 1], ['Seat', 'name'], ['Holder', 'holderL'], [pl + ' %', 'shareF', 1], ['Swing', 'swingF', 1], ['Score', 'scoreF', 1]];
    } else if (state.kind === 'defences') {
      cols = [['#', 'rank', 1], ['Seat', 'name'], ['Challenger', 'otherL'], [pl + ' %', 'shareF', 1], ['Swing', 'swingF', 1], ['Score', 'scoreF', 1]];
    } else {
      cols = [['Seat', 'name'], ['From', 'fromL'], ['To', 'toL'], ['Majority', 'marginF', 1]];
    }
    // one table per kind of list; only the rows in view are in the page (the rest are spacer
    // height), reused as the list changes or scrolls, and only changed cells are rewritten
    if (pool.kind !== state.kind) {
      var tbl = el('table'), hr = el('tr');
      cols.forEach(function (c) {
        var cls = c[1] === 'rank' ? 'sx-num sx-rank' : c[2] ? 'sx-num' : c[1] === 'name' ? '' : 'sx-pcol';
        hr.appendChild(el('th', { 'class': cls, scope: 'col' }, c[0]));
      });
      var thead = el('thead');
      thead.appendChild(hr); tbl.appendChild(thead);
      pool = { kind: state.kind, body: el('tbody'), rows: [], cols: cols,
        top: spacer(cols.length), bottom: spacer(cols.length) };
      pool.body.appendChild(pool.top.parentNode); pool.body.appendChild(pool.bottom.parentNode);
      tbl.appendChild(pool.body);
      $('sx-list').replaceChildren(tbl);
      $('sx-list').scrollTop = 0; view.top = 0;
    }
    drawRows();
    var what = state.kind === 'targets' ? PARTIES[PJ].name + ' targets' : state.kind === 'defences' ? PARTIES[PJ].name + ' defences' : 'Seats changing hands';
    var note = what + ' under this scenario: ' + rows.length + ' seat' + (rows.length === 1 ? '' : 's') + '.';
    if (state.kind !== 'changes') note += ' Swing: needed to win (targets) or to lose (defences), in points, rounded up.';
    if (!weightsOk()) note += ' All weights are 0: no score (set at least one weight).';
    $('sx-listnote').textContent = note;
  }
  function spacer(span) {  // a row standing for the rows out of view; returns its cell
    var tr = el('tr', { 'class': 'sx-spacer', 'aria-hidden': 'true' }), td = el('td', { colspan: String(span) });
    tr.appendChild(td);
    return td;
  }
  function drawRows() {
    // the scroll position and height are cached (scroll and resize events), so that an update
    // never forces the browser to lay the page out in the middle of it
    if (!pool.kind) return;
    var rows = lastRows, cols = pool.cols, q;
    var first = Math.max(0, Math.floor(view.top / ROWH) - 10);
    var last = Math.min(rows.length, first + Math.ceil(view.height / ROWH) + 20);
    var n = last - first;
    while (pool.rows.length < n) {
      var tr = el('tr'), cells = [];
      cols.forEach(function (c) {
        var td = el('td', c[2] ? { 'class': 'sx-num' } : c[1] === 'name' ? { 'class': 'sx-namecell' } : null);
        if (c[1] === 'name') { var b = el('button', { type: 'button', 'class': 'sx-link' }); td.appendChild(b); cells.push(b); }
        else cells.push(td);
        tr.appendChild(td);
      });
      pool.body.insertBefore(tr, pool.bottom.parentNode);
      pool.rows.push({ tr: tr, cells: cells, text: [], s: -1 });
    }
    pool.top.style.height = (first * ROWH) + 'px';
    pool.bottom.style.height = ((rows.length - last) * ROWH) + 'px';
    var nameCol = cols.findIndex(function (c) { return c[1] === 'name'; });
    for (q = 0; q < pool.rows.length; q++) {
      var pr = pool.rows[q];
      if (q >= n) { if (!pr.tr.hidden) pr.tr.hidden = true; continue; }
      if (pr.tr.hidden) pr.tr.hidden = false;
      var r = rows[first + q], odd = (first + q) % 2 === 1;
      if (pr.odd !== odd) { pr.tr.classList.toggle('sx-odd', odd); pr.odd = odd; }
      if (pr.s !== r.s) { pr.cells[nameCol].setAttribute('data-i', r.s); pr.s = r.s; }
      for (var c2 = 0; c2 < cols.length; c2++) {
        var t = String(c2 === nameCol ? r.name : cell(r, cols[c2][1]));
        if (pr.text[c2] !== t) {
          pr.cells[c2].textContent = t; pr.text[c2] = t;
          if (c2 === nameCol) pr.cells[c2].title = t;
        }
      }
    }
  }
  function cell(r, key) {
    switch (key) {
      case 'rank': return r.rank;
      case 'holderL': return label(r.holder);
      case 'otherL': return label(r.other);
      case 'shareF': return fmt(r.share);
      case 'swingF': return fmtUp(r.swing);
      case 'scoreF': return fmt(r.score);
      case 'fromL': return label(r.from);
      case 'toL': return label(r.to);
      case 'marginF': return fmt(r.margin) + ' pts';
    }
    return '';
  }
  function pts(v) { return v === null || v === undefined || isNaN(v) ? '–' : fmt(v) + ' pts'; }
  function signed(v) { return (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(1); }
  function why(s) {
    // why the seat changed hands: how the two parties moved here, and the biggest mover
    var o = s * P, a = WIN[s], b = BEFORE[s], parts = [];
    function moved(k) { return label(k) + ' ' + fmt(base[o + k]) + '% → ' + fmt(NEW[o + k]) + '% (' + signed(NEW[o + k] - base[o + k]) + ')'; }
    parts.push(moved(b));
    parts.push(moved(a));
    var big = -1;
    for (var k = 0; k < P; k++) {
      if (k === a || k === b) continue;
      if (big < 0 || Math.abs(NEW[o + k] - base[o + k]) > Math.abs(NEW[o + big] - base[o + big])) big = k;
    }
    var text = 'Why it changes hands: here ' + parts.join(', ') + '.';
    if (big >= 0 && Math.abs(NEW[o + big] - base[o + big]) >= 1) text += ' Biggest other move: ' + moved(big) + '.';
    var key = natKeyOf(s), dA = key ? key[a] : null, dB = key ? key[b] : null;
    if (dA !== null && dB !== null) {
      text += ' Across ' + key.area + ': ' + label(b) + ' ' + signed(dB) + ', ' + label(a) + ' ' + signed(dA) + ' pts';
      if (dA < 0) text += '; ' + label(a) + ' falls less here than ' + label(b);
      text += '.';
    }
    return text;
  }
  function natKeyOf(s) {
    // the change applied to the seat's area (GB, or its nation's own shares)
    var n = NATION[s];
    if (n === 'Northern Ireland') return null;
    var out = { area: 'GB' }, v = state.over[n];
    for (var k = 0; k < P; k++) {
      if (v && natBase[n]) { out[k] = v[k] - natBase[n][k]; out.area = n; } else out[k] = gbBase[k] > 0 ? state.gb[k] - gbBase[k] : null;
    }
    return out;
  }
  function card() {
    var box = $('sx-card'), s = state.selected;
    if (s < 0) { box.hidden = true; box.replaceChildren(); return; }
    box.hidden = false;
    var o = s * P, before = BEFORE[s], after = WIN[s], v = VALID[s];
    var head = el('h2', null, SE.name[s] || SE.code[s]);
    var sub = el('p', { 'class': 'sx-sub' }, REGION[s] + (SE.la[s] && SE.la[s] !== REGION[s] ? ' · ' + SE.la[s] : ''));
    var res = before === after ? label(after) + ' hold' : label(after) + ' gain from ' + label(before);
    var baseMaj = SE.majority[s], basePts = baseMaj !== null && v > 0 ? 100 * baseMaj / v : NaN;
    var line = el('p', null);
    line.appendChild(el('b', null, 'Projected: ' + res + '.'));
    line.appendChild(document.createTextNode(' Majority ' + pts(MPTS[s]) + ' (' + fmtInt(MAJ[s]) + ' votes); in ' + M.election + ' ' +
      label(before) + ' won by ' + pts(basePts) + ' (' + fmtInt(baseMaj) + ' votes).'));
    var parts = [line];
    if (before !== after) parts.push(el('p', { 'class': 'sx-why' }, why(s)));
    var bars = el('div', { 'class': 'sx-bars' });
    ['Party', '', M.election, 'Projected'].forEach(function (h, n) { bars.appendChild(el('span', { 'class': n > 1 ? 'sx-h sx-num' : 'sx-h' }, h)); });
    var ks = [];
    for (var k = 0; k < P; k++) if (base[o + k] >= 0.05 || NEW[o + k] >= 0.05) ks.push(k);
    ks.sort(function (a, b) { return NEW[o + b] - NEW[o + a]; });
    var top = Math.max.apply(null, ks.map(function (k2) { return Math.max(base[o + k2], NEW[o + k2]); }).concat([1]));
    ks.forEach(function (k2) {
      bars.appendChild(el('span', null, PARTIES[k2].label));
      var tr = el('span', { 'class': 'sx-track' }), b0 = el('span', { 'class': 'sx-b0' }), b1 = el('span', { 'class': 'sx-b1' });
      b0.style.width = (100 * base[o + k2] / top) + '%'; b1.style.width = (100 * NEW[o + k2] / top) + '%';
      b0.style.background = b1.style.background = PARTIES[k2].colour;
      tr.appendChild(b0); tr.appendChild(b1);
      bars.appendChild(tr);
      bars.appendChild(el('span', { 'class': 'sx-num' }, fmt(base[o + k2]) + '%'));
      bars.appendChild(el('span', { 'class': 'sx-num' }, fmt(NEW[o + k2]) + '%'));
    });
    parts.push(bars);
    if (SE.history[s]) {
      // winners by year, as "2010 Con", in the party's colour
      var won = String(SE.history[s]).split(' '), hist = el('div', { 'class': 'sx-hist', 'aria-label': 'Winners by year' });
      hist.appendChild(el('span', { 'class': 'sx-h', style: 'border:0;padding-left:0' }, 'Won by:'));
      M.history.forEach(function (y, n) {
        var code = won[n];
        if (!code) return;
        var j2 = -1;
        for (var q = 0; q < P; q++) if (PARTIES[q].label === code || PARTIES[q].code === code) j2 = q;
        var chip = el('span', { title: y + ': ' + (j2 >= 0 ? PARTIES[j2].name : code) }, y + ' ' + code);
        if (j2 >= 0) { chip.style.background = MUTED[j2]; chip.style.borderColor = PARTIES[j2].colour; }
        hist.appendChild(chip);
      });
      parts.push(hist);
      if (M.history_note) parts.push(el('p', { 'class': 'sx-sub' }, 'On earlier boundaries: ' + M.history_note + '.'));
    }
    var ctx = [];
    if (SE.leave[s] !== null) ctx.push('Leave vote (2016, estimated) ' + fmt(SE.leave[s]) + '%');
    if (SE.imd[s] !== null) ctx.push('deprivation decile ' + SE.imd[s] + ' of 10 (1 = most deprived)');
    if (SE.town[s]) ctx.push(SE.town[s]);
    if (SE.turnout[s] !== null) ctx.push('turnout ' + fmt(SE.turnout[s]) + '%');
    parts.push(el('p', { 'class': 'sx-sub' }, ctx.join(' · ')));
    var tools = el('div', { 'class': 'sx-cardtools' });
    var show = el('button', { type: 'button', 'class': 'sx-showmap' }, 'Show on map');
    show.addEventListener('click', function () { setPanel('mapcol'); reveal(s, true); });
    var close = el('button', { type: 'button', 'class': 'sx-close', 'aria-label': 'Close the seat card' }, '×');
    close.addEventListener('click', function () { select(-1); });
    tools.appendChild(show); tools.appendChild(close);
    box.replaceChildren.apply(box, [tools, head, sub].concat(parts));
  }

  // ------------------------------------------------------------------ controls
  var rows = {};
  function rangeMax(base0, now) {
    // a slider over the useful range: a big party up to 20 points above its base share, a small
    // one up to three times it; always past the current value (the number box takes 0-100)
    var m = base0 >= 5 ? base0 + 20 : Math.max(3 * base0, 5);
    m = Math.max(m, now * 1.25);
    return Math.min(100, Math.ceil(m / 5) * 5);
  }
  function partyRow(container, vec, parts, floors, key) {
    var head = el('div', { 'class': 'sx-party sx-phead', 'aria-hidden': 'true' });
    ['', 'Party', '', 'Share (%)', '', '', 'Hold'].forEach(function (t) { head.appendChild(el('span', null, t)); });
    head.title = 'Hold: keep that party\u2019s share fixed while you move the others';
    container.appendChild(head);
    parts.forEach(function (k) {
      var p = PARTIES[k], id = 'sx-' + key + '-' + p.code, where = key === 'gb' ? 'GB' : key;
      var row = el('div', { 'class': 'sx-party' });
      var sw = el('span', { 'class': 'sx-sw', 'aria-hidden': 'true' }); sw.style.background = p.colour;
      var lab = el('label', { 'for': id, title: p.name }, p.label);
      var base0 = key === 'gb' ? gbBase[k] : natBase[key][k];
      var rng = el('input', { type: 'range', id: id, min: '0', max: String(rangeMax(base0, 0)), step: '0.1', 'aria-label': p.name + ' share (' + where + ')' });
      var num = el('input', { type: 'number', min: '0', max: '100', step: '0.1', inputmode: 'decimal', 'aria-label': p.name + ' share, number (' + where + ')' });
      var hold = el('input', { type: 'checkbox', title: 'Hold ' + p.label + ' while other parties move', 'aria-label': 'Hold ' + p.name + ' (' + where + ')' });
      // steppers for thumbs (the slider and the number box take the keyboard)
      var minus = el('button', { type: 'button', 'class': 'sx-step', tabindex: '-1', 'aria-label': p.name + ' one point down' }, '−');
      var plus = el('button', { type: 'button', 'class': 'sx-step', tabindex: '-1', 'aria-label': p.name + ' one point up' }, '+');
      function commit(x) {
        if (isNaN(x)) return;
        setShare(vec(), parts, floors, key === 'gb' ? state.hold : (state.hold[key] = state.hold[key] || {}), k, x);
        // a moved slider: the poll names every party the row shows, with the shares shown
        if (key === 'gb') state.gbPoll = shown(state.gb, parts); else state.overPoll[key] = shown(state.over[key], parts);
        state.preset = -1; $('sx-preset').value = '';
        syncControls(); schedule();
      }
      rng.addEventListener('input', function () { commit(+rng.value); });
      num.addEventListener('change', function () { commit(parseFloat(num.value)); });
      minus.addEventListener('click', function () { commit(Math.round(vec()[k] * 10) / 10 - 1); });
      plus.addEventListener('click', function () { commit(Math.round(vec()[k] * 10) / 10 + 1); });
      hold.addEventListener('change', function () {
        var h = key === 'gb' ? state.hold : (state.hold[key] = state.hold[key] || {});
        h[k] = hold.checked;
      });
      [sw, lab, minus, rng, plus, num, hold].forEach(function (x) { row.appendChild(x); });
      container.appendChild(row);
      rows[key + ':' + k] = { rng: rng, num: num, vec: vec, base: base0 };
    });
  }
  function syncControls() {
    Object.keys(rows).forEach(function (key) {
      var r = rows[key], v = r.vec();
      if (!v) return;
      var k = +key.split(':')[1], mx = rangeMax(r.base, v[k]);
      if (+r.rng.max < mx) r.rng.max = String(mx);
      r.rng.value = v[k].toFixed(1);
      if (document.activeElement !== r.num) r.num.value = v[k].toFixed(1);
    });
    $('sx-gb').querySelector('.sx-total').textContent = 'Total ' + fmt(sum(state.gb, gbParties)) + '%' +
      '. Moving one party moves the others in proportion, except those you hold (Hold column).';
    M.overrides.forEach(function (n) {
      var on = !!state.over[n], box = $('sx-nat-' + n);
      if (!box) return;
      box.querySelector('input.sx-on').checked = on;
      box.querySelector('.sx-parties').style.display = on ? '' : 'none';
    });
  }
  function buildControls() {
    $('sx-title').textContent = M.title;
    $('sx-sub').textContent = 'Starting from the ' + M.description + ' · ' + S + ' seats · majority ' + M.majority +
      '. Everything is computed in this page; nothing is sent anywhere.';
    var pre = $('sx-preset');
    pre.appendChild(el('option', { value: '' }, '(custom)'));
    D.presets.forEach(function (p, n) { pre.appendChild(el('option', { value: String(n) }, p.label)); });
    pre.value = String(M.start || 0);
    pre.addEventListener('change', function () { if (pre.value !== '') applyPreset(+pre.value); });
    modelControls();
    partyRow($('sx-gb').querySelector('.sx-parties'), function () { return state.gb; }, gbParties, ZERO, 'gb');
    var nats = $('sx-nations');
    M.overrides.forEach(function (n) {
      if (!natParties[n] || !natParties[n].length) return;
      var fs = el('fieldset', { id: 'sx-nat-' + n }), lg = el('legend');
      var cb = el('input', { type: 'checkbox', 'class': 'sx-on', id: 'sx-on-' + n });
      lg.appendChild(cb); lg.appendChild(el('label', { 'for': 'sx-on-' + n }, ' ' + n + ': its own shares'));
      fs.appendChild(lg);
      var box = el('div', { 'class': 'sx-parties' });
      fs.appendChild(box);
      partyRow(box, function () { return state.over[n]; }, natParties[n], ZERO, n);
      cb.addEventListener('change', function () {
        state.over[n] = cb.checked ? impliedNation(n) : null;
        state.overPoll[n] = cb.checked ? shown(state.over[n], natParties[n]) : null;
        state.preset = -1; pre.value = '';
        syncControls(); update();
      });
      nats.appendChild(fs);
    });
    var wb = $('sx-weights').querySelector('.sx-w');
    COMP.forEach(function (c) {
      var id = 'sx-w-' + c, row = el('div', { 'class': 'sx-wrow', title: D.component_help[c] });
      var r = el('input', { type: 'range', id: id, min: '0', max: '1', step: '0.05' }), out = el('output', { 'for': id });
      r.value = String(state.weights[c]); out.textContent = state.weights[c].toFixed(2);
      r.addEventListener('input', function () { state.weights[c] = +r.value; out.textContent = (+r.value).toFixed(2); schedule(); });
      row.appendChild(el('label', { 'for': id }, WEIGHT_LABELS[c] || c)); row.appendChild(r); row.appendChild(out);
      wb.appendChild(row);
    });
    var area = $('sx-area');
    area.appendChild(el('option', { value: '' }, 'All seats'));
    D.nations.forEach(function (n) { area.appendChild(el('option', { value: 'n:' + n }, n)); });
    D.regions.forEach(function (r) { if (D.nations.indexOf(r) < 0) area.appendChild(el('option', { value: 'r:' + r }, r)); });
    area.addEventListener('change', function () { state.area = area.value; update(); });
    $('sx-sort').addEventListener('change', function () { state.sort = $('sx-sort').value; update(); });
    ['targets', 'defences', 'changes'].forEach(function (kind) {
      $('sx-tab-' + kind).addEventListener('click', function () { setKind(kind); });
    });
    $('sx-csv').addEventListener('click', download);
    var scrolling = false;
    $('sx-list').addEventListener('scroll', function () {
      view.top = $('sx-list').scrollTop;
      if (scrolling || !pool.kind) return;
      scrolling = true;
      requestAnimationFrame(function () { scrolling = false; drawRows(); });
    });
    $('sx-list').addEventListener('click', function (ev) {
      var b = ev.target.closest('button[data-i]');
      if (b) select(+b.getAttribute('data-i'));
    });
    var dl = $('sx-names');
    var order = [];
    for (i = 0; i < S; i++) order.push(i);
    order.sort(function (a, b) { return byName(SE.name[a] || '', SE.name[b] || ''); });
    order.forEach(function (s) { dl.appendChild(el('option', { value: SE.name[s] || SE.code[s] })); });
    var find = $('sx-find');
    function doFind() {
      var q = norm(find.value);
      if (!q) return;
      var hit = -1;
      for (var s = 0; s < S && hit < 0; s++) if (norm(SE.name[s] || '') === q || SE.code[s].toLowerCase() === q) hit = s;
      for (s = 0; s < S && hit < 0; s++) if (norm(SE.name[s] || '').indexOf(q) >= 0) hit = s;
      if (hit >= 0) { if (PANEL !== 'mapcol' && !wide()) setPanel('mapcol'); select(hit); }
      find.setAttribute('aria-invalid', hit < 0 ? 'true' : 'false');
    }
    find.addEventListener('change', doFind);
    find.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') doFind(); });
    $('sx-how').textContent = HOW;
    $('sx-foot').textContent = 'Made with seatmap. Results: House of Commons Library; boundaries: ONS (Open Government ' +
      'Licence; contains OS data © Crown copyright and database right); hex layout: Open Innovations.';
  }
  var HOW = 'How it works: the shares are a poll for Great Britain, as polls publish them (Scotland and Wales can ' +
    'have their own); the page projects it as seatmap\u2019s Python projection does, and the projected seats, weighted by ' +
    'their votes, add up to the poll in every area it gives. Northern Ireland is not in GB polls and stays as it was. ' +
    'A party stands everywhere in an area if it stood in most of its seats in ' + M.election + ' or the poll names it. ' +
    'Uniform: every seat moves by the same number of points. Proportional: each party moves in proportion to its ' +
    'vote. Mixed: part of each, as fitted on past elections. Demographic: mixed, adjusted by leave and graduate ' +
    'shares. Tactical voting moves a bloc\u2019s supporters to its best-placed party where the party they vote ' +
    'against is in the top two. Targets are the seats the party does not win under this scenario, by the swing it ' +
    'needs; defences the seats it wins, by the swing that would lose them. Swings are in percentage points.';
  var MODEL_LABELS = { uniform: 'Uniform swing', proportional: 'Proportional (transition)', mixed: 'Mixed (fitted)',
    demographic: 'Demographic (seat model)' };
  function modelControls() {
    // the models the page runs (seatmap.projection.MODELS) and tactical voting (seatmap.tactical)
    var sel = $('sx-model');
    sel.replaceChildren();
    MODEL.models.forEach(function (m) { sel.appendChild(el('option', { value: m }, MODEL_LABELS[m] || m)); });
    sel.value = state.model;
    sel.addEventListener('change', function () { state.model = sel.value; update(); });
    var blocs = [], bloc = D.model.tactical.default_bloc;
    [['con', bloc], ['reform', bloc.concat(['con'])]].forEach(function (b) {
      var ps = b[1].filter(function (c) { return code2j[c] !== undefined && c !== b[0]; });
      if (code2j[b[0]] !== undefined && ps.length >= 2) blocs.push({ against: b[0], parties: ps });
    });
    if (!blocs.length) return;
    var row = el('div', { 'class': 'sx-row' }), tsel = el('select', { id: 'sx-tactical' });
    var rate = el('input', { type: 'number', id: 'sx-tactical-rate', min: '0', max: '1', step: '0.05', value: '0.35',
      'aria-label': 'Tactical voting rate (0-1)', title: 'The share of each bloc party\u2019s supporters who switch (0.35: ' +
      'Electoral Calculus / Find Out Now, 2023)' });
    tsel.appendChild(el('option', { value: '' }, 'Off'));
    blocs.forEach(function (b, n) {
      tsel.appendChild(el('option', { value: String(n) }, 'Against ' + PARTIES[code2j[b.against]].label + ': ' +
        b.parties.map(function (c) { return PARTIES[code2j[c]].label; }).join(', ')));
    });
    function set() {
      var r = +rate.value;
      state.tactical = tsel.value === '' || !(r >= 0 && r <= 1) ? null
        : { against: blocs[+tsel.value].against, parties: blocs[+tsel.value].parties, rate: r };
      update();
    }
    tsel.addEventListener('change', set);
    rate.addEventListener('change', set);
    row.appendChild(el('label', { 'for': 'sx-tactical' }, 'Tactical'));
    row.appendChild(tsel); row.appendChild(rate);
    sel.parentNode.parentNode.insertBefore(row, sel.parentNode.nextSibling);
  }
  var WEIGHT_LABELS = { swing: 'Swing needed', leave: 'Leave vote', deprivation: 'Deprivation', town: 'Town seat',
    turnout: 'Low turnout', history: 'Won before' };
  function norm(t) { return String(t).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim(); }
  function impliedNation(n) {
    // the nation's projected shares now: switching its own shares on leaves the seats as they are
    var got = MODEL.areaShares(n, NEW), v = new Float64Array(P), t = sum(got, natParties[n]);
    natParties[n].forEach(function (k) { v[k] = t > 0 ? 100 * got[k] / t : natBase[n][k]; });
    return v;
  }
  function setPoll(poll) {
    // a preset (or setGB/setNation): the parties a poll names, the others completed as Python does
    var gb = poll && poll['Great Britain'];
    state.gbPoll = gb ? asPoll(gb) : null;
    state.gb = gb ? completed('Great Britain', state.gbPoll) : Float64Array.from(gbBase);
    M.overrides.forEach(function (nn) {
      var want = poll && poll[nn];
      state.overPoll[nn] = want && natParties[nn].length ? asPoll(want) : null;
      state.over[nn] = state.overPoll[nn] ? completed(nn, state.overPoll[nn]) : null;
    });
  }
  function applyPreset(n) {
    var p = D.presets[n];
    state.preset = n;
    setPoll(p.poll);
    $('sx-preset').value = String(n);
    syncControls(); update();
  }
  function setKind(kind) {
    state.kind = kind;
    ['targets', 'defences', 'changes'].forEach(function (k2) { $('sx-tab-' + k2).setAttribute('aria-selected', k2 === kind ? 'true' : 'false'); });
    update();
  }
  function setView(v) {
    state.view = v;
    ['geo', 'hex'].forEach(function (n) {
      views[n].svg.style.display = n === v ? '' : 'none';
      $('sx-view-' + n).setAttribute('aria-pressed', n === v ? 'true' : 'false');
    });
    paint();
  }
  function csvText() {
    var rowsOut = lastRows, head, get;
    var safe = function (t) {
      t = t === null || t === undefined ? '' : String(t);
      if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;  // no formulas when opened in a spreadsheet
      return '"' + t.replace(/"/g, '""') + '"';
    };
    var num = function (v, d) { return v === null || v === undefined || isNaN(v) ? '' : (d === undefined ? String(v) : v.toFixed(d)); };
    if (state.kind === 'changes') {
      head = ['code', 'seat', 'region', 'from', 'to', 'majority_pct'];
      get = function (r) { return [safe(r.code), safe(r.name), safe(REGION[r.s]), safe(PARTIES[r.from] ? PARTIES[r.from].code : ''), safe(PARTIES[r.to].code), num(r.margin, 4)]; };
    } else {
      var t = state.kind === 'targets';
      head = ['rank', 'code', 'seat', 'region', 'nation', t ? 'holder' : 'challenger', 'party_pct', t ? 'holder_pct' : 'challenger_pct', t ? 'swing_needed' : 'swing_to_lose', 'score'];
      get = function (r) { return [r.rank, safe(r.code), safe(r.name), safe(REGION[r.s]), safe(NATION[r.s]), safe(PARTIES[t ? r.holder : r.other].code), num(r.share, 4), num(r.otherShare, 4), num(r.swing, 4), num(r.score, 4)]; };
    }
    var lines = [head.join(',')];
    rowsOut.forEach(function (r) { lines.push(get(r).join(',')); });
    return lines.join('\r\n') + '\r\n';
  }
  function download() {
    var blob = new Blob([csvText()], { type: 'text/csv;charset=utf-8' });
    var a = el('a', { href: URL.createObjectURL(blob), download: M.party + '-' + state.kind + '-' + M.election + '.csv' });
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ------------------------------------------------------------------ update
  var lastError = null, timing = { last: 0, n: 0 }, pending = false;
  function schedule() {  // a dragged slider fires many input events: one update per frame
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { if (pending) update(); });
  }
  function update() {
    pending = false;
    var t0 = performance.now();
    try { project(); lastError = null; } catch (err) { lastError = err.message; }
    var how = $('sx-how');
    how.classList.toggle('sx-error', !!lastError);
    how.textContent = lastError || (HOW + (NOTES.length ? ' This scenario: ' + NOTES.join(' ') : ''));
    if (lastError) return;
    var t1 = performance.now();
    frameStats();
    renderTotals();
    var t2 = performance.now();
    paint();
    var t3 = performance.now();
    // on a phone the lists are drawn when their panel is shown (listsDue), not on every change
    if (PANEL === 'lists' || WIDE.matches) renderList(); else listsDue = true;
    if (state.selected >= 0) card();
    var t4 = performance.now();
    timing.last = t4 - t0; timing.n++;
    timing.phases = { project: t1 - t0, totals: t2 - t1, paint: t3 - t2, lists: t4 - t3 };
  }

  // ------------------------------------------------------------------ panels (phones)
  var PANEL = 'mapcol', WIDE = window.matchMedia('(min-width: 901px)'), listsDue = false;
  function wide() { return WIDE.matches; }
  function freshList() { if (listsDue) { listsDue = false; renderList(); } }
  if (WIDE.addEventListener) WIDE.addEventListener('change', function () { if (WIDE.matches) { measure(); freshList(); drawRows(); } });
  function setPanel(n) {
    // on a phone one panel shows at a time (Shares, Map, Seats) under the totals
    PANEL = n;
    $('sx-grid').setAttribute('data-panel', n);
    ['controls', 'mapcol', 'lists'].forEach(function (k) { $('sx-show-' + k).setAttribute('aria-selected', k === n ? 'true' : 'false'); });
    if (n === 'lists') { measure(); freshList(); drawRows(); }
    if (!wide()) window.scrollTo(0, Math.min(window.scrollY, $('sx-grid').offsetTop));
  }

  // ------------------------------------------------------------------ start
  buildControls();
  buildView('geo', geoPaths());
  buildView('hex', hexPaths());
  tip = el('div', { 'class': 'sx-tip', role: 'tooltip' });
  $('sx-map').appendChild(tip);
  hexRegions();
  ['geo', 'hex'].forEach(function (n) {
    var svg = views[n].svg, drag = null;
    // a mouse drags the map; on a touch screen one finger scrolls the page (CSS touch-action:
    // pan-y) and two fingers pan and pinch-zoom the map (touch events below); a tap selects
    svg.addEventListener('pointerdown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, vb: views[n].vb.slice(), moved: false, touch: ev.pointerType === 'touch' }; });
    svg.addEventListener('pointercancel', function () { drag = null; });
    var pinch = null;
    function touchMid(ev) {
      var a = ev.touches[0], b = ev.touches[1];
      return { x: (a.clientX + b.clientX) / 2, y: (a.clientY + b.clientY) / 2, d: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) || 1 };
    }
    svg.addEventListener('touchstart', function (ev) {
      if (ev.touches.length === 2) { ev.preventDefault(); pinch = touchMid(ev); pinch.vb = views[n].vb.slice(); drag = null; }
    }, { passive: false });
    svg.addEventListener('touchmove', function (ev) {
      if (ev.touches.length !== 2 || !pinch) return;
      ev.preventDefault();
      var m = touchMid(ev), r = svg.getBoundingClientRect(), vb = pinch.vb;
      var sc = Math.max(vb[2] / r.width, vb[3] / r.height), k = pinch.d / m.d, v = views[n];
      k = Math.min(Math.max(vb[2] * k, v.home[2] / 40), v.home[2] * 1.5) / vb[2];
      // the map point under the first midpoint stays under the fingers' midpoint
      var ox = vb[0] + vb[2] / 2 - sc * r.width / 2, oy = vb[1] + vb[3] / 2 - sc * r.height / 2;
      var mx = ox + (pinch.x - r.left) * sc, my = oy + (pinch.y - r.top) * sc;
      var nx = mx - (m.x - r.left) * sc * k, ny = my - (m.y - r.top) * sc * k;
      v.vb = [nx + (vb[0] - ox) * k, ny + (vb[1] - oy) * k, vb[2] * k, vb[3] * k];
      setVB(n); tip.style.display = 'none';
    }, { passive: false });
    svg.addEventListener('touchend', function (ev) { if (ev.touches.length < 2) pinch = null; });
    svg.addEventListener('pointermove', function (ev) {
      if (drag && drag.touch) { if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 8) drag.moved = true; return; }
      if (drag && (ev.buttons & 1)) {
        var r = svg.getBoundingClientRect(), sc = Math.max(drag.vb[2] / r.width, drag.vb[3] / r.height);
        var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        views[n].vb = [drag.vb[0] - dx * sc, drag.vb[1] - dy * sc, drag.vb[2], drag.vb[3]];
        setVB(n); tip.style.display = 'none'; return;
      }
      var t = ev.target.getAttribute && ev.target.getAttribute('data-i');
      if (t === null || t === undefined) { tip.style.display = 'none'; return; }
      var s = +t, mr = $('sx-map').getBoundingClientRect();
      tip.textContent = (SE.name[s] || SE.code[s]) + ' · ' + (WIN[s] === BEFORE[s] ? label(WIN[s]) + ' hold' : label(WIN[s]) + ' gain from ' + label(BEFORE[s]));
      tip.style.left = (ev.clientX - mr.left + 12) + 'px'; tip.style.top = (ev.clientY - mr.top + 12) + 'px';
      tip.style.display = 'block';
    });
    svg.addEventListener('pointerleave', function () { tip.style.display = 'none'; });
    svg.addEventListener('pointerup', function (ev) {
      var moved = drag && drag.moved; drag = null;
      if (moved) return;
      var t = ev.target.getAttribute && ev.target.getAttribute('data-i');
      if (t !== null && t !== undefined) select(+t);
    });
    svg.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var p = svgPoint(ev);
      zoom(ev.deltaY > 0 ? 1.25 : 0.8, p[0], p[1]);
    }, { passive: false });
  });
  function measure() { view.height = $('sx-list').clientHeight || 900; view.top = $('sx-list').scrollTop; }
  window.addEventListener('resize', function () { measure(); drawRows(); });
  measure();
  $('sx-view-geo').addEventListener('click', function () { setView('geo'); });
  $('sx-view-hex').addEventListener('click', function () { setView('hex'); });
  $('sx-mode-winners').addEventListener('click', function () { setMode('winners'); });
  $('sx-mode-gains').addEventListener('click', function () { setMode('gains'); });
  communityLayer();
  if (views.geo && views.geo.comm) {
    $('sx-comm').addEventListener('click', function () {
      setCommunities($('sx-comm').getAttribute('aria-pressed') !== 'true');
    });
  } else $('sx-comm').hidden = true;
  ['controls', 'mapcol', 'lists'].forEach(function (k) { $('sx-show-' + k).addEventListener('click', function () { setPanel(k); }); });
  $('sx-hint').textContent = 'Tap or click a seat on the map or in a list, or find one by name, to see its card. ' +
    'Gains: seats keeping their party are pale; seats changing hands are in the new party\u2019s colour, outlined. ' +
    'On a touch screen, pinch or use two fingers to move the map.';
  $('sx-zoom-in').addEventListener('click', function () { zoom(0.66); });
  $('sx-zoom-out').addEventListener('click', function () { zoom(1.5); });
  $('sx-zoom-reset').addEventListener('click', function () { var v = views[state.view]; v.vb = v.home.slice(); setVB(state.view); });
  if (M.start) applyPreset(M.start); else { syncControls(); update(); }
  card();

  // ------------------------------------------------------------------ for scripts and tests
  function sharesOut() {
    var out = {};
    for (var s = 0; s < S; s++) out[SE.code[s]] = Array.prototype.slice.call(NEW.subarray(s * P, s * P + P));
    return out;
  }
  window.seatmapExplorer = {
    parties: PARTIES.map(function (p) { return p.code; }),
    setGB: function (want) {
      state.gbPoll = want ? asPoll(want) : null;
      state.gb = want ? completed('Great Britain', state.gbPoll) : Float64Array.from(gbBase);
      syncControls(); update();
    },
    setNation: function (n, want) {
      state.overPoll[n] = want ? asPoll(want) : null;
      state.over[n] = want ? completed(n, state.overPoll[n]) : null;
      syncControls(); update();
    },
    setTactical: function (t) { state.tactical = t || null; update(); },
    setModel: function (m) { state.model = m; $('sx-model').value = m; update(); },
    setWeights: function (w) {
      COMP.forEach(function (c) { state.weights[c] = +(w[c] || 0); var r = $('sx-w-' + c); r.value = String(state.weights[c]); r.nextSibling.textContent = state.weights[c].toFixed(2); });
      update();
    },
    setSort: function (s) { state.sort = s; $('sx-sort').value = s; update(); },
    setArea: function (a) { state.area = a; $('sx-area').value = a; update(); },
    setKind: setKind, setView: setView, select: select, preset: applyPreset, setMode: setMode, setPanel: setPanel,
    gb: function () { var o = {}; gbParties.forEach(function (k) { o[PARTIES[k].code] = state.gb[k]; }); return o; },
    nation: function (n) { var v = state.over[n], o = {}; if (!v) return null; natParties[n].forEach(function (k) { o[PARTIES[k].code] = v[k]; }); return o; },
    poll: pagePoll, model: function () { return state.model; }, notes: function () { return NOTES.slice(); },
    shares: sharesOut,
    winners: function () { var o = {}; for (var s = 0; s < S; s++) o[SE.code[s]] = PARTIES[WIN[s]].code; return o; },
    list: function () { freshList(); return lastRows.map(function (r) { return r.code; }); },
    csv: function () { freshList(); return csvText(); }, error: function () { return lastError; }, timing: timing, update: update
  };
  document.documentElement.setAttribute('data-seatmap-ready', '1');
})();
