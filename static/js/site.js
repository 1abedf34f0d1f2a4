/* The site's own script (no inline code: the CSP forbids it).
   - On a narrow screen the facets start folded, so the results come first.
   - Facets a large search left out of its first response ("Counting…") are fetched from the
     same page with fragment=facets and put in place; without JavaScript the "Count now" link
     reloads the page with every facet counted. */
function foldFacetsOnNarrowScreens(root) {
  if (window.matchMedia("(max-width: 48rem)").matches) {
    for (const box of root.querySelectorAll("details.facets-box")) box.open = false;
  }
}

async function completeFacets() {
  const pending = document.querySelector("aside.facets-pending[data-facets-src]");
  if (!pending) return;
  try {
    const response = await fetch(pending.dataset.facetsSrc, { credentials: "same-origin" });
    if (!response.ok) return; // the "Count now" link stays
    const holder = document.createElement("div");
    holder.innerHTML = await response.text(); // the site's own escaped markup
    const facets = holder.querySelector("aside.facets");
    if (!facets) return;
    foldFacetsOnNarrowScreens(facets);
    pending.replaceWith(facets);
  } catch (error) {
    // offline or refused: the "Count now" link stays
  }
}

document.addEventListener("DOMContentLoaded", () => {
  foldFacetsOnNarrowScreens(document);
  completeFacets();
});
