// quotebook web UI: one page, hash routing, no dependencies. Every view is a URL:
//   #/search?q=…&sort=&offset=   #/quotes?q=…&by=&offset=   #/speakers?prefix=
//   #/speaker?id=…&offset=  (a person)   #/speaker?name=…  (resolved to a person)
//   #/article?id=…&q=…&quote=START
// All text from the index goes into the page through textContent, never innerHTML.
'use strict';

const PAGE = 10;
const main = document.getElementById('main');
const input = document.getElementById('q');

// ---- small helpers -------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function link(route, params, ...children) {
  return h('a', { href: href(route, params) }, ...children);
}

// An article's url comes from the article file: only http(s) becomes a link, so that a
// `javascript:` or `data:` url in a corpus can never run in this page.
function linkable(url) {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch (_) {
    return false;
  }
}

function href(route, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  }
  const s = qs.toString();
  return '#/' + route + (s ? '?' + s : '');
}

function go(route, params) {
  location.hash = href(route, params);
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  }
  const url = path + (qs.toString() ? '?' + qs : '');
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error('cannot reach the server: ' + e.message);
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
  return body;
}

/// Text with highlighted ranges; offsets are Unicode code points (as the API gives them).
function highlighted(text, ranges, cls) {
  const cps = Array.from(text || '');
  const out = [];
  let at = 0;
  for (const [s, e] of (ranges || []).slice().sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    out.push(cps.slice(at, s).join(''));
    out.push(h('mark', { class: cls }, cps.slice(s, e).join('')));
    at = e;
  }
  out.push(cps.slice(at).join(''));
  return out;
}

function plural(n, word) {
  return n + ' ' + word + (n === 1 ? '' : 's');
}

function meta(...parts) {
  return h('div', { class: 'meta' }, parts.filter(Boolean).map((p) => h('span', {}, p)));
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message || String(e));
}

function render(...nodes) {
  main.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
}

function pager(total, offset, limit, route, params) {
  if (total <= limit) return null;
  const prev = offset > 0
    ? link(route, { ...params, offset: Math.max(0, offset - limit) || '' }, '← Previous') : null;
  const next = offset + limit < total
    ? link(route, { ...params, offset: offset + limit }, 'Next →') : null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev,
    h('span', { class: 'meta' }, `${offset + 1}–${Math.min(total, offset + limit)} of ${total}`), next);
}

function setTab(name) {
  for (const t of ['search', 'quotes', 'speakers']) {
    const el = document.getElementById('tab-' + t);
    el.classList.toggle('active', t === name);
    if (t === name) el.setAttribute('aria-current', 'page'); else el.removeAttribute('aria-current');
  }
}

/// The person a quote is linked to, and the name the article used when it differs.
function whoLink(q) {
  if (!q.speaker) return h('span', { class: 'empty' }, 'unattributed');
  if (!q.person) return link('speaker', { name: q.speaker }, q.speaker);
  return link('speaker', { id: q.person.id }, q.person.name);
}

function quoteCard(q, opts) {
  const asWritten = q.person && q.speaker && q.speaker !== q.person.name
    ? h('span', { class: 'meta', title: 'linked: ' + (q.link || 'own name') }, ` (as “${q.speaker}”)`) : null;
  return h('li', { class: 'card' },
    h('blockquote', {}, q.quote),
    h('div', {}, h('span', { class: 'who' }, whoLink(q)), asWritten,
      q.speaker_title ? ', ' + q.speaker_title : ''),
    meta(q.date, q.source, opts && opts.showTitle !== false ? q.title : null),
    h('div', { class: 'links' },
      link('article', { id: q.article_id, quote: q.start }, 'Open the article')));
}

// ---- views ---------------------------------------------------------------------------

async function viewHome() {
  setTab(null);
  input.value = '';
  render(h('h1', {}, 'Search the news'),
    h('p', {}, 'Type words or an exact ', h('code', {}, '"phrase"'),
      ' above and press Enter. The Quotes tab finds what people said; Speakers lists everyone quoted.'));
}

