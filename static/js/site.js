/* The only script of the site: on a narrow screen the facets start folded, so the results come
   first; without JavaScript they simply stay open. */
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 48rem)").matches) {
    for (const box of document.querySelectorAll("details.facets-box")) box.open = false;
  }
});
