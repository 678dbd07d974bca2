/* The ¶ after each paragraph of a report: a click copies the paragraph's full address and says
   已复制 beside it. It stays an ordinary link: without this script, with a modifier key, or when
   the clipboard refuses, the browser simply goes to the paragraph. */
(function () {
  "use strict";
  var SHOWN_MS = 2000;

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
})();