async function viewSearch(p) {
  setTab('search');
  const q = p.get('q') || '';
  input.value = q;
  if (!q) {
    render(h('h1', {}, 'Articles'), h('p', { class: 'empty' }, 'Type a search above and press Enter.'));
    return;
  }
  const offset = Number(p.get('offset') || 0);
  const sort = p.get('sort') || '';
  render(h('p', { class: 'summary' }, 'Searching…'));
  let res;
  try {
    res = await api('/api/search', { q, offset, sort, limit: PAGE, facets: 'true' });
  } catch (e) {
    render(h('h1', {}, 'Articles'), errorBox(e));
    return;
  }
  const params = { q, sort };
  const hits = res.hits.map((a) => h('li', { class: 'hit' },
    h('h3', {}, link('article', { id: a.id, q }, a.title || a.path)),
    meta(a.date, a.source),
    h('p', { class: 'snippet' }, highlighted(a.snippet.text, a.snippet.highlights))));
  const sortLinks = h('span', { class: 'sort' }, 'Sort: ',
    sort === 'date' ? link('search', { q }, 'relevance') : h('b', {}, 'relevance'), ' · ',
    sort === 'date' ? h('b', {}, 'newest') : link('search', { q, sort: 'date' }, 'newest'));
  const facets = res.facets || { speakers: [], sources: [] };
  const side = h('aside', { class: 'facets', 'aria-label': 'Speakers in these articles' },
    h('section', {}, h('h2', {}, 'Speakers'),
      facets.speakers.length
        ? h('ul', { id: 'speaker-facets' }, facets.speakers.map((f) => h('li', {},
          link('speaker', { name: f.value }, f.value), h('span', { class: 'count', title: 'articles' }, f.count))))
        : h('p', { class: 'empty' }, 'No quoted speakers in these articles.')),
    facets.sources.length ? h('section', {}, h('h2', {}, 'Sources'),
      h('ul', {}, facets.sources.map((f) => h('li', {}, h('span', {}, f.value),
        h('span', { class: 'count' }, f.count))))) : null,
    h('p', {}, link('quotes', { q }, 'Quotes containing these words →')));
  render(
    h('h1', {}, 'Articles'),
    h('p', { class: 'summary' }, plural(res.total, 'matching article'), ' · ', sortLinks),
    h('div', { class: 'layout' },
      h('div', {},
        hits.length ? h('ol', { class: 'hits', id: 'results' }, hits)
          : h('p', { class: 'empty' }, 'No article matches.'),
        pager(res.total, offset, PAGE, 'search', params)),
      side));
}

async function viewQuotes(p) {
  setTab('quotes');
  const q = p.get('q') || '';
  const by = p.get('by') || '';
  input.value = q;
  const offset = Number(p.get('offset') || 0);
  render(h('p', { class: 'summary' }, 'Searching…'));
  let res;
  try {
    res = await api('/api/quotes', { q, by, offset, limit: 24 });
  } catch (e) {
    render(h('h1', {}, 'Quotes'), errorBox(e));
    return;
  }
  const filters = [];
  if (q) filters.push(h('span', {}, 'containing ', h('b', {}, q)));
  if (by) filters.push(h('span', {}, ' by ', h('b', {}, by), ' ', link('quotes', { q }, '(any speaker)')));
  render(
    h('h1', {}, 'Quotes'),
    h('p', { class: 'summary' }, plural(res.total, 'quote'), ' ', filters, res.total ? ', newest first' : ''),
    res.hits.length ? h('ul', { class: 'cards', id: 'quote-cards' }, res.hits.map((x) => quoteCard(x)))
      : h('p', { class: 'empty' }, q || by ? 'No quote matches.' : 'The index holds no quotes yet.'),
    pager(res.total, offset, 24, 'quotes', { q, by }));
}

