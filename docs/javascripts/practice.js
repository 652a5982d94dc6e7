/* Practice mode on /practice/: one question at a time, answer hidden.
 *
 * Order: questions due for review first (the most overdue first), then new
 * questions (never graded) while today's allowance of new ones lasts. Filters
 * (topic, difficulty, skip known) live in the URL. After revealing the answer
 * the reader grades it Again / Hard / Good / Easy (keys 1-4) and ts-fsrs
 * (javascripts/vendor/ts-fsrs, loaded on this page only) schedules its return.
 * "Next" skips a question without grading it. */
(function () {
  "use strict";
  var H = window.Handbook;
  var FSRS_SRC = "javascripts/vendor/ts-fsrs/index.umd.js";

  var practice = { questions: null, current: null, pages: {}, scheduler: null, revealed: false };
  var fsrsLoading = null;

  function loadFsrs() {
    if (!fsrsLoading) {
      fsrsLoading = new Promise(function (resolve, reject) {
        if (window.FSRS) return resolve(window.FSRS);
        var script = document.createElement("script");
        script.src = H.url(FSRS_SRC);
        script.onload = function () { resolve(window.FSRS); };
        script.onerror = function () { fsrsLoading = null; reject(new Error("could not load " + FSRS_SRC)); };
        document.head.appendChild(script);
      });
    }
    return fsrsLoading;
  }

  function scheduler() {
    if (!practice.scheduler) practice.scheduler = window.FSRS.fsrs(window.FSRS.generatorParameters({}));
    return practice.scheduler;
  }

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

  /** Every question the filters allow, in bank order. */
  function candidates(filters, study) {
    var known = new Set(study.known);
    return practice.questions.filter(function (q) {
      return (!filters.topic || q.topic.id === filters.topic) &&
        (!filters.difficulty || q.difficulty === filters.difficulty) &&
        !(filters.skip && known.has(q.id));
    });
  }

  function newLeftToday(study, now) {
    var day = H.study.today(now);
    var introduced = Object.keys(study.cards).filter(function (id) { return study.cards[id].introduced === day; }).length;
    return Math.max(0, study.newPerDay - introduced);
  }

  /** The queue for these filters: due questions (most overdue first), then new ones. */
  function queue(filters) {
    var study = H.study.load();
    var now = new Date();
    var pool = candidates(filters, study);
    var due = pool.filter(function (q) { return H.study.isDue(study.cards[q.id], now.getTime()); });
    due.sort(function (a, b) { return Date.parse(study.cards[a.id].due) - Date.parse(study.cards[b.id].due); });
    var fresh = pool.filter(function (q) { return !study.cards[q.id]; });
    var left = newLeftToday(study, now);
    var later = pool.filter(function (q) { return study.cards[q.id] && !H.study.isDue(study.cards[q.id], now.getTime()); });
    later.sort(function (a, b) { return Date.parse(study.cards[a.id].due) - Date.parse(study.cards[b.id].due); });
    return { pool: pool, due: due, fresh: left > 0 ? fresh : [], newTotal: fresh.length, newLeft: left,
             newPerDay: study.newPerDay, next: later.length ? study.cards[later[0].id].due : null };
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function describeQueue(box, q) {
    var line = q.due.length + " due now · " + Math.min(q.newLeft, q.newTotal) + " new of " + q.newTotal +
      " left today (" + q.newPerDay + " a day)";
    box.querySelector(".hb-practice__queue").textContent = line;
  }

  function nextQuestion(box) {
    var form = box.querySelector("form");
    var filters = practiceState(form);
    var q = queue(filters);
    var card = box.querySelector(".hb-practice__card");
    var status = box.querySelector(".hb-practice__status");
    describeQueue(box, q);
    practice.revealed = false;
    box.querySelector(".hb-practice__grades").hidden = true;
    if (!q.pool.length) {
      card.hidden = true;
      practice.current = null;
      status.textContent = "No question matches these filters.";
      return;
    }
    var pick = null;
    var due = q.due.filter(function (x) { return !practice.current || x.id !== practice.current.id; });
    if (due.length) {
      pick = due[0];
    } else {
      var pool = q.fresh;
      if (pool.length > 1 && practice.current) {
        pool = pool.filter(function (x) { return x.id !== practice.current.id; });
      }
      if (pool.length) pick = pool[Math.floor(Math.random() * pool.length)];
      else if (q.due.length) pick = q.due[0];  // the only due question is the current one
    }
    if (!pick) {
      card.hidden = true;
      practice.current = null;
      status.textContent = "Nothing due now" + (q.next ? "; the next review is on " + when(q.next) : "") +
        (q.newTotal ? ", and today's new questions are done." : ".");
      return;
    }
    practice.current = pick;
    // Fetch the answer's page and the scheduler while the reader thinks: Reveal is then instant.
    topicPage(H.url(pick.topic.url)).catch(function () {});
    loadFsrs().catch(function () {});
    status.textContent = q.pool.length + " questions match.";
    card.hidden = false;
    card.dataset.qid = pick.id;
    card.querySelector(".hb-practice__meta").textContent = pick.topic.title + " · " + pick.difficulty;
    card.querySelector(".hb-practice__question").textContent = pick.question;
    var answer = card.querySelector(".hb-practice__answer");
    answer.hidden = true;
    answer.innerHTML = "";
    card.querySelector(".hb-practice__open").href = H.url(pick.url);
    card.querySelector(".hb-practice__reveal").disabled = false;
    card.querySelector(".hb-practice__flag").dataset.qid = pick.id;
    H.study.refresh();
  }

  function topicPage(url) {
    if (!practice.pages[url]) {
      practice.pages[url] = fetch(url).then(function (r) { return r.text(); }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
    }
    return practice.pages[url];
  }

  function interval(from, to) {
    var minutes = Math.max(1, Math.round((to - from) / 60000));
    if (minutes < 60) return minutes + " min";
    var hours = Math.round(minutes / 60);
    if (hours < 24) return hours + " h";
    var days = Math.round(hours / 24);
    if (days < 31) return days + (days === 1 ? " day" : " days");
    var months = Math.round(days / 30.4);
    if (months < 12) return months + " mo";
    return (days / 365).toFixed(1) + " y";
  }

  function cardOf(id, now) {
    var stored = H.study.load().cards[id];
    return stored || window.FSRS.createEmptyCard(now);
  }

  function showGrades(box) {
    var now = new Date();
    var preview = scheduler().repeat(cardOf(practice.current.id, now), now);
    box.querySelectorAll(".hb-grade").forEach(function (button) {
      var next = preview[Number(button.dataset.grade)].card.due;
      button.querySelector("small").textContent = interval(now, next);
    });
    box.querySelector(".hb-practice__grades").hidden = false;
  }

  function reveal(box) {
    var q = practice.current;
    if (!q || practice.revealed) return;
    var pageUrl = H.url(q.topic.url);
    var answer = box.querySelector(".hb-practice__answer");
    Promise.all([topicPage(pageUrl), loadFsrs()]).then(function (loaded) {
      var doc = loaded[0];
      if (practice.current !== q) return;
      var source = H.answerOf(doc.getElementById(q.id));
      answer.innerHTML = "";
      Array.from(source.children).forEach(function (child) {
        if (child.tagName !== "SUMMARY") answer.appendChild(document.importNode(child, true));
      });
      answer.querySelectorAll("a[href]").forEach(function (a) {
        a.href = new URL(a.getAttribute("href"), pageUrl).href;
      });
      answer.hidden = false;
      practice.revealed = true;
      H.focusableScrollers(answer);
      showGrades(box);
      var button = box.querySelector(".hb-practice__reveal");
      // A disabled button drops focus to <body>: keep keyboard users on the card.
      if (document.activeElement === button) box.querySelector(".hb-practice__next").focus();
      button.disabled = true;
    });
  }

  function grade(box, rating) {
    var q = practice.current;
    if (!q || !practice.revealed) return;
    var now = new Date();
    var focusWasOnCard = box.contains(document.activeElement) && document.activeElement !== document.body;
    var stored = H.study.load().cards[q.id];
    var result = scheduler().next(cardOf(q.id, now), now, rating);
    var c = result.card;
    var saved = {
      due: c.due.toISOString(), stability: c.stability, difficulty: c.difficulty,
      elapsed_days: c.elapsed_days, scheduled_days: c.scheduled_days, learning_steps: c.learning_steps,
      reps: c.reps, lapses: c.lapses, state: c.state,
      last_review: c.last_review ? new Date(c.last_review).toISOString() : now.toISOString(),
      introduced: stored && stored.introduced ? stored.introduced : H.study.today(now)
    };
    H.study.update(function (state) { state.cards[q.id] = saved; });
    var names = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
    nextQuestion(box);
    box.querySelector(".hb-practice__status").textContent =
      names[rating] + ": back in " + interval(now, c.due) + ". " + box.querySelector(".hb-practice__status").textContent;
    if (focusWasOnCard) {
      // After this event: Chromium sends the keypress of an Enter to the element focused
      // by then, which would reveal the next answer at once.
      setTimeout(function () {
        var reveal = box.querySelector(".hb-practice__reveal");
        if (!box.querySelector(".hb-practice__card").hidden) reveal.focus();
      }, 0);
    }
  }

  function startPractice(box) {
    var form = box.querySelector("form");
    var limit = box.querySelector("input[name=new-per-day]");
    readPracticeUrl(form);
    limit.value = H.study.load().newPerDay;
    practice.current = null;
    H.questions().then(function (questions) {
      practice.questions = questions;
      nextQuestion(box);
    }, function (err) {
      box.querySelector(".hb-practice__status").textContent = H.bankProblem(err);
    });
    form.addEventListener("change", function () {
      writePracticeUrl(practiceState(form));
      practice.current = null;
      nextQuestion(box);
    });
    limit.addEventListener("change", function () {
      var value = Math.floor(Number(limit.value));
      if (!isFinite(value) || value < 0) { limit.value = H.study.load().newPerDay; return; }
      H.study.update(function (state) { state.newPerDay = value; });
      limit.value = value;
      if (practice.questions && !practice.revealed) { practice.current = null; nextQuestion(box); }
      else if (practice.questions) describeQueue(box, queue(practiceState(form)));
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
    } else if (/^[1-4]$/.test(ev.key) && practice.revealed) {
      grade(box, Number(ev.key));
    } else {
      return;
    }
    ev.preventDefault();
    ev.stopImmediatePropagation();  // Material binds "n" to "next page"
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest("button");
    if (!target) return;
    if (target.matches(".hb-practice__reveal")) reveal(target.closest(".hb-practice"));
    else if (target.matches(".hb-practice__next")) nextQuestion(target.closest(".hb-practice"));
    else if (target.matches(".hb-grade")) grade(target.closest(".hb-practice"), Number(target.dataset.grade));
  });
  window.addEventListener("keydown", practiceKeys, true);
  window.addEventListener("resize", function () {
    var answer = document.querySelector(".hb-practice__answer:not([hidden])");
    if (answer) H.focusableScrollers(answer);
  });

  H.practice = { queue: queue, interval: interval };
  H.onPage(function () {
    var box = document.querySelector(".hb-practice");
    if (box) startPractice(box);
  });
})();
