/* Links: a question addressed by the URL hash (/<topic>/#<id>, search results,
 * short links) is scrolled to with its answer open; an id that is no longer on
 * the page goes on to its short link /q/<id>/, which knows where it moved.
 * Expand / collapse all, copy a question's short link, the skip link. */
(function () {
  "use strict";
  var H = window.Handbook;

  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || !document.querySelector(".hb-toolbar")) return;
    var heading = document.getElementById(id);
    if (heading && heading.classList.contains("hb-question")) {
      var answer = H.answerOf(heading);
      if (answer) answer.open = true;
      heading.scrollIntoView();
    } else if (!heading && H.ID.test(id)) {
      location.replace(H.url("q/" + id + "/"));
    }
  }

  function setAll(open) {
    document.querySelectorAll("details.answer").forEach(function (d) { d.open = open; });
  }

  function copyLink(button) {
    var url = H.url("q/" + button.dataset.qid + "/");
    var label = button.textContent;
    H.copyText(url).then(function () {
      button.textContent = "Link copied";
    }, function () {
      window.prompt("Copy this link:", url);
    }).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest("button");
    if (!target) return;
    if (target.matches(".hb-expand-all")) setAll(true);
    else if (target.matches(".hb-collapse-all")) setAll(false);
    else if (target.matches(".hb-copy-link")) copyLink(target);
  });

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog) searchDialog.setAttribute("aria-label", "Search");

  // "Skip to content" moves focus to the page title, so Tab goes on from the content.
  // Followed as a link, its hash change made instant navigation re-fetch and swap the
  // page, which at times left the next Tab in the side navigation.
  window.addEventListener("click", function (ev) {
    var skip = ev.target.closest && ev.target.closest("a.md-skip");
    var target = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
    if (!target) return;
    ev.preventDefault();
    ev.stopPropagation();
    target.tabIndex = -1;
    target.focus();
  }, true);
  window.addEventListener("hashchange", openFromHash);

  H.links = { openFromHash: openFromHash };
  H.onPage(openFromHash);
})();
