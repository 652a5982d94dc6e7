/* Deep Learning Interview Handbook: behaviour on top of Material for MkDocs.
 *
 * - a question addressed by the URL hash (/<topic>/#<id>, search results,
 *   short links) is scrolled to with its answer open; an id that is no longer
 *   on the page goes on to its short link /q/<id>/, which knows where it moved;
 * - expand / collapse all, copy a question's short link;
 * - "I know this" progress in localStorage, shown on topic pages and home;
 * - practice mode on /practice/;
 * - copying text that contains formulas copies their TeX source.
 */
(function () {
  "use strict";

  var KNOWN_KEY = "dl-handbook:known";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var config = JSON.parse(document.getElementById("__config").textContent);
  // Resolved once: with instant navigation, later pages keep this script.
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);

  /* ---------------------------------------------------------------- hash */

  function answerOf(heading) {
    for (var el = heading.nextElementSibling; el; el = el.nextElementSibling) {
      if (el.matches("details.answer")) return el;
      if (el.matches("h2")) return null;
    }
    return null;
  }

  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || !document.querySelector(".hb-toolbar")) return;
    var heading = document.getElementById(id);
    if (heading && heading.classList.contains("hb-question")) {
      var answer = answerOf(heading);
      if (answer) answer.open = true;
      heading.scrollIntoView();
    } else if (!heading && ID.test(id)) {
      location.replace(new URL("q/" + id + "/", root).href);
    }
  }

  /* ------------------------------------------------------------ toolbar */

  function setAll(open) {
    document.querySelectorAll("details.answer").forEach(function (d) { d.open = open; });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyLink(button) {
    var url = new URL("q/" + button.dataset.qid + "/", root).href;
    var label = button.textContent;
    copyText(url).then(function () {
      button.textContent = "Link copied";
    }, function () {
      window.prompt("Copy this link:", url);
    }).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  /* ----------------------------------------------------------- progress */

  function known() {
    try {
      return new Set(JSON.parse(localStorage.getItem(KNOWN_KEY) || "[]"));
    } catch (err) {
      return new Set();
    }
  }

  function saveKnown(set) {
    localStorage.setItem(KNOWN_KEY, JSON.stringify(Array.from(set)));
  }

  function showProgress() {
    var set = known();
    document.querySelectorAll("input[data-qid]").forEach(function (box) {
      box.checked = set.has(box.dataset.qid);
    });
    document.querySelectorAll(".hb-progress[data-ids]").forEach(function (el) {
      var ids = el.dataset.ids.split(" ");
      var count = ids.filter(function (id) { return set.has(id); }).length;
      el.textContent = count + " / " + ids.length + " known";
      el.hidden = false;
    });
    document.querySelectorAll(".hb-reset").forEach(function (el) { el.hidden = set.size === 0; });
  }

  function markKnown(box) {
    var set = known();
    if (box.checked) set.add(box.dataset.qid); else set.delete(box.dataset.qid);
    saveKnown(set);
    showProgress();
  }

  /* ----------------------------------------------------------- practice */

  var practice = { questions: null, current: null, pages: {} };

  function practiceState(form) {
    return {
      topic: form.elements.topic.value,
      difficulty: form.elements.difficulty.value,
      skip: form.elements["skip-known"].checked
    };
  }

  function readPracticeUrl(form) {
    var params = new URLSearchParams(location.search);
    form.elements.topic.value = params.get("topic") || "";
    form.elements.difficulty.value = params.get("difficulty") || "";
    form.elements["skip-known"].checked = params.get("skip-known") === "1";
  }

  function writePracticeUrl(state) {
    var params = new URLSearchParams();
    if (state.topic) params.set("topic", state.topic);
    if (state.difficulty) params.set("difficulty", state.difficulty);
    if (state.skip) params.set("skip-known", "1");
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : ""));
  }

  function candidates(state) {
    var set = known();
    return practice.questions.filter(function (q) {
      return (!state.topic || q.topic.id === state.topic) &&
        (!state.difficulty || q.difficulty === state.difficulty) &&
        !(state.skip && set.has(q.id));
    });
  }

  function nextQuestion(box) {
    var form = box.querySelector("form");
    var state = practiceState(form);
    var pool = candidates(state);
    var card = box.querySelector(".hb-practice__card");
    var status = box.querySelector(".hb-practice__status");
    if (pool.length > 1 && practice.current) {
      pool = pool.filter(function (q) { return q.id !== practice.current.id; });
    }
    if (!pool.length) {
      card.hidden = true;
      status.textContent = "No question matches these filters.";
      return;
    }
    var q = pool[Math.floor(Math.random() * pool.length)];
    practice.current = q;
    status.textContent = candidates(state).length + " questions match.";
    card.hidden = false;
    card.dataset.qid = q.id;
    card.querySelector(".hb-practice__meta").textContent = q.topic.title + " · " + q.difficulty;
    card.querySelector(".hb-practice__question").textContent = q.question;
    var answer = card.querySelector(".hb-practice__answer");
    answer.hidden = true;
    answer.innerHTML = "";
    card.querySelector(".hb-practice__open").href = new URL(q.url, root).href;
    card.querySelector(".hb-practice__reveal").disabled = false;
  }

  function topicPage(url) {
    if (!practice.pages[url]) {
      practice.pages[url] = fetch(url).then(function (r) { return r.text(); }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
    }
    return practice.pages[url];
  }

  function reveal(box) {
    var q = practice.current;
    if (!q) return;
    var pageUrl = new URL(q.topic.url, root).href;
    var answer = box.querySelector(".hb-practice__answer");
    topicPage(pageUrl).then(function (doc) {
      if (practice.current !== q) return;
      var source = answerOf(doc.getElementById(q.id));
      answer.innerHTML = "";
      Array.from(source.children).forEach(function (child) {
        if (child.tagName !== "SUMMARY") answer.appendChild(document.importNode(child, true));
      });
      answer.querySelectorAll("a[href]").forEach(function (a) {
        a.href = new URL(a.getAttribute("href"), pageUrl).href;
      });
      answer.hidden = false;
      focusableScrollers(answer);
      var button = box.querySelector(".hb-practice__reveal");
      // A disabled button drops focus to <body>: keep keyboard users on the card.
      if (document.activeElement === button) box.querySelector(".hb-practice__next").focus();
      button.disabled = true;
    });
  }

  function startPractice(box) {
    var form = box.querySelector("form");
    readPracticeUrl(form);
    fetch(new URL("handbook.json", root)).then(function (r) { return r.json(); }).then(function (bank) {
      practice.questions = [];
      bank.topics.forEach(function (topic) {
        topic.questions.forEach(function (q) {
          practice.questions.push({ id: q.id, question: q.question, difficulty: q.difficulty, url: q.url, topic: topic });
        });
      });
      nextQuestion(box);
    });
    form.addEventListener("change", function () {
      writePracticeUrl(practiceState(form));
      practice.current = null;
      nextQuestion(box);
    });
  }

  function practiceKeys(ev) {
    var box = document.querySelector(".hb-practice");
    if (!box || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.target.closest && ev.target.closest("input, select, textarea, .md-search")) return;
    if (ev.key === " " && ev.target.closest && ev.target.closest("button, summary, a[href]")) return;  // Space activates them
    if (ev.key === " " || ev.key === "r") {
      reveal(box);
    } else if (ev.key === "n") {
      nextQuestion(box);
    } else {
      return;
    }
    ev.preventDefault();
    ev.stopImmediatePropagation();  // Material binds "n" to "next page"
  }

  /* ---------------------------------------------------------------- math */

  // Selected formulas are copied as TeX ($...$ or $$...$$), not as glyphs.
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

  /* -------------------------------------------------------------- wiring */

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest("button");
    if (!target) return;
    if (target.matches(".hb-expand-all")) setAll(true);
    else if (target.matches(".hb-collapse-all")) setAll(false);
    else if (target.matches(".hb-copy-link")) copyLink(target);
    else if (target.matches(".hb-reset-progress")) {
      if (window.confirm("Forget which questions you marked as known?")) {
        saveKnown(new Set());
        showProgress();
      }
    } else if (target.matches(".hb-practice__reveal")) reveal(target.closest(".hb-practice"));
    else if (target.matches(".hb-practice__next")) nextQuestion(target.closest(".hb-practice"));
  });

  document.addEventListener("change", function (ev) {
    if (ev.target.matches("input[data-qid]")) markKnown(ev.target);
  });

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  var searchDialog = document.querySelector(".md-search[role=dialog]");
  if (searchDialog) searchDialog.setAttribute("aria-label", "Search");

  document.addEventListener("copy", copyWithTex);
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
  window.addEventListener("keydown", practiceKeys, true);
  window.addEventListener("hashchange", openFromHash);
  window.addEventListener("resize", function () {
    var answer = document.querySelector(".hb-practice__answer:not([hidden])");
    if (answer) focusableScrollers(answer);
  });

  // Wide tables and code scroll sideways; keyboard users need to reach them (axe:
  // scrollable-region-focusable). Material does this for code present at page load,
  // not for answers the practice card shows later.
  function focusableScrollers(root) {
    root.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
    });
    if (root === document) return;  // Material handles the page's own code blocks
    root.querySelectorAll("pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.tabIndex = 0;
      else code.removeAttribute("tabindex");
    });
  }

  function onPage() {
    focusableScrollers(document);
    showProgress();
    openFromHash();
    var box = document.querySelector(".hb-practice");
    if (box) startPractice(box);
  }

  if (window.document$) {
    window.document$.subscribe(onPage);  // every page, also with instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
