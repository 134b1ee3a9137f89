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

  // Filters: a form[data-filter-for] filters the rows of the table it names
  // by org (the rows' data-orgs hold each project's org and its ancestors)
  // and by text; the status is the list itself (projects/status/KEY/, one
  // static list per status, its figures above it links). The filter is kept
  // in the address (?org=x&q=…), so that a filtered list can be shared and
  // the org page's figures can open a list filtered. The lists follow the
  // org tree, so an org's projects stand together: picking an org whose
  // projects begin on another page of the list opens that page (its
  // option's data-page), and the pager's and the figures' links keep the
  // filter. Values the form does not offer, and malformed escapes, are
  // ignored: the list then shows everything. An address of the old kind
  // (projects/?status=overdue) opens the status's list.
  var filterKeys = ['org', 'q'];

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
    // Links that keep the filter: the pager's and the status figures'.
    var keep = doc.querySelectorAll('.pager a, .stat-filter a[data-status]');
    each(keep, function (a) { a.qdBase = a.getAttribute('href').replace(/[?#].*$/, ''); });
    var here = +form.getAttribute('data-page') || 1, leaving = false;
    // This page, relative: "./" for a folder, "index.html" for a file.
    var self = location.pathname.replace(/^.*\//, '') || './';
    function field(k) { var f = form.elements[k]; return f && f.tagName ? f : null; }
    function option(select, v) {
      for (var i = 0; i < select.options.length; i++) if (select.options[i].value === v) return select.options[i];
      return null;
    }
    // under reports whether row r is a project of org id or of one of its
    // sub-organizations.
    function under(r, id) {
      return (' ' + (r.getAttribute('data-orgs') || r.getAttribute('data-org') || '') + ' ').indexOf(' ' + id + ' ') >= 0;
    }
    // pageLink is the link to page n of this list, from this page.
    function pageLink(n) {
      if (n <= 1) return form.getAttribute('data-first');
      return form.getAttribute('data-second').replace(/page\/2\/(index\.html)?$/, 'page/' + n + '/$1');
    }
    // offer adds an org the filter does not list (a list of many orgs
    // lists the upper levels only) when this page has its projects, and
    // returns its id, or '' when it has none.
    function offer(select, id) {
      var name = '', found = false;
      each(rows, function (r) {
        if (!under(r, id)) return;
        found = true;
        var a = r.getAttribute('data-org') === id && r.querySelector('td a');
        if (a && !name) name = a.textContent;
      });
      if (!found) return '';
      var o = doc.createElement('option');
      o.value = id;
      o.textContent = name || id;
      select.appendChild(o);
      return id;
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
    // away opens the page where the org picked begins, when its projects
    // are not on this one; it reports whether it did.
    function away(push) {
      var sel = field('org'), st = current();
      var opt = sel && st.org ? option(sel, st.org) : null;
      var n = opt ? +opt.getAttribute('data-page') : 0;
      if (!n || n === here) return false;
      for (var i = 0; i < rows.length; i++) {
        if (under(rows[i], st.org)) return false;
      }
      var url = pageLink(n) + query(st);
      leaving = true;
      if (push) location.assign(url); else location.replace(url);
      return true;
    }
    function apply() {
      var st = current();
      var q = st.q.trim().toLowerCase();
      var shown = 0;
      each(rows, function (r) {
        var ok = (!st.org || under(r, st.org)) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + ' / ' + rows.length;
      var qs = query(st);
      each(keep, function (a) {
        // A figure on a list's own status leads back to every status.
        a.setAttribute('href', a.qdBase + qs);
      });
    }
    // load sets the form from the address.
    function load() {
      var st = readQuery(filterKeys.concat('status'));
      if (st.status) {
        // The old address of a status's list: open the list.
        var chip = null;
        each(keep, function (a) { if (a.getAttribute('data-status') === st.status) chip = a; });
        if (chip && !chip.hasAttribute('aria-current')) {
          delete st.status;
          location.replace(chip.qdBase + query(st) + location.hash);
          return;
        }
      }
      each(filterKeys, function (k) {
        var f = field(k), v = st[k] || '';
        if (!f) return;
        if (f.tagName === 'SELECT' && v && !option(f, v)) v = offer(f, v);
        f.value = k === 'q' ? v.slice(0, 200) : v;
      });
      if (away(false)) return;
      apply();
    }
    function changed(e) {
      if (leaving || (e && e.target === field('org') && away(true))) return;
      apply();
      save(false);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    window.addEventListener('popstate', load);
    load();
  }

  // A box that scrolls sideways (a wide table on a phone) takes the
  // keyboard's focus, so that keyboard users can scroll it too, and says
  // which way there is more (data-scroll="left right"): the theme shows a
  // hint and fades the edge that hides more.
  function scrollBoxes() {
    // The masthead's menu scrolls sideways too when a site's menu is long
    // for a phone; its links take the focus themselves.
    each(doc.querySelectorAll('.nav ul'), function (el) {
      var cur = el.querySelector('[aria-current]');
      if (cur && !el.qdScroll) { // the current page's item in view, in the middle
        var box = el.getBoundingClientRect(), at = cur.getBoundingClientRect();
        if (at.right > box.right) el.scrollLeft += at.left - box.left - (box.width - at.width) / 2;
      }
      watch(el);
    });
    each(doc.querySelectorAll('.table-scroll, .prose table'), function (el) {
      if (el.scrollWidth > el.clientWidth) el.setAttribute('tabindex', '0');
      else el.removeAttribute('tabindex');
      if (/(^| )table-scroll( |$)/.test(el.className)) watch(el);
    });
  }
  // watch marks the edges of el that hide more, now and as it scrolls.
  function watch(el) {
    edges(el);
    if (!el.qdScroll) {
      el.qdScroll = true;
      el.addEventListener('scroll', function () { edges(el); }, { passive: true });
    }
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