async function viewSpeakers(p) {
  setTab('speakers');
  const prefix = p.get('prefix') || '';
  const filter = h('input', { type: 'search', id: 'prefix', value: prefix, placeholder: 'Name starts with…', 'aria-label': 'Filter speakers by name' });
  const form = h('form', { class: 'filter', onsubmit: (e) => { e.preventDefault(); go('speakers', { prefix: filter.value.trim() }); } },
    filter, h('button', { type: 'submit', class: 'secondary' }, 'Filter'));
  render(h('h1', {}, 'Speakers'), form, h('p', { class: 'summary' }, 'Loading…'));
  let res;
  try {
    res = await api('/api/speakers', { prefix, limit: 100 });
  } catch (e) {
    render(h('h1', {}, 'Speakers'), form, errorBox(e));
    return;
  }
  const rows = res.speakers.map((s) => h('tr', {},
    h('td', {}, link('speaker', { id: s.id }, s.name),
      s.variants.length > 1 ? h('span', { class: 'meta' }, ` · ${plural(new Set(s.variants.map((v) => v.name)).size, 'name')}`) : null),
    h('td', { class: 'num' }, s.quotes),
    h('td', { class: 'num opt' }, s.articles),
    h('td', { class: 'opt' }, s.first_date || ''),
    h('td', {}, s.last_date || '')));
  render(h('h1', {}, 'Speakers'), form,
    rows.length ? h('table', { class: 'speakers' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', { class: 'num' }, 'Quotes'),
        h('th', { class: 'num opt' }, 'Articles'), h('th', { class: 'opt' }, 'First'), h('th', {}, 'Last'))),
      h('tbody', {}, rows))
      : h('p', { class: 'empty' }, prefix ? 'No speaker name starts with that.' : 'No speakers in the index yet.'));
}

/// Quotes per month from the server's counts over all of a person's quotes, every month
/// from the first to the last (gaps as empty bars).
function monthChart(months) {
  const counts = new Map((months || []).map((m) => [m.month, m.quotes]));
  if (counts.size === 0) return null;
  const keys = [...counts.keys()].sort();
  let [y, mo] = keys[0].split('-').map(Number);
  const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
  const all = [];
  while ((y < ly || (y === ly && mo <= lm)) && all.length < 600) {
    all.push(`${y}-${String(mo).padStart(2, '0')}`);
    mo += 1;
    if (mo > 12) { mo = 1; y += 1; }
  }
  const max = Math.max(...counts.values());
  const bars = all.map((m) => {
    const n = counts.get(m) || 0;
    const bar = h('div', { class: 'bar' + (n ? '' : ' zero') });
    bar.style.height = (n / max * 100) + '%';
    return h('div', { class: 'bar-col', title: `${m}: ${plural(n, 'quote')}` }, bar);
  });
  const summary = all.filter((m) => counts.get(m)).map((m) => `${m}: ${counts.get(m)}`).join(', ');
  return h('figure', { class: 'chart', id: 'month-chart' },
    h('div', { class: 'bars', role: 'img', 'aria-label': 'Quotes per month. ' + summary }, bars),
    h('div', { class: 'axis' }, h('span', {}, all[0]), h('span', {}, all[all.length - 1])),
    h('figcaption', { class: 'meta' }, 'Quotes per month, all of them (max ' + max + ')'));
}

const LINKS = {
  'same-name': 'the same name', nickname: 'a nickname', alias: 'the alias file',
  'surname-in-article': 'surname, full name in the same article',
  'surname-in-byline': 'surname, named in the byline',
  'surname-in-period': 'surname, same outlet that month',
  'surname-dominant': 'surname, nearly all full-name quotes are this person\'s',
};

