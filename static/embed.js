/* kanarie widget. Paste where the stories should appear:
 *   <script src="https://KANARIE/embed.js" data-lang="nl" data-theme="" data-count="5" async></script>
 * Optional: data-scheme="light|dark", data-font="inherit" (the page's font),
 * data-background="transparent" (the page's background).
 * It renders the latest published stories into a shadow root next to this script. Text is
 * inserted with textContent only, it sends no cookies, and it talks to no one but kanarie.
 * A typo never shows an error: an unknown language is Dutch, a count outside 1-20 is
 * clamped, an unknown theme shows every story with a short note.
 * Under a strict Content-Security-Policy the host allows kanarie's origin in script-src,
 * connect-src and style-src. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var origin = new URL(script.src).origin;
  var words = {
    nl: { more: "Lees meer", share: "Deel jouw verhaal", form: "/nl/verhaal", empty: "Er zijn nog geen verhalen.", failed: "De verhalen konden niet worden geladen.", label: "Verhalen van thuiszitters", list: "/nl/verhalen", allStories: "Meer verhalen lezen", unknownTheme: "Dit thema bestaat niet. Je ziet alle verhalen.", removed: "Namen en plaatsen zijn weggehaald.", placeholder: "Hier stond iets waaraan iemand herkend kan worden, zoals een naam of een plaats. kanarie heeft het weggehaald." },
    en: { more: "Read more", share: "Share your story", form: "/en/story", empty: "There are no stories yet.", failed: "The stories could not be loaded.", label: "Stories of children at home", list: "/en/stories", allStories: "Read more stories", unknownTheme: "This theme does not exist. You are seeing all stories.", removed: "Names and places have been removed.", placeholder: "Something that could identify someone, such as a name or a place, was here. kanarie removed it." }
  };
  /* kanarie's placeholders, as the anonymiser writes them ("[naam 2]", "[plaats]"). */
  var PLACEHOLDER = /\[(?:(?:naam|name) [1-9][0-9]{0,5}|plaats|place|adres|address|postcode|school|organisatie|organisation|telefoonnummer|phone number|e-mailadres|email address|website|account|handle|BSN|rekeningnummer|bank account|datum|date|kenteken|licence plate|nummer|number)\]/g;
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "nl";
  var text = words[lang];
  var count = parseInt(script.getAttribute("data-count") || "5", 10);
  if (isNaN(count)) { count = 5; }
  count = Math.max(1, Math.min(20, count));
  var theme = script.getAttribute("data-theme") || "";

  var host = document.createElement("section");
  host.setAttribute("aria-label", text.label);
  var scheme = script.getAttribute("data-scheme");
  if (scheme === "dark" || scheme === "light") { host.setAttribute("data-scheme", scheme); }
  if (script.getAttribute("data-font") === "inherit") { host.setAttribute("data-font", "inherit"); }
  if (script.getAttribute("data-background") === "transparent") { host.setAttribute("data-background", "transparent"); }
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

  /* A text with its placeholders as labels that say what they are; text only as text. */
  function textWithLabels(className, content) {
    var node = el("p", className);
    var at = 0;
    content.replace(PLACEHOLDER, function (found, offset) {
      if (offset > at) { node.appendChild(document.createTextNode(content.slice(at, offset))); }
      var label = el("span", "placeholder-label", found);
      label.title = text.placeholder;
      node.appendChild(label);
      at = offset + found.length;
      return found;
    });
    if (at < content.length) { node.appendChild(document.createTextNode(content.slice(at))); }
    return node;
  }

  function url(withTheme) {
    return origin + "/api/v1/stories?lang=" + lang + "&limit=" + count +
      (withTheme && theme ? "&theme=" + encodeURIComponent(theme) : "");
  }
  function load(address) {
    return fetch(address, { credentials: "omit", mode: "cors", referrerPolicy: "no-referrer" })
      .then(function (response) { if (!response.ok) { throw Object.assign(new Error(String(response.status)), { status: response.status }); } return response.json(); });
  }
  function link(className, label, href) {
    var anchor = el("a", "", label);
    anchor.href = href;
    anchor.target = "_blank";
    anchor.rel = "noopener";
    var line = el("p", className);
    line.appendChild(anchor);
    return line;
  }
  function render(data, unknownTheme) {
    var stories = (data && data.stories) || [];
    if (unknownTheme) { box.appendChild(el("p", "note", text.unknownTheme)); }
    if (!stories.length) { box.appendChild(el("p", "", text.empty)); }
    stories.forEach(function (story) {
      var article = el("article");
      article.appendChild(el("h2", "", String(story.title || "")));
      article.appendChild(el("p", "month", String(story.published || "")));
      var full = String(story.story || "");
      var cut = full.length;
      if (full.length > 280) {
        cut = full.lastIndexOf(" ", 280);
        if (cut < 140) { cut = 280; }
        /* Never inside a placeholder: "[naam 12]" has a space in it. */
        PLACEHOLDER.lastIndex = 0;
        var found;
        while ((found = PLACEHOLDER.exec(full)) !== null) {
          if (found.index < cut && cut < found.index + found[0].length) { cut = found.index > 0 ? found.index : found.index + found[0].length; break; }
          if (found.index >= cut) { break; }
        }
        PLACEHOLDER.lastIndex = 0;
      }
      article.appendChild(textWithLabels("text", full.slice(0, cut).replace(/\s+$/, "")));
      if (cut < full.length) {
        var details = el("details");
        details.appendChild(el("summary", "", text.more));
        details.appendChild(textWithLabels("text", full.slice(cut).replace(/^\s+/, "")));
        article.appendChild(details);
      }
      article.appendChild(el("p", "removed-note", text.removed));
      box.appendChild(article);
    });
    box.appendChild(link("more", text.allStories, origin + text.list + (theme && !unknownTheme ? "?theme=" + encodeURIComponent(theme) : "")));
    box.appendChild(link("share", text.share, origin + text.form));
  }

  load(url(true))
    .then(function (data) { render(data, false); }, function (error) {
      /* An unknown theme is a 400 from the API: show every story, with a note. */
      if (theme && error && error.status === 400) { return load(url(false)).then(function (data) { render(data, true); }); }
      throw error;
    })
    .catch(function () { box.appendChild(el("p", "", text.failed)); });
}());
