// A box of text with a limit says, as people type, how many characters they have left or how many
// are too many. Without scripts the page says the limit alone ("You can enter up to 4,000
// characters"); the form refuses too much and keeps what was written either way. Screen readers
// hear the count once typing pauses, not at every key. The messages come from the page's
// language catalogue (Django's JavaScriptCatalog, loaded before this script).
"use strict";

const ANNOUNCE_AFTER_MS = 1000;

function characters(text) {
  // As the form counts them: code points, not UTF-16 units, without the spaces at either end.
  return [...text.trim()].length;
}

function countMessage(left) {
  const message =
    left >= 0
      ? ngettext(
          "You have %(count)s character remaining",
          "You have %(count)s characters remaining",
          left,
        )
      : ngettext(
          "You have %(count)s character too many",
          "You have %(count)s characters too many",
          -left,
        );
  const count = new Intl.NumberFormat(document.documentElement.lang).format(Math.abs(left));
  return interpolate(message, { count }, true);
}

function countCharacters(limitNote) {
  const box = document.getElementById(limitNote.dataset.for);
  const limit = Number(limitNote.dataset.limit);
  if (!box || !limit) {
    return;
  }
  // The limit stays the box's description; what is left is shown beside it, and said aloud by
  // an element of its own.
  limitNote.classList.add("visually-hidden");
  const shown = document.createElement("p");
  shown.className = "hint character-count__status";
  shown.setAttribute("aria-hidden", "true");
  const spoken = document.createElement("p");
  spoken.className = "visually-hidden";
  spoken.setAttribute("aria-live", "polite");
  limitNote.after(shown, spoken);

  let announcing;
  function update() {
    const left = limit - characters(box.value);
    shown.textContent = countMessage(left);
    shown.classList.toggle("character-count__status--over", left < 0);
    box.classList.toggle("character-count__box--over", left < 0);
  }
  function typed(event) {
    // While an input method composes (pinyin letters before they become characters), the box
    // holds letters that will not stay: count once they are chosen.
    if (event.isComposing) {
      return;
    }
    update();
    clearTimeout(announcing);
    announcing = setTimeout(() => {
      spoken.textContent = shown.textContent;
    }, ANNOUNCE_AFTER_MS);
  }
  box.addEventListener("input", typed);
  box.addEventListener("compositionend", typed);
  update();
}

function countEveryBox() {
  if (typeof ngettext !== "function") {
    return; // no catalogue: the page says the limit alone
  }
  for (const limitNote of document.querySelectorAll(".character-count[data-limit]")) {
    countCharacters(limitNote);
  }
}

// Deferred on the portal's pages; in the admin's head, it waits for the page.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", countEveryBox);
} else {
  countEveryBox();
}
