/* qingdan: draws the charts, sorts and filters tables (search is search.js).
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
      // Options with media rules (narrow charts) keep the rest in baseOption.
      (options.baseOption || options).textStyle = { fontFamily: font };
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

  // Filters: a form[data-filter-for] filters the rows of the table it names,
  // by status, by org (the rows' data-orgs hold each project's org and its
  // ancestors) and by text. The filter is kept in the address
  // (?status=overdue&org=x&q=…), so that a filtered list can be shared and
  // a link such as the org page's status figures opens it filtered. Values
  // the form does not offer, and malformed escapes, are ignored: the list
  // then shows everything. The status figures above the list (.stat-filter)
  // set and clear the status in place, their links always saying where a
  // click leads.
  var filterKeys = ['status', 'org', 'q'];

  // readQuery returns the address's values of keys, the first of each,
  // skipping those that do not decode.
  function readQuery(keys) {
    var out = {};
    each(location.search.replace(/^\?/, '').split('&'), function (part) {
      var i = part.indexOf('='), k, v;
      if (i < 0) return;
      try {
        k = decodeURIComponent(part.slice(0, i).replace(/\+/g, ' '));
        v = decodeURIComponent(part.slice(i + 1).replace(/\+/g, ' '));
      } catch (e) { return; }
      if (keys.indexOf(k) >= 0 && !Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
    });
    return out;
  }

  function filters(form) {
    var target = doc.getElementById(form.getAttribute('data-filter-for'));
    if (!target) return;
    var rows = target.querySelectorAll('tbody tr');
    var count = form.querySelector('output');
    var chips = doc.querySelectorAll('.stat-filter a[data-status]');
    // On a list of many pages the figures count every page; this page
    // alone cannot recount them.
    var paged = !!doc.querySelector('.pager');
    // This page, relative: "./" for a folder, "index.html" for a file.
    var self = location.pathname.replace(/^.*\//, '') || './';
    function field(k) { var f = form.elements[k]; return f && f.tagName ? f : null; }
    function offered(select, v) {
      for (var i = 0; i < select.options.length; i++) if (select.options[i].value === v) return true;
      return false;
    }
    function current() {
      var st = {};
      each(filterKeys, function (k) { var f = field(k); st[k] = f ? f.value : ''; });
      return st;
    }
    function query(st) {
      var out = [];
      each(filterKeys, function (k) {
        var v = k === 'q' ? (st[k] || '').trim() : st[k];
        if (v) out.push(k + '=' + encodeURIComponent(v).replace(/%20/g, '+'));
      });
      return out.length ? '?' + out.join('&') : '';
    }
    function save(push) {
      var url = self + query(current()) + location.hash;
      try { history[push ? 'pushState' : 'replaceState'](null, '', url); } catch (e) { /* file:// in some browsers */ }
    }
    function apply() {
      var st = current();
      var q = st.q.trim().toLowerCase();
      var shown = 0, tally = {};
      each(rows, function (r) {
        var orgs = ' ' + (r.getAttribute('data-orgs') || r.getAttribute('data-org') || '') + ' ';
        var s = r.getAttribute('data-status');
        var ok = (!st.org || orgs.indexOf(' ' + st.org + ' ') >= 0) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
        if (ok) tally[s] = (tally[s] || 0) + 1;
        ok = ok && (!st.status || s === st.status);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + ' / ' + rows.length;
      each(chips, function (a) {
        var s = a.getAttribute('data-status'), on = s === st.status, next = {};
        if (on) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
        each(filterKeys, function (k) { next[k] = st[k]; });
        next.status = on ? '' : s;
        a.setAttribute('href', self + query(next));
        var n = a.querySelector('strong');
        if (n && !paged) n.textContent = String(tally[s] || 0);
      });
    }
    // load sets the form from the address.
    function load() {
      var st = readQuery(filterKeys);
      each(filterKeys, function (k) {
        var f = field(k), v = st[k] || '';
        if (!f) return;
        if (f.tagName === 'SELECT' && !offered(f, v)) v = '';
        f.value = k === 'q' ? v.slice(0, 200) : v;
      });
      apply();
    }
    function changed() { apply(); save(false); }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    each(chips, function (a) {
      a.addEventListener('click', function (e) {
        var sel = field('status');
        if (!sel || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab follows the link
        e.preventDefault();
        var s = a.getAttribute('data-status');
        sel.value = sel.value === s ? '' : s;
        apply();
        save(true);
      });
    });
    window.addEventListener('popstate', load);
    load();
  }

  // A box that scrolls sideways (a wide table on a phone) takes the
  // keyboard's focus, so that keyboard users can scroll it too, and says
  // which way there is more (data-scroll="left right"): the theme shows a
  // hint and fades the edge that hides more.
  function scrollBoxes() {
    each(doc.querySelectorAll('.table-scroll, .prose table'), function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute('tabindex', '0');
      else el.removeAttribute('tabindex');
      if (/(^| )table-scroll( |$)/.test(el.className)) {
        edges(el);
        if (!el.qdScroll) {
          el.qdScroll = true;
          el.addEventListener('scroll', function () { edges(el); }, { passive: true });
        }
      }
    });
  }
  function edges(el) {
    var over = el.scrollWidth - el.clientWidth > 1, ways = [];
    if (over && el.scrollLeft > 1) ways.push('left');
    if (over && el.scrollLeft < el.scrollWidth - el.clientWidth - 1) ways.push('right');
    if (ways.length) el.setAttribute('data-scroll', ways.join(' '));
    else el.removeAttribute('data-scroll');
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
    each(doc.querySelectorAll('table.projects, table.ranking'), keepRoles);
    each(doc.querySelectorAll('form[data-filter-for]'), filters);
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
