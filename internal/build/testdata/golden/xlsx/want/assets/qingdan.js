/* qingdan: draws the charts, sorts and filters tables, runs the search.
   A classic script with no dependencies; everything works without it. */
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.className += ' js';

  function each(list, fn) { for (var i = 0; i < list.length; i++) fn(list[i], i); }

  // Charts: the options are JSON in the script element right after each
  // container, inside the chart's figure: found by place, not by an id that
  // an article's own HTML or a heading could also carry.
  function charts() {
    if (!window.echarts) return;
    var drawn = [];
    var font = getComputedStyle(doc.documentElement).fontFamily;
    each(doc.querySelectorAll('figure.chart > .chart-canvas[data-chart]'), function (el) {
      var data = el.nextElementSibling;
      if (!data || data.tagName !== 'SCRIPT' || data.type !== 'application/json') return;
      var options = JSON.parse(data.textContent);
      options.textStyle = { fontFamily: font };
      var c = window.echarts.init(el, null, { renderer: 'canvas' });
      c.setOption(options);
      el.setAttribute('data-drawn', '');
      drawn.push(c);
      // Follow the container's size, whatever changes it (window, fonts, print).
      if (window.ResizeObserver) new ResizeObserver(function () { c.resize(); }).observe(el);
    });
    if (!window.ResizeObserver) {
      var timer;
      window.addEventListener('resize', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { each(drawn, function (c) { c.resize(); }); }, 120);
      });
    }
  }

  // Sortable tables: th[data-sort] become buttons.
  function cellValue(row, i, kind) {
    var cell = row.children[i];
    if (!cell) return '';
    var v = cell.getAttribute('data-value');
    if (v === null) v = cell.textContent.trim();
    return kind === 'num' ? parseFloat(v) || 0 : v;
  }
  function sortable(table) {
    var heads = table.querySelectorAll('th[data-sort]');
    var collator = window.Intl && Intl.Collator ? new Intl.Collator(doc.documentElement.lang || 'zh-CN', { numeric: true }) : null;
    each(heads, function (th) {
      var button = doc.createElement('button');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var kind = th.getAttribute('data-sort');
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        each(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind), r;
          if (kind === 'num') r = x - y;
          else r = collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0);
          return asc ? r : -r;
        });
        each(rows, function (r) { body.appendChild(r); });
      });
    });
  }

  // Tables laid out as cards on a phone (CSS display other than table) lose
  // their table semantics in some browsers; explicit roles keep them for
  // screen readers.
  function keepRoles(table) {
    table.setAttribute('role', 'table');
    each(table.querySelectorAll('thead, tbody'), function (g) { g.setAttribute('role', 'rowgroup'); });
    each(table.rows, function (r) { r.setAttribute('role', 'row'); });
    each(table.querySelectorAll('thead th'), function (c) { c.setAttribute('role', 'columnheader'); });
    each(table.querySelectorAll('tbody th'), function (c) { c.setAttribute('role', 'rowheader'); });
    each(table.querySelectorAll('td'), function (c) { c.setAttribute('role', 'cell'); });
  }

  // Filters: a form[data-filter-for] filters the rows of the table it names.
  function filters(form) {
    var target = doc.getElementById(form.getAttribute('data-filter-for'));
    if (!target) return;
    var rows = target.querySelectorAll('tbody tr');
    var count = form.querySelector('output');
    function apply() {
      var q = (form.elements.q ? form.elements.q.value : '').trim().toLowerCase();
      var st = form.elements.status ? form.elements.status.value : '';
      var shown = 0;
      each(rows, function (r) {
        var ok = (!st || r.getAttribute('data-status') === st) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + ' / ' + rows.length;
    }
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    apply();
  }

  // Search over window.QD_SEARCH, set by search/index.js.
  function search() {
    var input = doc.getElementById('q');
    var list = doc.getElementById('search-results');
    if (!input || !list || !window.QD_SEARCH) return;
    var count = doc.querySelector('.search-count');
    var root = '../';
    var files = /index\.html$/.test(location.pathname);
    function run() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      list.innerHTML = '';
      if (!words.length) { if (count) count.textContent = ''; return; }
      var hits = 0;
      each(window.QD_SEARCH, function (e) {
        if (hits >= 100) return;
        var text = (e.t + ' ' + e.s).toLowerCase();
        for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return;
        hits++;
        var li = doc.createElement('li');
        var a = doc.createElement('a');
        var url = e.u;
        if (files) url = url.replace(/\/(#|$)/, '/index.html$1');
        a.href = root + url;
        a.textContent = e.t;
        var small = doc.createElement('span');
        small.className = 'muted';
        small.textContent = e.k + (e.s ? ' · ' + e.s : '');
        li.appendChild(a);
        li.appendChild(small);
        list.appendChild(li);
      });
      if (count) count.textContent = hits >= 100 ? '100+' : String(hits);
    }
    input.addEventListener('input', run);
    var m = /[?&]q=([^&]*)/.exec(location.search);
    if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, ' ')); }
    run();
  }

  // A box that scrolls sideways (a wide table on a phone) takes the
  // keyboard's focus, so that keyboard users can scroll it too.
  function scrollBoxes() {
    each(doc.querySelectorAll('.table-scroll, .prose table'), function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute('tabindex', '0');
      else el.removeAttribute('tabindex');
    });
  }

  function start() {
    // Under the <base> the 404 page may set, "#main" would lead to the
    // site's root: keep in-page links on this page.
    if (doc.querySelector('base')) {
      each(doc.querySelectorAll('a[href^="#"]'), function (a) {
        a.href = location.pathname + location.search + a.getAttribute('href');
      });
    }
    scrollBoxes();
    var timer;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(scrollBoxes, 120); });
    charts();
    each(doc.querySelectorAll('table[data-sortable]'), sortable);
    each(doc.querySelectorAll('table.projects'), keepRoles);
    each(doc.querySelectorAll('form[data-filter-for]'), filters);
    search();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
