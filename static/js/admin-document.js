// The admin's add-meeting form: a pasted text larger than a report can be is refused here, in
// the browser, with the text still in the box (the server refuses it too, with the same words).
(function () {
  "use strict";
  var form = document.getElementById("document-form");
  if (!form) return;
  var box = form.querySelector("textarea[data-max-bytes]");
  if (!box) return;
  var limit = parseInt(box.getAttribute("data-max-bytes"), 10);
  form.addEventListener("submit", function (event) {
    var size = new TextEncoder().encode(box.value).length;
    var old = document.getElementById("document-size-error");
    if (old) old.remove();
    if (size <= limit) return;
    event.preventDefault();
    var note = document.createElement("p");
    note.id = "document-size-error";
    note.className = "errornote";
    note.setAttribute("role", "alert");
    note.textContent = "The pasted text is " + (size / 1e6).toFixed(1) + " MB; a report can be at most " +
      (limit / 1e6).toFixed(0) + " MB (is it really one report?). Nothing was sent; the text is still here.";
    box.parentNode.insertBefore(note, box);
    box.focus();
  });
})();
