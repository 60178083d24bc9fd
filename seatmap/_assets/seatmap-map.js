/* seatmap map interface (MIT licence, part of seatmap).
 *
 * Draws seats from the compact geometry (smDecode) and builds tooltips, seat cards, the legend,
 * the title, the seat search box and the fullscreen button. Every text is put into the page with
 * DOM text nodes (textContent), never parsed as HTML, so a seat label that contains an HTML tag
 * with an event handler shows as text and runs nothing. The one Leaflet API that takes HTML (the
 * attribution control) gets escaped text.
 */
var seatmap = (function () {
  "use strict";

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }

  // a column is either {v: [values]} or dictionary-coded {d: [distinct], i: [index per seat]}
  function val(col, i) {
    if (!col) return "";
    var v = col.d ? (col.i[i] < 0 ? null : col.d[col.i[i]]) : col.v[i];
    return v === null || v === undefined ? "" : v;
  }

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function init(map, spec) {
    var t0 = (window.performance && performance.now) ? performance.now() : 0;
    var ctx = {map: map, spec: spec, shapes: smDecode(spec.geo), polys: [], n: spec.geo.codes.length};
    ctx.initAt = t0 || null;  // ms from navigation start to the map script (HTML parsed)
    ctx.decodeMs = t0 ? performance.now() - t0 : null;
    var pane = map.createPane("smOverlay");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var labels = map.createPane("smLabels");
    labels.style.zIndex = 460;
    labels.style.pointerEvents = "none";
    if (spec.planar) L.DomUtil.addClass(map.getContainer(), "sm-hex");
    fit(ctx);
    // refit when the page's size settles or changes (notebooks, resized windows), until the
    // reader moves the map themselves
    var box = map.getContainer();
    L.DomEvent.on(box, "wheel mousedown touchstart keydown", function () { ctx.userMoved = true; });
    L.DomEvent.on(window, "resize", function () { if (!ctx.userMoved) fit(ctx); });
    if (spec.regions) regions(ctx, spec.regions);
    keepTipOffCard(ctx);
    window.seatmapMaps = window.seatmapMaps || [];
    window.seatmapMaps.push(ctx);
    return ctx;
  }

  function fit(ctx) {
    ctx.map.invalidateSize({pan: false});
    ctx.map.fitBounds(ctx.spec.bounds, {padding: [8, 8], animate: false});
  }

  // hex maps: region borders and names, above the seats, below the layers
  function regions(ctx, r) {
    var pane = ctx.map.createPane("smRegions");
    pane.style.zIndex = 440;
    pane.style.pointerEvents = "none";
    for (var k = 0; k < r.lines.length; k++) {
      L.polyline(r.lines[k], {pane: "smRegions", interactive: false, color: "#333333",
                              weight: 2, opacity: 0.9, className: "sm-region-line"}).addTo(ctx.map);
    }
    var leaders = r.leaders || [];  // names sit off the hexagons, joined by a thin line
    for (var q = 0; q < leaders.length; q++) {
      L.polyline(leaders[q], {pane: "smRegions", interactive: false, color: "#777777",
                              weight: 1, opacity: 0.9, className: "sm-region-leader"}).addTo(ctx.map);
    }
    // the names are placed off the hexagons for a size in map units (mapspec.LABEL_CHAR):
    // their font follows the zoom (within 7-12 px) so that they stay clear of the seats
    var box = ctx.map.getContainer();
    function fontSize() {
      var px = Math.max(7, Math.min(12, 0.6 * Math.pow(2, ctx.map.getZoom())));
      box.style.setProperty("--sm-region-font", px.toFixed(1) + "px");
    }
    ctx.map.on("zoomend", fontSize);
    fontSize();
    for (var j = 0; j < r.labels.length; j++) {
      var text = el("span", "sm-region-name", r.labels[j][0]);
      L.marker([r.labels[j][1], r.labels[j][2]], {
        pane: "smLabels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "sm-region-label", html: text, iconSize: null})
      }).addTo(ctx.map);
    }
  }

  // a tooltip never sits on top of the open seat card: it moves beside the card (the
  // shortest way that stays inside the map), or hides if there is no room
  function keepTipOffCard(ctx) {
    var map = ctx.map;
    function check() {
      var t = ctx.tipEl;
      if (!t) return;
      t.style.visibility = "";
      if (!ctx.cardEl || !ctx.cardEl.isConnected) return;
      var a = t.getBoundingClientRect(), b = ctx.cardEl.getBoundingClientRect();
      if (!(a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top)) return;
      var m = map.getContainer().getBoundingClientRect(), gap = 8;
      var moves = [[0, b.bottom + gap - a.top], [0, b.top - gap - a.bottom],
                   [b.right + gap - a.left, 0], [b.left - gap - a.right, 0]];
      // the controls (legend, layers, title) sit above tooltips: prefer a place clear of them
      var controls = map.getContainer().querySelectorAll(".leaflet-control");
      function hidden(d) {
        for (var k = 0; k < controls.length; k++) {
          var c = controls[k].getBoundingClientRect();
          if (a.left + d[0] < c.right && a.right + d[0] > c.left &&
              a.top + d[1] < c.bottom && a.bottom + d[1] > c.top) return 1;
        }
        return 0;
      }
      moves = moves.filter(function (d) {
        return a.left + d[0] >= m.left && a.right + d[0] <= m.right &&
               a.top + d[1] >= m.top && a.bottom + d[1] <= m.bottom;
      }).sort(function (p, q) {
        return (hidden(p) - hidden(q)) || Math.abs(p[0] + p[1]) - Math.abs(q[0] + q[1]);
      });
      if (!moves.length) { t.style.visibility = "hidden"; return; }
      var pos = L.DomUtil.getPosition(t);
      L.DomUtil.setPosition(t, pos.add(L.point(moves[0][0], moves[0][1])));
    }
    // Leaflet places a sticky tooltip after the map's own mouse handlers run: check after it
    function later() { check(); setTimeout(check, 0); }
    map.on("tooltipopen", function (e) { ctx.tipEl = e.tooltip.getElement(); later(); });
    map.on("tooltipclose", function () { ctx.tipEl = null; });
    map.on("popupopen", function (e) { ctx.cardEl = e.popup.getElement(); later(); });
    map.on("popupclose", function () { ctx.cardEl = null; later(); });
    map.on("mousemove moveend", later);
    ctx.tipCheck = check;
  }

  function fillOf(ctx, i) {
    var f = ctx.spec.fill, c = f.idx[i];
    return c < 0 ? (c === -2 ? f.absent : f.none) : f.palette[c];
  }

  function seats(ctx, opts) {
    var group = L.featureGroup();
    var base = {weight: opts.weight, color: opts.line, fillOpacity: opts.opacity, opacity: 1};
    function over(e) {
      var l = e.target;
      l.setStyle({weight: opts.weight + 2, color: "#222222"});
      if (!L.Browser.ie && !L.Browser.opera && !L.Browser.edge) l.bringToFront();
    }
    function out(e) { e.target.setStyle(base); }
    function tipOf(l) { return tip(ctx, l.smI); }
    function cardOf(l) { return card(ctx, l.smI); }
    for (var i = 0; i < ctx.n; i++) {
      if (!ctx.shapes[i].length) continue;
      var p = L.polygon(ctx.shapes[i], {
        className: "sm-seat", fillColor: fillOf(ctx, i), weight: base.weight, color: base.color,
        fillOpacity: base.fillOpacity, opacity: 1, smoothFactor: opts.smooth
      });
      p.smI = i;
      p.bindTooltip(tipOf, {sticky: true, className: "sm-tip", direction: "auto"});
      p.bindPopup(cardOf, {maxWidth: cardWidth(), minWidth: Math.min(230, cardWidth()),
                           className: "sm-card-popup", autoPanPaddingTopLeft: [10, 60],
                           autoPanPaddingBottomRight: [10, 20]});
      // on a phone the card is a sheet at the bottom of the map instead of a popup
      p.off("click", p._openPopup, p);
      p.on("click", function (e) { openCard(ctx, e.target.smI, e.latlng); });
      p.on("mouseover", over);
      p.on("mouseout", out);
      group.addLayer(p);
      ctx.polys[i] = p;
    }
    ctx.seatLayer = group;
    return group;
  }

  function narrow(ctx) { return ctx.map.getContainer().clientWidth < 600; }

  function openCard(ctx, i, latlng) {
    var p = ctx.polys[i];
    if (!narrow(ctx)) { closeSheet(ctx); p.openPopup(latlng || p.getCenter()); return; }
    ctx.map.closePopup();
    var box = ctx.map.getContainer(), sheet = ctx.sheet;
    if (!sheet) {
      sheet = ctx.sheet = el("div", "sm-sheet", null, box);
      sheet.setAttribute("role", "dialog");
      L.DomEvent.disableClickPropagation(sheet);
      L.DomEvent.disableScrollPropagation(sheet);
    }
    var close = el("button", "sm-sheet-close", "\u00d7", null);
    close.type = "button";
    close.setAttribute("aria-label", "Close the seat card");
    L.DomEvent.on(close, "click", function () { closeSheet(ctx); });
    sheet.replaceChildren(close, card(ctx, i));
    if (ctx.picked && ctx.picked !== p) ctx.picked.setStyle({weight: ctx.picked.options.smWeight, color: ctx.picked.options.smLine});
    p.options.smWeight = p.options.smWeight || p.options.weight;
    p.options.smLine = p.options.smLine || p.options.color;
    p.setStyle({weight: 3, color: "#000000"});
    ctx.picked = p;
    sheet.setAttribute("aria-label", String(val(ctx.spec.names, i)));
    sheet.style.display = "block";
    sheet.scrollTop = 0;
    ctx.cardEl = sheet;
  }

  function closeSheet(ctx) {
    if (ctx.sheet) ctx.sheet.style.display = "none";
    if (ctx.picked) ctx.picked.setStyle({weight: ctx.picked.options.smWeight, color: ctx.picked.options.smLine});
    ctx.picked = null;
    if (ctx.cardEl === ctx.sheet) ctx.cardEl = null;
  }

  // a seat card never wider than the screen (a phone is 360-430 px wide)
  function cardWidth() { return Math.max(200, Math.min(340, (window.innerWidth || 400) - 48)); }

  function overlay(ctx, spec) {
    var group = L.featureGroup();
    for (var k = 0; k < spec.idx.length; k++) {
      var i = spec.idx[k];
      if (!ctx.shapes[i] || !ctx.shapes[i].length) continue;
      // a white casing under each outline keeps it visible on any fill colour
      group.addLayer(L.polygon(ctx.shapes[i], {
        pane: "smOverlay", interactive: false, fill: false, color: "#ffffff",
        weight: spec.weight + 4, opacity: 0.95, className: "sm-overlay-casing", smoothFactor: 1
      }));
      group.addLayer(L.polygon(ctx.shapes[i], {
        pane: "smOverlay", interactive: false, fill: spec.fill, fillColor: spec.colour,
        fillOpacity: spec.fill ? 0.25 : 0, color: spec.colour, weight: spec.weight,
        dashArray: spec.dash || null, lineCap: spec.dash && spec.dash.charAt(0) === "1" ? "round" : "butt",
        className: "sm-overlay", smoothFactor: 1
      }));
    }
    return group;
  }

  function rows(table, tbody, i) {
    for (var r = 0; r < table.labels.length; r++) {
      var v = val(table.cols[r], i);
      if (v === "") continue;
      var tr = el("tr", table.strong && table.strong[r] ? "sm-strong" : "", null, tbody);
      el("th", null, table.labels[r], tr);
      el("td", null, v, tr);
    }
  }

  function tip(ctx, i) {
    var s = ctx.spec, box = el("div", "sm-tipbox");
    el("div", "sm-name", val(s.names, i), box);
    var sub = val(s.sub, i);
    if (sub) el("div", "sm-sub", sub, box);
    rows(s.tip, el("tbody", null, null, el("table", null, null, box)), i);
    return box;
  }

  function card(ctx, i) {
    var s = ctx.spec, box = el("div", "sm-card");
    el("div", "sm-name", val(s.names, i), box);
    var sub = val(s.sub, i);
    if (sub) el("div", "sm-sub", sub, box);
    var bars = s.bars;
    if (bars && bars.v[i] && bars.v[i].length) {
      var wrap = el("div", "sm-bars", null, box);
      el("div", "sm-bars-title", bars.title, wrap);
      var top = bars.v[i];
      for (var k = 0; k < top.length; k++) {
        var row = el("div", "sm-bar", null, wrap);
        el("span", "sm-bar-label", bars.labels[top[k][0]], row);
        var track = el("span", "sm-bar-track", null, row);
        var fillEl = el("span", "sm-bar-fill", null, track);
        fillEl.style.width = Math.max(0, Math.min(100, top[k][1])) + "%";
        fillEl.style.background = bars.colours[top[k][0]];
        el("span", "sm-bar-value", top[k][1].toFixed(1) + "%", row);
      }
    }
    rows(s.card, el("tbody", null, null, el("table", null, null, box)), i);
    return box;
  }

  function legend(ctx, spec) {
    var c = L.control({position: "bottomright"});
    c.onAdd = function () {
      var box = L.DomUtil.create("div", "sm-legend leaflet-bar");
      // below 600 px the legend is a button that opens it (CSS hides the rest until then)
      var btn = el("button", "sm-legend-toggle", "Legend", box);
      btn.type = "button";
      btn.setAttribute("aria-expanded", "false");
      L.DomEvent.on(btn, "click", function () {
        var open = !L.DomUtil.hasClass(box, "sm-open");
        if (open) L.DomUtil.addClass(box, "sm-open"); else L.DomUtil.removeClass(box, "sm-open");
        btn.setAttribute("aria-expanded", open ? "true" : "false");
        btn.textContent = open ? "Hide legend" : "Legend";
      });
      el("div", "sm-legend-title", spec.title, box);
      if (spec.note) el("div", "sm-legend-note", spec.note, box);
      var list = el("div", "sm-legend-items", null, box);
      for (var k = 0; k < spec.items.length; k++) {
        var it = spec.items[k], row = el("div", "sm-legend-item", null, list);
        el("span", "sm-swatch", null, row).style.background = it[0];
        el("span", "sm-legend-label", it[1], row);
        if (it[2] !== null && it[2] !== undefined) el("span", "sm-legend-count", it[2], row);
      }
      if (spec.overlays && spec.overlays.length) {
        var ol = el("div", "sm-legend-items sm-legend-overlays", null, box);
        for (var o = 0; o < spec.overlays.length; o++) {
          var ov = spec.overlays[o], r2 = el("div", "sm-legend-item sm-legend-layer", null, ol);
          // the swatch is the layer's outline itself: its colour, width and dash pattern
          var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
          svg.setAttribute("class", "sm-swatch-line");
          svg.setAttribute("width", "26");
          svg.setAttribute("height", "14");
          var rect = document.createElementNS(ns, "rect");
          rect.setAttribute("x", "2"); rect.setAttribute("y", "2");
          rect.setAttribute("width", "22"); rect.setAttribute("height", "10");
          rect.setAttribute("fill", "none");
          rect.setAttribute("stroke", ov[0]);
          rect.setAttribute("stroke-width", String(Math.min(ov[3] || 2.5, 3)));
          if (ov[2]) rect.setAttribute("stroke-dasharray", ov[2]);
          if (ov[2] && ov[2].charAt(0) === "1") rect.setAttribute("stroke-linecap", "round");
          svg.appendChild(rect);
          r2.appendChild(svg);
          el("span", "sm-legend-label", ov[1], r2);
        }
      }
      if (spec.sources && spec.sources.length) {
        var det = el("details", "sm-sources", null, box);
        el("summary", null, spec.sourcesTitle || "Sources", det);
        var ul = el("ul", null, null, det);
        for (var s = 0; s < spec.sources.length; s++) el("li", null, spec.sources[s], ul);
      }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    c.addTo(ctx.map);
    return c;
  }

  function title(ctx, spec) {
    var c = L.control({position: "topleft"});
    c.onAdd = function () {
      var box = L.DomUtil.create("div", "sm-title");
      el("h1", null, spec.title, box);
      if (spec.subtitle) el("p", null, spec.subtitle, box);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    c.addTo(ctx.map);
    return c;
  }

  function attribution(ctx, lines) {
    var a = ctx.map.attributionControl;
    if (!a) return;
    for (var k = 0; k < lines.length; k++) a.addAttribution(esc(lines[k]));
  }

  function search(ctx, opts) {
    var names = ctx.spec.names, n = ctx.n, keys = [], codes = ctx.spec.geo.codes;
    for (var i = 0; i < n; i++) keys.push(fold(val(names, i)));
    function find(q) {
      var f = fold(q), k;
      if (!f) return -1;
      var upper = String(q).trim().toUpperCase();
      for (k = 0; k < n; k++) if (codes[k] === upper) return k;
      for (k = 0; k < n; k++) if (keys[k] === f) return k;
      for (k = 0; k < n; k++) if (keys[k].indexOf(f) === 0) return k;
      for (k = 0; k < n; k++) if (keys[k].indexOf(f) >= 0) return k;
      return -1;
    }
    var c = L.control({position: "topright"});
    c.onAdd = function () {
      var box = L.DomUtil.create("div", "sm-search leaflet-bar");
      var input = el("input", null, null, box);
      input.type = "search";
      input.placeholder = opts.placeholder;
      input.setAttribute("aria-label", opts.placeholder);
      var listId = "sm-seats-" + opts.id;
      input.setAttribute("list", listId);
      var dl = el("datalist", null, null, box);
      dl.id = listId;
      var sorted = [];
      for (var i = 0; i < n; i++) if (ctx.polys[i]) sorted.push(String(val(names, i)));
      sorted.sort(function (a, b) { return a.localeCompare(b); });
      for (var j = 0; j < sorted.length; j++) el("option", null, null, dl).value = sorted[j];
      function go() {
        var k = find(input.value);
        if (k < 0 || !ctx.polys[k]) {
          L.DomUtil.addClass(input, "sm-notfound");
          input.title = "No seat matches";
          return;
        }
        L.DomUtil.removeClass(input, "sm-notfound");
        input.title = "";
        var p = ctx.polys[k];
        if (ctx.seatLayer && !ctx.map.hasLayer(ctx.seatLayer)) ctx.map.addLayer(ctx.seatLayer);
        // the seat and its neighbours (its box doubled each way), low enough in the map
        // that the card, which opens above it, does not cover it
        // (on a phone the card is a sheet over the lower half: the seat goes above it)
        var size = ctx.map.getSize(), phoneNow = narrow(ctx),
            title = ctx.map.getContainer().querySelector(".sm-title");
        var top = title ? title.getBoundingClientRect().bottom -
            ctx.map.getContainer().getBoundingClientRect().top + 10 : 20;
        var room = phoneNow ? [[20, top], [20, Math.round(size.y * 0.5) + 10]]
            : [[20, Math.min(260, Math.round(size.y * 0.45))], [20, 20]];
        ctx.map.fitBounds(p.getBounds().pad(1), {maxZoom: Math.min(opts.maxZoom, 10),
                                                 paddingTopLeft: room[0],
                                                 paddingBottomRight: room[1], animate: false});
        openCard(ctx, k);
      }
      L.DomEvent.on(input, "change", go);
      L.DomEvent.on(input, "keydown", function (e) { if (e.key === "Enter") go(); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      ctx.findSeat = find;
      return box;
    };
    c.addTo(ctx.map);
    return c;
  }

  function fullscreen(ctx) {
    var c = L.control({position: "topleft"});
    c.onAdd = function () {
      var box = L.DomUtil.create("div", "leaflet-bar sm-fullscreen");
      var a = el("a", null, null, box);
      var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "16");
      svg.setAttribute("height", "16");
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5");
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", "#222");
      path.setAttribute("stroke-width", "2");
      svg.appendChild(path);
      a.appendChild(svg);
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = "Full screen";
      a.setAttribute("aria-label", "Full screen");
      var target = ctx.map.getContainer();
      if (!(target.requestFullscreen || target.webkitRequestFullscreen)) box.style.display = "none";
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var doc = document, on = doc.fullscreenElement || doc.webkitFullscreenElement;
        if (on) (doc.exitFullscreen || doc.webkitExitFullscreen).call(doc);
        else (target.requestFullscreen || target.webkitRequestFullscreen).call(target);
      });
      L.DomEvent.on(document, "fullscreenchange", function () { ctx.map.invalidateSize(); });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    c.addTo(ctx.map);
    return c;
  }

  // online basemap layers (asked for with tiles=) go on after the load event, so that an
  // unreachable tile server never delays the page
  function later(map, off, layers) {
    function go() {
      if (off && map.hasLayer(off)) map.removeLayer(off);
      for (var k = 0; k < layers.length; k++) map.addLayer(layers[k]);
    }
    if (document.readyState === "complete") setTimeout(go, 0);
    else window.addEventListener("load", function () { setTimeout(go, 0); });
  }

  // on a phone (below 600 px) the layer control is a button too, and the controls on the
  // right start below the title so that nothing covers it
  function phone(ctx) {
    var box = ctx.map.getContainer(), layers = box.querySelector(".leaflet-control-layers");
    if (layers && !layers.querySelector(".sm-layers-toggle")) {
      var btn = el("button", "sm-layers-toggle", "Layers", null);
      btn.type = "button";
      btn.setAttribute("aria-expanded", "false");
      layers.insertBefore(btn, layers.firstChild);
      L.DomEvent.on(btn, "click", function (e) {
        L.DomEvent.stop(e);
        var open = !L.DomUtil.hasClass(layers, "sm-open");
        if (open) L.DomUtil.addClass(layers, "sm-open"); else L.DomUtil.removeClass(layers, "sm-open");
        btn.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    function place() {
      var right = box.querySelector(".leaflet-top.leaflet-right"),
          title = box.querySelector(".sm-title");
      if (!right || !title) return;
      if (box.clientWidth < 600) {
        var top = title.getBoundingClientRect().bottom - box.getBoundingClientRect().top;
        right.style.top = Math.ceil(top + 2) + "px";
      } else right.style.top = "";
    }
    place();
    L.DomEvent.on(window, "resize", place);
    ctx.placeControls = place;
  }

  function drawn(ctx) {
    // mark the page once the seats are on screen (the browser tests and benchmark read this)
    phone(ctx);
    var done = function () {
      if (!ctx.userMoved) fit(ctx);
      ctx.drawnAt = (window.performance && performance.now) ? performance.now() : null;
      document.documentElement.setAttribute("data-seatmap-drawn", String(ctx.n));
    };
    if (window.requestAnimationFrame) window.requestAnimationFrame(function () { setTimeout(done, 0); });
    else done();
  }

  return {init: init, seats: seats, overlay: overlay, legend: legend, title: title,
          attribution: attribution, search: search, fullscreen: fullscreen, drawn: drawn, later: later,
          tip: tip, card: card};
})();
