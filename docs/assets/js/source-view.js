/* The saved copy of a report's page is published gzipped (sources/<id>.txt.gz, see
   site/sources.py). A click on its link shows the text below the link, unpacked by the search
   index's reader; a second click hides it. Without DecompressionStream, or with a modifier key,
   the link downloads the file as any link would. The text goes in as text (textContent), never as markup. */
(function () {
  "use strict";
  // The unpacking is the search index's (search-index.js, which runs before this script).
  var Index = window.GongkaiIndex;
  if (!Index || !Index.canUnpack) return;

  document.addEventListener("click", async function (event) {
    var link = event.target.closest ? event.target.closest("a.gk-source") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var shown = link.gkSourceView;
    if (shown) {
      shown.hidden = !shown.hidden;
      link.setAttribute("aria-expanded", String(!shown.hidden));
      return;
    }
    var view = document.createElement("pre");
    view.className = "gk-source-text";
    view.tabIndex = 0;  // scrollable by keyboard
    view.setAttribute("aria-label", "原始网页存档");
    view.textContent = "正在读取存档……";
    link.closest("p").after(view);
    link.gkSourceView = view;
    link.setAttribute("aria-expanded", "true");
    try {
      var response = await fetch(link.href);
      if (!response.ok) throw new Error("HTTP " + response.status);
      view.textContent = await Index.unpacked(await response.arrayBuffer());
    } catch (error) {
      view.textContent = "无法在页面中显示存档（" + error.message + "），请点右键另存后解压查看。";
    }
  });
})();
