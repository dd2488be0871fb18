// Drives headless Chromium through `dossier serve` (called by
// crates/cli/tests/serve.rs, which starts the server on a store of the
// sample corpus plus one hostile article):
//   node drive.mjs BASE_URL SCREENSHOT_DIR HOSTILE_DOCUMENT_ID
// overview → a story → an event → its article (the sentence highlighted) →
// a search → a hit; then every page showing the hostile article, where no
// script may run. Exits non-zero, saying why, on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, shots, hostile] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
page.on('pageerror', (e) => problems.push(`a script error: ${e.message}`));
// Nothing may be fetched from anywhere but the server.
page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`fetched ${r.url()}`); });

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok: ${what}`);
}
async function shot(name, fullPage = false) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
}
async function targetIsHighlightedSentence() {
  return page.evaluate(() => {
    const t = document.querySelector(':target');
    if (!t) return false;
    const sentence = t.closest('.sentence');
    return !!sentence && sentence.classList.contains('event')
      && getComputedStyle(sentence).outlineStyle !== 'none';
  });
}

try {
  await page.goto(base + '/');
  check(await page.locator('h1').first().isVisible(), 'the overview has a heading');
  check(await page.locator('.stories li a').count() > 0, 'the overview lists stories');
  check(await page.locator('.events .event').count() > 0, 'the overview lists events');
  await shot('overview');

  await page.locator('.stories li a').first().click();
  await page.waitForURL(/\/story\//);
  check(await page.locator('ol.events .event').count() > 0, 'the story has a timeline');
  check(await page.locator('svg.network line.edge').count() > 0, 'the story draws who acts on whom');
  await shot('story', true);

  await page.locator('ol.events a.evidence').first().click();
  await page.waitForURL(/\/document\/.*#s-\d+/);
  check(await targetIsHighlightedSentence(), "the event's sentence is highlighted in its article");
  check(await page.locator('a.actor').count() > 0, 'the article marks its actors');
  await shot('article');

  await page.locator('header input[name=q]').fill('water accord');
  await page.locator('header button').click();
  await page.waitForURL(/\/search\?/);
  check(await page.locator('.hits li').count() > 0, 'the search finds sentences');
  await shot('search');
  await page.locator('.hits a.hit').first().click();
  await page.waitForURL(/\/document\/.*#s-\d+/);
  check(await page.evaluate(() => !!document.querySelector(':target')), 'a hit opens its article at the sentence');

  await page.goto(base + '/actor/KAZ');
  check(await page.locator('svg.months rect').count() > 0, 'the actor page shows mentions over time');
  await shot('actor', true);

  // Hostile content: every page that shows the article, and its search.
  const id = encodeURIComponent(hostile);
  const hostilePages = ['/', `/document/${id}`, '/search?q=pwned', '/search?q=javascript',
    '/api/v1/documents/' + id];
  const story = await (await fetch(`${base}/api/v1/documents/${id}`)).json();
  if (story.story) hostilePages.push(`/story/${encodeURIComponent(story.story)}`);
  for (const path of hostilePages) {
    await page.goto(base + path);
    const ran = await page.evaluate(() => window.pwned === true);
    check(!ran, `no script of the article ran on ${path}`);
    const live = await page.evaluate(() => [...document.querySelectorAll('script, iframe, object, embed, [onerror], [onclick], [onload]')].length);
    check(live === 0, `no element of the article is live on ${path}`);
    const jsLinks = await page.evaluate(() => [...document.querySelectorAll('a[href]')].filter((a) => a.protocol === 'javascript:').length);
    check(jsLinks === 0, `no javascript: link on ${path}`);
  }
  await page.goto(`${base}/document/${id}`);
  check((await page.locator('h1').textContent()).includes('<script>'), 'the hostile title is shown as text');
  await shot('hostile');
  check(problems.length === 0, `nothing else went wrong (${problems.join('; ')})`);
} catch (e) {
  console.error(`browser test failed at ${page.url()}: ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  await shot('failure').catch(() => {});
  await browser.close();
  process.exit(1);
}
await browser.close();
