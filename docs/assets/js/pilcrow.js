/* The ¶ after each paragraph of a report. The page gives each paragraph its id (p1, p2 …, a
   stable address for citing it); this script adds the visible link to it, which written into the
   page was 95 bytes a paragraph. A click copies the paragraph's full address and says 已复制
   beside it. It stays an ordinary link: with a modifier key, or when the clipboard refuses, the
   browser simply goes to the paragraph. */
(function () {
  "use strict";
  var SHOWN_MS = 2000;
  var ANCHOR = /^p[0-9]+$/;

  function addLinks() {
    document.querySelectorAll(".md-content p[id]").forEach(function (paragraph) {
      if (!ANCHOR.test(paragraph.id) || paragraph.classList.contains("gk-signature")) return;
      var link = document.createElement("a");
      link.href = "#" + paragraph.id;
      link.className = "gk-pilcrow";
      link.title = "本段链接";
      link.setAttribute("aria-label", "本段链接");
      link.textContent = "¶";
      paragraph.append(" ", link);
    });
  }

  function showCopied(link) {
    var old = link.parentNode.querySelector(".gk-copied");
    if (old) old.remove();
    var note = document.createElement("span");
    note.className = "gk-copied";
    note.setAttribute("role", "status");
    note.textContent = "已复制";
    link.after(note);
    setTimeout(function () { note.remove(); }, SHOWN_MS);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.gk-pilcrow") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    var target = new URL(link.getAttribute("href"), location.href);
    // The page's own address without a query (a search's highlight), as one would cite it.
    var address = location.origin + location.pathname + target.hash;
    event.preventDefault();
    navigator.clipboard.writeText(address).then(function () {
      history.replaceState(null, "", target.hash);
      showCopied(link);
    }, function () {
      location.hash = target.hash;
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addLinks);
  else addLinks();
})();
