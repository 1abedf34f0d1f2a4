/* The site's own script (same origin; no inline code: the CSP forbids it).
   - On a narrow screen the facets start folded, so the results come first; without
     JavaScript they simply stay open.
   - What a large search left out of its first response (the facets: "Counting…"; the narrative
     passages) is fetched from the same page as a fragment (data-fragment-src) and put in
     place; without JavaScript the link beside it ("Count now", "Show it now") reloads the
     page with it included. The facets and the chart over time are fetched in turn.
   - Copy buttons (`button[data-copy]`, hidden in the markup) copy the text of the element
     their value names: a citation, an embed code. They are shown only where the clipboard
     can be written, and say what happened in the status beside them. */
function foldFacetsOnNarrowScreens(root) {
  if (window.matchMedia("(max-width: 48rem)").matches) {
    for (const box of root.querySelectorAll("details.facets-box")) box.open = false;
  }
}

async function completeFragment(pending) {
  try {
    const response = await fetch(pending.dataset.fragmentSrc, { credentials: "same-origin" });
    if (!response.ok) return; // the link stays
    const holder = document.createElement("div");
    holder.innerHTML = await response.text(); // the site's own escaped markup
    const part = holder.firstElementChild;
    if (!part) {
      pending.remove(); // nothing to show (no narrative passage matches)
      return;
    }
    foldFacetsOnNarrowScreens(part);
    pending.replaceWith(part);
  } catch (error) {
    // offline or refused: the link stays
  }
}

document.addEventListener("DOMContentLoaded", () => {
  foldFacetsOnNarrowScreens(document);
  // Fragments of one queue (the facets and the chart over time, which count the same facets)
  // are fetched one after the other, so the second finds the counts the first cached.
  const queues = {};
  for (const pending of document.querySelectorAll("[data-fragment-src]")) {
    const queue = pending.dataset.fragmentQueue;
    if (!queue) {
      completeFragment(pending);
      continue;
    }
    queues[queue] = (queues[queue] || Promise.resolve()).then(() => completeFragment(pending));
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
