// Warns a signed-in moderator before the idle limit ends their session, and lets them stay
// signed in with one click. Progressive enhancement: without this script nothing is lost
// either, because a change sent after the session ended is kept through the sign-in.
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box) { return; }
  var idleSeconds = parseInt(box.getAttribute("data-idle-seconds"), 10);
  var warnBefore = parseInt(box.getAttribute("data-warn-before"), 10);
  if (!(idleSeconds > warnBefore && warnBefore > 0)) { return; }
  var message = document.getElementById("idle-message");
  var stay = document.getElementById("idle-stay");
  var warnTimer = null;
  var endTimer = null;

  function show(text, offerStay) {
    message.textContent = text;
    stay.hidden = !offerStay;
    box.hidden = false;
  }

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      show(box.getAttribute("data-warning"), true);
    }, (idleSeconds - warnBefore) * 1000);
    endTimer = setTimeout(function () {
      show(box.getAttribute("data-ended"), false);
    }, idleSeconds * 1000);
  }

  stay.addEventListener("click", function () {
    fetch("/moderation/session", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 204) {
          show(box.getAttribute("data-kept"), false);
          schedule();
        } else {
          show(box.getAttribute("data-ended"), false);
        }
      })
      .catch(function () { show(box.getAttribute("data-ended"), false); });
  });

  schedule();
})();
