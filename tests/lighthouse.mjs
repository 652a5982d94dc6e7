// Lighthouse (npm, see package.json) on one URL with the system Chromium, offline.
// Usage: node tests/lighthouse.mjs URL desktop|mobile RUNS
// Prints the median score (0-100) of each category over RUNS runs as JSON, and every
// run's performance score ("performance runs").
// Chromium: $CHROME_PATH (tests/bench.py sets it).
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [url, preset, runs = '3'] = process.argv.slice(2);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

async function scores() {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: FLAGS });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
    const { lhr } = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  } finally {
    await chrome.kill();
  }
}

const all = [];
for (let i = 0; i < Number(runs); i++) all.push(await scores());
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const result = Object.fromEntries(CATEGORIES.map((c) => [c, median(all.map((s) => s[c]))]));
result['performance runs'] = all.map((s) => s.performance).join(' ');
console.log(JSON.stringify(result));
