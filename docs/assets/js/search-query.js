/* What a query means over the index (window.GongkaiQuery), for search.js:
   - parse: "行政复议" in quotes is one phrase whatever spaces it holds; -綦江 is an excluded term;
   - resolve: a term found nowhere as typed is looked up again in simplified characters
     (行政複議 → 行政复议), with traditional.json from corpus/traditional.py's converter;
   - match: the pages holding every term, grouped by page (a long page has several index
     entries), each with its best entry's score;
   - check: a page against its text, which also gives the sentence to show. */
(function () {
  "use strict";
  var Index = window.GongkaiIndex;

  /* {terms, excluded}: normalised; a quoted phrase is one term, whatever spaces it holds. */
  function parseQuery(q) {
    var open = "\"“”「『", close = "\"“”」』", out = { terms: [], excluded: [] };
    var s = q.normalize("NFKC"), i = 0;
    while (i < s.length) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (i >= s.length) break;
      var minus = (s[i] === "-" || s[i] === "−") && i + 1 < s.length && !/\s/.test(s[i + 1]);
      if (minus) i++;
      var word = "";
      if (open.indexOf(s[i]) !== -1) {
        for (i++; i < s.length && close.indexOf(s[i]) === -1; i++) word += s[i];
        i++;
      } else {
        for (; i < s.length && !/\s/.test(s[i]); i++) if (open.indexOf(s[i]) === -1 && close.indexOf(s[i]) === -1) word += s[i];
      }
      word = Index.normalise(word);
      var list = minus ? out.excluded : out.terms;
      if (word && list.indexOf(word) === -1) list.push(word);
    }
    return out;
  }
  /* The term and its candidates; a term found nowhere as typed is tried in simplified characters. */
  async function resolve(index, typed) {
    var cands = await index.term(typed);
    if (cands.size || !/[^\x00-\x7f]/.test(typed)) return { typed: typed, term: typed, cands: cands };
    var map = await index.traditional();
    var simple = Array.from(typed).map(function (c) { return map.get(c) || c; }).join("");
    var other = simple === typed ? cands : await index.term(simple);
    // Found in simplified: search that. Not found either: keep the reader's own term, and say both were tried.
    return other.size ? { typed: typed, term: simple, cands: other, converted: true } : { typed: typed, term: typed, cands: cands, tried: simple !== typed && simple };
  }

  /* Every page holding all terms, as groups by page (a long page has several entries). */
  function match(index, positive, negative) {
    var groups = new Map();
    function add(entry, masks) {
      var head = index.head[entry], g = groups.get(head);
      if (!g) groups.set(head, g = { head: head, isReport: !index.listing.has(head), entries: [], ex: [], score: 0, ok: undefined });
      g.entries.push([entry, masks]);
    }
    if (positive.length) {
      positive[0].cands.forEach(function (_, entry) {
        var masks = positive.map(function (p) { return p.cands.get(entry); });
        if (masks.every(Boolean)) add(entry, masks);
      });
    } else {
      index.reports.forEach(function (head) { add(head, []); });
    }
    negative.forEach(function (neg, k) {
      neg.cands.forEach(function (mask, entry) { var g = groups.get(index.head[entry]); if (g) g.ex.push([entry, k, mask]); });
    });
    var idf = positive.map(function (p) { return index.idf(p.cands); });
    groups.forEach(function (g) {
      g.entries.forEach(function (e) { e.score = index.score(e[0], e[1], idf); g.score = Math.max(g.score, e.score); });
      g.entries.sort(function (a, b) { return b.score - a.score; });
    });
    return groups;
  }
  /* Not yet checked against its text: assumed a result unless it may hold an excluded term. */
  function likely(g) { return g.ok !== undefined ? g.ok : !g.ex.length; }
  function passes(g, sets, skip) {
    return sets.every(function (s) { return s[0] === skip || (g.isReport && s[1].has(g.head)); });
  }
  async function check(index, g, q) {
    for (var i = 0; i < g.ex.length; i++) {
      var x = g.ex[i];
      if (await index.find(x[0], q.negative[x[1]].term, x[2])) { g.ok = false; g.excluded = true; return null; }
    }
    for (var k = 0; k < g.entries.length; k++) {
      var hit = await index.verify(g.entries[k][0], q.terms, g.entries[k][1]);
      if (hit) { g.ok = true; return hit; }
    }
    g.ok = false;
    return null;
  }

  window.GongkaiQuery = { parse: parseQuery, resolve: resolve, match: match, likely: likely, passes: passes, check: check };
})();
