/* Copy as TeX: selected formulas are copied as their TeX source ($...$ or
 * $$...$$, from the MathML's alttext), not as glyphs. */
(function () {
  "use strict";

  function copyWithTex(ev) {
    var selection = document.getSelection();
    if (!selection.rangeCount) return;
    var fragment = selection.getRangeAt(0).cloneContents();
    var formulas = fragment.querySelectorAll("math[alttext]");
    if (!formulas.length) return;
    formulas.forEach(function (math) {
      var fence = math.getAttribute("display") === "block" ? "$$" : "$";
      math.replaceWith(fence + math.getAttribute("alttext") + fence);
    });
    var box = document.createElement("div");
    box.appendChild(fragment);
    ev.clipboardData.setData("text/plain", box.textContent);
    ev.preventDefault();
  }

  document.addEventListener("copy", copyWithTex);
})();
