// The workflow designer (CSP: this file only, no inline script). Canvas: drag activities, drag from an outcome's
// port to an activity to connect, click a line to delete it, zoom. Forms: conditions from lists read back in Chinese;
// message text with fields as Chinese chips (stored as Handlebars), a live preview and the SMS length.
(function () {
  var data = document.getElementById('wf-data');
  var fields = data ? JSON.parse(data.dataset.fields || '[]') : [];
  var operators = data ? JSON.parse(data.dataset.operators || '{}') : {};
  function field(path) {
    for (var i = 0; i < fields.length; i++) if (fields[i].path.toLowerCase() === (path || '').toLowerCase()) return fields[i];
    return null;
  }

  // ---- Canvas ----
  var svg = document.querySelector('svg.wf-draggable');
  if (svg) {
    var positions = document.getElementById('positions');
    var connect = document.getElementById('connect-drag');
    var disconnect = document.getElementById('disconnect-drag');
    var dragging = null, linking = null, zoom = 1;
    // On a tablet a finger on the canvas drags activities and draws connections instead of scrolling the page
    // (the canvas's frame still scrolls; zoom with the buttons).
    svg.style.touchAction = 'none';
    var point = function (e) {
      var p = svg.createSVGPoint();
      p.x = e.clientX; p.y = e.clientY;
      return p.matrixTransform(svg.getScreenCTM().inverse());
    };
    var nodeAt = function (e) {
      var el = document.elementFromPoint(e.clientX, e.clientY);
      return el && el.closest ? el.closest('g.wf-node') : null;
    };
    svg.addEventListener('pointerdown', function (e) {
      var port = e.target.closest('g.wf-port');
      if (port) {
        var p = point(e);
        var line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
        line.setAttribute('x1', p.x); line.setAttribute('y1', p.y); line.setAttribute('x2', p.x); line.setAttribute('y2', p.y);
        line.setAttribute('stroke', '#2b6cb0'); line.setAttribute('stroke-width', '2'); line.setAttribute('stroke-dasharray', '5,3');
        line.setAttribute('pointer-events', 'none');
        svg.appendChild(line);
        linking = { from: port.dataset.from, line: line };
        svg.setPointerCapture(e.pointerId);
        e.preventDefault();
        return;
      }
      var node = e.target.closest('g.wf-node');
      if (!node) return;
      var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(node.getAttribute('transform'));
      var q = point(e);
      dragging = { node: node, dx: q.x - parseFloat(m[1]), dy: q.y - parseFloat(m[2]), moved: false };
      node.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    svg.addEventListener('pointermove', function (e) {
      if (linking) {
        var p = point(e);
        linking.line.setAttribute('x2', p.x); linking.line.setAttribute('y2', p.y);
        return;
      }
      if (!dragging) return;
      var q = point(e);
      var x = Math.max(0, Math.round(q.x - dragging.dx)), y = Math.max(0, Math.round(q.y - dragging.dy));
      dragging.node.setAttribute('transform', 'translate(' + x + ',' + y + ')');
      dragging.x = x; dragging.y = y; dragging.moved = true;
    });
    svg.addEventListener('pointerup', function (e) {
      if (linking) {
        var l = linking;
        linking = null;
        l.line.remove();
        var target = nodeAt(e);
        if (target && connect) {
          connect.elements.from.value = l.from;
          connect.elements.to.value = target.dataset.id;
          connect.submit();
        }
        return;
      }
      if (!dragging) return;
      var d = dragging;
      dragging = null;
      if (!d.moved) {
        // A click: show the activity's form.
        var card = document.getElementById('activity-' + d.node.dataset.id);
        if (card) { card.scrollIntoView({ behavior: 'smooth', block: 'start' }); card.classList.add('border-primary'); }
        return;
      }
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'positions[' + d.node.dataset.id + ']';
      input.value = d.x + ',' + d.y;
      positions.appendChild(input);
      positions.submit();
    });
    svg.addEventListener('click', function (e) {
      var edge = e.target.closest('g.wf-edge');
      if (!edge || !disconnect) return;
      var label = edge.querySelector('title');
      if (!window.confirm('删除这条连线（' + (label ? label.textContent : '') + '）？')) return;
      disconnect.elements.index.value = edge.dataset.index;
      disconnect.submit();
    });
    document.querySelectorAll('[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var step = parseInt(b.dataset.zoom, 10);
        zoom = step === 0 ? 1 : Math.min(2, Math.max(0.4, zoom + step * 0.2));
        svg.setAttribute('width', Math.round(svg.dataset.width * zoom));
        svg.setAttribute('height', Math.round(svg.dataset.height * zoom));
      });
    });
  }

  // ---- Conditions ----
  function phrase(rows) {
    var combine = rows.querySelector(':scope > select[name$=".Combine"]').value === 'or' ? ' 或者 ' : ' 并且 ';
    var parts = [];
    rows.querySelectorAll(':scope > .wf-clause').forEach(function (row) {
      var path = row.querySelector('select[name$=".Path"]').value;
      if (!path) return;
      var f = field(path);
      var op = row.querySelector('select[name$=".Operator"]').value;
      var valueControl = row.querySelector('[name$=".Value"]');
      var text = (f ? f.label : path) + ' ' + (operators[op] || op);
      if (op !== 'empty' && op !== 'notempty') {
        var shown = valueControl.tagName === 'SELECT' && valueControl.selectedOptions.length ? valueControl.selectedOptions[0].textContent : valueControl.value;
        text += ' “' + shown + '”';
      }
      parts.push(text);
    });
    return { combine: combine, parts: parts };
  }
  function readBack(box) {
    var top = phrase(box.querySelector(':scope > .wf-rows'));
    box.querySelectorAll(':scope > .wf-group > .wf-rows').forEach(function (rows) {
      var g = phrase(rows);
      if (g.parts.length) top.parts.push('（' + g.parts.join(g.combine) + '）');
    });
    box.querySelector('.wf-readback').textContent = top.parts.length ? '当 ' + top.parts.join(top.combine) + ' 时走“是”，否则走“否”。' : '还没有条件。';
  }
  function valueControlFor(row) {
    var path = row.querySelector('select[name$=".Path"]');
    var old = row.querySelector('[name$=".Value"]');
    var f = field(path.value);
    var control;
    if (f && f.options && f.options.length) {
      control = document.createElement('select');
      control.className = 'form-select form-select-sm';
      f.options.forEach(function (o) { var opt = document.createElement('option'); opt.value = o.value; opt.textContent = o.label; control.appendChild(opt); });
    } else {
      control = document.createElement('input');
      control.className = 'form-control form-control-sm';
      control.placeholder = '值';
    }
    control.name = old.name;
    control.setAttribute('aria-label', '值');
    old.replaceWith(control);
  }
  document.querySelectorAll('.wf-condition').forEach(function (box) {
    box.addEventListener('change', function (e) {
      var row = e.target.closest('.wf-clause');
      if (row && e.target.name.endsWith('.Path')) valueControlFor(row);
      readBack(box);
    });
    box.addEventListener('input', function () { readBack(box); });
  });

  // ---- Message text: fields as chips ----
  function chip(path) {
    var f = field(path);
    var span = document.createElement('span');
    span.className = 'badge text-bg-info wf-chip mx-1';
    span.contentEditable = 'false';
    span.dataset.path = path;
    span.textContent = f ? f.label : path;
    return span;
  }
  function toTemplate(editor) {
    var out = '';
    editor.childNodes.forEach(function walk(n) {
      if (n.nodeType === 3) out += n.nodeValue.replace(/\u00a0/g, ' ');
      else if (n.dataset && n.dataset.path) out += '{{' + n.dataset.path + '}}';
      else if (n.nodeName === 'BR') out += '\n';
      else {
        if ((n.nodeName === 'DIV' || n.nodeName === 'P') && out.length && out[out.length - 1] !== '\n') out += '\n';
        n.childNodes.forEach(walk);
      }
    });
    return out;
  }
  function render(template) {
    return template.replace(/\{\{\{?\s*([^}\s]+)\s*\}?\}\}/g, function (_, path) {
      var f = field(path);
      return f && f.sample != null ? f.sample : '';
    });
  }
  document.querySelectorAll('[data-template]').forEach(function (source) {
    var kind = source.dataset.template;
    var multiline = source.tagName === 'TEXTAREA';
    var editor = document.createElement('div');
    editor.className = 'form-control form-control-sm wf-chip-editor';
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-label', source.labels && source.labels.length ? source.labels[0].textContent : '内容');
    editor.style.minHeight = multiline ? '4.5em' : '2.1em';
    editor.style.whiteSpace = 'pre-wrap';
    source.value.split(/(\{\{\{?\s*[^}\s]+\s*\}?\}\})/).forEach(function (part) {
      var m = /^\{\{\{?\s*([^}\s]+)\s*\}?\}\}$/.exec(part);
      editor.appendChild(m ? chip(m[1]) : document.createTextNode(part));
    });
    source.classList.add('d-none');
    source.insertAdjacentElement('afterend', editor);
    var preview = document.createElement('div');
    preview.className = 'small text-secondary mt-1 wf-preview';
    var insertBar = source.parentElement.querySelector('.wf-insert');
    (insertBar || editor).insertAdjacentElement('afterend', preview);
    var range = null;
    function update() {
      source.value = toTemplate(editor);
      var text = render(source.value);
      if (!source.value) { preview.textContent = ''; return; }
      var line = '预览：' + text;
      if (kind === 'sms') {
        var n = Array.from(text).length;
        var segments = n <= 70 ? 1 : Math.ceil(n / 67);
        line += '（共 ' + n + ' 字，按 ' + segments + ' 条短信计费）';
      }
      preview.textContent = line;
    }
    editor.addEventListener('input', update);
    editor.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !multiline) e.preventDefault(); });
    editor.addEventListener('keyup', function () { range = window.getSelection().rangeCount ? window.getSelection().getRangeAt(0).cloneRange() : null; });
    editor.addEventListener('mouseup', function () { range = window.getSelection().rangeCount ? window.getSelection().getRangeAt(0).cloneRange() : null; });
    editor.addEventListener('paste', function (e) {
      // Plain text only: no HTML pasted into a message.
      e.preventDefault();
      document.execCommand('insertText', false, (e.clipboardData || window.clipboardData).getData('text'));
    });
    if (insertBar) {
      insertBar.querySelectorAll('[data-insert]').forEach(function (b) {
        b.addEventListener('mousedown', function (e) { e.preventDefault(); });
        b.addEventListener('click', function () {
          var c = chip(b.dataset.insert);
          if (range && editor.contains(range.startContainer)) {
            range.deleteContents();
            range.insertNode(c);
            range.setStartAfter(c);
            range.collapse(true);
          } else {
            editor.appendChild(c);
          }
          editor.appendChild(document.createTextNode(''));
          update();
        });
      });
    }
    update();
  });
})();
