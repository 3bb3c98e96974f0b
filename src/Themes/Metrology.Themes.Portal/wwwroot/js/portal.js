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
