/* The search page (search/): the form, the filters, the order and the results. The index is
   read by search-index.js, and what a query means (phrases, exclusions, traditional characters)
   is search-query.js. A search is a URL (?q=…&years=…&sort=date), to bookmark and share.
   - The filters are the manifest's (taxonomy.SEARCH_FILTERS); each option counts the results of
     the current query. Their page sets (facets.json) load only when the filters are opened or set.
   - A query that finds nothing says why and what to try instead. */
(function () {
  "use strict";
  var form = document.getElementById("gk-search");
  if (!form || !window.GongkaiIndex || !window.GongkaiQuery) return;
  var Index = window.GongkaiIndex, Q = window.GongkaiQuery, likely = Q.likely, passes = Q.passes;
  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $("gk-status"), summaryEl = $("gk-summary"), hintsEl = $("gk-hints"), listEl = $("gk-results");
  var moreEl = $("gk-more"), panel = $("gk-filter-panel"), filtersEl = $("gk-filters");
  var sortEl = form.elements.namedItem("sort");
  var ROOT = (document.querySelector('meta[name="gongkai-root"]') || {}).content || "../";
  var PAGE = 10, VERIFY_ALL = 30, TITLE = document.title;
  var index = new Index(new URL("data/", location.href));
  var run = 0, last = null;

  function marked(parent, text, terms) {
    var at = 0;
    Index.matchRanges(text, terms).forEach(function (r) {
      parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  /* The result links to its paragraph, with the terms for landing.js to mark there. */
  function render(g, hit, terms) {
    var url = hit.meta.url.split("#")[0], anchor = hit.paragraph.anchor || hit.meta.url.split("#")[1] || "";
    var href = ROOT + url + (terms.length ? "?hl=" + encodeURIComponent(terms.join(" ")) : "") + (anchor ? "#" + anchor : "");
    var li = element("li", "gk-result" + (g.isReport ? "" : " gk-listing"));
    li.dataset.url = url;
    var title = element("a", "gk-title", hit.meta.title);
    title.href = href;
    li.appendChild(title);
    var meta = [g.isReport ? "" : "栏目页", hit.meta.region, hit.meta.date].filter(Boolean).join(" · ");
    if (meta) li.appendChild(element("span", "gk-meta", meta));
    var snippet = element("p", "gk-snippet"), link = element("a");
    link.href = href;
    marked(link, hit.sentence, terms);
    snippet.appendChild(link);
    li.appendChild(snippet);
    listEl.appendChild(li);
  }

  /* “行政复议”（排除“綦江”；年度“2021”）: the query as the results heading and the hints name it. */
  function describe(q, active) {
    var excluded = quoted(q.negative.map(function (n) { return n.term; }));
    var named = active.map(function (a) {
      return index.m.filters.find(function (f) { return f[0] === a[0]; })[1] + "“" + a[1] + "”";
    }).join("、");
    var main = q.terms.length ? quoted(q.terms) : q.negative.length ? "不含" + excluded : named, extras = [];
    if (q.terms.length && q.negative.length) extras.push("排除" + excluded);
    if (named && main !== named) extras.push(named);
    return main + (extras.length ? "（" + extras.join("；") + "）" : "");
  }
  function quoted(terms) { return terms.map(function (t) { return "“" + t + "”"; }).join(" "); }
  function searchHref(q, keepFilters) {
    var params = new URLSearchParams(keepFilters ? location.search : "");
    if (q) params.set("q", q); else params.delete("q");
    return "?" + params.toString();
  }
  function hint(text, links) {  // links: [[text, href], ...]
    var li = element("li", "", text);
    (links || []).forEach(function (l, k) {
      if (k) li.appendChild(document.createTextNode("、"));
      var a = element("a", "", l[0]);
      a.href = l[1];
      li.appendChild(a);
    });
    hintsEl.appendChild(li);
  }
  function tally(groups) {
    var reports = groups.filter(function (g) { return g.isReport; }).length, listings = groups.length - reports;
    return [reports ? reports + " 篇报告" : "", listings ? listings + " 个栏目页" : ""].filter(Boolean).join("、");
  }
  /* Why nothing was found, and what would find something: each count is of pages in the index. */
  async function explain(q) {
    var groups = Array.from(q.groups.values());
    var terms = q.positive.map(function (p) { return p.term; });
    if (q.negative.length && terms.length) {
      var kept = groups.filter(function (g) { return passes(g, q.sets) && !(g.ok === false && !g.excluded); });
      if (kept.length) hint("包含" + quoted(terms) + "的 " + tally(kept) + " 都含有排除词" + quoted(q.negative.map(function (n) { return n.term; })) + "：", [["去掉排除词再搜", searchHref(terms.join(" "), true)]]);
    }
    if (q.sets.length) {
      var free = groups.filter(likely);
      if (free.length) hint("不加筛选有 " + tally(free) + "：", [["清除筛选", searchHref(q.raw, false)]]);
    }
    if (q.positive.length > 1 && !q.groups.size) {
      var alone = q.positive.filter(function (p) { return p.cands.size; }).map(function (p) { return [p.term, searchHref(p.term, true)]; });
      hint("这些词没有出现在同一个页面里。", []);
      if (alone.length) hint("可以分开搜：", alone);
    }
    if (q.positive.length === 1 && !q.positive[0].cands.size) {
      var shorter = [], forms = [terms[0], q.positive[0].tried].filter(Boolean);  // as typed, and in simplified if tried
      for (var k = Array.from(terms[0]).length - 1; k >= 2 && shorter.length < 3; k--) {
        for (var f = 0; f < forms.length; f++) {
          var chars = Array.from(forms[f]), pieces = [chars.slice(0, k).join(""), chars.slice(chars.length - k).join("")];
          for (var j = 0; j < pieces.length; j++) {
            if (shorter.indexOf(pieces[j]) === -1 && (await index.term(pieces[j])).size) shorter.push(pieces[j]);
          }
        }
      }
      hint("没有页面包含完整的" + quoted(terms) + (shorter.length ? "，试试更短的词：" : "。"),
           shorter.slice(0, 3).map(function (s) { return [s, searchHref(s, true)]; }));
    }
    q.positive.forEach(function (p) { if (p.tried) hint("也按简体字查过" + quoted([p.tried]) + "，同样没有。"); });
    if (!hintsEl.children.length) hint("请检查用字，或换一个更短、更常用的说法。");
  }

  /* Per filter: the results of the query under the other filters, by term. */
  function counts(q, facets) {
    var groups = Array.from(q.groups.values()).filter(function (g) { return g.isReport && likely(g); });
    var out = {};
    index.m.filters.forEach(function (f) {
      var base = groups.filter(function (g) { return passes(g, q.sets, f[0]); });
      out[f[0]] = { all: base.length, terms: (facets[f[0]] || []).map(function (t) {
        return [t.term, base.filter(function (g) { return t.pages.has(g.head); }).length];
      }) };
    });
    return out;
  }
  function fillFilters(q, facets) {
    var byKey = counts(q, facets);
    index.m.filters.forEach(function (f) {
      var select = form.elements.namedItem(f[0]), value = select.value, c = byKey[f[0]];
      select.options[0].textContent = "全部（" + c.all + "）";
      while (select.options.length > 1) select.remove(1);
      c.terms.forEach(function (t) { select.add(new Option(t[0] + "（" + t[1] + "）", t[0])); });
      if (value && !c.terms.some(function (t) { return t[0] === value; })) select.add(new Option(value + "（0）", value));
      select.value = value;
      select.disabled = false;
    });
  }
  async function loadFilters() {
    var facets = await index.facets();
    if (last) fillFilters(last, facets);
    return facets;
  }

  /* A <select> applies its choice on change, but not on each arrow key while it is closed:
     the choice made by keys is applied on Enter or when the focus leaves it. */
  function applyOnChange(select) {
    var keyed = false, pending = false;
    select.addEventListener("keydown", function (event) {
      if (/^(Arrow|Page|Home|End)/.test(event.key) || event.key.length === 1 && event.key !== " ") keyed = true;
      else if (event.key === "Enter" && pending) { event.preventDefault(); pending = false; submit(); }
    });
    select.addEventListener("change", function () {
      if (keyed) { pending = true; keyed = false; } else submit();
    });
    select.addEventListener("blur", function () { keyed = false; if (pending) { pending = false; submit(); } });
  }
  function buildFilters() {
    if (filtersEl.childElementCount) return;
    index.m.filters.forEach(function (f) {
      var label = element("label", "", f[1] + " "), select = document.createElement("select");
      select.name = f[0];
      select.disabled = true;  // until its terms are loaded
      select.add(new Option("全部", ""));
      label.appendChild(select);
      filtersEl.appendChild(label);
      applyOnChange(select);
    });
    var reset = element("button", "gk-reset", "清除筛选");
    reset.type = "button";
    reset.addEventListener("click", function () {
      index.m.filters.forEach(function (f) { form.elements.namedItem(f[0]).value = ""; });
      submit();
    });
    filtersEl.appendChild(reset);
  }
  function readParams() {
    var params = new URLSearchParams(location.search);
    form.q.value = params.get("q") || "";
    index.m.filters.forEach(function (f) {
      var select = form.elements.namedItem(f[0]), value = params.get(f[0]) || "";
      if (value && !Array.from(select.options).some(function (o) { return o.value === value; })) select.add(new Option(value, value));
      select.value = value;
    });
    sortEl.value = params.get("sort") === "date" ? "date" : "";
    return params;
  }
  /* A new query moves the focus to the results heading, which is then read out; a change of
     filter or order leaves the focus on its control and has the heading read out from a live region. */
  function finish(mine, focus) {
    document.body.dataset.searchDone = String(mine);
    $("gk-announce").textContent = focus || summaryEl.hidden ? "" : summaryEl.textContent;
    if (focus === true && !summaryEl.hidden) summaryEl.focus();
  }

  async function search(focus) {
    var mine = ++run;
    var opened = await index.open();
    if (mine !== run) return;
    if (opened !== "ok") {
      statusEl.textContent = opened === "stale" ? "搜索索引已更新，请刷新页面。"
        : opened === "old browser" ? "这个浏览器版本过旧，无法读取搜索索引，请升级浏览器后再试。" : "搜索索引未能载入，请稍后再试。";
      return finish(mine, false);
    }
    buildFilters();
    var params = readParams();
    var raw = (params.get("q") || "").trim(), parsed = Q.parse(raw);
    var active = index.m.filters.filter(function (f) { return params.get(f[0]); }).map(function (f) { return [f[0], params.get(f[0])]; });
    if (active.length) panel.open = true;
    panel.querySelector("summary").textContent = active.length ? "筛选（已选 " + active.length + " 项）" : "筛选";
    var facetsLoad = active.length || panel.open ? index.facets() : null;
    listEl.innerHTML = hintsEl.innerHTML = statusEl.textContent = "";
    moreEl.hidden = summaryEl.hidden = sortEl.parentNode.hidden = true;
    if (!parsed.terms.length && !parsed.excluded.length && !active.length) {
      document.title = TITLE;
      last = { groups: Q.match(index, [], []), sets: [] };
      if (facetsLoad) fillFilters(last, await facetsLoad);  // counts over every report
      statusEl.textContent = "请输入搜索词，或选择筛选条件。";
      return finish(mine, false);
    }
    statusEl.textContent = "正在搜索……";
    var positive = await Promise.all(parsed.terms.map(function (t) { return Q.resolve(index, t); }));
    var negative = await Promise.all(parsed.excluded.map(function (t) { return Q.resolve(index, t); }));
    var facets = facetsLoad ? await facetsLoad : null;
    if (mine !== run) return;
    var sets = active.map(function (a) {
      var found = (facets[a[0]] || []).find(function (t) { return t.term === a[1]; });
      return [a[0], found ? found.pages : new Set()];
    });
    var q = { raw: raw, positive: positive, negative: negative, terms: positive.map(function (p) { return p.term; }), sets: sets };
    q.groups = Q.match(index, positive, negative);
    last = q;
    var byDate = sortEl.value === "date";
    var ranked = Array.from(q.groups.values()).filter(function (g) { return passes(g, sets); });
    ranked.sort(function (a, b) {
      if (a.isReport !== b.isReport) return a.isReport ? -1 : 1;
      return (byDate && a.isReport ? 0 : b.score - a.score) || b.head - a.head;  // numbered oldest first
    });
    var next = 0, shown = 0, all = ranked.length <= VERIFY_ALL;
    var label = describe(q, active);
    document.title = (raw ? "“" + raw + "”的搜索结果" : "筛选结果") + " · 公开";

    async function fill(focusAfter) {
      var target = all ? ranked.length : shown + PAGE;
      while (shown < target && next < ranked.length) {
        var batch = ranked.slice(next, next + 6);
        next += batch.length;
        var hits = await Promise.all(batch.map(function (g) { return Q.check(index, g, q); }));
        if (mine !== run) return;
        hits.forEach(function (hit, k) { if (hit) { render(batch[k], hit, q.terms); shown++; } });
      }
      var done = next >= ranked.length;
      var reports = ranked.filter(function (g) { return g.isReport && likely(g); }).length;
      var listings = ranked.filter(function (g) { return !g.isReport && likely(g); }).length;
      var about = done ? "" : "约 ";
      summaryEl.hidden = false;
      sortEl.parentNode.hidden = !reports;
      summaryEl.textContent = !reports && !listings ? "没有找到包含" + label + "的页面" :
        label + "：" + (reports ? about + reports + " 篇报告" : "没有报告") + (listings ? (reports ? "，另有 " : "，只有 ") + listings + " 个栏目页" : "");
      statusEl.textContent = positive.filter(function (p) { return p.converted && p.cands.size; }).map(function (p) {
        return "“" + p.typed + "”按简体“" + p.term + "”查找。";
      }).join("") + (done ? "" : "已核对并显示其中 " + shown + " 个。");
      hintsEl.innerHTML = "";
      if (!reports && !listings) await explain(q);
      moreEl.hidden = done;
      if (facets || panel.open) {  // also when opened while this search ran
        var loaded = await index.facets();
        if (mine !== run) return;
        fillFilters(q, loaded);
      }
      finish(mine, focusAfter);
    }
    moreEl.onclick = function () { fill(false); };
    await fill(focus);
  }

  function submit(moveFocus) {
    var params = new URLSearchParams();
    if (form.q.value.trim()) params.set("q", form.q.value.trim());
    index.m.filters.forEach(function (f) { var v = form.elements.namedItem(f[0]).value; if (v) params.set(f[0], v); });
    if (sortEl.value) params.set("sort", sortEl.value);
    history.pushState(null, "", "?" + params.toString());
    search(moveFocus).catch(failed);
  }
  function failed(err) { statusEl.textContent = "搜索出错：" + err.message; }
  form.addEventListener("submit", function (event) { event.preventDefault(); submit(true); });
  hintsEl.addEventListener("click", function (event) {  // a hint's search runs here, without reloading the page
    var link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    history.pushState(null, "", link.href);
    search(true).catch(failed);
  });
  applyOnChange(sortEl);
  panel.addEventListener("toggle", function () { if (panel.open && index.m) loadFilters().catch(failed); });
  window.addEventListener("popstate", function () { search(true).catch(failed); });
  search(new URLSearchParams(location.search).has("q")).catch(failed);
})();
