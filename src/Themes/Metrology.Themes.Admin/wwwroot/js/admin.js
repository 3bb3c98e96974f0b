// Confirms destructive actions: <button data-confirm="确定删除？">.
document.addEventListener('submit', function (e) {
  var submitter = e.submitter;
  var message = (submitter && submitter.dataset.confirm) || e.target.dataset.confirm;
  if (message && !window.confirm(message)) e.preventDefault();
});
