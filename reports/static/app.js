// Client script of the report viewer: live run progress over Server-Sent Events, and click-to-sort
// for tables marked "sortable", and j/k keyboard navigation. It only ever writes textContent and
// attributes, never HTML.
(function () {
  "use strict";
  var ORDER = ["AC", "WA", "PE", "TLE", "MLE", "RE", "CE", "OLE", "NO_CODE", "SE"];

  function verdictLine(verdicts) {
    var keys = Object.keys(verdicts || {});
    keys.sort(function (a, b) {
      var ia = ORDER.indexOf(a), ib = ORDER.indexOf(b);
      if (ia === -1 && ib === -1) return a < b ? -1 : a > b ? 1 : 0;
      if (ia === -1) return 1;
      if (ib === -1) return -1;
      return ia - ib;
    });
    var parts = keys.map(function (k) { return k + " " + verdicts[k]; });
    return parts.length ? parts.join(" \u00b7 ") : "no samples yet";
  }

  function follow(block) {
    var id = block.getAttribute("data-live-run");
    if (!id || !window.EventSource) return;
    var field = function (name) { return block.querySelector('[data-field="' + name + '"]'); };
    var source = new EventSource("/api/runs/" + encodeURIComponent(id) + "/events");
    function show(p) {
      var bar = field("progress");
      if (bar) {
        bar.setAttribute("max", String(Math.max(p.expected, p.judged, 1)));
        bar.setAttribute("value", String(p.judged));
      }
      if (field("judged")) field("judged").textContent = String(p.judged);
      if (field("expected")) field("expected").textContent = String(p.expected);
      if (field("status")) field("status").textContent = p.status;
      if (field("verdicts")) field("verdicts").textContent = verdictLine(p.verdicts);
      block.setAttribute("data-updated", p.updatedAt || "");
    }
    source.addEventListener("progress", function (e) { show(JSON.parse(e.data)); });
    source.addEventListener("done", function (e) {
      source.close();
      show(JSON.parse(e.data));
      block.classList.add("finished");
      var note = document.createElement("p");
      var link = document.createElement("a");
      link.href = "/runs/" + encodeURIComponent(id);
      link.textContent = "Run finished: open its final metrics";
      note.appendChild(link);
      block.appendChild(note);
    });
    source.addEventListener("gone", function () { source.close(); });
  }

  function cellValue(row, index) {
    var cell = row.children[index];
    var text = cell ? cell.textContent.trim() : "";
    var num = parseFloat(text.replace(/[+%,]|\s*pp$/g, ""));
    return isNaN(num) || !/^[+\-]?[\d.]/.test(text) ? { text: text } : { num: num, text: text };
  }

  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      th.classList.add("clickable");
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        if (!body) return;
        var dir = th.getAttribute("data-dir") === "desc" ? "asc" : "desc";
        heads.forEach(function (h) { h.removeAttribute("data-dir"); });
        th.setAttribute("data-dir", dir);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var c = x.num !== undefined && y.num !== undefined ? x.num - y.num : x.text.localeCompare(y.text);
          return dir === "asc" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  // j / → and k / ← follow the page's rel=next / rel=prev links (a sample page keeps its list's filter
  // in them), unless the user is typing into a field.
  function keys(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var rel = e.key === "j" || e.key === "ArrowRight" ? "next" : e.key === "k" || e.key === "ArrowLeft" ? "prev" : null;
    if (!rel) return;
    var link = document.querySelector('.actions a[rel="' + rel + '"], nav.pager a[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  }

  // A running job's curves: the same scaling as chartPoints in reports/views/jobs.tsx.
  var CHART_W = 360, CHART_H = 120, PAD = 6;
  function chartPoints(points) {
    if (!points.length) return "";
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    return points.map(function (p) {
      var x = PAD + ((p[0] - x0) / (x1 - x0 || 1)) * (CHART_W - 2 * PAD);
      var y = CHART_H - PAD - ((p[1] - y0) / (y1 - y0 || 1)) * (CHART_H - 2 * PAD);
      return x.toFixed(1) + "," + y.toFixed(1);
    }).join(" ");
  }

  function followJob(block) {
    var id = block.getAttribute("data-live-job");
    if (!id || !window.EventSource) return;
    var source = new EventSource("/api/jobs/" + encodeURIComponent(id) + "/events");
    function show(live) {
      var state = block.querySelector('[data-field="state"]'), step = block.querySelector('[data-field="lastStep"]');
      if (state) state.textContent = live.state;
      if (step) step.textContent = live.lastStep === null ? "" : String(live.lastStep);
      Object.keys(live.series).forEach(function (name) {
        var fig = block.querySelector('figure[data-metric="' + name.replace(/"/g, "") + '"]');
        // A metric the page has no curve for yet (the first rows arrived): the server draws the new set.
        if (!fig) { source.close(); window.location.reload(); return; }
        var points = live.series[name];
        var drawn = chartPoints(points);
        fig.querySelector("polyline").setAttribute("points", drawn);
        var dot = fig.querySelector("circle"), end = drawn.split(" ").pop().split(",");
        if (dot && end.length === 2) { dot.setAttribute("cx", end[0]); dot.setAttribute("cy", end[1]); }
        var last = fig.querySelector('[data-field="last"]');
        if (last && points.length) last.textContent = String(Number(points[points.length - 1][1].toPrecision(4)));
        var steps = fig.querySelector('[data-field="steps"]');
        if (steps && points.length) steps.textContent = "steps " + points[0][0] + "\u2013" + points[points.length - 1][0];
      });
    }
    source.addEventListener("live", function (e) { show(JSON.parse(e.data)); });
    source.addEventListener("done", function (e) { source.close(); show(JSON.parse(e.data)); block.classList.add("finished"); });
  }

  document.addEventListener("keydown", keys);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live-run]").forEach(follow);
    document.querySelectorAll("[data-live-job]").forEach(followJob);
    document.querySelectorAll("table.sortable").forEach(sortable);
  });
})();
