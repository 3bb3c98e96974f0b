// The portal's few behaviours, for pages of enterprises' own areas.
// <button data-confirm="确定？"> asks before a destructive action is submitted.
document.addEventListener('submit', function (e) {
  var submitter = e.submitter;
  var message = (submitter && submitter.dataset.confirm) || e.target.dataset.confirm;
  if (message && !window.confirm(message)) e.preventDefault();
});
// <input type="checkbox" data-select-all="#table"> ticks every box named Selected in that table.
document.addEventListener('change', function (e) {
  var scope = e.target.dataset && e.target.dataset.selectAll;
  if (!scope) return;
  document.querySelectorAll(scope + ' input[name=Selected]').forEach(function (box) { box.checked = e.target.checked; });
});
// A form that sends files: once it is on its way its buttons are disabled and say so (after the event, so the clicked button is still sent).
document.addEventListener('submit', function (e) {
  var form = e.target, files = Array.prototype.some.call(form.querySelectorAll('input[type=file]'), function (f) { return f.files && f.files.length; });
  if (e.defaultPrevented || !files) return;
  setTimeout(function () { form.querySelectorAll('button[type=submit], button:not([type])').forEach(function (b) { b.disabled = true; b.insertAdjacentHTML('afterbegin', '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>'); }); form.insertAdjacentHTML('beforeend', '<div class="small text-secondary mt-2" role="status">正在上传，请稍候…</div>'); }, 0);
});
