/* seatmap's seat model for the explorer (MIT licence, part of seatmap).
 *
 * The arithmetic of seatmap.projection.run_model, step for step, on the data that
 * seatmap.explorer.model_payload writes (everything that does not depend on the scenario is
 * computed in Python: base shares, votes, personal votes, entry shares, the mixed model's
 * lambdas, the demographic terms' per-seat values):
 *
 *   resolve   seatmap.scenario.resolve (poll completion, nested areas, the nation-only rule)
 *   standing  seatmap.standing.standing (the default rule; no overrides)
 *   prior     seatmap.engine.prior (uniform, proportional, mixed, demographic)
 *   tactical  seatmap.tactical.apply_tactical
 *   deliver   seatmap.engine.deliver (additive shift, or iterative proportional fitting)
 *
 * tests/test_explorer_model.py runs this file under Node against Python over random scenarios
 * (every seat's shares within 1e-9). No DOM: the page and Node load the same file.
 */
(function (root) {
  'use strict';
  var GB = 'Great Britain', NI = 'Northern Ireland';
  var GB_WORDS = ['*', 'uk', 'gb', 'great britain', 'britain', 'national', 'united kingdom'];

  function fail(msg) { var e = new Error(msg); e.name = 'SeatmapError'; throw e; }
  function fix(v, d) { return (+v).toFixed(d); }
  function g(v) { return String(+(+v).toPrecision(6)); }  // Python's {:g}

  function create(D) {
    var parties = D.parties, P = parties.length, S = D.votes.length, C = D.constants;
    var col = {}, s, j, k, q;
    parties.forEach(function (p, jj) { col[p] = jj; });
    var nation = D.nation.map(function (n) { return n < 0 ? '' : D.nations[n]; });
    var region = D.region.map(function (r) { return r < 0 ? '' : D.regions[r]; });
    var votes = Float64Array.from(D.votes);
    var speaker = new Uint8Array(S);
    D.speaker.forEach(function (i) { speaker[i] = 1; });
    var base = new Float64Array(S * P), fixed = new Float64Array(S * P);
    var lf = new Float64Array(S * P).fill(1), entry = new Float64Array(S * P).fill(NaN);
    for (s = 0; s < S; s++) {
      var row = D.shares[s];
      for (k = 0; k < row.length; k += 2) base[s * P + row[k]] = row[k + 1];
    }
    D.fixed.forEach(function (t) { fixed[t[0] * P + t[1]] = t[2]; });
    Object.keys(D.lumped_factor).forEach(function (jj) {
      var c = D.lumped_factor[jj];
      for (var i = 0; i < S; i++) lf[i * P + (+jj)] = c[i];
    });
    Object.keys(D.entry).forEach(function (jj) {
      D.entry[jj].forEach(function (t) { entry[t[0] * P + (+jj)] = t[1] === null ? NaN : t[1]; });
    });
    var demo = null;
    if (D.demo) {
      demo = new Float64Array(S * P);
      Object.keys(D.demo).forEach(function (jj) {
        var c = D.demo[jj];
        for (var i = 0; i < S; i++) demo[i * P + (+jj)] = c[i];
      });
    }
    var mix = D.mix_k;  // the mixed model's k (seatmodel.mix_k)
    var lumped = new Uint8Array(P), home = [], niParty = new Uint8Array(P);
    for (j = 0; j < P; j++) {
      lumped[j] = D.lumped.indexOf(parties[j]) >= 0 ? 1 : 0;
      niParty[j] = D.ni_parties.indexOf(parties[j]) >= 0 ? 1 : 0;
      home.push('');
    }
    D.nation_parties.forEach(function (t) { if (col[t[0]] !== undefined) home[col[t[0]]] = t[1]; });
    var english = D.english_regions, areaNames = [GB, 'England'].concat(D.all_regions);

    // ---------------------------------------------------------------- areas
    function areaOf(name) {
      var t = String(name).trim(), c = t.toLowerCase();
      if (GB_WORDS.indexOf(c) >= 0) return GB;
      for (var i = 0; i < areaNames.length; i++) if (areaNames[i].toLowerCase() === c) return areaNames[i];
      var alias = { yorkshire: 'Yorkshire and The Humber', east: 'East of England', ni: NI }[c];
      if (alias) return alias;
      return fail('Unknown area ' + JSON.stringify(String(name)) + '. Areas: Great Britain (\'GB\'), England, ' +
                  D.all_regions.join(', ') + '.');
    }
    function parent(a) {
      if (english.indexOf(a) >= 0) return 'England';
      if (a === 'England' || a === 'Scotland' || a === 'Wales') return GB;
      return null;
    }
    function members(a, nat, reg) {
      var n = nat.length, out = new Uint8Array(n);
      for (var i = 0; i < n; i++) {
        out[i] = a === GB ? nat[i] !== NI : (a === 'England' || a === 'Scotland' || a === 'Wales' || a === NI)
          ? nat[i] === a : reg[i] === a;
      }
      return out;
    }
    function weights(mask) {
      var w = new Float64Array(S), t = 0;
      for (var i = 0; i < S; i++) { w[i] = mask[i] && !speaker[i] ? votes[i] : 0; t += w[i]; }
      return { w: w, total: t };
    }
    function wmean(w, total, x) {  // w @ x / total
      var out = new Float64Array(P);
      if (!(total > 0)) return out;
      for (var i = 0; i < S; i++) {
        if (!w[i]) continue;
        for (var jj = 0; jj < P; jj++) out[jj] += w[i] * x[i * P + jj];
      }
      for (jj = 0; jj < P; jj++) out[jj] = out[jj] / total;
      return out;
    }
    /** Vote-weighted shares of an area (the Speaker's seat aside) of `x` (default: the base). */
    function areaShares(area, x) {
      var ww = weights(members(areaOf(area), nation, region));
      return wmean(ww.w, ww.total, x || base);
    }

    // ---------------------------------------------------------------- scenario.resolve
    function partyValues(raw, what) {
      var out = [], seen = {};
      Object.keys(raw).forEach(function (key) {
        var p = String(key).trim().toLowerCase(), v = raw[key];
        if (seen[p]) fail(JSON.stringify(key) + ' is given twice in the ' + what + '.');
        seen[p] = 1;
        if (typeof v !== 'number' || !isFinite(v)) fail('The ' + what + ' for \'' + p + '\' must be a finite number, not ' + v + '.');
        if (!(v >= 0 && v <= 100)) fail('The ' + what + ' for \'' + p + '\' must be between 0 and 100, not ' + g(v) + '.');
        out.push([p, v]);
      });
      return out;
    }
    function completePoll(raw, mask, area, notes, ratio) {
      var named = partyValues(raw, 'poll share in ' + area), total = 0, isNamed = new Uint8Array(P);
      var target = new Float64Array(P);
      named.forEach(function (t) {
        if (col[t[0]] === undefined) fail('No results for ' + t[0] + ' in the base election; parties with results: ' + parties.join(', ') + '.');
      });
      named.forEach(function (t) { total += t[1]; isNamed[col[t[0]]] = 1; target[col[t[0]]] = t[1]; });
      if (total > 100 + C.poll_tolerance) {
        fail('The poll shares in ' + area + ' add up to ' + g(total) + ': a poll\'s shares add up to 100 (or a little ' +
             'more, by rounding; up to ' + g(100 + C.poll_tolerance) + ' is scaled). Check the numbers.');
      }
      if (total <= 0) fail('The poll in ' + area + ' names no party with a share above 0.');
      var ww = weights(mask), personal = wmean(ww.w, ww.total, fixed), shares = wmean(ww.w, ww.total, base);
      var keep = 0, freeBase = new Float64Array(P), fbs = 0, jj;
      for (jj = 0; jj < P; jj++) if (!isNamed[jj]) keep += personal[jj];
      for (jj = 0; jj < P; jj++) {
        freeBase[jj] = isNamed[jj] ? 0 : Math.max(shares[jj] - personal[jj], 0);
        if (ratio) freeBase[jj] = freeBase[jj] * ratio[jj];  // as the enclosing poll moves it
        fbs += freeBase[jj];
      }
      var room = 100 - total;
      if (room < keep - 1e-9) {
        var scale = (100 - keep) / total;
        for (jj = 0; jj < P; jj++) target[jj] *= scale;
        notes.push(area + ': the named shares add up to ' + g(total) + '; scaled to 100' +
                   (keep > 0 ? ' less the ' + fix(keep, 2) + ' points of personal votes kept.' : '.'));
        for (jj = 0; jj < P; jj++) target[jj] += isNamed[jj] ? 0 : personal[jj];
        return { target: target, named: isNamed };
      }
      for (jj = 0; jj < P; jj++) target[jj] += isNamed[jj] ? 0 : personal[jj];
      var rest = room - keep;
      if (fbs > 0) {
        for (jj = 0; jj < P; jj++) target[jj] += rest * freeBase[jj] / fbs;
        if (rest > 1e-9) {
          notes.push(area + ': the ' + fix(rest, 1) + ' points not named go to ' +
                     parties.filter(function (p, i) { return freeBase[i] > 0; }).join(', ') + ' in proportion to their base shares.');
        }
      } else if (rest > 1e-9) {
        for (jj = 0; jj < P; jj++) if (isNamed[jj]) target[jj] *= (100 - keep) / total;
        notes.push(area + ': named shares add up to ' + g(total) + ' and no other party has votes there; scaled to 100.');
      }
      return { target: target, named: isNamed };
    }
    function nationOnlyRule(entries, targets, notes) {
      var done = [];  // nation-only parties already set: the next one does not rescale them
      D.nation_parties.forEach(function (t) {
        var party = t[0], h = t[1], jj = col[party];
        if (jj === undefined || !targets[h]) return;
        var wHome = weights(members(h, nation, region)).total;
        [GB].forEach(function (area) {
          if (!targets[area]) return;
          var isNamed = Object.prototype.hasOwnProperty.call(entries[area], party);
          var ww = weights(members(area, nation, region)), wArea = ww.total;
          var implied = targets[h][jj] * wHome / wArea, tt = targets[area], old = tt[jj], i;
          var keep = wmean(ww.w, ww.total, fixed), free = new Float64Array(P), fs = 0, ks = 0;
          keep[jj] = 0;
          done.forEach(function (q) { keep[q] = tt[q]; });
          for (i = 0; i < P; i++) { free[i] = i === jj ? 0 : tt[i] - keep[i]; fs += free[i]; ks += keep[i]; }
          // the parties the poll did not name make room first; the named ones only if needed
          var loose = new Float64Array(P), ls = 0, need = implied - old;
          for (i = 0; i < P; i++) { loose[i] = Object.prototype.hasOwnProperty.call(entries[area], parties[i]) ? 0 : free[i]; ls += loose[i]; }
          if (ls > 0 && ls > need) { for (i = 0; i < P; i++) tt[i] = tt[i] - need * loose[i] / ls; }
          else if (fs > 0) for (i = 0; i < P; i++) tt[i] = keep[i] + free[i] * (100 - implied - ks) / fs;
          tt[jj] = implied;
          done.push(jj);
          notes.push(area + ': the ' + party.toUpperCase() + ' stands in ' + h + ' only, so its ' + area + ' share comes from the ' +
                     h + ' poll: ' + fix(implied, 2) + ' (' + (isNamed ? 'the ' + area + ' poll said ' + g(old) : 'completed as ' + fix(old, 2)) +
                     '); the parties not named in the ' + area + ' poll make the difference (all parties if the poll named them all).');
        });
      });
    }
    function nearestNamed(a, entries) {
      var up = parent(a);
      while (up !== null && !entries[up]) up = parent(up);
      return up;
    }
    /** seatmap.scenario.resolve for a poll {area: {party: share}} (or a flat {party: share} for GB). */
    function resolve(poll) {
      if (!poll || typeof poll !== 'object' || !Object.keys(poll).length) fail('Give the poll as {party: value}.');
      var vals = Object.keys(poll).map(function (a) { return poll[a]; });
      var nested = vals.map(function (v) { return v !== null && typeof v === 'object'; });
      if (nested.some(Boolean) && !nested.every(Boolean)) fail('Mixing {party: value} and {area: {...}} entries in the poll: put the GB values under \'GB\'.');
      var raw = nested.every(Boolean) ? poll : (function () { var o = {}; o[GB] = poll; return o; })();
      var entries = {}, names = [];
      Object.keys(raw).forEach(function (key) {
        var a = areaOf(key);
        if (entries[a]) fail('The area \'' + a + '\' is given twice in the poll; give each area once.');
        if (!raw[key] || typeof raw[key] !== 'object' || !Object.keys(raw[key]).length) fail('The poll for ' + a + ' must be {party: value}.');
        var low = {};  // party codes as written by the page and by Python: lower case
        Object.keys(raw[key]).forEach(function (p) { low[String(p).trim().toLowerCase()] = raw[key][p]; });
        entries[a] = low; names.push(a);
      });
      var masks = {};
      names.forEach(function (a) {
        masks[a] = members(a, nation, region);
        var any = false;
        for (var i = 0; i < S && !any; i++) any = masks[a][i] && !speaker[i];
        if (!any) fail('No seats in \'' + a + '\' in this frame.');
      });
      var depth = {};
      names.forEach(function (a) { depth[a] = a === GB ? 0 : (parent(a) === GB || a === NI) ? 1 : 2; });
      var order = names.slice().sort(function (a, b) { return depth[a] - depth[b]; });  // stable, as sorted()
      var K = order.length, cells = new Int32Array(S).fill(-1), i, c;
      order.forEach(function (a, n) { var m = masks[a]; for (var ii = 0; ii < S; ii++) if (m[ii]) cells[ii] = n; });
      for (i = 0; i < S; i++) if (speaker[i]) cells[i] = -1;
      var notes = [], targets = {}, named = {};
      order.forEach(function (a) {
        var up = nearestNamed(a, entries), ratio = null;
        if (up !== null) {  // completed like the enclosing poll (completed first)
          var ww = weights(masks[up]), now = wmean(ww.w, ww.total, base), kept = wmean(ww.w, ww.total, fixed);
          ratio = new Float64Array(P);
          for (var q = 0; q < P; q++) {  // personal votes are not moved
            var fr = now[q] - kept[q];
            ratio[q] = fr > 1e-12 ? Math.max(targets[up][q] - kept[q], 0) / fr : 1;
          }
        }
        var r = completePoll(entries[a], masks[a], a, notes, ratio);
        targets[a] = r.target; named[a] = r.named;
      });
      nationOnlyRule(entries, targets, notes);
      var cellTargets = [];
      order.forEach(function (a, n) {
        var wRest = 0;
        for (var ii = 0; ii < S; ii++) if (cells[ii] === n) wRest += votes[ii];
        if (wRest <= 0) { cellTargets.push(targets[a]); return; }
        var wArea = weights(masks[a]).total, amount = new Float64Array(P), jj;
        for (jj = 0; jj < P; jj++) amount[jj] = targets[a][jj] * wArea;
        order.forEach(function (child) {
          if (child === a || nearestNamed(child, entries) !== a) return;
          var wChild = weights(masks[child]).total;
          for (var j2 = 0; j2 < P; j2++) amount[j2] = amount[j2] - targets[child][j2] * wChild;
        });
        var t = new Float64Array(P);
        for (jj = 0; jj < P; jj++) t[jj] = amount[jj] / wRest;
        for (jj = 0; jj < P; jj++) {
          if (t[jj] < -1e-6) {
            fail('The ' + a + ' poll gives ' + parties[jj] + ' ' + g(targets[a][jj]) + '%, less than the polls of the areas ' +
                 'inside it already give it; the rest of ' + a + ' would need ' + fix(t[jj], 2) + '%. Make the ' + a +
                 ' and area polls agree.');
          }
        }
        for (jj = 0; jj < P; jj++) t[jj] = Math.max(t[jj], 0);
        cellTargets.push(t);
      });
      var namedCells = order.map(function (a) {
        var m = Uint8Array.from(named[a]), up = nearestNamed(a, entries);
        while (up !== null) { for (var jj = 0; jj < P; jj++) m[jj] |= named[up][jj]; up = nearestNamed(up, entries); }
        return m;
      });
      if (!entries[NI]) notes.push('Northern Ireland is not in a GB poll: its seats keep the base result.');
      c = { cells: cells, names: order, targets: cellTargets, named: namedCells, areas: targets, notes: notes };
      return c;
    }

    // ---------------------------------------------------------------- standing.standing
    function standing(sc) {
      var cells = sc.cells, K = sc.names.length, i, jj, c;
      var niCell = sc.names.indexOf(NI), namedNi = niCell >= 0 ? sc.named[niCell] : null;
      var ok = new Uint8Array(S * P), stood = new Uint8Array(S * P), stands = new Uint8Array(S * P);
      for (i = 0; i < S; i++) {
        var ni = nation[i] === NI;
        for (jj = 0; jj < P; jj++) {
          var o = i * P + jj, st = base[o] > 0;
          if (home[jj]) ok[o] = nation[i] === home[jj] ? 1 : 0;
          else if (niParty[jj]) ok[o] = ni ? 1 : 0;
          else if (!lumped[jj] && ni) ok[o] = st || (namedNi !== null && namedNi[jj]) ? 1 : 0;
          else ok[o] = 1;
          stood[o] = st && !(fixed[o] > 0) ? 1 : 0;
          stands[o] = stood[o];
        }
      }
      for (c = 0; c < K; c++) {
        var nStood = new Float64Array(P), nOk = new Float64Array(P), any = false;
        for (i = 0; i < S; i++) {
          if (cells[i] !== c) continue;
          any = true;
          for (jj = 0; jj < P; jj++) { nStood[jj] += stood[i * P + jj] && ok[i * P + jj] ? 1 : 0; nOk[jj] += ok[i * P + jj]; }
        }
        if (!any) continue;
        var wide = new Uint8Array(P);
        for (jj = 0; jj < P; jj++) wide[jj] = (nStood[jj] > 0.5 * nOk[jj] || sc.named[c][jj]) && !lumped[jj] ? 1 : 0;
        for (i = 0; i < S; i++) {
          if (cells[i] !== c) continue;
          for (jj = 0; jj < P; jj++) if (wide[jj] && ok[i * P + jj]) stands[i * P + jj] = 1;
        }
      }
      for (i = 0; i < S; i++) if (cells[i] < 0) for (jj = 0; jj < P; jj++) stands[i * P + jj] = base[i * P + jj] > 0 ? 1 : 0;
      for (i = 0; i < S; i++) {  // nobody left standing: the seat keeps who stood in the base
        if (cells[i] < 0) continue;
        var anyone = false;
        for (jj = 0; jj < P && !anyone; jj++) anyone = stands[i * P + jj] || fixed[i * P + jj] > 0;
        if (!anyone) for (jj = 0; jj < P; jj++) stands[i * P + jj] = base[i * P + jj] > 0 ? 1 : 0;
      }
      for (c = 0; c < K; c++) {
        var has = new Uint8Array(P), anyRow = false;
        for (i = 0; i < S; i++) {
          if (cells[i] !== c) continue;
          anyRow = true;
          for (jj = 0; jj < P; jj++) if (stands[i * P + jj] || fixed[i * P + jj] > 0) has[jj] = 1;
        }
        if (!anyRow) continue;
        for (jj = 0; jj < P; jj++) {
          if (sc.targets[c][jj] > 1e-9 && !has[jj]) {
            var p = parties[jj];
            var where = home[jj] ? ' (it stands in ' + home[jj] + ' only)' : niParty[jj] ? ' (a Northern Ireland party)' : '';
            fail(p + ' is given ' + fix(sc.targets[c][jj], 2) + '% in ' + sc.names[c] + ', but it stands in none of its seats' +
                 where + '. Drop it from that area\'s poll.');
          }
        }
        // nor one above what the seats it stands in could give it (all their votes)
        var cap = new Float64Array(P), wsum = 0;
        for (i = 0; i < S; i++) {
          if (cells[i] !== c) continue;
          var fsum = 0;
          for (jj = 0; jj < P; jj++) fsum += fixed[i * P + jj];
          wsum += votes[i];
          for (jj = 0; jj < P; jj++) {
            cap[jj] += votes[i] * (stands[i * P + jj] ? 100 - (fsum - fixed[i * P + jj]) : fixed[i * P + jj]);
          }
        }
        for (jj = 0; jj < P; jj++) {
          if (sc.targets[c][jj] > cap[jj] / wsum + 1e-9) {
            fail(parties[jj] + ' is given ' + fix(sc.targets[c][jj], 2) + '% in ' + sc.names[c] + ', but the seats it stands in hold only ' +
                 fix(cap[jj] / wsum, 2) + '% of the area\'s votes' + (home[jj] ? ' (it stands in ' + home[jj] + ' only)' : '') +
                 '. Lower its share in that area\'s poll.');
          }
        }
      }
      var entered = new Uint8Array(S * P), start = Float64Array.from(base), notes = [], nIn = new Float64Array(P);
      for (i = 0; i < S; i++) {
        if (cells[i] < 0) continue;
        for (jj = 0; jj < P; jj++) {
          var o2 = i * P + jj;
          if (stands[o2] && !(base[o2] > 0)) { entered[o2] = 1; nIn[jj]++; }
          if (!stands[o2] && !(fixed[o2] > 0)) start[o2] = 0;
        }
      }
      for (jj = 0; jj < P; jj++) {
        if (!nIn[jj]) continue;
        var nan = 0;
        for (i = 0; i < S; i++) {
          var o3 = i * P + jj;
          if (!entered[o3]) continue;
          var e = entry[o3];
          if (isNaN(e)) { nan++; start[o3] = sc.targets[cells[i]][jj]; } else start[o3] = e;
        }
        if (nan) notes.push(parties[jj] + ' enters ' + nan + ' seats of a nation where it stood nowhere: it starts level with its area target there.');
      }
      for (i = 0; i < S; i++) {
        var b = i * P;
        if (cells[i] < 0) { for (jj = 0; jj < P; jj++) start[b + jj] = base[b + jj]; continue; }
        var room = 100, tot = 0, free = new Float64Array(P);
        for (jj = 0; jj < P; jj++) room -= fixed[b + jj];
        for (jj = 0; jj < P; jj++) { free[jj] = fixed[b + jj] > 0 ? 0 : start[b + jj]; tot += free[jj]; }
        for (jj = 0; jj < P; jj++) start[b + jj] = (tot > 0 ? free[jj] * room / tot : free[jj]) + fixed[b + jj];
      }
      var ins = [];
      for (jj = 0; jj < P; jj++) if (nIn[jj]) ins.push(parties[jj] + ' enters ' + nIn[jj] + (nIn[jj] === 1 ? ' seat' : ' seats') + ' it did not contest');
      if (ins.length) notes.push('Standing: ' + ins.join('; ') + ' (starting from comparable seats).');
      return { stands: stands, entered: entered, start: start, notes: notes };
    }

    // ---------------------------------------------------------------- engine
    function cellShares(x, w, cells, K, rows, width) {  // engine.cell_shares over `rows`
      var out = new Float64Array(K * width), tot = new Float64Array(K), n = rows.length;
      for (var r = 0; r < n; r++) {
        var c = cells[r];
        if (c < 0) continue;
        for (var jj = 0; jj < width; jj++) out[c * width + jj] += x[rows[r] * width + jj] * w[r];
        tot[c] += w[r];
      }
      for (c = 0; c < K; c++) for (jj = 0; jj < width; jj++) out[c * width + jj] = tot[c] > 0 ? out[c * width + jj] / tot[c] : 0;
      return out;
    }
    function prior(model, start, stands, delta, areaBase, n) {
      var out = new Float64Array(n * P), r, jj, o;
      if (model === 'uniform') {
        for (o = 0; o < n * P; o++) out[o] = stands[o] ? Math.max(start[o] + delta[o], 0) : 0;
      } else if (model === 'proportional') {  // swingmodels.apply(..., "proportional")
        for (r = 0; r < n; r++) {
          var b = r * P, released = 0, tg = 0, tot = 0, kept = new Float64Array(P), gain = new Float64Array(P);
          for (jj = 0; jj < P; jj++) {
            var N = areaBase[b + jj], d = delta[b + jj], sh = start[b + jj];
            var ratio = N > 0 ? Math.max(N + d, 0) / N : 1;
            kept[jj] = d < 0 ? sh * ratio : sh;
            released += sh - kept[jj];
            gain[jj] = d > 0 && sh > 0 ? d : 0;
            tg += gain[jj];
          }
          for (jj = 0; jj < P; jj++) { kept[jj] = kept[jj] + (tg > 0 ? released * gain[jj] / tg : 0); tot += kept[jj]; }
          for (jj = 0; jj < P; jj++) out[b + jj] = stands[b + jj] ? (tot > 0 ? kept[jj] * 100 / tot : kept[jj]) : 0;
        }
      } else {
        // mixed: the fraction lambda = min(1, k * fall / area share) of a fall is proportional
        for (r = 0; r < n; r++) {
          for (jj = 0; jj < P; jj++) {
            o = r * P + jj;
            var rel = areaBase[o] > 0 ? start[o] / areaBase[o] : 1;
            var size = areaBase[o] > 0 ? -delta[o] / areaBase[o] : 0;
            var lam = Math.min(Math.max(mix * size, 0), 1);
            out[o] = stands[o] ? Math.max(start[o] + delta[o] * ((1 - lam) + lam * rel), 0) : 0;
          }
        }
      }
      return out;
    }
    // engine.deliver: match x (rows) to each cell's vote-weighted goal; flat loops, buffers reused
    function deliver(x0, allowed0, w, cells, goal, room, additive, K, n) {
      var KP = K * P, nP = n * P, tot = new Float64Array(K), ow = new Float64Array(n), r, jj, o, it;
      var tol = C.delivery_tolerance, maxIter = C.max_iter;
      for (r = 0; r < n; r++) tot[cells[r]] += w[r];
      for (r = 0; r < n; r++) ow[r] = w[r] / (tot[cells[r]] > 0 ? tot[cells[r]] : 1);
      var allowed = new Uint8Array(nP), x = new Float64Array(nP), cellOf = new Int32Array(nP);
      for (r = 0; r < n; r++) {
        for (jj = 0; jj < P; jj++) {
          o = r * P + jj;
          cellOf[o] = cells[r] * P + jj;
          allowed[o] = allowed0[o] && goal[cellOf[o]] > 0 ? 1 : 0;
          x[o] = allowed[o] ? x0[o] : 0;
        }
      }
      var got = new Float64Array(KP);
      function matw(y) {  // got = onehot_w @ y
        got.fill(0);
        for (var rr = 0; rr < n; rr++) {
          var a = ow[rr], cb = cells[rr] * P, rb = rr * P;
          for (var j2 = 0; j2 < P; j2++) got[cb + j2] += a * y[rb + j2];
        }
        return got;
      }
      function norm(y) {
        for (var rr = 0; rr < n; rr++) {
          var b = rr * P, sm = 0, j2;
          for (j2 = 0; j2 < P; j2++) sm += y[b + j2];
          if (sm > 0) { var f = room[rr]; for (j2 = 0; j2 < P; j2++) y[b + j2] = y[b + j2] * f / sm; }
          else for (j2 = 0; j2 < P; j2++) y[b + j2] = 0;
        }
        return y;
      }
      function maxGap(gg) {
        var m = 0;
        for (var i2 = 0; i2 < KP; i2++) { var d = Math.abs(goal[i2] - gg[i2]); if (!(d <= m)) m = d; }
        return m;
      }
      function newtonStep(yy, cc) {
        // engine._newton_step: per cell, J_pq = sum_i ow_i live_ip (delta_pq - live_iq / n_i),
        // solved with a ridge of 1e-9 (Gaussian elimination, partial pivoting); a party above 0
        // nowhere in the cell takes gap / 0.05
        for (var c = 0; c < K; c++) {
          var jac = new Float64Array(P * P), diag = new Float64Array(P), rr, q, pp, li = new Int32Array(P);
          for (rr = 0; rr < n; rr++) {
            if (cells[rr] !== c) continue;
            var b = rr * P, nl = 0;
            for (pp = 0; pp < P; pp++) if (yy[b + pp] > 0) li[nl++] = pp;
            var a = ow[rr], an = a / Math.max(nl, 1);
            for (var u1 = 0; u1 < nl; u1++) {
              pp = li[u1];
              diag[pp] += a;
              for (var u2 = 0; u2 < nl; u2++) jac[pp * P + li[u2]] -= an;
            }
          }
          var on = [];
          for (pp = 0; pp < P; pp++) { jac[pp * P + pp] += diag[pp]; if (diag[pp] > 1e-12) on.push(pp); }
          var m = on.length, A = new Float64Array(m * m), v = new Float64Array(m), i1, i2, i3;
          for (i1 = 0; i1 < m; i1++) {
            for (i2 = 0; i2 < m; i2++) A[i1 * m + i2] = jac[on[i1] * P + on[i2]] + (i1 === i2 ? 1e-9 : 0);
            v[i1] = goal[c * P + on[i1]] - got[c * P + on[i1]];
          }
          for (i1 = 0; i1 < m; i1++) {  // LU with partial pivoting, as LAPACK's solve
            var piv = i1, best = Math.abs(A[i1 * m + i1]);
            for (i2 = i1 + 1; i2 < m; i2++) if (Math.abs(A[i2 * m + i1]) > best) { best = Math.abs(A[i2 * m + i1]); piv = i2; }
            if (piv !== i1) {
              for (i3 = 0; i3 < m; i3++) { var tmp = A[i1 * m + i3]; A[i1 * m + i3] = A[piv * m + i3]; A[piv * m + i3] = tmp; }
              var tv = v[i1]; v[i1] = v[piv]; v[piv] = tv;
            }
            for (i2 = i1 + 1; i2 < m; i2++) {
              var f = A[i2 * m + i1] / A[i1 * m + i1];
              if (f === 0) continue;
              for (i3 = i1; i3 < m; i3++) A[i2 * m + i3] -= f * A[i1 * m + i3];
              v[i2] -= f * v[i1];
            }
          }
          for (i1 = m - 1; i1 >= 0; i1--) {
            var sum = v[i1];
            for (i3 = i1 + 1; i3 < m; i3++) sum -= A[i1 * m + i3] * v[i3];
            v[i1] = sum / A[i1 * m + i1];
          }
          var isOn = new Uint8Array(P);
          for (i1 = 0; i1 < m; i1++) { cc[c * P + on[i1]] += v[i1]; isOn[on[i1]] = 1; }
          for (pp = 0; pp < P; pp++) if (!isOn[pp]) cc[c * P + pp] += (goal[c * P + pp] - got[c * P + pp]) / 0.05;
        }
      }
      var zbuf = new Float64Array(nP);
      function shiftRows(yy, mu) {
        // engine._shift_rows: max(y + mu_i, 0) with mu_i making each row sum to its room; each
        // row takes Newton steps until it is at its room (as Python's rows still to do)
        var z = zbuf, rr, j2, b, k2;
        for (rr = 0; rr < n; rr++) {
          b = rr * P;
          for (k2 = 0; k2 <= 60; k2++) {
            var sm = 0;
            for (j2 = 0; j2 < P; j2++) { z[b + j2] = allowed[b + j2] ? Math.max(yy[b + j2] + mu[rr], 0) : 0; sm += z[b + j2]; }
            var ex = sm - room[rr];
            if (Math.abs(ex) < 1e-12 || k2 === 60) break;
            var nl = 0, na = 0;
            for (j2 = 0; j2 < P; j2++) { if (allowed[b + j2]) { na++; if (yy[b + j2] + mu[rr] > 0) nl++; } }
            if (!(nl > 0)) nl = na;
            mu[rr] -= ex / Math.max(nl, 1);
          }
        }
        return z;
      }
      matw(x);
      var anyNeed = false, need = new Uint8Array(KP);
      for (o = 0; o < KP; o++) { need[o] = goal[o] > 0 && got[o] <= 0 ? 1 : 0; if (need[o]) anyNeed = true; }
      if (anyNeed) for (o = 0; o < nP; o++) if (need[cellOf[o]] && allowed[o]) x[o] = 1;
      var y;
      if (additive) {
        // shift each party by points per cell (Newton-like steps), each row by its own offset mu
        var cc = new Float64Array(KP), mu = new Float64Array(n), xc = new Float64Array(nP);
        y = Float64Array.from(shiftRows(x, mu));
        matw(y);
        var gapNow = maxGap(got), live = new Float64Array(KP);
        for (it = 0; it < maxIter; it++) {
          if (gapNow < tol) return y;
          // a Newton step, kept if it brings every area closer; else the diagonal step
          var tc = Float64Array.from(cc), tmu = Float64Array.from(mu), gotNow = Float64Array.from(got);
          newtonStep(y, tc);
          for (o = 0; o < nP; o++) xc[o] = x[o] + tc[cellOf[o]];
          var trial = Float64Array.from(shiftRows(xc, tmu));
          matw(trial);
          var tg = maxGap(got);
          if (tg < gapNow) { cc = tc; mu = tmu; y = trial; gapNow = tg; continue; }
          live.fill(0);
          for (r = 0; r < n; r++) {
            var a = ow[r], cb = cells[r] * P, rb = r * P;
            for (jj = 0; jj < P; jj++) if (y[rb + jj] > 0) live[cb + jj] += a;
          }
          for (o = 0; o < KP; o++) cc[o] += (goal[o] - gotNow[o]) / Math.max(live[o], 0.05);
          for (o = 0; o < nP; o++) xc[o] = x[o] + cc[cellOf[o]];
          y = Float64Array.from(shiftRows(xc, mu));
          matw(y);
          gapNow = maxGap(got);
        }
      } else y = norm(Float64Array.from(x));
      // engine._finish_multiplicative: log-linear offsets per cell and party
      var b0 = Float64Array.from(y), off = new Float64Array(KP), e = new Float64Array(KP);
      for (it = 0; it < maxIter * 4; it++) {
        matw(y);
        if (maxGap(got) < tol) return y;
        for (o = 0; o < KP; o++) {
          if (got[o] > 0 && goal[o] > 0) off[o] += Math.log(goal[o] / got[o]);
          off[o] = Math.min(Math.max(off[o], -50), 50);  // a target out of reach never overflows
          e[o] = Math.exp(off[o]);
        }
        for (o = 0; o < nP; o++) y[o] = allowed[o] ? b0[o] * e[cellOf[o]] : 0;
        norm(y);
      }
      var last = maxGap(matw(y));
      if (last > 0.01) {
        fail('The projection could not reach the area targets (off by ' + fix(last, 3) + ' points): a party\'s target ' +
             'needs seats where it does not stand. Check the poll and standing= for that area.');
      }
      return y;
    }

    // ---------------------------------------------------------------- tactical
    /** seatmap.tactical.parse_tactical for blocs given as objects (codes): [{against, parties, rate, area}]. */
    function parseTactical(spec) {
      if (spec === null || spec === undefined) return [];
      var blocs = Array.isArray(spec) ? spec : [spec];
      return blocs.map(function (b) {
        if (!b || typeof b !== 'object' || b.against === undefined) fail('Give tactical voting as {against: \'con\', parties: [\'lab\', \'ld\', \'green\'], rate: 0.35}.');
        var against = String(b.against).toLowerCase();
        var mem = (b.parties || D.tactical.default_bloc).map(function (p) { return String(p).toLowerCase(); });
        if (mem.indexOf(against) >= 0) fail('A tactical bloc against ' + against + ' cannot include ' + against + '.');
        mem = mem.filter(function (p) { return col[p] !== undefined; });
        if (col[against] === undefined || mem.length < 2) {
          fail('A tactical bloc needs the party against (' + against + ') and two bloc parties with results; parties: ' + parties.join(', ') + '.');
        }
        var raw = b.rate === undefined ? 0.35 : b.rate, rate = new Float64Array(P);
        function num(v, what) {
          if (typeof v !== 'number' || !isFinite(v) || v < 0 || v > 1) fail(what + ' must be between 0 and 1, not ' + v + '.');
          return v;
        }
        if (raw !== null && typeof raw === 'object') {
          Object.keys(raw).forEach(function (p) { rate[col[String(p).toLowerCase()]] = num(raw[p], 'The tactical rate of ' + p); });
        } else {
          var rr = num(raw, 'The tactical rate');
          mem.forEach(function (p) { rate[col[p]] = rr; });
        }
        var areas = b.area === undefined || b.area === null ? null : (typeof b.area === 'string' ? [b.area] : b.area);
        return { against: col[against], parties: mem.map(function (p) { return col[p]; }), rate: rate,
                 areas: areas && areas.length ? areas.map(areaOf) : null };
      });
    }
    function applyTactical(x, blocs, rows, n) {
      var out = Float64Array.from(x), moved = new Float64Array(n);
      var nat = rows.map(function (i) { return nation[i]; }), reg = rows.map(function (i) { return region[i]; });
      blocs.forEach(function (bloc) {
        var mask = new Uint8Array(n).fill(1), r, jj;
        if (bloc.areas) {
          mask = new Uint8Array(n);
          bloc.areas.forEach(function (a) { var m = members(a, nat, reg); for (var i = 0; i < n; i++) mask[i] |= m[i]; });
        }
        var a = bloc.against, mem = bloc.parties;
        for (r = 0; r < n; r++) {
          var b = r * P, f = 0, sc = -1, best = mem[0];
          for (jj = 0; jj < P; jj++) if (out[b + jj] > out[b + f]) f = jj;
          for (jj = 0; jj < P; jj++) if (jj !== f && (sc < 0 || out[b + jj] > out[b + sc])) sc = jj;
          for (var m2 = 1; m2 < mem.length; m2++) if (out[b + mem[m2]] > out[b + best]) best = mem[m2];
          var contest = ((f === a && sc === best) || (sc === a && f === best)) && mask[r] && out[b + best] > 0;
          if (!contest) continue;
          var give = new Float64Array(P), total = 0;
          mem.forEach(function (p) { give[p] = out[b + p] * bloc.rate[p]; });
          give[best] = 0; give[f] = 0; give[sc] = 0;
          for (jj = 0; jj < P; jj++) total += give[jj];
          for (jj = 0; jj < P; jj++) out[b + jj] -= give[jj];
          out[b + best] += total;
          moved[r] += total;
        }
      });
      return { x: out, moved: moved };
    }

    // ---------------------------------------------------------------- run_model
    /**
     * projection.run_model(base, model, poll=poll, tactical=tactical) and project's winners.
     * Returns {shares (S*P), winner, runner, margin, entered, tactical, scenario, notes}.
     */
    function run(poll, model, tactical) {
      if (D.models.indexOf(model) < 0) fail('Unknown model ' + JSON.stringify(model) + ': ' + D.models.join(', ') + '.');
      if (model === 'demographic' && !demo) fail('The demographic model needs each seat\'s leave and census shares, which this page has not got.');
      var sc = resolve(poll), st = standing(sc), cells = sc.cells, K = sc.names.length, i, jj, r, o;
      var rows = [], all = [];
      for (i = 0; i < S; i++) { all.push(i); if (cells[i] >= 0) rows.push(i); }
      var w = new Float64Array(S), free = new Float64Array(S * P);
      for (i = 0; i < S; i++) {
        w[i] = cells[i] >= 0 ? votes[i] : 0;
        for (jj = 0; jj < P; jj++) free[i * P + jj] = fixed[i * P + jj] > 0 ? 0 : st.start[i * P + jj];
      }
      var areaFree = cellShares(free, w, cells, K, all, P), areaFixed = cellShares(fixed, w, cells, K, all, P);
      var goal = new Float64Array(K * P);
      for (o = 0; o < K * P; o++) goal[o] = Math.max(sc.targets[Math.floor(o / P)][o % P] - areaFixed[o], 0);
      var n = rows.length, out = Float64Array.from(base), movedT = new Float64Array(S), notes = sc.notes.concat(st.notes);
      if (n) {
        var xs = new Float64Array(n * P), sts = new Uint8Array(n * P), dl = new Float64Array(n * P), ab = new Float64Array(n * P);
        var rc = new Int32Array(n), wr = new Float64Array(n), room = new Float64Array(n);
        for (r = 0; r < n; r++) {
          i = rows[r]; rc[r] = cells[i]; wr[r] = w[i];
          for (jj = 0; jj < P; jj++) {
            o = r * P + jj;
            var co = cells[i] * P + jj;
            xs[o] = free[i * P + jj]; sts[o] = st.stands[i * P + jj];
            dl[o] = goal[co] - areaFree[co]; ab[o] = areaFree[co];
          }
        }
        var x = prior(model, xs, sts, dl, ab, n);
        if (model === 'demographic') {
          var growth = new Float64Array(K * P);
          for (o = 0; o < K * P; o++) {
            var gr = areaFree[o] > 0 ? Math.log(Math.max(goal[o], 1e-9) / areaFree[o]) : 0;
            growth[o] = Math.min(Math.max(gr, 0), 3);
          }
          for (r = 0; r < n; r++) {
            for (jj = 0; jj < P; jj++) x[r * P + jj] = x[r * P + jj] * Math.exp(demo[rows[r] * P + jj] * growth[rc[r] * P + jj]);
          }
        }
        if (tactical !== null && tactical !== undefined) {
          var blocs = parseTactical(tactical);
          if (blocs.length) {
            var tr = applyTactical(x, blocs, rows, n);
            x = tr.x;
            for (r = 0; r < n; r++) movedT[rows[r]] = tr.moved[r];
          }
        }
        for (r = 0; r < n; r++) { room[r] = 100; for (jj = 0; jj < P; jj++) room[r] -= fixed[rows[r] * P + jj]; }
        for (o = 0; o < K * P; o++) if (goal[o] < 1e-9) goal[o] = 0;  // rounding dust, not a share to deliver
        var meanRoom = cellShares(room, wr, rc, K, rows.map(function (v, idx) { return idx; }), 1);
        for (var c = 0; c < K; c++) {
          var tg = 0;
          for (jj = 0; jj < P; jj++) tg += goal[c * P + jj];
          if (tg > 0) for (jj = 0; jj < P; jj++) goal[c * P + jj] = goal[c * P + jj] * meanRoom[c] / tg;
        }
        var y = deliver(x, sts, wr, rc, goal, room, D.additive.indexOf(model) >= 0, K, n);
        for (r = 0; r < n; r++) for (jj = 0; jj < P; jj++) out[rows[r] * P + jj] = y[r * P + jj] + fixed[rows[r] * P + jj];
      }
      var win = new Int32Array(S), run2 = new Int32Array(S), margin = new Float64Array(S), arr = new Float64Array(P);
      for (i = 0; i < S; i++) {  // swingmodels.winners(parties, shares * lumped): a stable argsort
        var f = 0, s2 = -1;
        for (jj = 0; jj < P; jj++) { arr[jj] = out[i * P + jj] * lf[i * P + jj]; if (arr[jj] > arr[f]) f = jj; }
        for (jj = 0; jj < P; jj++) if (jj !== f && (s2 < 0 || arr[jj] > arr[s2])) s2 = jj;
        win[i] = f; run2[i] = s2; margin[i] = arr[f] - arr[s2];
      }
      return { shares: out, winner: win, runner: run2, margin: margin, entered: st.entered, tactical: movedT,
               scenario: sc, notes: notes };
    }
    /** The base result as a run() result (no scenario). */
    function baseResult() {
      var win = new Int32Array(S), run2 = new Int32Array(S), margin = new Float64Array(S), arr = new Float64Array(P);
      for (var i = 0; i < S; i++) {
        var f = 0, s2 = -1, jj;
        for (jj = 0; jj < P; jj++) { arr[jj] = base[i * P + jj] * lf[i * P + jj]; if (arr[jj] > arr[f]) f = jj; }
        for (jj = 0; jj < P; jj++) if (jj !== f && (s2 < 0 || arr[jj] > arr[s2])) s2 = jj;
        win[i] = f; run2[i] = s2; margin[i] = arr[f] - arr[s2];
      }
      return { shares: Float64Array.from(base), winner: win, runner: run2, margin: margin,
               entered: new Uint8Array(S * P), tactical: new Float64Array(S), scenario: null, notes: [] };
    }
    /** A poll's completed shares in one area (scenario._complete_poll): what the page's sliders show. */
    function complete(area, raw) {
      var a = areaOf(area);
      return completePoll(raw, members(a, nation, region), a, []).target;
    }
    return { parties: parties, seats: S, base: base, votes: votes, nation: nation, region: region,
             models: D.models, defaultModel: D.default_model, areaOf: areaOf, areaShares: areaShares,
             complete: complete, resolve: resolve, run: run, baseResult: baseResult };
  }

  var api = { create: create };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.SeatmapModel = api;
})(typeof self !== 'undefined' ? self : this);
