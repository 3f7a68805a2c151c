(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var topics = Array.prototype.slice.call(document.querySelectorAll("section.topic"));
  var status = document.getElementById("filters-status");
  function ticked(name) {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[data-filter='" + name + "']"), function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }
  function apply() {
    var topicOn = ticked("topic"), kindOn = ticked("kind"), shown = 0;
    findings.forEach(function (finding) {
      var visible = topicOn[finding.dataset.topic] !== false && kindOn[finding.dataset.kind] !== false;
      finding.hidden = !visible;
      if (visible) { shown += 1; }
    });
    topics.forEach(function (section) {
      section.hidden = !section.querySelector("article.finding:not([hidden])");
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings.";
  }
  form.addEventListener("change", apply);
  document.getElementById("filters-reset").addEventListener("click", function () {
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = true; });
    apply();
  });
  form.hidden = false;
  apply();
})();
