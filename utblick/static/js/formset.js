// Progressive enhancement of formsets (templates/core/_formset.html): "More rows" adds an
// empty row in the page, from the formset's own empty form, instead of submitting the form.
// Without JavaScript the button submits and the server answers with one more row.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset]").forEach(function (set) {
    var prefix = set.dataset.formset;
    var template = set.querySelector("template[data-formset-empty]");
    var total = set.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = set.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var button = set.querySelector("[data-formset-add]");
    var status = set.querySelector("[data-formset-status]");
    if (!template || !total || !button) return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) return;
      // The template is Utblick's own markup (no user input), so innerHTML is safe here.
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      template.before(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      if (status) status.textContent = set.dataset.formsetAdded.replace("{number}", String(index + 1));
    });
  });
})();
