// Import progress: polls the page's progress handler and reloads the page (which then shows the report) when done.
(function () {
  var box = document.getElementById('import-progress');
  if (!box) return;
  var rows = box.querySelector('[data-rows]');
  var writing = box.querySelector('[data-writing]');
  var writingRows = box.querySelector('[data-writing-rows]');
  function poll() {
    fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { done: true }; })
      .then(function (p) {
        if (p.done) { window.location.reload(); return; }
        rows.textContent = p.rows;
        if (p.writing > 0) { writingRows.textContent = p.writing; writing.hidden = false; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
