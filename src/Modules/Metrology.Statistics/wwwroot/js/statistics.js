// Draws the statistics breakdown as grouped bars (data in the canvas's data-chart).
(function () {
  var canvas = document.getElementById('statistics-chart');
  if (!canvas || !window.Chart) return;
  var data = JSON.parse(canvas.dataset.chart);
  var colors = ['#1f4e8c', '#2f9e8f', '#e0a33a', '#c8553d'];
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map(function (s, i) {
        return { label: s.name, data: s.values, backgroundColor: colors[i % colors.length] };
      })
    },
    options: { responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