async function viewSpeaker(p) {
  setTab(null);
  input.value = '';
  const id = p.get('id') || '';
  const name = p.get('name') || '';
  render(h('p', { class: 'summary' }, 'Loading…'));
  if (!id) {
    // A name (from a facet or an old link): the person it stands for, or the choice.
    let res;
    try {
      res = await api('/api/quotes', { by: name, limit: 1 });
    } catch (e) {
      render(h('h1', {}, name), errorBox(e));
      return;
    }
    const people = res.people || [];
    if (people.length === 1) {
      location.replace(href('speaker', { id: people[0].id }));
      return;
    }
    render(h('h1', { id: 'speaker-name' }, name),
      people.length
        ? h('div', {}, h('p', { class: 'summary' }, `“${name}” matches ${people.length} people:`),
          h('ul', { id: 'speaker-matches' }, people.map((x) => h('li', {},
            link('speaker', { id: x.id }, x.name), ` (${plural(x.quotes, 'quote')})`))))
        : h('p', { class: 'empty' }, 'No quotes by this name.'));
    return;
  }
  const offset = Number(p.get('offset') || 0);
  let person;
  let res;
  try {
    [person, res] = await Promise.all([
      api('/api/person', { id }),
      api('/api/quotes', { person: id, limit: 24, offset, sort: 'date' }),
    ]);
  } catch (e) {
    render(h('h1', {}, id), errorBox(e));
    return;
  }
  // Variants: each name as written, its quotes, and how it was linked.
  const byName = new Map();
  for (const v of person.variants) {
    const x = byName.get(v.name) || { quotes: 0, links: new Set() };
    x.quotes += v.quotes;
    if (v.link) x.links.add(LINKS[v.link] || v.link);
    byName.set(v.name, x);
  }
  const variants = h('table', { class: 'speakers', id: 'speaker-variants' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Written as'), h('th', { class: 'num' }, 'Quotes'),
      h('th', { class: 'opt' }, 'Linked by'))),
    h('tbody', {}, [...byName.entries()].map(([n, x]) => h('tr', {},
      h('td', {}, n), h('td', { class: 'num' }, x.quotes),
      h('td', { class: 'opt' }, [...x.links].join('; '))))));
  const unlinked = person.unlinked
    ? h('p', { class: 'meta', id: 'speaker-unlinked' },
      `Also ${plural(person.unlinked.quotes, 'quote')} under “${person.unlinked.name}” — `,
      person.unlinked.people > 1 ? 'several people share that name' : 'not enough evidence that they are this person\'s',
      ' (', link('speaker', { id: person.unlinked.id }, 'see them'), ').')
    : null;
  render(
    h('div', { class: 'speaker-head' }, h('h1', { id: 'speaker-name' }, person.name),
      h('span', { class: 'meta' }, plural(person.quotes, 'quote'), ' in ', plural(person.articles, 'article'),
        person.first_date ? `, ${person.first_date.slice(0, 10)} to ${person.last_date.slice(0, 10)}` : '')),
    monthChart(person.months),
    byName.size > 1 ? variants : null,
    unlinked,
    res.hits.length ? h('ul', { class: 'cards', id: 'speaker-quotes' }, res.hits.map((x) => quoteCard(x)))
      : h('p', { class: 'empty' }, 'No quotes by this person.'),
    pager(res.total, offset, 24, 'speaker', { id }));
}

