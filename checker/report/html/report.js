// Filters by severity, finding type and fact kind. Everything is in the page already: without JavaScript
// the filter form stays hidden and every finding is listed.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var counter = form.querySelector("output");
  function selected(name) {
    var values = {};
    form.querySelectorAll("input[name='" + name + "']").forEach(function (box) { values[box.value] = box.checked; });
    return values;
  }
  function apply() {
    var severity = selected("severity"), type = selected("type"), kind = selected("kind");
    var shown = 0, total = 0;
    document.querySelectorAll("[data-finding]").forEach(function (row) {
      var visible = severity[row.dataset.severity] !== false && type[row.dataset.type] !== false && kind[row.dataset.kind] !== false;
      row.hidden = !visible;
      total += 1;
      if (visible) { shown += 1; }
    });
    // A slot or a story stays in view while one of its findings does; one without findings follows its kind.
    document.querySelectorAll("[data-slot]").forEach(function (slot) {
      var rows = slot.querySelectorAll("[data-finding]");
      var visible = rows.length === 0 ? kind[slot.dataset.kind] !== false : Array.prototype.some.call(rows, function (r) { return !r.hidden; });
      slot.hidden = !visible;
    });
    document.querySelectorAll("[data-story]").forEach(function (story) {
      var rows = story.querySelectorAll("[data-finding]");
      story.hidden = rows.length > 0 && !Array.prototype.some.call(rows, function (r) { return !r.hidden; });
    });
    if (counter) { counter.textContent = shown + " of " + total + " findings shown"; }
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
}());
