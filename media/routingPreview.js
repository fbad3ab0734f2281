// Routing preview webview: renders what the language server's cdcRouting/routePreview returns.
// Plain DOM, no remote resources; every interactive element is a button, a summary or an input, so the
// whole view works from the keyboard.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  let data = null;
  let query = '';
  const $ = (id) => document.getElementById(id);

  const { el } = window.cdcDom; // media/dom.js

  function json(value) {
    return el('pre', { class: 'json', tabindex: '0', 'aria-label': 'event JSON' }, [JSON.stringify(value, null, 2)]);
  }

  function sampleLink(ev) {
    return el(
      'button',
      {
        class: 'link',
        title: 'Open the sample at its line',
        onclick: () => vscode.postMessage({ type: 'revealSample', file: ev.file, line: ev.line }),
      },
      [`${ev.file.split(/[\\/]/).pop()}:${ev.line}`],
    );
  }

  function filterLink(id, line) {
    return el(
      'button',
      {
        class: 'link',
        title: 'Show the filter in filters.yaml',
        onclick: () => vscode.postMessage({ type: 'revealFilter', line }),
      },
      [id],
    );
  }

  function matchesQuery(ev) {
    if (!query) return true;
    const q = query.toLowerCase();
    return (
      ev.label.toLowerCase().includes(q) ||
      ev.matched.some((m) => m.toLowerCase().includes(q)) ||
      JSON.stringify(ev.event).toLowerCase().includes(q)
    );
  }

  function eventDetails(ev, open) {
    const byId = new Map(data.filters.map((f) => [f.id, f]));
    const matched = ev.matched.length
      ? el(
          'ul',
          { class: 'matched' },
          ev.matched.map((id) =>
            el('li', {}, [
              filterLink(id, byId.get(id).line),
              ` → ${byId.get(id).outputTopic}`,
              byId.get(id).enabled ? '' : ' (disabled: not deployed)',
            ]),
          ),
        )
      : el('p', { class: 'none', text: 'No filter takes this event.' });
    const misses = ev.misses.length
      ? el(
          'ul',
          { class: 'misses' },
          ev.misses.map((m) =>
            el('li', {}, [
              filterLink(m.filterId, m.line),
              ': ',
              el('code', { text: `${m.field} ${m.operator}` }),
              ' — ',
              m.reason,
            ]),
          ),
        )
      : null;
    return el('details', { class: 'event', open }, [
      el('summary', {}, [
        el('span', { class: 'label', text: ev.label }),
        ' ',
        el('span', { class: 'muted', text: ev.matched.length ? `→ ${ev.matched.length} filter(s)` : '→ unrouted' }),
      ]),
      el('div', { class: 'body' }, [
        el('p', {}, ['Sample ', sampleLink(ev)]),
        el('h4', { text: 'Matched' }),
        matched,
        misses ? el('h4', { text: 'Did not match (first failing condition, value read)' }) : null,
        misses,
        el('h4', { text: 'Event' }),
        json(ev.event),
      ]),
    ]);
  }

  function renderFilters() {
    const panel = $('panel-filters');
    panel.replaceChildren();
    for (const f of data.filters) {
      const events = f.events.map((i) => data.events[i]).filter(matchesQuery);
      if (query && !events.length && !f.id.includes(query) && !f.outputTopic.includes(query)) continue;
      panel.append(
        el('details', { class: 'filter' + (f.enabled ? '' : ' disabled') }, [
          el('summary', {}, [
            el('span', { class: 'label', text: f.id }),
            ' ',
            el('span', { class: 'muted', text: `→ ${f.outputTopic}` }),
            ' ',
            el('span', {
              class: 'count',
              text: `${f.count} of ${data.total} (${f.percent}%)${f.enabled ? '' : ' — disabled'}`,
            }),
          ]),
          el('div', { class: 'body' }, [
            el('p', {}, [filterLink('Show in filters.yaml', f.line)]),
            events.length
              ? el(
                  'div',
                  {},
                  events.map((ev) => eventDetails(ev, false)),
                )
              : el('p', { class: 'none', text: 'No sample event matches.' }),
          ]),
        ]),
      );
    }
    for (const r of data.rejected) {
      panel.append(
        el('div', { class: 'rejected', role: 'note' }, [filterLink(r.id, r.line), ` is not evaluated: ${r.reason}`]),
      );
    }
  }

  function renderEvents(panelId, indices) {
    const panel = $(panelId);
    panel.replaceChildren();
    const events = indices.map((i) => data.events[i]).filter(matchesQuery);
    if (!events.length)
      panel.append(
        el('p', {
          class: 'none',
          text: panelId === 'panel-unrouted' ? 'Every sample event is routed somewhere.' : 'No sample events.',
        }),
      );
    // Large sample sets: render the first 500, the search narrows the rest.
    for (const ev of events.slice(0, 500)) panel.append(eventDetails(ev, false));
    if (events.length > 500)
      panel.append(el('p', { class: 'muted', text: `${events.length - 500} more — narrow with the search box.` }));
  }

  function render() {
    if (!data) return;
    const dead = data.sampleProblems.filter((p) => p.deadLetterReason).length;
    const skipped = data.sampleProblems.length - dead;
    const problems =
      (dead ? ` ${dead} would go to the dead-letter topic ${data.deadLetterTopic} (see below).` : '') +
      (skipped ? ` ${skipped} sample line(s) skipped (see below).` : '');
    $('summary').textContent =
      `${data.total} sample events from ${data.sampleFiles.map((f) => f.split(/[\\/]/).pop()).join(', ') || 'no samples folder'}; ${data.unrouted.length} unrouted.${data.usesClock ? ` Clock for withinLast: ${data.now}.` : ''}${problems}`;
    renderFilters();
    renderEvents(
      'panel-events',
      data.events.map((e) => e.index),
    );
    renderEvents('panel-unrouted', data.unrouted);
    if (data.sampleProblems.length) {
      $('panel-filters').append(
        el('details', { class: 'problems' }, [
          el('summary', {
            text:
              dead && skipped
                ? 'Skipped sample lines and dead letters'
                : dead
                  ? 'Dead letters'
                  : 'Skipped sample lines',
          }),
          el(
            'ul',
            {},
            data.sampleProblems.map((p) => el('li', {}, [`${p.file.split(/[\\/]/).pop()}:${p.line} — ${p.message}`])),
          ),
        ]),
      );
    }
  }

  // Tabs: arrow keys move between them (WAI-ARIA tabs pattern).
  const tabs = ['tab-filters', 'tab-events', 'tab-unrouted'].map($);
  function select(tab) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    tab.focus();
    vscode.setState({ tab: tab.id, query });
  }
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length]);
      if (e.key === 'ArrowLeft') select(tabs[(i + tabs.length - 1) % tabs.length]);
      if (e.key === 'Home') select(tabs[0]);
      if (e.key === 'End') select(tabs[tabs.length - 1]);
    });
  });
  $('search').addEventListener('input', (e) => {
    query = e.target.value.trim();
    render();
  });

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'preview') {
      data = m.preview;
      render();
    } else if (m.type === 'error') {
      $('summary').textContent = m.message;
    }
  });
  const state = vscode.getState();
  if (state && state.tab) select($(state.tab));
  vscode.postMessage({ type: 'ready' });
})();
