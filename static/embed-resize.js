/* kanarie: makes kanarie's iframes on this page as tall as their stories. Paste after the
 *   <iframe src="https://KANARIE/embed?..." ...></iframe>
 *   <script src="https://KANARIE/static/embed-resize.js" async></script>
 * It listens for one kind of message, sent only by pages of the origin this script came
 * from, and sets the height of the iframe that sent it (through the style object, which a
 * strict Content-Security-Policy allows: it needs only script-src and frame-src for
 * kanarie). Without it the frame keeps its height and scrolls. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var origin = new URL(script.src).origin;
  if (window.__kanarieResize) { return; }
  window.__kanarieResize = true;
  window.addEventListener("message", function (event) {
    if (event.origin !== origin) { return; }
    var data = event.data;
    if (!data || data.kanarie !== "height" || typeof data.height !== "number" || !isFinite(data.height)) { return; }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(80, Math.min(Math.round(data.height), 50000));
        frames[i].style.height = height + "px";
        frames[i].style.maxWidth = "100%";
        frames[i].style.border = "0";
        return;
      }
    }
  });
  /* Frames that loaded before this script did have reported already: ask them again. */
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i += 1) {
    if (frames[i].src.indexOf(origin + "/") === 0 && frames[i].contentWindow) {
      /* "*": a lazy frame may not have left about:blank yet; the request says nothing. */
      frames[i].contentWindow.postMessage({ kanarie: "measure" }, "*");
    }
  }
}());
