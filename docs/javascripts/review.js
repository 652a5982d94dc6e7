/* The /review/ page: questions flagged "review later" (with a button to unflag
 * each) and questions due for review, each linked to its place with its topic;
 * export, import (merge) and reset of the whole study state. */
(function () {
  "use strict";
  var H = window.Handbook;

  function item(q, note, flagged) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = H.url(q.url);
    link.textContent = q.question;
    var topic = document.createElement("span");
    topic.className = "hb-review__topic";
    topic.textContent = " — " + q.topic.title + (note ? " · " + note : "");
    li.dataset.qid = q.id;
    li.append(link, topic);
    if (flagged) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-unflag";
      button.dataset.qid = q.id;
      button.textContent = "Remove flag";
      button.setAttribute("aria-label", "Remove flag: " + q.question);
      li.append(" ", button);
    }
    return li;
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function render(box) {
    return H.questions().then(function (questions) {
      var byId = {};
      questions.forEach(function (q) { byId[q.id] = q; });
      var state = H.study.load();
      var now = Date.now();

      var flagged = Object.keys(state.flags).filter(function (id) { return byId[id]; });
      flagged.sort(function (a, b) { return Date.parse(state.flags[a]) - Date.parse(state.flags[b]); });
      var list = box.querySelector(".hb-review__flagged");
      list.replaceChildren.apply(list, flagged.map(function (id) {
        return item(byId[id], "flagged " + new Date(state.flags[id]).toLocaleDateString(), true);
      }));
      box.querySelector(".hb-review__empty--flagged").hidden = flagged.length > 0;

      var scheduled = Object.keys(state.cards).filter(function (id) { return byId[id]; });
      var due = scheduled.filter(function (id) { return H.study.isDue(state.cards[id], now); });
      due.sort(function (a, b) { return Date.parse(state.cards[a].due) - Date.parse(state.cards[b].due); });
      var dueList = box.querySelector(".hb-review__due");
      dueList.replaceChildren.apply(dueList, due.map(function (id) {
        return item(byId[id], "due since " + when(state.cards[id].due), false);
      }));
      var later = scheduled.filter(function (id) { return due.indexOf(id) < 0; })
        .map(function (id) { return state.cards[id].due; }).sort();
      var status = box.querySelector(".hb-review__due-status");
      status.textContent = (due.length ? due.length + (due.length === 1 ? " question is" : " questions are") + " due now." :
                            "Nothing is due now.") +
        (later.length ? " " + later.length + " more scheduled; the next on " + when(later[0]) + "." :
         scheduled.length ? "" : " Grade answers in practice mode to schedule reviews.");
      if (due.length) {
        var practise = document.createElement("a");
        practise.href = H.url("practice/");
        practise.textContent = "Practise them";
        status.append(" ", practise);
      }
    });
  }

  function message(box, text, error) {
    var el = box.querySelector(".hb-transfer__message");
    el.textContent = text;
    el.classList.toggle("hb-transfer__message--error", !!error);
  }

  function exportFile() {
    var blob = new Blob([H.study.exportText()], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "dl-handbook-progress-" + H.study.today() + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function importFile(box, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      try {
        var result = H.study.importText(text);
        message(box, "Imported “" + file.name + "”: " + result.known + " more known, " + result.flags +
                " more flagged, " + result.cards + " questions scheduled in all.");
      } catch (err) {
        message(box, "Could not import “" + file.name + "”: " + err.message, true);
      }
      input.value = "";
      render(box);
    });
  }

  document.addEventListener("click", function (ev) {
    var box = document.querySelector(".hb-review");
    var button = ev.target.closest("button");
    if (!box || !button || !box.contains(button)) return;
    if (button.matches(".hb-unflag")) {
      var li = button.closest("li");
      var next = li.nextElementSibling || li.previousElementSibling;
      H.study.toggleFlag(button.dataset.qid, false);
      render(box).then(function () {
        // Keep keyboard users in the list: focus the next "Remove flag", else the heading.
        var target = next && box.querySelector(".hb-unflag[data-qid='" + next.dataset.qid + "']");
        (target || box.querySelector("#flagged")).focus();
      });
    } else if (button.matches(".hb-export")) {
      exportFile();
      message(box, "Saved your progress as a file (see your downloads).");
    } else if (button.matches(".hb-reset-all")) {
      if (H.study.confirmReset()) message(box, "Your progress in this browser was reset.");
      render(box);
    }
  });

  document.addEventListener("change", function (ev) {
    var box = document.querySelector(".hb-review");
    if (box && ev.target.matches(".hb-import")) importFile(box, ev.target);
  });

  H.onPage(function () {
    var box = document.querySelector(".hb-review");
    if (!box) return;
    box.querySelector("#flagged").tabIndex = -1;
    render(box).catch(function (err) {
      box.querySelector(".hb-review__due-status").textContent = H.bankProblem(err);
    });
  });
})();
