// Drag an activity on the diagram; on release its new position is posted (the page redraws the lines).
(function () {
  var svg = document.querySelector('svg.wf-draggable');
  var form = document.getElementById('positions');
  if (!svg || !form) return;
  var dragging = null;
  function point(e) {
    var p = svg.createSVGPoint();
    p.x = e.clientX; p.y = e.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('pointerdown', function (e) {
    var node = e.target.closest('g.wf-node');
    if (!node) return;
    var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(node.getAttribute('transform'));
    var p = point(e);
    dragging = { node: node, dx: p.x - parseFloat(m[1]), dy: p.y - parseFloat(m[2]), moved: false };
    node.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  svg.addEventListener('pointermove', function (e) {
    if (!dragging) return;
    var p = point(e);
    var x = Math.max(0, Math.round(p.x - dragging.dx)), y = Math.max(0, Math.round(p.y - dragging.dy));
    dragging.node.setAttribute('transform', 'translate(' + x + ',' + y + ')');
    dragging.x = x; dragging.y = y; dragging.moved = true;
  });
  svg.addEventListener('pointerup', function () {
    if (!dragging) return;
    var d = dragging;
    dragging = null;
    if (!d.moved) return;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'positions[' + d.node.dataset.id + ']';
    input.value = d.x + ',' + d.y;
    form.appendChild(input);
    form.submit();
  });
})();
