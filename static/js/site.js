/* The site's script (same origin; no inline code anywhere).
   - On a narrow screen the facets start folded, so the results come first; without
     JavaScript they simply stay open.
   - Copy buttons (`button[data-copy]`, hidden in the markup) copy the text of the element
     their value names: a citation, an embed code. They are shown only where the clipboard
     can be written, and say what happened in the status beside them. */
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 48rem)").matches) {
    for (const box of document.querySelectorAll("details.facets-box")) box.open = false;
  }
  if (!navigator.clipboard || !window.isSecureContext) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        if (status) status.textContent = status.dataset.copied;
      } catch (error) {
        if (status) status.textContent = status.dataset.failed;
      }
    });
  }
});
