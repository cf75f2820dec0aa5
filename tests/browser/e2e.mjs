// End-to-end test of the quotebook web UI in Debian's headless Chromium.
//
//   QB_URL=http://127.0.0.1:PORT/ SHOTS=target/browser-screenshots node e2e.mjs
//
// Drives: search a phrase → highlighted result → click a speaker → that speaker's quotes →
// open an article with its quotes marked; plus the quotes tab, a bad query, keyboard use,
// a deep link and a phone-sized screen. Saves a screenshot per step in $SHOTS.
// Steps that need quotes in the index are skipped (and counted) when the index has none,
// unless REQUIRE_QUOTES=1.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.QB_URL || 'http://127.0.0.1:8080/';
const shots = process.env.SHOTS || 'screenshots';
const requireQuotes = process.env.REQUIRE_QUOTES === '1';
const phrase = process.env.PHRASE || '"bridge budget"';
const speaker = process.env.SPEAKER || 'Ana Lopez';
mkdirSync(shots, { recursive: true });

// Playwright starts Chromium with a fresh, empty temporary --user-data-dir of its own
// (it refuses the flag in `launch`), removed when the browser closes.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

function check(cond, what) {
  if (!cond) throw new Error(what);
}

async function step(name, fn) {
  try {
    const r = await fn();
    if (r === 'skip') {
      skipped += 1;
      console.log(`SKIP ${name} (the index has no quotes: is the extractor merged?)`);
    } else {
      passed += 1;
      console.log(`ok   ${name}`);
    }
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(10000);
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => {
  // A failed fetch for an intentional bad query logs a 400; anything else is a bug.
  if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push('console: ' + m.text());
});
const shot = (name) => page.screenshot({ path: join(shots, name), fullPage: true });

const stats = await (await page.request.get(new URL('/api/stats', base).href)).json();
const haveQuotes = stats.quotes > 0;
if (!haveQuotes && requireQuotes) {
  console.log('FAIL the index has no quotes and REQUIRE_QUOTES=1');
  failed += 1;
}

await step('home page loads with stats', async () => {
  await page.goto(base);
  await page.waitForSelector('#stats:not(:empty)');
  check((await page.textContent('#stats')).includes('article'), 'stats footer');
  await shot('00-home.png');
});

await step(`search ${phrase} with Enter shows highlighted results`, async () => {
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement.id === 'q'), '/ focuses the search box');
  await page.keyboard.type(phrase);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results .hit mark');
  check(page.url().includes('#/search?q='), 'URL is a deep link: ' + page.url());
  const marked = (await page.textContent('#results .hit mark')).toLowerCase();
  check(marked === phrase.replace(/"/g, '').toLowerCase(), 'highlight is the phrase: ' + marked);
  await shot('01-search.png');
});

await step('query syntax help is one click away', async () => {
  await page.click('#help summary');
  check(await page.isVisible('#help .help-body'), 'help visible');
  await shot('02-help.png');
  await page.keyboard.press('Escape');
  check(!(await page.isVisible('#help .help-body')), 'Escape closes help');
});

await step(`speaker facet → ${speaker}'s quotes with a month chart`, async () => {
  if (!haveQuotes) return 'skip';
  const facet = page.locator('#speaker-facets a', { hasText: speaker }).first();
  await facet.click();
  await page.waitForSelector('#speaker-quotes .card');
  check((await page.textContent('#speaker-name')).includes(speaker), 'speaker heading');
  check(await page.isVisible('#month-chart .bar'), 'month chart');
  const cards = await page.locator('#speaker-quotes .card').count();
  check(cards >= 1, 'quote cards');
  const whos = await page.locator('#speaker-quotes .card .who').allTextContents();
  check(whos.every((w) => w.includes(speaker)), 'every card is by the speaker: ' + whos);
  const dates = await page.locator('#speaker-quotes .card .meta span:first-child').allTextContents();
  check(dates.join() === dates.slice().sort().reverse().join(), 'newest first: ' + dates);
  await shot('03-speaker.png');
});

await step('open an article with every quote marked and its speaker labelled', async () => {
  if (haveQuotes) {
    await page.locator('#speaker-quotes .card a', { hasText: 'Open the article' }).first().click();
    await page.waitForSelector('#article-body mark.quote');
    const labels = await page.locator('#article-body .speaker-label').allTextContents();
    check(labels.length >= 1 && labels.includes(speaker), 'speaker labels: ' + labels);
    check(await page.isVisible('#article-body mark.quote.current'), 'the clicked quote is current');
  } else {
    // Without quotes: open the article from the search results instead.
    await page.goto(new URL('#/search?q=' + encodeURIComponent(phrase), base).href);
    await page.click('#results .hit h3 a');
    await page.waitForSelector('#article-body');
  }
  check(page.url().includes('#/article?id='), 'article URL: ' + page.url());
  await shot('04-article.png');
});

await step('an article deep link opens in a new tab', async () => {
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector('#article-body');
  check((await other.textContent('h1')).length > 0, 'title');
  await other.close();
});

await step('quotes tab shows quote cards', async () => {
  await page.goto(new URL('#/quotes', base).href);
  await page.waitForSelector('main .summary:not(:has-text("Searching"))');
  if (!haveQuotes) {
    check((await page.textContent('main')).includes('no quotes'), 'empty quotes message');
    return 'skip';
  }
  await page.waitForSelector('#quote-cards .card blockquote');
  await shot('05-quotes.png');
});

await step('a bad query shows the server message', async () => {
  await page.goto(new URL('#/search', base).href);
  await page.fill('#q', '"unbalanced');
  await page.press('#q', 'Enter');
  await page.waitForSelector('.error');
  check((await page.textContent('.error')).includes('unbalanced quotation mark'), 'error text');
  await shot('06-error.png');
});

await step('readable on a phone-sized screen', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const p = await phone.newPage();
  await p.goto(new URL('#/search?q=' + encodeURIComponent(phrase), base).href);
  await p.waitForSelector('#results .hit');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, 'no horizontal scrolling, overflow ' + overflow + 'px');
  await p.screenshot({ path: join(shots, '07-phone-search.png'), fullPage: true });
  if (haveQuotes) {
    await p.goto(new URL('#/speaker?name=' + encodeURIComponent(speaker), base).href);
    await p.waitForSelector('#speaker-quotes .card');
    await p.screenshot({ path: join(shots, '08-phone-speaker.png'), fullPage: true });
  }
  await phone.close();
});

await step('no script errors or CSP violations', async () => {
  check(problems.length === 0, problems.join('; '));
});

await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
console.log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
