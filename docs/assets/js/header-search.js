/* A search box in the header of every page: a plain GET form to search/?q=…,
   so that a search works as a link that can be bookmarked and shared. */
(function () {
  "use strict";
  function install() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".gk-header-search")) return;
    var root = (document.querySelector('meta[name="gongkai-root"]') || {}).content || "./";
    var form = document.createElement("form");
    form.className = "gk-header-search";
    form.setAttribute("role", "search");
    // A name of its own: a page may have a second search landmark (home, search page, 404).
    form.setAttribute("aria-label", "页眉搜索");
    form.method = "get";
    form.action = root + "search/";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "搜索全文";
    input.setAttribute("aria-label", "搜索全文");
    var params = new URLSearchParams(location.search);
    if (params.get("q")) input.value = params.get("q");
    form.appendChild(input);
    header.appendChild(form);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
