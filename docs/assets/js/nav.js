/* Where am I: two things the theme does only for pages in the site's nav.
   1. A detail page (report, region, topic…) is not in the nav, so no entry is marked. Its
      breadcrumb names the section (data-gk-section); the entry of the navigation (the sidebar,
      the drawer on a phone) that leads to that section's index is marked as the theme marks
      the current one.
   2. On a phone the header has room for the short name only: 公开 stays, the rest of the
      site name is wrapped in a span that the CSS hides on narrow screens (the full name stays
      in the title attribute and for screen readers). Without this script the theme's
      ellipsis is shown, as before. */
(function () {
  "use strict";

  function sameAddress(a, b) {
    return new URL(a, location.href).pathname === new URL(b, location.href).pathname;
  }

  function markSection() {
    var crumbs = document.querySelector(".gk-crumbs[data-gk-section]");
    var first = crumbs && crumbs.querySelector("a[href]");
    if (!first) return;
    var target = first.getAttribute("href");
    document.querySelectorAll(".md-nav--primary > .md-nav__list > li > a.md-nav__link").forEach(function (link) {
      if (sameAddress(link.getAttribute("href"), target)) link.classList.add("md-nav__link--active");
    });
  }

  function shortName() {
    var name = document.querySelector(".md-header__topic:first-child .md-ellipsis");
    if (!name || name.querySelector(".gk-name-rest")) return;
    var full = name.textContent.trim();
    var cut = full.indexOf(" · ");
    if (cut < 0) return;
    name.textContent = "";
    var head = document.createElement("span");
    head.textContent = full.slice(0, cut);
    var rest = document.createElement("span");
    rest.className = "gk-name-rest";
    rest.textContent = full.slice(cut);
    name.appendChild(head);
    name.appendChild(rest);
    name.setAttribute("title", full);
  }

  function install() {
    markSection();
    shortName();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
