// The 引用本文 box. The page sends GB/T 7714 as text; BibTeX is made here from the page's own
// citation_* meta tags (the facts reference managers read), because sending both forms was 0.5 KB
// of every report page. Built with textContent: a title is data, never markup.
(function () {
  var box = document.querySelector("section.gk-cite[data-bib]");
  if (!box) return;
  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") || "" : "";
  }
  function braces(text) { return text.replace(/\{/g, "(").replace(/\}/g, ")").replace(/\\/g, "/"); }
  var date = meta("citation_date").replace(/\//g, "-");
  var url = meta("citation_public_url");
  var fields = [["title", braces(meta("citation_title"))], ["author", "{" + braces(meta("citation_author") || "佚名") + "}"],
    ["year", date.slice(0, 4)], ["date", date], ["howpublished", "\\url{" + url + "}"], ["url", url]];
  var lines = fields.filter(function (f) { return f[1]; }).map(function (f) { return "  " + f[0] + " = {" + f[1] + "}"; });
  var label = document.createElement("p");
  var name = document.createElement("strong");
  name.textContent = "BibTeX";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "gk-copy";
  button.setAttribute("data-copy", "cite-bib");
  button.textContent = "复制";
  label.append(name, " ", button);
  var pre = document.createElement("pre");
  pre.id = "cite-bib";
  pre.textContent = "@misc{gongkai-" + box.getAttribute("data-bib") + ",\n" + lines.join(",\n") + "\n}";
  box.append(label, pre);
})();

// One-click copy: a button names the element whose text it copies.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button.gk-copy") : null;
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent).then(function () {
    var label = button.textContent;
    button.textContent = "已复制";
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});