async function viewArticle(p) {
  setTab(null);
  const id = p.get('id') || '';
  const q = p.get('q') || '';
  const current = p.get('quote');
  render(h('p', { class: 'summary' }, 'Loading…'));
  let a;
  try {
    a = await api('/api/articles/' + encodeURIComponent(id));
  } catch (e) {
    render(h('h1', {}, 'Article'), errorBox(e));
    return;
  }
  // Body with every quote marked and labelled with its speaker (code-point offsets).
  const cps = Array.from(a.body || '');
  const body = h('div', { class: 'article-body', id: 'article-body' });
  let at = 0;
  const marks = [];
  for (const x of a.quotes) {
    if (x.start < at || x.end <= x.start || x.end > cps.length) continue;
    body.append(cps.slice(at, x.start).join(''));
    const mark = h('mark', {
      class: 'quote' + (String(x.start) === current ? ' current' : ''),
      tabindex: '-1', 'data-start': x.start,
      title: x.speaker ? 'Said by ' + x.speaker : 'Unattributed quote',
    }, cps.slice(x.start, x.end).join(''));
    marks.push([x, mark]);
    body.append(mark);
    // Put the label after the closing quotation mark when there is one.
    let after = x.end;
    while (after < cps.length && after < x.end + 2 && /["”’»']/.test(cps[after])) after += 1;
    body.append(cps.slice(x.end, after).join(''));
    body.append(x.speaker
      ? (x.person ? link('speaker', { id: x.person.id }, x.speaker) : link('speaker', { name: x.speaker }, x.speaker))
      : h('span', {}, 'unattributed'));
    body.lastChild.className = 'speaker-label' + (x.speaker ? '' : ' unknown');
    at = after;
  }
  body.append(cps.slice(at).join(''));
  const speakers = [...new Set(a.quotes.map((x) => x.speaker).filter(Boolean))];
  const list = marks.length ? h('details', { open: marks.length <= 12 },
    h('summary', {}, plural(marks.length, 'quote'), ' by ', plural(speakers.length, 'speaker')),
    h('ol', { class: 'quote-list' }, marks.map(([x, mark]) => h('li', {},
      h('button', { type: 'button', onclick: () => { mark.scrollIntoView({ block: 'center' }); mark.focus(); } },
        (x.speaker || 'unattributed') + ': “' + truncate(x.quote, 90) + '”')))))
    : h('p', { class: 'meta' }, 'No quotes found in this article.');
  render(
    h('article', { class: 'article' },
      h('h1', {}, a.title || a.path),
      meta(a.date, a.source, a.author ? 'by ' + a.author : null,
        linkable(a.url) ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : null),
      list,
      body),
    q ? h('p', {}, link('search', { q }, '← Back to results')) : null);
  const focus = marks.find(([x]) => String(x.start) === current);
  if (focus) focus[1].scrollIntoView({ block: 'center' });
}

function truncate(s, n) {
  const cps = Array.from(s || '');
  return cps.length > n ? cps.slice(0, n - 1).join('') + '…' : s;
}

async function loadStats() {
  try {
    const s = await api('/api/stats');
    document.getElementById('stats').textContent =
      `${plural(s.articles, 'article')} · ${plural(s.quotes, 'quote')} · ${plural(s.people, 'speaker')}` +
      (s.updated ? ` · updated ${s.updated.replace('T', ' ').slice(0, 16)} UTC` : '');
  } catch (e) { /* the footer is optional */ }
}

// ---- routing -------------------------------------------------------------------------

const routes = {
  '': viewHome, search: viewSearch, quotes: viewQuotes, speakers: viewSpeakers,
  speaker: viewSpeaker, article: viewArticle,
};
let currentView = '';

async function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split(/\?(.*)/s);
  const view = routes[path];
  currentView = view ? path : '';
  document.title = 'quotebook' + (path ? ' · ' + path : '');
  if (!view) {
    render(h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', link('', {}, 'Start over')));
    return;
  }
  const params = new URLSearchParams(qs || '');
  // The tabs carry the current words over, so switching tab keeps the search.
  const words = params.get('q') || '';
  document.getElementById('tab-search').href = href('search', { q: words });
  document.getElementById('tab-quotes').href = href('quotes', { q: words });
  await view(params);
  document.body.dataset.view = path || 'home';
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = input.value.trim();
  if (currentView === 'quotes') go('quotes', { q });
  else go('search', { q });
});

document.addEventListener('keydown', (e) => {
  if (e.key === '/' && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
    e.preventDefault();
    input.focus();
    input.select();
  } else if (e.key === 'Escape') {
    document.getElementById('help').open = false;
  }
});

document.getElementById('skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
loadStats();
