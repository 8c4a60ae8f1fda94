// Instant 共感 button: the form works without JavaScript; with it, no page reload.
(function () {
  "use strict";
  document.querySelectorAll("form[data-vote-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch) { return; }
      event.preventDefault();
      var button = form.querySelector("button");
      var action = form.querySelector("input[name=action]");
      button.disabled = true;
      // getAttribute: the hidden input named "action" shadows form.action.
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        document.querySelectorAll("[data-vote-count]").forEach(function (el) { el.textContent = data.votes; });
        action.value = data.voted ? "remove" : "add";
        button.setAttribute("aria-pressed", data.voted ? "true" : "false");
        var labels = form.closest("[data-label-on]").dataset;  // translated by the page
        button.textContent = data.voted ? labels.labelOn : labels.labelOff;
        button.className = data.voted ? "button button-secondary button-block" : "button button-primary button-block";
        var live = document.getElementById("vote-status");
        if (live) { live.textContent = data.voted ? labels.saidOn : labels.saidOff; }
      }).catch(function () {
        form.submit();  // fall back to the ordinary form post
      }).finally(function () {
        button.disabled = false;
      });
    });
  });
})();
