/* Study state: what a reader knows, flags to review later and the
 * spaced-repetition schedule, kept in this browser's localStorage under one
 * versioned key. Older formats are migrated, never dropped:
 *
 *   version 1 (before spaced repetition): "dl-handbook:known" = ["id", ...]
 *   version 2: "dl-handbook:study" = {
 *     version: 2,
 *     known: ["id", ...],                       "I know this"
 *     flags: {"id": "2026-12-05T10:00:00Z"},    "Review later", with when
 *     cards: {"id": {due, stability, difficulty, elapsed_days, scheduled_days,
 *                    learning_steps, reps, lapses, state, last_review,
 *                    introduced: "2026-12-05"}},   ts-fsrs cards, dates as ISO text
 *     newPerDay: 20                              new questions a day in practice
 *   }
 *
 * Shows progress ("1 / 2 known"), due counts and flag buttons on home and topic
 * pages; exports, imports (merging) and resets the whole state. */
(function () {
  "use strict";
  var H = window.Handbook;

  var KEY = "dl-handbook:study";
  var LEGACY_KEY = "dl-handbook:known";
  var VERSION = 2;
  var FORMAT = "dl-handbook-study";
  var DEFAULT_NEW_PER_DAY = 20;
  var CARD_NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps",
                      "reps", "lapses", "state"];

  function empty() {
    return { version: VERSION, known: [], flags: {}, cards: {}, newPerDay: DEFAULT_NEW_PER_DAY };
  }

  /** Bring any stored version up to the current one. */
  function migrate(data) {
    if (Array.isArray(data)) data = { version: 1, known: data };  // the legacy list
    if (data.version === 1) {
      data = { version: 2, known: data.known, flags: {}, cards: {}, newPerDay: DEFAULT_NEW_PER_DAY };
    }
    return data;
  }

  function load() {
    var raw, legacy;
    try {
      raw = localStorage.getItem(KEY);
      legacy = localStorage.getItem(LEGACY_KEY);
    } catch (err) {
      return empty();  // storage blocked: study without saving
    }
    try {
      if (raw === null && legacy !== null) {
        var migrated = check(migrate(JSON.parse(legacy)));
        save(migrated);
        localStorage.removeItem(LEGACY_KEY);
        return migrated;
      }
      return raw === null ? empty() : check(migrate(JSON.parse(raw)));
    } catch (err) {
      // Unreadable: keep it aside rather than overwrite it, and start afresh.
      try { localStorage.setItem(KEY + ":unreadable", raw === null ? legacy : raw); } catch (e) { /* full */ }
      var fresh = empty();
      save(fresh);
      return fresh;
    }
  }

  function save(state) {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (err) { /* storage blocked or full: the page still works */ }
  }

  /** A valid current-version state, or an Error saying what is wrong. */
  function check(data) {
    function fail(what) { throw new Error(what); }
    if (!data || typeof data !== "object" || Array.isArray(data)) fail("it is not a JSON object");
    if (data.version !== VERSION) {
      fail(typeof data.version === "number" && data.version > VERSION
        ? "it was written by a newer version of the handbook (format " + data.version + ")"
        : "its format version is " + JSON.stringify(data.version) + ", expected " + VERSION);
    }
    var known = data.known === undefined ? [] : data.known;
    if (!Array.isArray(known) || !known.every(function (id) { return typeof id === "string"; })) {
      fail("\"known\" must be a list of question ids");
    }
    var flags = data.flags === undefined ? {} : data.flags;
    if (!flags || typeof flags !== "object" || Array.isArray(flags)) fail("\"flags\" must be an object");
    Object.keys(flags).forEach(function (id) {
      if (typeof flags[id] !== "string" || isNaN(Date.parse(flags[id]))) fail("flag of \"" + id + "\" has no valid date");
    });
    var cards = data.cards === undefined ? {} : data.cards;
    if (!cards || typeof cards !== "object" || Array.isArray(cards)) fail("\"cards\" must be an object");
    Object.keys(cards).forEach(function (id) {
      var card = cards[id];
      if (!card || typeof card !== "object") fail("card \"" + id + "\" is not an object");
      if (typeof card.due !== "string" || isNaN(Date.parse(card.due))) fail("card \"" + id + "\" has no valid due date");
      CARD_NUMBERS.forEach(function (field) {
        if (typeof card[field] !== "number" || !isFinite(card[field])) fail("card \"" + id + "\": \"" + field + "\" must be a number");
      });
    });
    var newPerDay = data.newPerDay === undefined ? DEFAULT_NEW_PER_DAY : data.newPerDay;
    if (typeof newPerDay !== "number" || newPerDay < 0 || Math.floor(newPerDay) !== newPerDay) {
      fail("\"newPerDay\" must be a whole number");
    }
    return { version: VERSION, known: known.slice(), flags: flags, cards: cards, newPerDay: newPerDay };
  }

  /** state: read fresh each time, so that two tabs do not undo each other. */
  function update(change) {
    var state = load();
    change(state);
    save(state);
    refresh();
    return state;
  }

  function today(now) {
    var d = now || new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function isDue(card, now) {
    return !!card && Date.parse(card.due) <= (now || Date.now());
  }

  function dueIds(state, ids, now) {
    now = now || Date.now();
    return ids.filter(function (id) { return isDue(state.cards[id], now); });
  }

  /* ------------------------------------------------------------ merge */

  /** Another browser's state merged into ours: nothing of either is lost. */
  function merge(ours, theirs) {
    var out = { version: VERSION, known: ours.known.slice(), flags: {}, cards: {}, newPerDay: ours.newPerDay };
    theirs.known.forEach(function (id) { if (out.known.indexOf(id) < 0) out.known.push(id); });
    [ours.flags, theirs.flags].forEach(function (flags) {
      Object.keys(flags).forEach(function (id) {
        if (!out.flags[id] || Date.parse(flags[id]) < Date.parse(out.flags[id])) out.flags[id] = flags[id];
      });
    });
    [ours.cards, theirs.cards].forEach(function (cards) {
      Object.keys(cards).forEach(function (id) {
        var card = cards[id], have = out.cards[id];
        // The card reviewed last carries the whole history (FSRS state is cumulative).
        if (!have || (Date.parse(card.last_review || 0) || 0) > (Date.parse(have.last_review || 0) || 0) ||
            (card.last_review === have.last_review && card.reps > have.reps)) {
          out.cards[id] = card;
        }
      });
    });
    return out;
  }

  function exportText() {
    var state = load();
    return JSON.stringify({ format: FORMAT, exported: new Date().toISOString(), version: state.version,
                            known: state.known, flags: state.flags, cards: state.cards,
                            newPerDay: state.newPerDay }, null, 2) + "\n";
  }

  /** Merge an exported file; returns a summary or throws an Error with the reason. */
  function importText(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new Error("This file is not valid JSON (" + err.message + "). Nothing was changed.");
    }
    if (!data || data.format !== FORMAT) {
      throw new Error("This is not a study-progress file of this handbook (no \"format\": \"" + FORMAT +
                      "\"). Nothing was changed.");
    }
    var theirs;
    try {
      theirs = check(migrate(data));
    } catch (err) {
      throw new Error("This progress file cannot be read: " + err.message + ". Nothing was changed.");
    }
    var before = load();
    var merged = merge(before, theirs);
    save(merged);
    refresh();
    return { known: merged.known.length - before.known.length,
             flags: Object.keys(merged.flags).length - Object.keys(before.flags).length,
             cards: Object.keys(merged.cards).length };
  }

  function reset() {
    save(empty());
    refresh();
  }

  function isEmpty(state) {
    return !state.known.length && !Object.keys(state.flags).length && !Object.keys(state.cards).length;
  }

  /* ------------------------------------------------------------ on pages */

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function refresh() {
    var state = load();
    var known = new Set(state.known);
    var now = Date.now();
    document.querySelectorAll("input[data-qid]").forEach(function (box) {
      box.checked = known.has(box.dataset.qid);
    });
    document.querySelectorAll("button.hb-flag[data-qid]").forEach(function (button) {
      var on = Object.prototype.hasOwnProperty.call(state.flags, button.dataset.qid);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    document.querySelectorAll(".hb-progress[data-ids]").forEach(function (el) {
      var ids = el.dataset.ids.split(" ");
      var count = ids.filter(function (id) { return known.has(id); }).length;
      el.textContent = count + " / " + ids.length + " known";
      el.hidden = false;
    });
    var all = [];
    document.querySelectorAll(".hb-due[data-ids]").forEach(function (el) {
      var ids = el.dataset.ids.split(" ");
      var due = dueIds(state, ids, now).length;
      all = all.concat(ids);
      el.textContent = el.dataset.format === "short" ? String(due) : plural(due, "question", "questions") + " due";
      el.hidden = false;
    });
    document.querySelectorAll(".hb-due-total").forEach(function (el) {
      var due = Object.keys(state.cards).filter(function (id) { return isDue(state.cards[id], now); }).length;
      el.querySelector(".hb-due-total__count").textContent = plural(due, "question is", "questions are");
      el.hidden = !Object.keys(state.cards).length;
    });
    document.querySelectorAll(".hb-reset").forEach(function (el) { el.hidden = isEmpty(state); });
    document.dispatchEvent(new CustomEvent("hb:study-changed"));
  }

  document.addEventListener("change", function (ev) {
    var box = ev.target;
    if (!box.matches("input[data-qid]")) return;
    update(function (state) {
      var known = new Set(state.known);
      if (box.checked) known.add(box.dataset.qid); else known.delete(box.dataset.qid);
      state.known = Array.from(known);
    });
  });

  function toggleFlag(id, on) {
    return update(function (state) {
      if (on === undefined) on = !Object.prototype.hasOwnProperty.call(state.flags, id);
      if (on) state.flags[id] = state.flags[id] || new Date().toISOString();
      else delete state.flags[id];
    });
  }

  function confirmReset() {
    if (window.confirm("Forget all your study progress in this browser: known questions, " +
                       "review-later flags and the review schedule?")) {
      reset();
      return true;
    }
    return false;
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest("button");
    if (!button) return;
    if (button.matches("button.hb-flag[data-qid]")) toggleFlag(button.dataset.qid);
    else if (button.matches(".hb-reset-progress")) confirmReset();
  });

  H.study = {
    KEY: KEY, LEGACY_KEY: LEGACY_KEY, VERSION: VERSION,
    load: load, save: save, update: update, refresh: refresh, today: today,
    isDue: isDue, dueIds: dueIds, toggleFlag: toggleFlag, merge: merge,
    exportText: exportText, importText: importText, reset: reset, confirmReset: confirmReset
  };
  H.onPage(refresh);
})();
