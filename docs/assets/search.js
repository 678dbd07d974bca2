/* Exact full-text search over the static index in search/data/ (see gongkai/site/search_index.py).
   A result is a page whose text contains every query term as a substring:
   1. each term is cut into character bigrams (a one-character term is its own token);
   2. the shards holding those tokens are fetched and their posting lists intersected;
   3. each candidate's text is fetched and checked, which also gives the matching sentence. */
(function () {
  "use strict";
  var form = document.getElementById("gk-search");
  if (!form) return;
  var statusEl = document.getElementById("gk-status");
  var listEl = document.getElementById("gk-results");
  var moreEl = document.getElementById("gk-more");
  var DATA = new URL("data/", location.href);
  var ROOT = (document.querySelector('meta[name="gongkai-root"]') || {}).content || "../";
  var PAGE = 10, VERIFY_ALL = 30, FILTERS = ["region", "year", "topic", "type"];
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
  async function postings(manifest, token) {
    var shard = await get("shards/" + (fnv1a(token) % manifest.shards) + ".json", "json");
    var flat = shard[token] || [], map = new Map(), id = 0;
    for (var i = 0; i < flat.length; i += 2) { id += flat[i]; map.set(id, flat[i + 1]); }
    return map;
  }
  function intersect(a, b, combine) {
    var out = new Map();
    a.forEach(function (v, k) { if (b.has(k)) out.set(k, combine(v, b.get(k))); });
    return out;
  }
  async function candidates(manifest, terms, filters) {
    var result = null;
    for (var t = 0; t < terms.length; t++) {
      var lists = await Promise.all(termTokens(terms[t]).map(function (tok) { return postings(manifest, tok); }));
      var termMap = lists.reduce(function (acc, m) { return acc === null ? m : intersect(acc, m, Math.min); }, null);
      result = result === null ? termMap : intersect(result, termMap, function (x, y) { return x + y; });
    }
    for (var f = 0; f < filters.length; f++) {
      var p = await postings(manifest, manifest.prefix[filters[f][0]] + filters[f][1]);
      result = result === null ? p : intersect(result, p, function (x) { return x; });
    }
    var ids = Array.from((result || new Map()).keys());
    ids.sort(function (a, b) {
      var ka = a >= manifest.reports, kb = b >= manifest.reports;
      if (ka !== kb) return ka ? 1 : -1;
      return (result.get(b) - result.get(a)) || (a - b);
    });
    return ids;
  }
  /* Check a candidate against its text; null when it does not hold every term. */
  async function verify(manifest, id, terms) {
    var text = await get("text/" + id + ".txt", "text");
    var paragraphs = text.split("\n").filter(Boolean).map(function (line) {
      var tab = line.indexOf("\t");
      var raw = line.slice(tab + 1);
      return { anchor: line.slice(0, tab), raw: raw, norm: normalise(raw) };
    });
    for (var i = 0; i < terms.length; i++) {
      if (!paragraphs.some(function (p) { return p.norm.indexOf(terms[i]) !== -1; })) return null;
    }
    var hit = paragraphs.find(function (p, i) { return i > 0 && p.norm.indexOf(terms[0]) !== -1; }) || paragraphs[0];
    var sentences = hit.raw.match(/[^。！？；]+[。！？；]?/g) || [hit.raw];
    var sentence = sentences.find(function (s) { return normalise(s).indexOf(terms[0]) !== -1; }) || sentences[0];
    var chunk = await get("docs/" + Math.floor(id / manifest.chunk) + ".json", "json");
    var meta = chunk[id % manifest.chunk];
    return { id: id, url: meta[0], title: meta[1], isReport: meta[2] === 1, date: meta[3], region: meta[4],
             anchor: hit.anchor, sentence: sentence.trim() };
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
  async function search() {
    var mine = ++run;
    var manifest = await get("manifest.json", "json");
    fillFilters(manifest);
    var params = readParams();
    var terms = Array.from(new Set((params.get("q") || "").normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean)));
    var filters = FILTERS.filter(function (n) { return params.get(n); }).map(function (n) { return [n, params.get(n)]; });
    listEl.innerHTML = "";
    moreEl.hidden = true;
    if (!terms.length && !filters.length) { statusEl.textContent = "请输入搜索词，或选择筛选条件。"; return; }
    statusEl.textContent = "正在搜索……";
    var ids = await candidates(manifest, terms, filters);
    var next = 0, shown = 0, all = ids.length <= VERIFY_ALL;
    async function fill() {
      var target = all ? ids.length : shown + PAGE;
      while (shown < target && next < ids.length) {
        var batch = ids.slice(next, next + 6);
        next += batch.length;
        var hits = await Promise.all(batch.map(function (id) { return verify(manifest, id, terms); }));
        if (mine !== run) return;
        hits.forEach(function (hit) { if (hit) { render(hit, terms); shown++; } });
      }
      var done = next >= ids.length;
      var label = terms.length ? "“" + terms.join(" ") + "”" : "筛选条件";
      statusEl.textContent = shown === 0 && done ? "没有找到包含" + label + "的页面。" :
        done ? "找到 " + shown + " 个包含" + label + "的页面。" :
        "已显示 " + shown + " 个结果，还有 " + (ids.length - next) + " 个候选待核对。";
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
