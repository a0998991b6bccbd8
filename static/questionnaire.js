// kanarie: small helps on the questionnaire's pages, loaded from this file so the
// Content-Security-Policy needs no inline script. Every page works without it: this only
// adds character counters, a sense of progress through the form and a print button.
(function () {
  'use strict';

  // The server counts characters as sent, and a browser sends each line break as two
  // (CR LF): count the same way, so the counter and the limit agree.
  function charCount(text) {
    var breaks = text.match(/\n/g);
    return Array.from(text).length + (breaks ? breaks.length : 0);
  }

  function fill(template, values) {
    return template.replace(/%\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function formatNumber(n) {
    var lang = document.documentElement.lang || 'nl';
    return n.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
  }

  // Character counters under the text fields that carry a limit.
  var areas = document.querySelectorAll('textarea[data-max-chars]');
  Array.prototype.forEach.call(areas, function (area) {
    var counter = document.getElementById('counter-' + area.name);
    if (!counter) return;
    var max = Number(area.getAttribute('data-max-chars'));
    var template = counter.getAttribute('data-template');
    var over = counter.getAttribute('data-over');
    function update() {
      var used = charCount(area.value);
      counter.textContent = fill(used > max ? over : template, {
        used: formatNumber(used),
        max: formatNumber(max),
        extra: formatNumber(used - max),
      });
      counter.classList.toggle('counter-over', used > max);
    }
    area.addEventListener('input', update);
    counter.hidden = false;
    update();
  });

  // Progress: how many of the questions have an answer.
  var progress = document.getElementById('form-progress');
  if (progress) {
    var questions = document.querySelectorAll('fieldset.question');
    var template = progress.getAttribute('data-template');
    var meter = document.getElementById('form-progress-meter');
    var text = document.getElementById('form-progress-text');
    var updateProgress = function () {
      var answered = 0;
      Array.prototype.forEach.call(questions, function (fieldset) {
        if (fieldset.querySelector('input:checked')) answered += 1;
      });
      text.textContent = fill(template, { answered: answered, total: questions.length });
      meter.max = questions.length;
      meter.value = answered;
    };
    Array.prototype.forEach.call(questions, function (fieldset) {
      fieldset.addEventListener('change', updateProgress);
    });
    progress.hidden = false;
    updateProgress();
  }

  // The thank-you page: a print button (printing from the browser's menu works too).
  var print = document.getElementById('print-page');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () {
      window.print();
    });
  }
})();
