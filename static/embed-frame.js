/* Inside kanarie's iframes (/embed, /embed/stories/ID): tells the page around the frame
 * how tall the content is, so kanarie's embed-resize.js there can make the frame fit.
 * It sends one number and nothing else; without a listener nothing happens and the frame
 * keeps its own height and scrolls. */
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = -1;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ kanarie: "height", height: height }, "*");
  }
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(send).observe(document.documentElement);
  }
  document.addEventListener("toggle", send, true);
  /* The host's script may start after this frame reported: it then asks once more. */
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.kanarie === "measure") {
      last = -1;
      send();
    }
  });
  window.addEventListener("load", send);
  send();
}());
