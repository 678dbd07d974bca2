/* The theme's table of contents, built from the headings of the page it is on.

   The page is sent with an empty list (overrides/partials/toc.html) so that its headings are
   not written twice; this script fills it as the theme would have, from each h2–h6 with an id,
   an entry nested under the nearest heading above it of a higher level. Unlike the theme's list
   it also has the headings the generator writes as HTML (引用本文), which the theme's could not
   see: they are sections of the page like the others. It runs where it stands,
   at the end of the body, so the list is full before the theme's scripts start at
   DOMContentLoaded and follow the reader through it (toc.follow). */
(function () {
  "use strict";
  var lists = document.querySelectorAll("ul[data-gk-toc]");
  if (!lists.length) return;
  var headings = document.querySelectorAll(
    ".md-content article h2[id], .md-content article h3[id], .md-content article h4[id]," +
    " .md-content article h5[id], .md-content article h6[id]");

  function entry(heading) {
    var item = document.createElement("li");
    item.className = "md-nav__item";
    var link = document.createElement("a");
    link.className = "md-nav__link";
    link.setAttribute("href", "#" + heading.id);
    var text = document.createElement("span");
    text.className = "md-ellipsis";
    text.textContent = heading.textContent.replace(/\s+/g, " ").trim();
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  function build() {
    var root = document.createDocumentFragment();
    var open = [];  // the entries still able to take children: {level, item, list}
    headings.forEach(function (heading) {
      var level = Number(heading.tagName.charAt(1));
      while (open.length && open[open.length - 1].level >= level) open.pop();
      var item = entry(heading);
      var parent = open[open.length - 1];
      if (!parent) {
        root.appendChild(item);
      } else {
        if (!parent.list) {
          var nav = document.createElement("nav");
          nav.className = "md-nav";
          nav.setAttribute("aria-label", parent.item.textContent.trim());
          parent.list = document.createElement("ul");
          parent.list.className = "md-nav__list";
          nav.appendChild(parent.list);
          parent.item.appendChild(nav);
        }
        parent.list.appendChild(item);
      }
      open.push({ level: level, item: item, list: null });
    });
    return root;
  }

  lists.forEach(function (list) { list.appendChild(build()); });
  // The 目录 box at the top of a report is for screens without this sidebar from now on.
  document.documentElement.classList.add("gk-toc-built");
})();
