/* qingdan search: full-text search over the index that search/index.js
   describes (internal/output/search). ES5, no dependencies; the index comes
   in classic scripts that call qdSearch(), loaded on demand by the terms of
   the query, so it works from any sub-path and from file://. The tokenizer
   repeats internal/output/search/token.go. */
(function () {
  'use strict';
  var doc = document, win = window;
  var boot = null, kinds = [];
  var shards = { t: {}, d: {} }; // loaded shards by type and number
  var waits = {};                // 't3' → callbacks while its script loads
  var failed = false;
  var score = null, mask = null; // per page, reused between queries

  // --- tokenizer (token.go) ---
  function isCJK(c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3005 && c <= 0x3007) ||
      (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0xAC00 && c <= 0xD7A3) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
  }
  function isWord(c) {
    return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ||
      (c >= 0xC0 && c <= 0x24F && c !== 0xD7 && c !== 0xF7) ||
      (c >= 0x370 && c <= 0x3FF && c !== 0x37E && c !== 0x387) ||
      (c >= 0x400 && c <= 0x4FF && (c < 0x482 || c > 0x489));
  }
  function isDigit(c) { return c >= 48 && c <= 57; }
  function fold(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) return 32;
    if (c >= 65 && c <= 90) return c + 32;
    if (c < 0x80 || c === 0x130 || c > 0xFFFF || !isWord(c)) return c;
    var l = String.fromCharCode(c).toLowerCase();
    return l.length === 1 && isWord(l.charCodeAt(0)) ? l.charCodeAt(0) : c;
  }
  // points are the code points of s; an unpaired surrogate stands for U+FFFD.
  function points(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
      if (c >= 0xD800 && c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF) { out.push((c - 0xD800) * 0x400 + d - 0xDC00 + 0x10000); i++; }
      else out.push(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
    }
    return out;
  }
  function str(cs) {
    for (var s = '', i = 0; i < cs.length; i++) {
      s += cs[i] > 0xFFFF ? String.fromCharCode(0xD800 + ((cs[i] - 0x10000) >> 10), 0xDC00 + ((cs[i] - 0x10000) & 0x3FF)) : String.fromCharCode(cs[i]);
    }
    return s;
  }
  // folded is s folded unit by unit; only BMP units ever fold, and each
  // to one unit, so a match in the folded text is at its place in s.
  function folded(s) {
    return s.replace(/[A-Z\u00c0-\u04ff\u3000\uff01-\uff5e]/g, function (ch) { return String.fromCharCode(fold(ch.charCodeAt(0))); });
  }
  // scan calls cjk(a, b, alone) for each bigram (a, b) and each character
  // (a = -1), word(w) for each word, as token.go's scan does.
  function scan(s, cjk, word) {
    var cs = points(s), w = [], prev = -1;
    function flush() { if (w.length) { word(str(w)); w = []; } }
    for (var i = 0; i < cs.length; i++) {
      var c = fold(cs[i]);
      if (isCJK(c)) {
        flush();
        if (prev >= 0) cjk(prev, c, false);
        cjk(-1, c, prev < 0 && !(i + 1 < cs.length && isCJK(fold(cs[i + 1]))));
        prev = c;
        continue;
      }
      if (isWord(c)) w.push(c);
      else if (!(c === 44 && w.length && isDigit(w[w.length - 1]) && thousands(cs, i + 1))) flush();
      prev = -1;
    }
    flush();
  }
  function thousands(cs, i) { // exactly three digits follow
    for (var n = 0; i < cs.length && isDigit(fold(cs[i])); i++) if (++n > 3) return false;
    return n === 3;
  }
  function terms(s) { // every term, as the index has them
    var ts = [];
    scan(s, function (a, b) { ts.push(str(a < 0 ? [b] : [a, b])); }, function (w) { ts.push(w); });
    return ts;
  }
  var spaces = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var quotes = '"\u201c\u201d\u300c\u300d\u300e\u300f';
  function trim(s) { // trims what is neither CJK nor a word
    var cs = points(s), i = 0, j = cs.length;
    while (i < j && !isCJK(cs[i]) && !isWord(cs[i])) i++;
    while (j > i && !isCJK(cs[j - 1]) && !isWord(cs[j - 1])) j--;
    return str(cs.slice(i, j));
  }
  // parse reads a query as token.go's ParseQuery does.
  function parse(s, max) {
    var q = { terms: [], phrases: [] }, seen = {};
    function add(text, quoted) {
      var p = { text: trim(text), quoted: quoted, terms: [] };
      function term(t) {
        if (!seen.hasOwnProperty(t) && q.terms.length < max) { seen[t] = 1; q.terms.push(t); }
        if (seen.hasOwnProperty(t) && p.terms.indexOf(t) < 0) p.terms.push(t);
      }
      scan(p.text, function (a, b, alone) { if (a >= 0 || alone) term(str(a < 0 ? [b] : [a, b])); }, term);
      if (p.terms.length) q.phrases.push(p);
    }
    var cs = points(folded(s)), part = [], quoted = false;
    function end() {
      if (quoted) add(str(part), true);
      else {
        var f = [];
        for (var i = 0; i <= part.length; i++) {
          if (i === part.length || spaces.test(String.fromCharCode(part[i]))) { if (f.length) add(str(f), false); f = []; }
          else f.push(part[i]);
        }
      }
      part = [];
    }
    for (var i = 0; i < cs.length; i++) {
      if (cs[i] < 0x10000 && quotes.indexOf(String.fromCharCode(cs[i])) >= 0) { end(); quoted = !quoted; }
      else part.push(cs[i]);
    }
    end();
    return q;
  }

  // --- the index ---
  // shardOf is the term shard that holds t among n: FNV-1a of its UTF-16
  // units (shard.go), the multiplication by 16777619 done in shifts.
  function shardOf(t, n) {
    var h = 0x811c9dc5;
    for (var i = 0; i < t.length; i++) {
      h ^= t.charCodeAt(i);
      h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
    }
    return h % n;
  }
  function kindOf(id) {
    for (var k = 0; k < kinds.length - 1 && id >= kinds[k].first + kinds[k].count;) k++;
    return k;
  }
  function docShard(id) { var k = kinds[kindOf(id)]; return k.shard + Math.floor((id - k.first) / k.group); }
  function docRow(id) {
    var k = kinds[kindOf(id)], rows = shards.d[docShard(id)];
    var r = rows && rows[(id - k.first) % k.group];
    if (!r) return null;
    if (!r.text) { r.text = r[3].join('\n'); r.ftext = folded(r.text); r.all = folded(r[0] + '\n' + r[2]) + '\n' + r.ftext; }
    return { title: r[0], href: r[1], meta: r[2], text: r.text, ftext: r.ftext, all: r.all };
  }
  // list decodes a posting list (shard.go): pairs of id delta and impact.
  function list(s) {
    var out = [], v = 0, n = 0, id = -1;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x5D) {
        v = v * 32 + c - 0x5D;
        if (n++ % 2 === 0) id += v + 1; else out.push(id, v);
        v = 0;
      } else v = v * 32 + c - 0x23;
    }
    return out;
  }
  function postings(t) { // decoded when first asked for
    var sh = shards.t[shardOf(t, boot.n)];
    if (!sh || !sh.hasOwnProperty(t)) return [];
    return typeof sh[t] === 'string' ? (sh[t] = list(sh[t])) : sh[t];
  }
  // load makes sure the shards in keys ('t3', 'd12') are in, then calls done.
  function load(keys, done) {
    var left = 1;
    function one() { if (--left === 0) done(); }
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i], type = key.charAt(0), n = +key.slice(1);
      if (shards[type].hasOwnProperty(n)) continue;
      left++;
      if (waits[key]) { waits[key].push(one); continue; }
      waits[key] = [one];
      var s = doc.createElement('script');
      s.src = boot[type].replace('*', n) + (location.protocol === 'file:' ? '' : '?v=' + boot.v);
      s.onerror = fail;
      doc.body.appendChild(s);
    }
    one();
  }
  win.qdSearch = function (type, n, a, b) {
    if (type === 'i') return start(n);
    if (type === 't') {
      var sh = {}, ts = a ? a.split(' ') : [];
      for (var i = 0; i < ts.length; i++) sh[ts[i]] = b[i];
      shards.t[n] = sh;
    } else shards.d[n] = a;
    var cbs = waits[type + n] || [];
    delete waits[type + n];
    for (var j = 0; j < cbs.length; j++) cbs[j]();
  };
  // For tests and tools: the tokenizer, the parser, a term's shard, the ranked ids (once the shards are in).
  win.qdSearch.terms = terms; win.qdSearch.parse = parse; win.qdSearch.folded = folded; win.qdSearch.shard = shardOf;
  win.qdSearch.rank = function (s) { for (var k = rank(parse(s, boot.m)), ids = [], i = k.length - 1; i >= 0; i--) ids.push(idOf(k[i])); return ids; };
  // rank gives the keys of the pages with any term of q, sorted: the best
  // last. The best have more of its terms (all of them: the whole query, as
  // good as held), then a higher score, then come first in the index. A
  // key holds all three and the id in one number, so that a native numeric
  // sort orders them; idOf reads the id back.
  var ID = 2097152; // ids below 2^21
  function rank(q) {
    var touched = [], req = 0, i, j, n = 0;
    for (i = 0; i < q.phrases.length; i++) { // the terms of quoted phrases are required
      for (j = 0; q.phrases[i].quoted && j < q.phrases[i].terms.length; j++) req |= 1 << q.terms.indexOf(q.phrases[i].terms[j]);
    }
    for (i = 0; i < q.terms.length; i++) {
      var ps = postings(q.terms[i]);
      for (j = 0; j < ps.length; j += 2) {
        var id = ps[j];
        if (!mask[id]) touched.push(id);
        mask[id] |= 1 << i;
        score[id] += ps[j + 1];
      }
    }
    var keys = win.Float64Array ? new Float64Array(touched.length) : [];
    for (i = 0; i < touched.length; i++) {
      var d = touched[i], m = mask[d], c = 0;
      if ((m & req) === req) {
        for (; m; m &= m - 1) c++;
        keys[n++] = (c * 16384 + Math.min(score[d], 16383)) * ID + (ID - 1 - d);
      }
      mask[d] = 0; score[d] = 0;
    }
    keys = keys.subarray ? keys.subarray(0, n) : keys.slice(0, n);
    if (keys.sort) keys.sort(keys.subarray ? undefined : function (a, b) { return a - b; });
    else Array.prototype.sort.call(keys, function (a, b) { return a - b; });
    return keys;
  }
  function idOf(key) { return ID - 1 - key % ID; }

  // --- the page ---
  var input, out, count, help, bar, text, timer, state = { q: '', kind: -1, more: 0 }, seq = 0;
  // t is the page's message name with {n}, {q} and {k} filled in.
  function t(name, n, q, k) { return (text[name] || '').replace('{n}', n).replace('{q}', q || '').replace('{k}', k || ''); }
  function el(tag, cls, content) {
    var e = doc.createElement(tag); e.className = cls;
    if (content != null) e.appendChild(typeof content === 'string' ? doc.createTextNode(content) : content);
    return e;
  }
  // marked is s with every needle (folded) in a <mark>.
  function marked(s, needles) {
    var f = folded(s), on = [], frag = doc.createDocumentFragment(), i, at;
    for (i = 0; i < needles.length; i++) {
      for (at = f.indexOf(needles[i]); needles[i] && at >= 0; at = f.indexOf(needles[i], at + 1)) {
        for (var j = at; j < at + needles[i].length; j++) on[j] = true;
      }
    }
    for (i = 0; i < s.length;) {
      for (at = i; at < s.length && !!on[at] === !!on[i]; at++);
      frag.appendChild(on[i] ? el('mark', '', s.slice(i, at)) : doc.createTextNode(s.slice(i, at)));
      i = at;
    }
    return frag;
  }
  // snippet is about 90 characters of s (folded: f) from where the most
  // needles meet.
  function snippet(s, f, needles) {
    var best = -1, most = 0, W = 60, i, at;
    for (i = 0; i < needles.length; i++) {
      for (at = f.indexOf(needles[i]); at >= 0; at = f.indexOf(needles[i], at + 1)) {
        var n = 0;
        for (var j = 0; j < needles.length; j++) { var k = f.indexOf(needles[j], at); if (k >= 0 && k < at + W) n++; }
        if (n > most || (n === most && at < best)) { most = n; best = at; }
      }
    }
    var from = 0;
    if (best > 24) {
      from = best - 24;
      var stop = Math.max(s.lastIndexOf('。', best), s.lastIndexOf('\n', best), s.lastIndexOf('！', best), s.lastIndexOf('？', best));
      if (stop >= from - 16 && stop < best) from = stop + 1;
    }
    var end = Math.min(s.length, from + 90);
    return (from > 0 ? '…' : '') + s.slice(from, end).replace(/\s+/g, ' ') + (end < s.length ? '…' : '');
  }

  // show lists what to show of the ranked keys: the best page, then the
  // best few of each kind, in the kinds' order; or, for one kind, its first
  // pages. It loads what they need, then calls done with the groups. Each
  // kind counts its pages but keeps only the first ones it may show.
  function show(keys, done) {
    var groups = [], byKind = [], i, g, left = 10, keep = state.kind < 0 ? 11 : 20 * (state.more + 1) + 1;
    for (i = 0; i < kinds.length; i++) byKind.push({ kind: i, hits: [], n: 0, take: 0 });
    for (i = keys.length - 1; i >= 0; i--) {
      var id = idOf(keys[i]), k = kindOf(id);
      if (byKind[k].n++ < keep) byKind[k].hits.push(id);
    }
    for (i = 0; i < kinds.length; i++) if (byKind[i].n) groups.push(byKind[i]);
    if (state.kind >= 0) {
      g = byKind[state.kind];
      g.take = Math.min(g.n, 20 * (state.more + 1));
      groups = [g];
    } else if (groups.length > 1) {
      // The best page overall comes first, above the kinds.
      var top = idOf(keys[keys.length - 1]), kg = byKind[kindOf(top)];
      kg.hits.splice(0, 1);
      if (!--kg.n) groups.splice(groups.indexOf(kg), 1);
      groups.unshift({ kind: kg.kind, top: true, hits: [top], n: 1, take: 1 });
      left--;
      // One page of each kind, then up to three, then more of the first
      // kinds, ten pages in all.
      var levels = [1, 3, 10];
      for (var l = 0; l < levels.length && left > 0; l++) {
        for (i = 1; i < groups.length && left > 0; i++) {
          var more = Math.min(groups[i].n, levels[l]) - groups[i].take;
          if (more > 0) { more = Math.min(more, left); groups[i].take += more; left -= more; }
        }
      }
    } else if (groups.length) groups[0].take = Math.min(groups[0].n, left);
    var keys = {}, ks = [];
    for (i = 0; i < groups.length; i++) {
      for (var j = 0; j < groups[i].take; j++) {
        var key = 'd' + docShard(groups[i].hits[j]);
        if (!keys[key]) { keys[key] = 1; ks.push(key); }
      }
    }
    load(ks, function () { done(groups, byKind); });
  }

  // render shows the groups: in each, the pages that hold the whole query
  // as it is first; a page without a quoted phrase as it is is left out.
  function render(q, groups, byKind, t0) {
    var needles = [], total = 0, counts = [], i, j, g;
    for (i = 0; i < q.phrases.length; i++) needles.push(q.phrases[i].text);
    for (i = 0; i < q.terms.length; i++) needles.push(q.terms[i]);
    for (i = 0; i < kinds.length; i++) counts.push(byKind[i].n);
    for (i = 0; i < groups.length; i++) {
      g = groups[i];
      g.rows = [];
      g.count = g.n;
      if (g.top) counts[g.kind]++;
      for (j = 0; j < g.take; j++) {
        var r = docRow(g.hits[j]), whole = 1, miss = false;
        for (var p = 0; r && p < q.phrases.length; p++) {
          if (r.all.indexOf(q.phrases[p].text) >= 0) continue;
          whole = 0;
          miss = miss || q.phrases[p].quoted;
        }
        if (!r || miss) { g.count--; counts[g.kind]--; continue; }
        r.whole = whole; r.i = j;
        g.rows.push(r);
      }
      g.rows.sort(function (a, b) { return (b.whole - a.whole) || (a.i - b.i); });
    }
    for (i = 0; i < counts.length; i++) total += counts[i];
    clear();
    count.textContent = total ? t('found', total) : t('none', 0, state.q);
    if (!total) suggest(q);
    else kindBar(counts, total);
    for (i = 0; i < groups.length; i++) {
      g = groups[i];
      if (!g.rows.length) continue;
      var label = kinds[g.kind].label, sec = el('section', 'search-group'), ol = el('ol', 'search-hits');
      var h = sec.appendChild(el('h2', '', g.top ? t('best') : label + ' '));
      if (!g.top) h.appendChild(el('span', 'search-n', String(g.count)));
      for (j = 0; j < g.rows.length; j++) {
        var row = g.rows[j], li = el('li', 'search-hit');
        li.appendChild(el('a', '', marked(row.title, needles))).href = row.href;
        var meta = g.top ? label + (row.meta ? ' · ' + row.meta : '') : row.meta;
        if (meta) li.appendChild(el('p', 'search-meta', meta));
        li.appendChild(el('p', 'search-snippet', marked(snippet(row.text, row.ftext, needles), needles)));
        ol.appendChild(li);
      }
      sec.appendChild(ol);
      if (!g.top && g.take < g.n) {
        sec.appendChild(state.kind < 0 ? button(t('all', counts[g.kind], '', label), g.kind, 0) :
          button(t('more', Math.min(20, g.n - g.take)), g.kind, state.more + 1));
      }
      out.appendChild(sec);
    }
    out.setAttribute('data-ms', String(Math.round((now() - t0) * 10) / 10));
    out.setAttribute('data-q', state.q);
  }
  function button(label, kind, more) {
    var b = el('button', 'search-more', label);
    b.type = 'button';
    b.onclick = function () { state.kind = kind; state.more = more; run(true); };
    return b;
  }
  // kindBar offers every kind that has results, with its count.
  function kindBar(counts, total) {
    for (var i = -1; i < kinds.length; i++) {
      if (i >= 0 && !counts[i]) continue;
      var b = button(i < 0 ? t('every', total) : kinds[i].label + ' ' + counts[i], i, 0);
      b.className = '';
      b.setAttribute('aria-pressed', String(state.kind === i));
      bar.appendChild(b);
    }
  }
  function link(q) {
    var a = el('a', '', q);
    a.href = '?q=' + encodeURIComponent(q);
    a.onclick = function (e) { e.preventDefault(); input.value = q; state.kind = -1; run(true); input.focus(); };
    return a;
  }
  // suggest offers, when nothing is found: the query without its quotes,
  // each of its parts alone, and the site's main tags.
  function suggest(q) {
    var p = el('p', '', t('try')), words = [], i;
    if (/["\u201c\u201d\u300c\u300d\u300e\u300f]/.test(state.q)) words.push(state.q.replace(/["\u201c\u201d\u300c\u300d\u300e\u300f]/g, ' ').replace(/\s+/g, ' ').trim());
    for (i = 0; i < q.phrases.length && q.phrases.length > 1; i++) words.push(q.phrases[i].text);
    words = words.concat(boot.s);
    for (i = 0; i < words.length && i < 8; i++) { if (i) p.appendChild(doc.createTextNode(' · ')); p.appendChild(link(words[i])); }
    help.appendChild(p);
  }

  function clear() { out.innerHTML = ''; help.innerHTML = ''; bar.innerHTML = ''; }
  function now() { return win.performance && performance.now ? performance.now() : +new Date(); }
  function fail() { failed = true; count.textContent = t('error'); }
  // run searches for what the box holds; keep: the kind and page stay.
  function run(keep) {
    var s = input.value, my = ++seq, t0 = now();
    if (!keep && s !== state.q) { state.kind = -1; state.more = 0; }
    state.q = s;
    remember(s);
    if (!boot || failed) return;
    var q = parse(s, boot.m);
    if (!q.terms.length) { clear(); count.textContent = ''; return out.setAttribute('data-q', s); }
    var keys = [], seen = {}, i;
    for (i = 0; i < q.terms.length; i++) {
      var k = 't' + shardOf(q.terms[i], boot.n);
      if (!seen[k]) { seen[k] = 1; keys.push(k); }
    }
    if (keys.length && !shards.t.hasOwnProperty(+keys[0].slice(1))) count.textContent = t('loading');
    load(keys, function () {
      if (my !== seq) return;
      show(rank(q), function (groups, byKind) { if (my === seq) render(q, groups, byKind, t0); });
    });
  }
  function remember(s) { // in the address; a browser without history.replaceState, or a file:// page, may refuse
    var k = state.kind >= 0 ? '&k=' + kinds[state.kind].key : '';
    try { history.replaceState(null, '', s ? '?q=' + encodeURIComponent(s) + k : location.pathname); } catch (e) { /* kept in the box only */ }
  }
  // decode reads a query parameter; a malformed escape stays as written.
  function decode(s) {
    s = s.replace(/\+/g, ' ');
    try { return decodeURIComponent(s); } catch (e) {
      return s.replace(/(%[0-9a-fA-F]{2})+/g, function (m) { try { return decodeURIComponent(m); } catch (e2) { return m; } });
    }
  }
  function param(name) {
    var ps = location.search.replace(/^\?/, '').split('&');
    for (var i = 0; i < ps.length; i++) if (ps[i].split('=')[0] === name) return decode(ps[i].slice(name.length + 1));
    return '';
  }
  // keys moves the focus: ArrowDown from the box to the results and on,
  // ArrowUp back, Escape to the box.
  function keys(e) {
    var links = out.querySelectorAll('.search-hit > a'), at = -1, i;
    for (i = 0; i < links.length; i++) if (links[i] === doc.activeElement) at = i;
    if (e.keyCode === 40 && links.length) { links[Math.min(at + 1, links.length - 1)].focus(); e.preventDefault(); }
    else if (e.keyCode === 38 && at >= 0) { (at ? links[at - 1] : input).focus(); e.preventDefault(); }
    else if (e.keyCode === 27 && at >= 0) { input.focus(); e.preventDefault(); }
  }
  function start(b) {
    boot = b;
    var first = 0, shard = 0, n = 0, i;
    for (i = 0; i < b.k.length; i++) {
      var k = b.k[i];
      kinds.push({ key: k[0], label: k[1], count: k[2], group: k[3], first: first, shard: shard });
      first += k[2]; shard += Math.ceil(k[2] / k[3]); n += k[2];
    }
    score = win.Int32Array ? new Int32Array(n) : zeros(n);
    mask = win.Int32Array ? new Int32Array(n) : zeros(n);
    var form = doc.getElementById('search-form');
    input = doc.getElementById('q');
    out = doc.getElementById('search-results');
    count = doc.getElementById('search-count');
    help = doc.getElementById('search-help');
    bar = doc.getElementById('search-kinds');
    if (!form || !input || !out) return;
    text = {};
    for (i = 0; i < form.attributes.length; i++) {
      var at = form.attributes[i];
      if (at.name.indexOf('data-') === 0) text[at.name.slice(5)] = at.value;
    }
    input.value = param('q');
    var kind = param('k');
    for (i = 0; i < kinds.length; i++) if (kinds[i].key === kind) state.kind = i;
    var composing = false; // an input method's text is searched when it is committed
    input.addEventListener('compositionstart', function () { composing = true; });
    input.addEventListener('compositionend', function () { composing = false; schedule(); });
    input.addEventListener('input', function () { if (!composing) schedule(); });
    input.addEventListener('keydown', keys);
    out.addEventListener('keydown', keys);
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    doc.addEventListener('keydown', function (e) {
      var tag = (doc.activeElement && doc.activeElement.tagName) || '';
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { input.focus(); e.preventDefault(); }
    });
    run(true);
  }
  function zeros(n) { for (var a = []; a.length < n;) a.push(0); return a; }
  function schedule() { clearTimeout(timer); timer = setTimeout(function () { run(); }, 150); }
})();
