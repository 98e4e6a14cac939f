// Progressive enhancement of the job page: poll the job's status and update the progress bar.
// Without JavaScript the page offers a refresh link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box || box.dataset.finished === "true") return;
  var refresh = box.querySelector(".job-refresh");
  if (refresh) refresh.hidden = true;
  var bar = box.querySelector("progress");
  function field(name) { return box.querySelector('[data-job-field="' + name + '"]'); }
  function poll() {
    fetch(box.dataset.jobStatusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.finished) { window.location.reload(); return; }
        field("status_label").textContent = job.status_label;
        field("message").textContent = job.message;
        if (job.total) {
          bar.max = job.total;
          bar.value = job.done;
          bar.textContent = (job.percent || 0) + " %";
          field("counts").textContent = job.done + " / " + job.total;
        }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { if (refresh) refresh.hidden = false; });
  }
  window.setTimeout(poll, 1000);
})();
