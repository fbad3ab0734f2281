// Message viewer webview: the messages of one topic's tail, newest first. The extension posts batches
// at most ten times a second; the page keeps them in a bounded buffer (viewerModel.js) and puts on screen
// only the rows in view (a pool of row elements re-used as the list scrolls), so a busy topic costs the
// same as a quiet one. Plain DOM, no remote resources, every control reachable from the keyboard.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const { ViewerModel, visibleWindow, prettyValue } = window.MessageViewerModel;
  const $ = (id) => document.getElementById(id);
  const ROW_HEIGHT = 24;
  const OVERSCAN = 8;
  const HISTOGRAM_BARS = 60;

  let model = new ViewerModel(10000);
  let paused = false;
  let selectedSeq = null;
  let state = { state: 'starting' };
  /** The filters file whose filters make the "Routed by" column (none: the column stays empty). */
  let filtersFile = null;
  const knownPartitions = new Set();
  const rowPool = [];
  let renderQueued = false;
  let lastHistogram = 0;

  const { el } = window.cdcDom; // media/dom.js

  const fmt = new Intl.NumberFormat('en-US');
  function time(ms) {
    const d = new Date(ms);
    const pad = (n, w) => String(n).padStart(w || 2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }
  function oneLine(text, max) {
    if (text === null || text === undefined) return '';
    const s = String(text).replace(/\s+/g, ' ');
    return s.length > max ? s.slice(0, max) + '…' : s;
  }
  /** The filters that route a message, or null when there is no filters file to ask. */
  function routesOf(m) {
    return filtersFile && m.routedTo ? m.routedTo : null;
  }
  /** The reason header the routing job writes on each dead letter (server/src/sql/deadLetter.ts). */
  function deadLetterReason(m) {
    return (m.headers && m.headers['cdc-routing.dlq.reason']) || undefined;
  }
  function routesText(m) {
    const reason = deadLetterReason(m);
    if (reason) return `dead letter: ${reason}`;
    const routes = routesOf(m);
    if (!routes) return '';
    return routes.length ? routes.join(', ') : '— none';
  }
  function headersText(m) {
    const keys = Object.keys(m.headers || {});
    return keys.map((k) => `${k}=${m.headers[k]}`).join(' ');
  }

  // ---- status and errors -----------------------------------------------------------------

  function renderStatus() {
    const s = state.state;
    const word =
      s === 'running'
        ? paused
          ? 'Paused'
          : 'Tailing'
        : s === 'error'
          ? 'Error'
          : s === 'stopped'
            ? 'Stopped'
            : 'Starting';
    const from = state.startLabel ? ` from ${state.startLabel}` : '';
    $('status').textContent =
      `${word}${from} — ${fmt.format(model.received)} received, ${fmt.format(model.all.length)} buffered (max ${fmt.format(model.all.capacity)}), ${fmt.format(model.matching.length)} shown` +
      (model.dropped ? `; ${fmt.format(model.dropped)} older dropped from the buffer` : '');
    const banner = $('error');
    if (state.error) {
      banner.hidden = false;
      banner.replaceChildren(
        el('strong', { text: state.recovering ? 'Reconnecting: ' : 'Tail failed: ' }),
        state.error,
        state.recovering
          ? el('span', { class: 'muted', text: ' — the tail retries on its own and continues where it stopped.' })
          : null,
      );
    } else {
      banner.hidden = true;
      banner.replaceChildren();
    }
    const pause = $('pause');
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
  }

  // ---- partitions ----------------------------------------------------------------------

  function renderPartitions() {
    const box = $('partitions');
    const sorted = [...knownPartitions].sort((a, b) => a - b);
    if (box.childElementCount === sorted.length) return;
    box.replaceChildren(
      ...sorted.map((p) =>
        el('label', { class: 'partition' }, [
          el('input', {
            type: 'checkbox',
            'data-partition': p,
            checked: !model.hiddenPartitions.has(p),
            onchange: (e) => {
              model.setPartitionVisible(p, e.target.checked);
              const shown = sorted.filter((q) => !model.hiddenPartitions.has(q));
              vscode.postMessage({
                type: 'partitions',
                partitions: shown.length === sorted.length ? undefined : shown,
              });
              queueRender(true);
            },
          }),
          ` ${p}`,
        ]),
      ),
    );
  }

  // ---- histogram -----------------------------------------------------------------------

  function renderHistogram() {
    lastHistogram = Date.now();
    const h = model.histogram(HISTOGRAM_BARS);
    const box = $('histogram');
    const max = Math.max(1, ...h.counts);
    const bars = h.counts.map((count, i) => {
      const from = h.start + i * h.bucketMs;
      return el('div', { class: 'bar', title: `${time(from)} + ${h.bucketMs} ms: ${count} message(s)`, style: null }, [
        el('div', { class: 'fill', 'data-height': Math.round((count / max) * 100) }),
      ]);
    });
    box.replaceChildren(...bars);
    // Heights through the CSSOM: the CSP allows no inline style attributes.
    for (const bar of box.querySelectorAll('.fill')) bar.style.height = bar.getAttribute('data-height') + '%';
    $('histogram-range').textContent = h.counts.length
      ? `${time(h.start)} – ${time(h.start + h.counts.length * h.bucketMs)}, ${h.bucketMs >= 1000 ? h.bucketMs / 1000 + ' s' : h.bucketMs + ' ms'} per bar`
      : 'no messages';
  }

  // ---- the virtual list ------------------------------------------------------------------

  function rowElement() {
    const cells = ['time', 'partition', 'offset', 'key', 'value', 'routes', 'headers'].map((c) =>
      el('span', { class: 'cell ' + c, role: 'gridcell' }),
    );
    const row = el('div', { class: 'row', role: 'row' }, cells);
    row.addEventListener('click', () => select(Number(row.getAttribute('data-seq'))));
    return row;
  }

  function renderRows() {
    const scroller = $('list');
    const total = model.matching.length;
    $('sizer').style.height = total * ROW_HEIGHT + 'px';
    const w = visibleWindow(total, ROW_HEIGHT, scroller.scrollTop, scroller.clientHeight || 400, OVERSCAN);
    const rows = model.rows(w.from, w.to);
    while (rowPool.length < rows.length) {
      const r = rowElement();
      rowPool.push(r);
      $('sizer').append(r);
    }
    for (let i = 0; i < rowPool.length; i++) {
      const r = rowPool[i];
      const m = rows[i];
      if (!m) {
        r.hidden = true;
        continue;
      }
      r.hidden = false;
      r.style.top = (w.from + i) * ROW_HEIGHT + 'px';
      r.setAttribute('data-seq', m.seq);
      r.setAttribute('aria-selected', String(m.seq === selectedSeq));
      r.setAttribute('aria-rowindex', String(w.from + i + 1));
      const c = r.children;
      c[0].textContent = time(m.timestamp);
      c[1].textContent = m.partition;
      c[2].textContent = m.offset;
      c[3].textContent = m.key === null ? '∅' : oneLine(m.key, 80);
      c[4].textContent = m.value === null ? '∅ (tombstone)' : oneLine(m.value, 300);
      c[5].textContent = routesText(m);
      c[5].classList.toggle('unrouted', !!routesOf(m) && routesOf(m).length === 0);
      c[6].textContent = oneLine(headersText(m), 120);
    }
    $('list').setAttribute('aria-rowcount', String(total));
    $('empty').hidden = total > 0;
    $('empty').textContent = model.all.length
      ? 'No buffered message matches the search and partitions.'
      : paused
        ? 'Paused.'
        : 'Waiting for messages…';
  }

  function queueRender(histogramToo) {
    if (histogramToo) lastHistogram = 0;
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      renderRows();
      renderStatus();
      renderPartitions();
      if (Date.now() - lastHistogram > 500) renderHistogram();
    });
  }

  // ---- details (the expanded row) ------------------------------------------------------

  function findBySeq(seq) {
    const all = model.all;
    for (let i = all.head; i < all.items.length; i++) if (all.items[i].seq === seq) return all.items[i];
    return null;
  }

  function select(seq) {
    selectedSeq = seq;
    const m = seq === null ? null : findBySeq(seq);
    const pane = $('details');
    if (!m) {
      pane.hidden = true;
      queueRender(false);
      return;
    }
    pane.hidden = false;
    const headerKeys = Object.keys(m.headers || {});
    pane.replaceChildren(
      el('div', { class: 'details-head' }, [
        el('h2', { text: `Partition ${m.partition}, offset ${m.offset}` }),
        el(
          'button',
          {
            class: 'link',
            id: 'close-details',
            title: 'Close (Escape)',
            onclick: () => {
              select(null);
              $('list').focus();
            },
          },
          ['Close'],
        ),
      ]),
      el('dl', {}, [
        el('dt', { text: 'Timestamp' }),
        el('dd', { text: `${time(m.timestamp)} (${m.timestamp})` }),
        el('dt', { text: 'Key' }),
        el('dd', {}, [el('code', { text: m.key === null ? 'null' : m.key })]),
        ...(deadLetterReason(m)
          ? [
              el('dt', { text: 'Dead letter' }),
              el('dd', {
                class: 'dead-letter',
                text: `the routing job could not read it: ${deadLetterReason(m)} (from ${m.headers['cdc-routing.dlq.topic'] || '?'}, partition ${m.headers['cdc-routing.dlq.partition'] || '?'}, offset ${m.headers['cdc-routing.dlq.offset'] || '?'})`,
              }),
            ]
          : []),
        el('dt', { text: 'Routed to' }),
        el('dd', {
          class: 'routes-detail',
          text: routesOf(m)
            ? routesOf(m).length
              ? `${routesOf(m).join(', ')} (filters of ${filtersFile})`
              : `no filter of ${filtersFile} takes it`
            : 'open a filters file to see where it routes',
        }),
        el('dt', { text: 'Headers' }),
        el('dd', {}, [
          headerKeys.length
            ? el(
                'ul',
                {},
                headerKeys.map((k) => el('li', {}, [el('code', { text: `${k}: ${m.headers[k]}` })])),
              )
            : 'none',
        ]),
        el('dt', {
          text: `Value (${m.encoding || 'text'}${m.schemaId !== undefined ? `, schema id ${m.schemaId}` : ''}, ${fmt.format(m.size || 0)} bytes)`,
        }),
        el('dd', {}, [el('pre', { class: 'json', tabindex: '0', 'aria-label': 'value' }, [prettyValue(m.value)])]),
      ]),
    );
    queueRender(false);
  }

  function moveSelection(delta) {
    const total = model.matching.length;
    if (!total) return;
    let index = 0;
    if (selectedSeq !== null) {
      const rows = model.rows(0, total);
      const at = rows.findIndex((m) => m.seq === selectedSeq);
      index = Math.min(total - 1, Math.max(0, (at < 0 ? 0 : at) + delta));
    }
    const m = model.rows(index, index + 1)[0];
    const scroller = $('list');
    const top = index * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    select(m.seq);
  }

  // ---- controls ------------------------------------------------------------------------

  function startFromControls() {
    const kind = $('start-kind').value;
    const start = { kind };
    if (kind === 'timestamp') {
      const ms = Date.parse($('start-time').value);
      if (Number.isNaN(ms)) return showStartError('Enter a date and time to start from.');
      start.ms = ms;
    }
    if (kind === 'offset') {
      const raw = $('start-offset').value.trim();
      const offset = Number(raw);
      if (raw === '' || !Number.isInteger(offset) || offset < 0)
        return showStartError('Enter an offset (a whole number, 0 or more).');
      start.offset = offset;
    }
    showStartError('');
    vscode.postMessage({ type: 'start', start });
  }
  function showStartError(text) {
    $('start-error').textContent = text;
    $('start-error').hidden = !text;
  }
  function syncStartInputs() {
    const kind = $('start-kind').value;
    $('start-time-label').hidden = kind !== 'timestamp';
    $('start-offset-label').hidden = kind !== 'offset';
  }

  function applySearch() {
    const ok = model.setSearch($('search').value, $('regex').checked ? 'regex' : 'text', $('scope').value);
    const err = $('search-error');
    err.textContent = ok ? '' : model.searchError;
    err.hidden = ok;
    $('search').setAttribute('aria-invalid', String(!ok));
    vscode.setState({ query: $('search').value, regex: $('regex').checked, scope: $('scope').value });
    $('list').scrollTop = 0;
    queueRender(true);
  }

  $('start-kind').addEventListener('change', syncStartInputs);
  $('restart').addEventListener('click', startFromControls);
  $('pause').addEventListener('click', () => vscode.postMessage({ type: paused ? 'resume' : 'pause' }));
  $('search').addEventListener('input', applySearch);
  $('regex').addEventListener('change', applySearch);
  $('scope').addEventListener('change', applySearch);
  $('clear').addEventListener('click', () => {
    // The extension's store too, or a reloaded page would bring the cleared messages back.
    vscode.postMessage({ type: 'clear' });
    model.clear();
    select(null);
    queueRender(true);
  });
  $('list').addEventListener('scroll', () => queueRender(false), { passive: true });
  $('list').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') moveSelection(1);
    else if (e.key === 'ArrowUp') moveSelection(-1);
    else if (e.key === 'Home') moveSelection(-Infinity);
    else if (e.key === 'End') moveSelection(Infinity);
    else if (e.key === 'PageDown') moveSelection(Math.floor($('list').clientHeight / ROW_HEIGHT));
    else if (e.key === 'PageUp') moveSelection(-Math.floor($('list').clientHeight / ROW_HEIGHT));
    else if (e.key === 'Escape') select(null);
    else if (e.key === 'Enter' && selectedSeq === null) moveSelection(0);
    else return;
    e.preventDefault();
  });
  window.addEventListener('resize', () => queueRender(false));

  // ---- from the extension --------------------------------------------------------------

  function addMessages(batch, droppedBefore) {
    if (droppedBefore) {
      model.received += droppedBefore;
      model.dropped += droppedBefore;
    }
    for (const m of batch) knownPartitions.add(m.partition);
    const scroller = $('list');
    const atTop = scroller.scrollTop < ROW_HEIGHT / 2;
    const added = model.add(batch);
    // Newest first: keep the rows a reader scrolled to where they are while new ones arrive above.
    if (!atTop && added) scroller.scrollTop += added * ROW_HEIGHT;
    queueRender(false);
  }

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'init') {
      if (m.bufferSize && m.bufferSize !== model.all.capacity) model.resize(m.bufferSize);
      filtersFile = m.filtersFile || null;
      $('routes-head').title = filtersFile
        ? `The filters of ${filtersFile} that route the message`
        : 'No filters file found: open one and tail again';
      for (const p of m.partitions || []) knownPartitions.add(p);
      queueRender(true);
    } else if (m.type === 'messages') {
      addMessages(m.messages, m.dropped);
      // Taken: the extension may send the next batch (it never has more than one on its way here).
      if (m.id !== undefined) vscode.postMessage({ type: 'ack', id: m.id });
    } else if (m.type === 'snapshot') {
      // The extension's store as it stands (a new page, or a pause: what is shown then has no gaps).
      // Its counts are the tail's; the selected message stays selected if it is still there.
      const selected = selectedSeq === null ? null : findBySeq(selectedSeq);
      model.clear();
      for (const x of m.messages) knownPartitions.add(x.partition);
      model.add(m.messages);
      model.received = m.received;
      model.dropped = Math.max(0, m.received - model.all.length);
      const again =
        selected && model.all.toArray().find((x) => x.partition === selected.partition && x.offset === selected.offset);
      select(again ? again.seq : null);
      queueRender(true);
    } else if (m.type === 'state') {
      state = m;
      paused = !!m.paused;
      for (const p of m.partitions || []) knownPartitions.add(p);
      queueRender(true);
    } else if (m.type === 'reset') {
      model.clear();
      select(null);
      queueRender(true);
    }
  });

  const saved = vscode.getState();
  if (saved) {
    $('search').value = saved.query || '';
    $('regex').checked = !!saved.regex;
    $('scope').value = saved.scope || 'all';
    applySearch();
  }
  syncStartInputs();
  queueRender(true);
  vscode.postMessage({ type: 'ready' });
})();
