// Type-ahead for reference data: <input data-picker="/tenant/api/pickers/regions"> gets a list of
// matching codes as the user types; choosing one puts its code in the input.
(function () {
  document.querySelectorAll('input[data-picker]').forEach(function (input, n) {
    var list = document.createElement('datalist');
    list.id = 'picker-list-' + n;
    input.setAttribute('list', list.id);
    input.after(list);
    var timer;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = new URL(input.dataset.picker, window.location.origin);
        url.searchParams.set('q', input.value.trim());
        if (input.dataset.pickerVerifiable) url.searchParams.set('verifiable', 'true');
        fetch(url, { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.replaceChildren.apply(list, items.map(function (item) {
              var option = document.createElement('option');
              option.value = item.code;
              option.label = item.code + ' ' + item.name + (item.marking ? '（' + item.marking + '）' : '');
              return option;
            }));
          });
      }, 200);
    });
  });
})();
