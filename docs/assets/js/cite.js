// One-click copy for the 引用本文 box: a button names the element whose text it copies.
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
