/* The site's own script (no inline code: the CSP forbids it).
   - On a narrow screen the facets start folded, so the results come first.
   - What a large search left out of its first response (the facets: "Counting…"; the narrative
     passages) is fetched from the same page as a fragment (data-fragment-src) and put in
     place; without JavaScript the link beside it ("Count now", "Show it now") reloads the
     page with it included. */
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
  for (const pending of document.querySelectorAll("[data-fragment-src]")) {
    completeFragment(pending);
  }
});
