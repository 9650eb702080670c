/// `/static/ui.js`: the badge page's progressive enhancement (the page works without it). It shows an
/// upload's progress (the same form, sent with XMLHttpRequest), marks the drop zone while files
/// are dragged over it and takes files dropped anywhere on it. (Changes made outside the page are noticed by the layout's `ui-watch.js`.)
enum UIScript {
    static let source = #"""
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  var zone = document.getElementById('drop-zone');
  var input = document.getElementById('files');
  if (zone && input) {
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('dragging'); });
    });
    // Files dropped anywhere on the zone (not only on the file input itself) become the input's
    // files, as a drop on the input would make them.
    zone.addEventListener('dragover', function (event) { event.preventDefault(); });
    zone.addEventListener('drop', function (event) {
      if (event.target === input || !event.dataTransfer || !event.dataTransfer.files.length) { return; }
      event.preventDefault();
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }
  if (form && input && window.FormData && window.XMLHttpRequest && window.DOMParser) {
    var bar = document.getElementById('upload-progress');
    var status = document.getElementById('upload-status');
    form.addEventListener('submit', function (event) {
      if (!input.files || input.files.length === 0) { return; }
      event.preventDefault();
      var button = form.querySelector('button[type=submit]');
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.upload.addEventListener('progress', function (progress) {
        if (!progress.lengthComputable) { return; }
        var percent = Math.floor(progress.loaded * 100 / progress.total);
        bar.value = percent;
        status.textContent = form.getAttribute('data-sending').replace('{p}', String(percent));
      });
      request.addEventListener('load', function () {
        if (request.status < 400 && request.responseURL) {
          window.location.assign(request.responseURL);
          return;
        }
        // A refusal: its page's content replaces this one's (no script in it runs).
        var page = new DOMParser().parseFromString(request.responseText, 'text/html');
        var main = page.querySelector('main');
        if (main) {
          document.querySelector('main').replaceWith(main);
          document.title = page.title;
          main.focus();
        } else {
          status.textContent = form.getAttribute('data-failed');
          button.disabled = false;
        }
      });
      request.addEventListener('error', function () {
        bar.hidden = true;
        status.textContent = form.getAttribute('data-failed');
        button.disabled = false;
      });
      bar.hidden = false;
      bar.value = 0;
      button.disabled = true;
      request.send(new FormData(form));
    });
  }
})();
"""#
}
