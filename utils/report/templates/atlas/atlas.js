/* Argument Atlas reports: sort any table by a click on its header, filter long tables, and search
   every sentence of the report. Inline, no library, nothing from the network; without JavaScript
   the tables are plain and the search box stays hidden. */
(function () {
  "use strict";
  var tables = [].slice.call(document.querySelectorAll("table")).filter(function (t) {
    return t.tBodies.length && t.tBodies[0].rows.length && t.tHead;
  });
  function text(el) { return (el.textContent || "").toLowerCase(); }
  function num(s) {
    var v = s.replace(/[,\s%]/g, "").replace(/^[−–]/, "-");
    return v !== "" && isFinite(v) ? parseFloat(v) : NaN;
  }
  function refresh(t) {
    var q = (document.getElementById("atlas-q") || {}).value || "", f = t.atlasFilter ? t.atlasFilter.value : "";
    q = q.trim().toLowerCase(); f = f.trim().toLowerCase();
    var shown = 0;
    [].forEach.call(t.tBodies[0].rows, function (r) {
      var s = text(r), ok = (!q || s.indexOf(q) >= 0) && (!f || s.indexOf(f) >= 0);
      r.hidden = !ok; shown += ok;
    });
    return shown;
  }
  function sortBy(t, th) {
    var col = [].indexOf.call(th.parentNode.children, th), body = t.tBodies[0];
    var rows = [].slice.call(body.rows), dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var vals = rows.map(function (r) { return r.cells[col] ? r.cells[col].textContent.trim() : ""; });
    var numeric = vals.every(function (v) { return v === "" || !isNaN(num(v)); });
    var order = rows.map(function (r, i) { return i; }).sort(function (a, b) {
      var x = vals[a], y = vals[b];
      var c = numeric ? (isNaN(num(x)) ? -Infinity : num(x)) - (isNaN(num(y)) ? -Infinity : num(y))
                      : x.localeCompare(y, undefined, { numeric: true });
      return c * dir || a - b;
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
    [].forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  }
  tables.forEach(function (t) {
    var head = t.tHead ? t.tHead.rows[t.tHead.rows.length - 1] : null;
    if (head && t.tBodies[0].rows.length > 1 && head.cells.length === t.tBodies[0].rows[0].cells.length) {
      [].forEach.call(head.cells, function (th) {
        th.classList.add("atlas-sortable"); th.tabIndex = 0; th.title = "Sort by this column";
        th.addEventListener("click", function () { sortBy(t, th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(t, th); } });
      });
    }
    var n = t.tBodies[0].rows.length;
    if (n >= 8) {
      var box = document.createElement("input");
      box.type = "search"; box.className = "atlas-filter"; box.placeholder = "Filter these " + n + " rows";
      box.setAttribute("aria-label", "Filter the rows of the table below");
      box.addEventListener("input", function () { refresh(t); });
      t.atlasFilter = box; t.parentNode.insertBefore(box, t);
    }
  });
  var form = document.querySelector("form.atlas-search"), q = document.getElementById("atlas-q");
  if (form && q) {
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    q.addEventListener("input", function () {
      var term = q.value.trim(), rows = 0, hit = 0;
      tables.forEach(function (t) {
        var k = refresh(t); rows += k;
        if (term && k) {
          hit++;
          for (var d = t.parentNode; d; d = d.parentNode) if (d.tagName === "DETAILS") d.open = true;
        }
      });
      document.getElementById("atlas-count").textContent = term
        ? rows + " row" + (rows === 1 ? "" : "s") + " in " + hit + " table" + (hit === 1 ? "" : "s") + " contain “" + term + "”"
        : "";
    });
  }
  window.addEventListener("beforeprint", function () {
    [].forEach.call(document.querySelectorAll("details:not([open])"), function (d) { d.open = true; d.dataset.atlasPrint = "1"; });
  });
  window.addEventListener("afterprint", function () {
    [].forEach.call(document.querySelectorAll("details[data-atlas-print]"), function (d) { d.open = false; delete d.dataset.atlasPrint; });
  });
})();
