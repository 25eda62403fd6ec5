(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }
  var rows = document.querySelectorAll("tr[data-kind]");
  var groups = document.querySelectorAll("[data-filtered]");
  var status = form.querySelector("output");
  function chosen(name) {
    var picked = form.querySelector("input[name=" + name + "]:checked");
    return picked ? picked.value : "";
  }
  function apply() {
    var kind = chosen("kind");
    var severity = chosen("severity");
    var shown = 0;
    rows.forEach(function (row) {
      var keep = (!kind || row.getAttribute("data-kind") === kind) &&
        (!severity || row.getAttribute("data-severity") === severity);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tr[data-kind]:not([hidden])");
      var entry = document.querySelector("li[data-for='" + group.id + "']");
      if (entry) { entry.hidden = group.hidden; }
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " findings.";
  }
  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
