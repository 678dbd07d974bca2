// The compare page (比较, compare/index.html): two reports (?a=ID&b=ID) or one organ's reports over
// the years (?region=SLUG&issuer=…&type=…), side by side by mandated part, by topic and by
// indicator value with the differences. It reads the small JSON files `gongkai site` writes
// (compare/data/<id>.json.gz, gzipped and unpacked by the search index's reader, and
// compare/regions/<slug>.json) and builds everything with textContent: nothing from a report is
// ever parsed as markup.
(function () {
  "use strict";
  var root = document.getElementById("gk-compare");
  if (!root) return;
  var NAME = /^[\p{L}\p{N}_-]{1,200}$/u; // report ids and region slugs are safe slugs (names.safe_slug)
  var MAX_COLUMNS = 12; // of a series: the latest ones
  var PARTS = (root.getAttribute("data-sections") || "").split("|").filter(Boolean);
  var params = new URLSearchParams(window.location.search);
  var status = el("p", "gk-cmp-status");
  status.setAttribute("role", "status"); // read out when it changes: loading, done, or what went wrong
  root.appendChild(status);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fetched(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response;
    });
  }

  function getJSON(url) {
    return fetched(url).then(function (response) { return response.json(); });
  }

  // The unpacking is the search index's (search-index.js, which runs before this script).
  var Index = window.GongkaiIndex;

  function reportJSON(id) {
    if (!Index || !Index.canUnpack) return Promise.reject(new Error("此浏览器不能解压比较数据，请换用较新的浏览器"));
    return fetched("data/" + encodeURIComponent(id) + ".json.gz").then(function (response) {
      return response.arrayBuffer();
    }).then(Index.unpacked).then(JSON.parse).catch(function () {
      throw new Error("找不到报告 " + id);
    });
  }

  function reportHref(rec, anchor) {
    return "../reports/" + encodeURIComponent(rec.id) + "/" + (anchor ? "#" + encodeURIComponent(anchor) : "");
  }

  function shortName(rec) {
    return (rec.region || rec.issuer || rec.title) + (rec.year ? " " + rec.year + "年度" : "");
  }

  function number(value) {
    return typeof value === "number" ? String(Math.round(value * 100) / 100) : String(value);
  }

  function difference(before, after, percent) {
    if (typeof before !== "number" || typeof after !== "number") return "";
    var d = Math.round((after - before) * 100) / 100;
    var text = (d > 0 ? "+" : d < 0 ? "−" : "±") + String(Math.abs(d));
    if (percent && before !== 0 && d !== 0) text += "（" + (d > 0 ? "+" : "−") + String(Math.abs(Math.round(d / before * 1000) / 10)) + "%）";
    return text;
  }

  function scroller(table) {
    var wrap = el("div", "gk-cmp-scroll");
    wrap.appendChild(table);
    return wrap;
  }

  function row(cells, header) {
    var tr = el("tr");
    cells.forEach(function (cell, i) {
      var td = el(header || i === 0 ? "th" : "td", null, typeof cell === "string" ? cell : null);
      if (!header && i === 0) td.setAttribute("scope", "row");
      if (header) td.setAttribute("scope", "col");
      if (typeof cell !== "string") td.appendChild(cell);
      tr.appendChild(td);
    });
    return tr;
  }

  function table(caption, head, rows) {
    var t = el("table");
    t.appendChild(el("caption", null, caption));
    var thead = el("thead");
    thead.appendChild(row(head, true));
    t.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (r) { body.appendChild(row(r)); });
    t.appendChild(body);
    return scroller(t);
  }

  function heads(records, pair) {
    var list = el("ol", "gk-cmp-heads " + (pair ? "gk-cmp-pair" : "gk-cmp-series"));
    records.forEach(function (rec, i) {
      var item = el("li", "gk-cmp-head");
      item.appendChild(el("span", "gk-cmp-tag", pair ? (i === 0 ? "甲" : "乙") : rec.year + "年度"));
      var title = el("a", null, rec.title);
      title.href = reportHref(rec);
      item.appendChild(title);
      item.appendChild(el("span", "gk-cmp-meta", [rec.region, rec.issuer, rec.date || "日期不详"].filter(Boolean).join(" · ")));
      list.appendChild(item);
    });
    return list;
  }

  function partsView(records, pair) {
    var box = el("section", "gk-cmp-block");
    box.appendChild(el("h2", null, "各部分对照"));
    box.appendChild(el("p", "gk-cmp-note", "按规定的部分并排摘录每份报告的开头；字数和段落数说明写了多少，点“读这一部分”看全文。"));
    var names = PARTS.filter(function (name) {
      return records.some(function (rec) { return rec.sections.some(function (s) { return s[0] === name; }); });
    });
    if (!names.length) {
      box.appendChild(el("p", null, "这些报告没有可识别的规定部分（只有法治政府建设年度报告按部分标注）。"));
      return box;
    }
    names.forEach(function (name) {
      box.appendChild(el("h3", null, name));
      var line = el("div", "gk-cmp-row " + (pair ? "gk-cmp-pair" : "gk-cmp-series"));
      records.forEach(function (rec, i) {
        var cell = el("div", "gk-cmp-cell");
        cell.appendChild(el("p", "gk-cmp-tag", pair ? (i === 0 ? "甲 · " : "乙 · ") + shortName(rec) : rec.year + "年度"));
        var part = rec.sections.filter(function (s) { return s[0] === name; })[0];
        if (!part) {
          cell.appendChild(el("p", "gk-cmp-none", "未写这一部分"));
        } else {
          cell.appendChild(el("p", "gk-cmp-meta", part[2] + " 段，约 " + part[3] + " 字"));
          cell.appendChild(el("blockquote", null, part[4]));
          var more = el("a", null, "读这一部分");
          more.href = reportHref(rec, part[1]);
          cell.appendChild(more);
        }
        line.appendChild(cell);
      });
      box.appendChild(line);
    });
    return box;
  }

  // Short column names, so that a table fits a phone: the heads above say who 甲 and 乙 are.
  function labels(records, pair) {
    return records.map(function (rec, i) { return pair ? (i === 0 ? "甲" : "乙") : rec.year; });
  }

  function topicsView(records, pair) {
    var box = el("section", "gk-cmp-block");
    box.appendChild(el("h2", null, "主题"));
    var counts = records.map(function (rec) {
      var m = {};
      rec.topics.forEach(function (t) { m[t[0]] = t[1]; });
      return m;
    });
    var total = {};
    counts.forEach(function (m) { Object.keys(m).forEach(function (t) { total[t] = (total[t] || 0) + m[t]; }); });
    var topics = Object.keys(total).sort(function (x, y) { return total[y] - total[x] || (x < y ? -1 : 1); });
    if (!topics.length) {
      box.appendChild(el("p", null, "这些报告没有标注主题。"));
      return box;
    }
    var rows = topics.map(function (t) {
      var name = el("span", null, t);
      if (NAME.test(t)) { // a topic page is named by the topic when the name is a safe slug (all 21 are)
        name = el("a", null, t);
        name.href = "../topics/" + encodeURIComponent(t) + "/";
      }
      var cells = [name].concat(counts.map(function (m) { return String(m[t] || 0); }));
      if (pair) cells.push(difference(counts[0][t] || 0, counts[1][t] || 0));
      return cells;
    });
    box.appendChild(table(pair ? "提到该主题的段落数；末列为乙减甲" : "提到该主题的段落数", ["主题"].concat(labels(records, pair), pair ? ["乙−甲"] : []), rows));
    return box;
  }

  function indicatorsView(records, pair) {
    var box = el("section", "gk-cmp-block");
    box.appendChild(el("h2", null, "主要数字"));
    var names = [];
    var values = records.map(function (rec) {
      var m = {};
      rec.indicators.forEach(function (i) {
        if (!(i[0] in m)) m[i[0]] = i;
        if (names.indexOf(i[0]) < 0) names.push(i[0]);
      });
      return m;
    });
    if (!names.length) {
      box.appendChild(el("p", null, "这些报告中没有读出数字。"));
      return box;
    }
    var rows = names.map(function (name) {
      var cells = [name];
      var before = null;
      values.forEach(function (m, k) {
        var item = m[name];
        if (!item) { cells.push("—"); return; }
        var cell = el("span");
        var link = el("a", null, number(item[1]) + item[2]);
        link.href = reportHref(records[k], item[3]);
        cell.appendChild(link);
        if (!pair && before) {
          var change = difference(before[1], item[1], true);
          if (change) cell.appendChild(el("span", "gk-cmp-change", " " + change));
        }
        before = item;
        cells.push(cell);
      });
      if (pair) cells.push(values[0][name] && values[1][name] ? difference(values[0][name][1], values[1][name][1], true) : "—");
      return cells;
    });
    var caption = pair ? "每个数值链接到它所在的段落；末列为乙减甲" : "每个数值链接到它所在的段落，其后为较上一份报告的增减";
    box.appendChild(table(caption, ["指标"].concat(labels(records, pair), pair ? ["乙−甲"] : []), rows));
    return box;
  }

  function show(records, pair, intro) {
    status.textContent = "";
    if (intro) root.appendChild(intro);
    root.appendChild(heads(records, pair));
    root.appendChild(partsView(records, pair));
    root.appendChild(topicsView(records, pair));
    root.appendChild(indicatorsView(records, pair));
    document.title = "比较：" + records.map(shortName).join(" / ") + document.title.replace(/^比较/, "");
    document.body.setAttribute("data-compare-done", "ok");
  }

  function fail(message) {
    status.textContent = message;
    document.body.setAttribute("data-compare-done", "error");
  }

  function seriesPicker(region, all, chosen) {
    var form = el("form", "gk-cmp-series-form");
    form.setAttribute("action", "./");
    var label = el("label", null, "选择机关和类型 ");
    var select = el("select");
    all.forEach(function (s, i) {
      var option = el("option", null, (s.issuer || "机关不详") + "（" + (s.type || "类型不详") + "，" + s.reports.length + " 份）");
      option.value = String(i);
      if (s === chosen) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      var s = all[Number(select.value)];
      var query = new URLSearchParams({ region: region, issuer: s.issuer, type: s.type });
      window.location.search = "?" + query.toString();
    });
    label.appendChild(select);
    form.appendChild(label);
    return form;
  }

  function compareSeries(region) {
    getJSON("regions/" + encodeURIComponent(region) + ".json").catch(function () {
      throw new Error("这个地区还没有两个以上年度的报告可以对照");
    }).then(function (data) {
      var all = data.series || [];
      var issuer = params.get("issuer"), type = params.get("type");
      var chosen = all.filter(function (s) { return (!issuer || s.issuer === issuer) && (!type || s.type === type); })[0] || all[0];
      if (!chosen) throw new Error("这个地区还没有两个以上年度的报告可以对照");
      var intro = el("div", "gk-cmp-intro");
      intro.appendChild(el("p", null, data.region + "：" + (chosen.issuer || "机关不详") + "历年" + (chosen.type || "报告") + "对照"));
      if (all.length > 1) intro.appendChild(seriesPicker(region, all, chosen));
      var ids = chosen.reports.slice(-MAX_COLUMNS).map(function (r) { return r[1]; });
      return Promise.all(ids.map(reportJSON)).then(function (records) { show(records, false, intro); });
    }).catch(function (error) { fail(error.message); });
  }

  var a = params.get("a"), b = params.get("b"), region = params.get("region");
  if (a && b) {
    if (!NAME.test(a) || !NAME.test(b)) { fail("报告编号不正确"); return; }
    status.textContent = "正在读取两份报告……";
    Promise.all([reportJSON(a), reportJSON(b)]).then(function (records) { show(records, true); })
      .catch(function (error) { fail(error.message); });
  } else if (region) {
    if (!NAME.test(region)) { fail("地区名称不正确"); return; }
    status.textContent = "正在读取这个地区的报告……";
    compareSeries(region);
  } else {
    document.body.setAttribute("data-compare-done", "empty");
  }
})();
