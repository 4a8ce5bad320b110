// Progressive enhancement for event pages: times in the visitor's zone, and players that
// load only when asked. Without JavaScript the page already shows the event's own zone
// and a plain link to each video.
(function () {
  "use strict";
  // The page's language, in the visitor's own variant of it where they have one: an
  // English page shows 13:05 to a British visitor and 1:05 PM to an American one.
  var lang = document.documentElement.lang || undefined;
  var preferred = navigator.languages || [navigator.language];
  for (var i = 0; lang && i < preferred.length; i++) {
    if (preferred[i] && preferred[i].split("-")[0].toLowerCase() === lang.split("-")[0].toLowerCase()) {
      lang = preferred[i];
      break;
    }
  }
  var fmt;
  try {
    fmt = new Intl.DateTimeFormat(lang, {
      weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
  } catch (e) { fmt = null; }
  document.querySelectorAll("time[data-local-start]").forEach(function (el) {
    if (!fmt) return;
    var start = new Date(el.getAttribute("data-local-start"));
    var end = new Date(el.getAttribute("data-local-end"));
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var note = document.createElement("span");
    note.className = "event-local";
    note.textContent = (el.getAttribute("data-your-time") || "") + " (" + zone + "): " +
      fmt.format(start) + " – " + fmt.format(end);
    var zoneLabel = el.parentNode.querySelector(".event-zone");
    (zoneLabel || el).after(note);
  });
  document.querySelectorAll(".embed-placeholder[data-embed-src]").forEach(function (box) {
    var button = box.querySelector("button");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed-src");
      frame.title = box.getAttribute("data-embed-title") || "";
      frame.allow = "fullscreen; picture-in-picture";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      button.replaceWith(frame);
      frame.focus();
    });
  });
})();
