/* Arriving from a search result (report/?hl=行政复议#p12): the search terms are marked in the
   page's text, and the paragraph the result quoted is brought into view and outlined.
   Our own script rather than a #:~:text= fragment: that works in some browsers only, and
   marks one passage, not each occurrence. Uses GongkaiIndex.matchRanges (search-index.js),
   so that the text is compared exactly as the search compared it. */
(function () {
  "use strict";
  var MAX_MARKS = 400;  // a common word on a long page: enough to read by, few enough to stay quick
  function land() {
    var hl = new URLSearchParams(location.search).get("hl");
    var article = document.querySelector("article");
    if (!hl || !article || !window.GongkaiIndex) return;
    var terms = hl.split(" ").map(window.GongkaiIndex.normalise).filter(Boolean);
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var first = mark(target || article, terms);
    if (target) mark(article, terms, target);
    if (target) {
      target.classList.add("gk-landed");
      target.scrollIntoView({ block: "center" });
    } else if (first) {
      first.scrollIntoView({ block: "center" });
    }
  }
  /* Marks the terms in the text of ``root`` (leaving out ``skip``, already done); a match may
     run across elements (a topic link inside a sentence), so it is marked piece by piece. */
  function mark(root, terms, skip) {
    var nodes = [], text = "", walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var parent = n.parentNode;
        if (skip && skip.contains(n)) return NodeFilter.FILTER_REJECT;
        return parent.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
    var first = null, k = nodes.length - 1;
    var ranges = window.GongkaiIndex.matchRanges(text, terms).slice(0, MAX_MARKS).reverse();  // from the end: offsets stay valid
    ranges.forEach(function (r) {
      for (; k >= 0; k--) {
        var node = nodes[k][0], start = nodes[k][1], end = start + node.data.length;
        if (end <= r[0]) break;
        if (start >= r[1]) continue;
        var piece = node.splitText(Math.max(0, r[0] - start));
        piece.splitText(Math.min(piece.data.length, r[1] - Math.max(start, r[0])));
        var m = document.createElement("mark");
        m.className = "gk-hit";
        piece.parentNode.replaceChild(m, piece);
        m.appendChild(piece);
        first = m;
        if (start < r[0]) break;  // this node also holds text before the match: keep it for the next range
      }
    });
    return first;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", land);
  else land();
})();
