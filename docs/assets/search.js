/* Exact full-text search over the static index in search/data/ (see gongkai/site/search_index.py).
   A result is a page whose text contains every query term as a substring:
   1. each term is cut into character bigrams (a one-character term is its own token);
   2. the shards holding those tokens are fetched; postings say which pages, and which
      of their (at most twelve) chunks, hold each token;
   3. the candidate chunks are fetched and checked, which also gives the matching sentence. */
(function () {
  "use strict";
  var form = document.getElementById("gk-search");
  if (!form) return;
  var statusEl = document.getElementById("gk-status");
  var listEl = document.getElementById("gk-results");
  var moreEl = document.getElementById("gk-more");
  var DATA = new URL("data/", location.href);
  var ROOT = (document.querySelector('meta[name="gongkai-root"]') || {}).content || "../";
  var PAGE = 10, VERIFY_ALL = 30, ALL_CHUNKS = 4095, FILTERS = ["region", "year", "topic", "type"];
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var cache = new Map();
  var run = 0;

  function get(path, kind) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, DATA)).then(function (r) {
        if (!r.ok) return kind === "json" ? {} : "";
        return kind === "json" ? r.json() : r.text();
      }));
    }
    return cache.get(path);
  }
  function normalise(s) { return s.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  function fnv1a(s) {
    var bytes = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function termTokens(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return [term];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  /* 'L' + (page delta varint, 2-character chunk mask) per page; 'M' + width + page bitmap + masks
     in page order; 'B' + width + page bitmap alone (any chunk). See encode_postings in search_index.py. */
  function decode(encoded) {
    var map = new Map();
    if (!encoded) return map;
    var i = 1, v, kind = encoded[0];
    function varint() {
      var value = 0, shift = 0;
      do { v = ALPHABET.indexOf(encoded[i++]); value += (v & 31) * Math.pow(2, shift); shift += 5; } while (v & 32);
      return value;
    }
    if (kind === "B" || kind === "M") {
      var width = varint(), start = i, docs = [];
      for (; i < start + width; i++) {
        v = ALPHABET.indexOf(encoded[i]);
        for (var b = 0; b < 6; b++) if (v & (1 << b)) docs.push((i - start) * 6 + b);
      }
      docs.forEach(function (doc, k) {
        var at = start + width + 2 * k;
        map.set(doc, kind === "B" ? ALL_CHUNKS : ALPHABET.indexOf(encoded[at]) + 64 * ALPHABET.indexOf(encoded[at + 1]));
      });
      return map;
    }
    var doc = 0;
    while (i < encoded.length) {
      doc += varint();
      map.set(doc, ALPHABET.indexOf(encoded[i]) + 64 * ALPHABET.indexOf(encoded[i + 1]));
      i += 2;
    }
    return map;
  }
  async function postings(manifest, token) {
    var shard = await get("shards/" + (fnv1a(token) % manifest.shards) + ".json", "json");
    return decode(shard[token]);
  }
  function popcount(m) { var n = 0; while (m) { n += m & 1; m >>= 1; } return n; }
  /* Map page → [chunk mask per term] for pages holding every token of every term and passing the filters. */
  async function candidates(manifest, terms, filters) {
    var perTerm = await Promise.all(terms.map(async function (term) {
      var lists = await Promise.all(termTokens(term).map(function (tok) { return postings(manifest, tok); }));
      var acc = lists[0];
      for (var l = 1; l < lists.length; l++) {
        var next = new Map();
        acc.forEach(function (mask, doc) {
          if (lists[l].has(doc) && (mask & lists[l].get(doc))) next.set(doc, mask & lists[l].get(doc));
        });
        acc = next;
      }
      return acc;
    }));
    var filterLists = await Promise.all(filters.map(function (f) { return postings(manifest, manifest.prefix[f[0]] + f[1]); }));
    var base = perTerm.length ? perTerm[0] : filterLists[0];
    var result = new Map();
    base.forEach(function (_, doc) {
      var masks = perTerm.map(function (m) { return m.get(doc); });
      if (masks.some(function (m) { return !m; })) return;
      if (filterLists.some(function (f) { return !f.has(doc); })) return;
      result.set(doc, masks);
    });
    var ids = Array.from(result.keys()).filter(function (doc) { return !manifest.deadSet.has(doc); });
    var score = function (doc) { return result.get(doc).reduce(function (s, m) { return s + popcount(m); }, 0); };
    ids.sort(function (a, b) {
      var ka = manifest.listingSet.has(a), kb = manifest.listingSet.has(b);
      if (ka !== kb) return ka ? 1 : -1;
      return (score(b) - score(a)) || (b - a);  // pages are numbered oldest first: newer first
    });
    return { ids: ids, masks: result };
  }
  async function chunk(doc, c) {
    var text = await get("text/" + doc + "-" + c + ".txt", "text");
    if (!text) return null;
    var lines = text.split("\n").filter(Boolean);
    var meta = lines[0].split("\t");
    return {
      meta: { url: meta[0], title: meta[1], isReport: meta[2] === "1", date: meta[3], region: meta[4] },
      paragraphs: lines.slice(1).map(function (line) {
        var tab = line.indexOf("\t"), raw = line.slice(tab + 1);
        return { anchor: line.slice(0, tab), raw: raw, norm: normalise(raw) };
      })
    };
  }
  /* The first paragraph holding the term among the chunks its mask allows, or null. */
  async function findTerm(doc, term, mask) {
    for (var c = 0; c < 12; c++) {
      if (!(mask & (1 << c))) continue;
      var ch = await chunk(doc, c);
      if (!ch) break;
      var hit = ch.paragraphs.find(function (p) { return p.norm.indexOf(term) !== -1; });
      if (hit) return { meta: ch.meta, paragraph: hit };
    }
    return null;
  }
  /* Check a candidate against its text; null when it does not hold every term. */
  async function verify(doc, terms, masks) {
    var first = null;
    if (!terms.length) {
      var ch = await chunk(doc, 0);
      return ch && { id: doc, url: ch.meta.url, title: ch.meta.title, isReport: ch.meta.isReport, date: ch.meta.date,
                     region: ch.meta.region, anchor: "", sentence: (ch.paragraphs[1] || ch.paragraphs[0]).raw.slice(0, 80) };
    }
    for (var i = 0; i < terms.length; i++) {
      var found = await findTerm(doc, terms[i], masks[i]);
      if (!found) return null;
      if (i === 0) first = found;
    }
    var raw = first.paragraph.raw;
    var sentences = raw.match(/[^。！？；]+[。！？；]?/g) || [raw];
    var sentence = sentences.find(function (s) { return normalise(s).indexOf(terms[0]) !== -1; }) || sentences[0];
    return { id: doc, url: first.meta.url, title: first.meta.title, isReport: first.meta.isReport, date: first.meta.date,
             region: first.meta.region, anchor: first.paragraph.anchor, sentence: sentence.trim() };
  }
  function highlight(sentence, terms) {
    var html = escapeHtml(sentence);
    terms.forEach(function (t) {
      var safe = escapeHtml(t).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp(safe, "gi"), function (m) { return "<mark>" + m + "</mark>"; });
    });
    return html;
  }
  function render(hit, terms) {
    var li = document.createElement("li");
    li.className = "gk-result" + (hit.isReport ? "" : " gk-listing");
    li.dataset.url = hit.url;
    var href = ROOT + hit.url + (hit.anchor ? "#" + hit.anchor : "");
    var meta = [hit.isReport ? "" : "列表页", hit.region, hit.date].filter(Boolean).join(" · ");
    li.innerHTML = '<a class="gk-title" href="' + escapeHtml(ROOT + hit.url) + '">' + escapeHtml(hit.title) + "</a>" +
      (meta ? '<span class="gk-meta">' + escapeHtml(meta) + "</span>" : "") +
      '<p class="gk-snippet"><a href="' + escapeHtml(href) + '">' + highlight(hit.sentence, terms) + "</a></p>";
    listEl.appendChild(li);
  }
  function readParams() {
    var params = new URLSearchParams(location.search);
    form.q.value = params.get("q") || "";
    FILTERS.forEach(function (name) { if (form[name]) form[name].value = params.get(name) || ""; });
    return params;
  }
  function fillFilters(manifest) {
    FILTERS.forEach(function (name) {
      var select = form[name];
      if (!select || select.options.length > 1) return;
      var values = (manifest.filters[name] || []).slice();
      if (name === "year") values.sort(function (a, b) { return a[0] < b[0] ? 1 : -1; });
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v[0];
        option.textContent = v[0] + "（" + v[1] + "）";
        select.appendChild(option);
      });
    });
  }
  function bitmapSet(encoded) {
    var set = new Set();
    for (var i = 0; i < (encoded || "").length; i++) {
      var v = ALPHABET.indexOf(encoded[i]);
      for (var b = 0; b < 6; b++) if (v & (1 << b)) set.add(i * 6 + b);
    }
    return set;
  }
  async function search() {
    var mine = ++run;
    var manifest = await get("manifest.json", "json");
    if (!manifest.listingSet) { manifest.listingSet = bitmapSet(manifest.listing); manifest.deadSet = bitmapSet(manifest.dead); }
    fillFilters(manifest);
    var params = readParams();
    var terms = Array.from(new Set((params.get("q") || "").normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean)));
    var filters = FILTERS.filter(function (n) { return params.get(n); }).map(function (n) { return [n, params.get(n)]; });
    listEl.innerHTML = "";
    moreEl.hidden = true;
    if (!terms.length && !filters.length) { statusEl.textContent = "请输入搜索词，或选择筛选条件。"; return; }
    statusEl.textContent = "正在搜索……";
    var found = await candidates(manifest, terms, filters);
    var ids = found.ids;
    var next = 0, shown = 0, all = ids.length <= VERIFY_ALL;
    async function fill() {
      var target = all ? ids.length : shown + PAGE;
      while (shown < target && next < ids.length) {
        var batch = ids.slice(next, next + 6);
        next += batch.length;
        var hits = await Promise.all(batch.map(function (id) { return verify(id, terms, found.masks.get(id)); }));
        if (mine !== run) return;
        hits.forEach(function (hit) { if (hit) { render(hit, terms); shown++; } });
      }
      var done = next >= ids.length;
      var label = terms.length ? "“" + terms.join(" ") + "”" : "筛选条件";
      statusEl.textContent = shown === 0 && done ? "没有找到包含" + label + "的页面。" :
        done ? "找到 " + shown + " 个包含" + label + "的页面。" :
        "约 " + (shown + ids.length - next) + " 个页面包含" + label + "，已核对并显示 " + shown + " 个。";
      moreEl.hidden = done;
    }
    moreEl.onclick = fill;
    await fill();
    document.body.dataset.searchDone = String(mine);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    if (form.q.value.trim()) params.set("q", form.q.value.trim());
    FILTERS.forEach(function (n) { if (form[n] && form[n].value) params.set(n, form[n].value); });
    history.pushState(null, "", "?" + params.toString());
    search();
  });
  FILTERS.forEach(function (n) {
    if (form[n]) form[n].addEventListener("change", function () { form.requestSubmit(); });
  });
  window.addEventListener("popstate", search);
  search().catch(function (err) { statusEl.textContent = "搜索出错：" + err.message; });
})();
