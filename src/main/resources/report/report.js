// Draws the report from the JSON block: the matrix heat map, the cell details, the attack-path graph and the
// findings table. Plain DOM, no network: everything it needs is in this page.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var state = { view: 'coverage', repository: '', severity: data.severities[0], cell: null, path: null };
  var statusColor = {};
  data.statuses.forEach(function (s) { statusColor[s.id] = s.color; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function shown(finding) {
    return (!state.repository || finding.repository === state.repository)
      && data.severities.indexOf(finding.severity) >= data.severities.indexOf(state.severity);
  }

  function cellFindings(cell) {
    return cell.findings.map(function (i) { return data.findings[i]; }).filter(shown);
  }

  // Findings heat: white for none, deepening red with the count relative to the busiest cell.
  function findingsColor(count, max) {
    if (count === 0) { return '#ffffff'; }
    var t = 0.25 + 0.75 * count / Math.max(1, max);
    var g = Math.round(235 - 180 * t), b = Math.round(225 - 190 * t);
    return 'rgb(255,' + g + ',' + b + ')';
  }

  function header() {
    document.getElementById('title').textContent = data.title;
    document.getElementById('subtitle').textContent = data.tool + ', ' + data.generated;
    var counts = {};
    data.cells.filter(function (c) { return !c.extension; }).forEach(function (c) {
      counts[c.status] = (counts[c.status] || 0) + 1;
    });
    document.getElementById('summary').textContent = data.statuses.map(function (s) {
      return (counts[s.id] || 0) + ' ' + s.id;
    }).join(' · ') + ' · ' + data.findings.length + ' findings · ' + data.paths.length + ' attack paths';
  }

  function toolbar() {
    var repo = document.getElementById('filter-repository');
    data.repositories.forEach(function (r) { repo.appendChild(el('option', { value: r, text: r })); });
    repo.addEventListener('change', function () { state.repository = repo.value; render(); });
    var sev = document.getElementById('filter-severity');
    data.severities.forEach(function (s) { sev.appendChild(el('option', { value: s, text: s })); });
    sev.addEventListener('change', function () { state.severity = sev.value; render(); });
    ['coverage', 'findings'].forEach(function (view) {
      document.getElementById('view-' + view).addEventListener('click', function () {
        state.view = view;
        ['coverage', 'findings'].forEach(function (v) {
          document.getElementById('view-' + v).setAttribute('aria-pressed', String(v === view));
        });
        render();
      });
    });
  }

  function legend() {
    var box = document.getElementById('legend');
    box.textContent = '';
    if (state.view === 'coverage') {
      data.statuses.forEach(function (s) {
        box.appendChild(el('span', {}, [el('i', { style: 'background:' + s.color }), s.id]));
      });
    } else {
      box.appendChild(el('span', {}, [el('i', { style: 'background:#ffffff' }), 'no finding']));
      box.appendChild(el('span', {}, [el('i', { style: 'background:' + findingsColor(1, 1) }), 'most findings']));
    }
  }

  function cellButton(cell, className, max) {
    var count = cellFindings(cell).length;
    var color = state.view === 'coverage' ? statusColor[cell.status] : findingsColor(count, max);
    // Matrix cells sit under their tactic's column; extension cells do not, so they show the tactic too.
    var label = cell.extension ? cell.id : cell.technique;
    var button = el('button', {
      type: 'button', class: className + (state.cell === cell.id ? ' selected' : ''), 'data-cell': cell.id,
      'data-status': cell.status, title: cell.id + ': ' + cell.status, style: 'background:' + color
    }, [el('span', { class: 'count', text: count ? String(count) : '' }),
        el('span', { class: 'id', text: label }), cell.name]);
    button.addEventListener('click', function () { state.cell = cell.id; render(); });
    return button;
  }

  function matrix() {
    var max = 0;
    data.cells.forEach(function (c) { max = Math.max(max, cellFindings(c).length); });
    var grid = document.getElementById('matrix');
    grid.textContent = '';
    data.tactics.forEach(function (t) {
      var column = el('div', { class: 'tactic', 'data-tactic': t.id }, [el('h3', { text: t.name })]);
      data.cells.filter(function (c) { return c.tactic === t.id && !c.extension; }).forEach(function (c) {
        column.appendChild(cellButton(c, 'cell', max));
      });
      grid.appendChild(column);
    });
    var ext = document.getElementById('extensions');
    ext.textContent = '';
    var extensions = data.cells.filter(function (c) { return c.extension; });
    if (extensions.length) {
      ext.appendChild(el('h3', { text: 'Beyond the matrix (catalog extensions)' }));
      extensions.forEach(function (c) { ext.appendChild(cellButton(c, 'ext-cell', max)); });
    }
  }

  function details() {
    var box = document.getElementById('details');
    box.textContent = '';
    var cell = data.cells.filter(function (c) { return c.id === state.cell; })[0];
    if (!cell) {
      box.appendChild(el('p', { class: 'hint', text: 'Select a cell to see its findings, controls and detections.' }));
      return;
    }
    box.appendChild(el('h3', { text: cell.id + ' ' + cell.name }));
    box.appendChild(el('p', {}, [el('span', { class: 'status', style: 'background:' + statusColor[cell.status],
      text: cell.status }), ' ' + cell.reasons.join('; ')]));
    var findings = cellFindings(cell);
    box.appendChild(el('h4', { text: 'Findings (' + findings.length + ')' }));
    box.appendChild(findings.length ? el('ul', { class: 'cell-findings' }, findings.map(function (f) {
      return el('li', {}, [el('span', { class: 'sev-' + f.severity, text: f.severity }), ' ' + f.check + ' at '
        + f.path + ':' + f.line + ': ' + f.message]);
    })) : el('p', { class: 'hint', text: 'None with the current filters.' }));
    box.appendChild(el('h4', { text: 'Preventive controls' }));
    box.appendChild(controls(cell.preventive));
    box.appendChild(el('h4', { text: 'Detective controls' }));
    box.appendChild(controls(cell.detective));
    box.appendChild(el('h4', { text: 'Detection rules' }));
    box.appendChild(cell.detections.length ? el('ul', {}, cell.detections.map(function (r) {
      return el('li', { title: r.id, text: r.title + (r.source ? ' (' + r.source + ')' : '') });
    })) : el('p', { class: 'hint', text: 'No rule covers this cell.' }));
  }

  function controls(list) {
    if (!list.length) { return el('p', { class: 'hint', text: 'The catalog lists none.' }); }
    return el('table', {}, list.map(function (c) {
      return el('tr', {}, [el('td', { text: c.id }), el('td', { text: c.status }),
        el('td', { text: c.name + ' (' + c.reason + ')' })]);
    }));
  }

  // Rows added at a time: laying out a table of ten thousand rows takes a browser seconds.
  var TABLE_PAGE = 200;

  function findingsTable() {
    var body = document.querySelector('#findings tbody');
    var more = document.getElementById('findings-more');
    var all = document.getElementById('findings-all');
    var rows = data.findings.filter(shown);
    body.textContent = '';
    function add(count) {
      var start = body.childElementCount;
      var end = Math.min(rows.length, start + count);
      var part = document.createDocumentFragment();
      for (var i = start; i < end; i++) {
        var f = rows[i];
        part.appendChild(el('tr', {}, [el('td', { class: 'sev-' + f.severity, text: f.severity }),
          el('td', { text: f.check }), el('td', { text: f.repository + ': ' + f.path + ':' + f.line }),
          el('td', { text: f.cells.join(' ') }), el('td', { text: f.message })]));
      }
      body.appendChild(part);
      var left = rows.length - end;
      more.hidden = all.hidden = left === 0;
      more.textContent = 'Show ' + Math.min(left, TABLE_PAGE) + ' more';
      all.textContent = 'Show all ' + rows.length;
      document.getElementById('findings-count').textContent = end + ' of ' + rows.length + ' findings shown';
    }
    more.onclick = function () { add(TABLE_PAGE); };
    all.onclick = function () { add(rows.length); };
    add(TABLE_PAGE);
  }

  var cy = null;

  function graph() {
    var list = document.getElementById('path-list');
    var container = document.getElementById('graph');
    if (!data.paths.length) {
      container.replaceWith(el('p', { class: 'hint', text: 'No attack path was computed for this report.' }));
      return;
    }
    // A move shared by several paths is drawn once and lists the paths that take it.
    var nodes = {}, edges = {};
    data.paths.forEach(function (p) {
      var item = el('li', { 'data-path': p.id, 'aria-selected': 'false' }, [
        el('button', { type: 'button', text: p.id + ': ' + p.entry + ' \u2192 ' + p.asset + ' (score '
          + p.score.toFixed(2) + ')' }),
        el('div', { class: 'steps', text: p.steps.map(function (s) { return s.cell; }).join(' \u2192 ') })]);
      item.querySelector('button').addEventListener('click', function () { selectPath(p.id); });
      list.appendChild(item);
      p.steps.forEach(function (s) {
        nodes[s.from] = true;
        nodes[s.to] = true;
        var key = JSON.stringify([s.from, s.to, s.cell]);
        if (!edges[key]) {
          edges[key] = { data: { id: 'move' + Object.keys(edges).length, source: s.from, target: s.to, label: s.cell,
            because: s.because, paths: [] } };
        }
        edges[key].data.paths.push(p.id);
      });
    });
    var elements = Object.keys(nodes).sort().map(function (n) { return { data: { id: n, label: n } }; });
    cy = cytoscape({
      container: container,
      elements: elements.concat(Object.keys(edges).map(function (k) { return edges[k]; })),
      layout: { name: 'dagre', rankDir: 'LR', nodeSep: 30, rankSep: 140, padding: 20 },
      // A few paths would otherwise be zoomed until their labels fill the box.
      maxZoom: 1.2,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-wrap': 'wrap',
          'text-max-width': 110, 'text-valign': 'bottom', 'background-color': '#2b3440', width: 14, height: 14 } },
        { selector: 'edge', style: { label: 'data(label)', 'font-size': 8, 'curve-style': 'bezier',
          'target-arrow-shape': 'triangle', 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', width: 1.5,
          'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 1,
          'text-background-padding': 2 } },
        { selector: '.faded', style: { opacity: 0.2 } },
        { selector: 'edge.highlighted', style: { 'line-color': '#c0392b', 'target-arrow-color': '#c0392b', width: 3 } },
        { selector: 'node.highlighted', style: { 'background-color': '#c0392b' } }
      ]
    });
    window.cimatrixReport = { cy: cy };
  }

  function selectPath(id) {
    state.path = state.path === id ? null : id;
    document.querySelectorAll('#path-list li').forEach(function (li) {
      li.setAttribute('aria-selected', String(li.getAttribute('data-path') === state.path));
    });
    cy.elements().removeClass('highlighted faded');
    if (!state.path) { return; }
    var onPath = cy.edges().filter(function (e) { return e.data('paths').indexOf(state.path) >= 0; });
    var lit = onPath.union(onPath.connectedNodes());
    lit.addClass('highlighted');
    cy.elements().difference(lit).addClass('faded');
  }

  function render() {
    legend();
    matrix();
    details();
    findingsTable();
  }

  header();
  toolbar();
  render();
  graph();
}());
