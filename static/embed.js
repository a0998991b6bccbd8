/* kanarie widget. Paste where the stories should appear:
 *   <script src="https://KANARIE/embed.js" data-lang="nl" data-theme="" data-count="5" async></script>
 * It renders the latest published stories into a shadow root next to this script. Text is
 * inserted with textContent only, it sends no cookies, and it talks to no one but kanarie.
 * Under a strict Content-Security-Policy the host allows kanarie's origin in script-src,
 * connect-src and style-src. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var origin = new URL(script.src).origin;
  var words = {
    nl: { more: "Lees meer", share: "Deel jouw verhaal", form: "/nl/verhaal", empty: "Er zijn nog geen verhalen.", failed: "De verhalen konden niet worden geladen.", label: "Verhalen van thuiszitters" },
    en: { more: "Read more", share: "Share your story", form: "/en/story", empty: "There are no stories yet.", failed: "The stories could not be loaded.", label: "Stories of children at home" }
  };
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "nl";
  var text = words[lang];
  var count = parseInt(script.getAttribute("data-count") || "5", 10);
  if (!(count >= 1 && count <= 20)) { count = 5; }
  var theme = script.getAttribute("data-theme") || "";

  var host = document.createElement("section");
  host.setAttribute("aria-label", text.label);
  var scheme = script.getAttribute("data-scheme");
  if (scheme === "dark" || scheme === "light") { host.setAttribute("data-scheme", scheme); }
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = origin + "/static/embed-widget.css";
  root.appendChild(style);
  var box = document.createElement("div");
  box.className = "kanarie";
  box.lang = lang;
  root.appendChild(box);

  function el(name, className, content) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  var url = origin + "/api/v1/stories?lang=" + lang + "&limit=" + count +
    (theme ? "&theme=" + encodeURIComponent(theme) : "");
  fetch(url, { credentials: "omit", mode: "cors", referrerPolicy: "no-referrer" })
    .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
    .then(function (data) {
      var stories = (data && data.stories) || [];
      if (!stories.length) { box.appendChild(el("p", "", text.empty)); }
      stories.forEach(function (story) {
        var article = el("article");
        article.appendChild(el("h2", "", String(story.title || "")));
        article.appendChild(el("p", "month", String(story.published || "")));
        var full = String(story.story || "");
        if (full.length > 280) {
          var cut = full.lastIndexOf(" ", 280);
          if (cut < 140) { cut = 280; }
          article.appendChild(el("p", "text", full.slice(0, cut)));
          var details = el("details");
          details.appendChild(el("summary", "", text.more));
          details.appendChild(el("p", "text", full.slice(cut).replace(/^\s+/, "")));
          article.appendChild(details);
        } else {
          article.appendChild(el("p", "text", full));
        }
        box.appendChild(article);
      });
      var share = el("a", "", text.share);
      share.href = origin + text.form;
      share.target = "_blank";
      share.rel = "noopener";
      var line = el("p", "share");
      line.appendChild(share);
      box.appendChild(line);
    })
    .catch(function () { box.appendChild(el("p", "", text.failed)); });
}());
