// The rich-text editor (django-prose-editor) types into an element of its own, not the textarea
// the field's label points to: give that element the label and the help text as its name and
// description, so that screen readers announce which field it is.
"use strict";

function labelRichTextEditors() {
  for (const wrapper of document.querySelectorAll(".prose-editor")) {
    const textarea = wrapper.querySelector("textarea");
    const editable = wrapper.querySelector("[contenteditable='true']");
    const label = textarea && document.querySelector(`label[for="${textarea.id}"]`);
    if (!editable || !label) {
      continue;
    }
    label.id = label.id || `${textarea.id}_label`;
    editable.setAttribute("aria-labelledby", label.id);
    editable.setAttribute("aria-multiline", "true");
    const help = document.getElementById(`${textarea.id}_helptext`);
    if (help) {
      editable.setAttribute("aria-describedby", help.id);
    }
  }
}

// The editor starts after the page is parsed and tells when it is ready.
document.addEventListener("prose-editor:ready", labelRichTextEditors);
window.addEventListener("load", labelRichTextEditors);

// The editor's toolbar greys out what cannot be done at the moment (undo with nothing to undo)
// by a class alone: screen readers are told too. The toolbar is built, and its buttons change,
// whenever the editor likes, so every change to the page is watched.
function markUnavailableToolbarButtons() {
  for (const button of document.querySelectorAll("button.prose-menubar__button")) {
    if (!button.classList.contains("disabled")) {
      button.removeAttribute("aria-disabled");
    } else if (button.getAttribute("aria-disabled") !== "true") {
      button.setAttribute("aria-disabled", "true");
    }
  }
}

new MutationObserver(markUnavailableToolbarButtons).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ["class"],
  childList: true,
  subtree: true,
});
