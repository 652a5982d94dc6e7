/* Deep Learning Interview Handbook: shared ground for the browser modules.
 *
 * Material for MkDocs loads the files of `extra_javascript` (mkdocs.yml) in
 * order, once: with instant navigation later pages keep them. This file comes
 * first and defines `window.Handbook`, which the others extend, one job each:
 *
 *   links.js     a question addressed by the URL hash opens; expand / collapse
 *                all; copy a question's short link; the skip link
 *   study.js     study state in localStorage (known, review-later flags, the
 *                spaced-repetition schedule), versioned and migrated; progress
 *                and due counts on home and topic pages; export / import / reset
 *   practice.js  practice mode on /practice/, graded with FSRS (ts-fsrs)
 *   review.js    the /review/ page: flagged and due questions, moving progress
 *   tex.js       copying text that contains formulas copies their TeX source
 *
 * Plain scripts, not ES modules, so that the offline copy works from file://.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var bank = null;

  var Handbook = window.Handbook = {
    ID: /^[a-z0-9]+(-[a-z0-9]+)*$/,
    // Resolved once: with instant navigation, later pages keep these scripts.
    root: new URL(config.base.replace(/\/?$/, "/"), location.href),

    /** Run fn on every page, also after instant navigation (in script order). */
    onPage: function (fn) {
      // From disk Material has no instant navigation, and its document$ does not replay.
      if (window.document$ && !Handbook.fromDisk) window.document$.subscribe(function () { fn(); });
      else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { fn(); });
      else fn();
    },

    /** Opened from disk: the offline copy (mkdocs-offline.yml), with page files, not folders. */
    fromDisk: location.protocol === "file:",

    /** A URL of the site, from a path relative to its root ("basics/#id", "q/id/"). */
    url: function (path) {
      if (Handbook.fromDisk) {
        var m = /^([^#?]*)(.*)$/.exec(path);
        var page = m[1];
        if (page === "") page = "index.html";
        else if (/^q\/.*\/$/.test(page)) page += "index.html";  // short links stay folders
        else if (/\/$/.test(page)) page = page.slice(0, -1) + ".html";
        path = page + m[2];
      }
      return new URL(path, Handbook.root).href;
    },

    /** Why a page that needs the question bank cannot work here. */
    bankProblem: function (err) {
      return Handbook.fromDisk
        ? "This needs the handbook on a web server: a page opened from disk may not read the question bank. " +
          "Run `python3 -m http.server` in the offline copy's folder and open http://localhost:8000/, or use the online site."
        : "Could not load the questions (" + err.message + "). Reload the page to try again.";
    },

    /** handbook.json (every topic and question), fetched once. */
    bank: function () {
      if (!bank && Handbook.fromDisk) return Promise.reject(new Error("opened from disk"));
      if (!bank) {
        bank = fetch(Handbook.url("handbook.json")).then(function (r) {
          if (!r.ok) throw new Error("handbook.json: HTTP " + r.status);
          return r.json();
        });
        bank.catch(function () { bank = null; });
      }
      return bank;
    },

    /** The questions of handbook.json as a flat list, each with its topic. */
    questions: function () {
      return Handbook.bank().then(function (data) {
        var list = [];
        data.topics.forEach(function (topic) {
          topic.questions.forEach(function (q) {
            list.push({ id: q.id, question: q.question, difficulty: q.difficulty, url: q.url, topic: topic });
          });
        });
        return list;
      });
    },

    /** The collapsed answer that follows a question heading. */
    answerOf: function (heading) {
      for (var el = heading && heading.nextElementSibling; el; el = el.nextElementSibling) {
        if (el.matches("details.answer")) return el;
        if (el.matches("h2")) return null;
      }
      return null;
    },

    copyText: function (text) {
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
    },

    // Wide tables and code scroll sideways; keyboard users need to reach them (axe:
    // scrollable-region-focusable). Material does this for code present at page load,
    // not for answers the practice card shows later.
    focusableScrollers: function (root) {
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
  };

  Handbook.onPage(function () { Handbook.focusableScrollers(document); });
})();
