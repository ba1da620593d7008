// Progressive enhancement of the delegation form: rows are added, removed and moved in the page,
// without a round trip. Without JavaScript the same buttons ask the server, and nothing is lost.
(function () {
  "use strict";
  var form = document.querySelector("form[data-delegates]");
  if (!form) { return; }
  var rowsInput = form.querySelector('input[name="rows"]');
  var addButton = form.querySelector('button[value="add"]');
  var label = form.getAttribute("data-delegate-label");

  function rows() { return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-row]")); }

  function renumber() {
    rows().forEach(function (row, index) {
      row.id = "delegate-" + index;
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) { el.setAttribute(attr, value.replace(/delegates-\d+-/g, "delegates-" + index + "-")); }
        });
      });
      row.querySelectorAll('button[name="action"]').forEach(function (button) {
        button.value = button.value.replace(/-\d+$/, "-" + index);
      });
      var legend = row.querySelector("legend strong");
      if (legend) { legend.textContent = label + " " + (index + 1); }
      var up = row.querySelector('button[value^="up-"]'), down = row.querySelector('button[value^="down-"]');
      if (up) { up.disabled = index === 0; }
      if (down) { down.disabled = index === rows().length - 1; }
    });
    rowsInput.value = rows().length;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest('button[name="action"]');
    if (!button) { return; }
    var action = button.value, all = rows(), match = /^(remove|up|down)-(\d+)$/.exec(action);
    if (action === "add" && all.length) {
      event.preventDefault();
      var copy = all[all.length - 1].cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) {
        if (input.type === "checkbox") { input.checked = true; }
        else if (input.type !== "hidden") { input.value = ""; }
        else if (/-key$/.test(input.name)) { input.value = ""; }
        input.removeAttribute("aria-invalid");
      });
      copy.querySelectorAll("select").forEach(function (select) { select.selectedIndex = 0; });
      copy.querySelectorAll(".error").forEach(function (error) { error.remove(); });
      copy.querySelectorAll(".has-error").forEach(function (field) { field.classList.remove("has-error"); });
      var fn = copy.querySelector('select[name$="-function"]');
      if (fn) { fn.value = "expert"; }
      all[all.length - 1].after(copy);
      renumber();
      copy.querySelector('input[name$="-given_name"]').focus();
    } else if (match) {
      event.preventDefault();
      var row = all[Number(match[2])];
      if (match[1] === "remove") {
        if (all.length > 1) { row.remove(); } else { return; }
      } else if (match[1] === "up" && row.previousElementSibling && row.previousElementSibling.matches("fieldset[data-row]")) {
        row.previousElementSibling.before(row);
      } else if (match[1] === "down" && row.nextElementSibling && row.nextElementSibling.matches("fieldset[data-row]")) {
        row.nextElementSibling.after(row);
      }
      renumber();
      (rows()[Math.min(Number(match[2]), rows().length - 1)].querySelector("input:not([type=hidden])") || addButton).focus();
    }
  });
})();
