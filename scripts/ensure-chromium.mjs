// Finds Debian's Chromium for the end-to-end tests; installs it when running as root.
// Never downloads a browser of its own (`npx playwright install` fails on offline machines).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Screenshots of a Chinese UI need a CJK font; Debian's Chromium has none by default. */
function ensureCjkFont() {
  if (existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    try {
      execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei', { stdio: 'inherit' });
    } catch {
      console.warn('Could not install fonts-wqy-microhei: screenshots will show boxes for Chinese text.');
    }
  }
}

/** The print tests render PDF pages to PNG with poppler's pdftoppm (they skip without it). */
function ensurePdftoppm() {
  if (['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].some((p) => existsSync(p))) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    try {
      execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: 'inherit' });
    } catch {
      console.warn('Could not install poppler-utils: the printed pages will not be checked.');
    }
  }
}

export function ensureChromium() {
  const found = findChromium();
  if (found) {
    ensureCjkFont();
    ensurePdftoppm();
    return found;
  }
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.log('Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei poppler-utils', { stdio: 'inherit' });
    const installed = findChromium();
    if (installed) {
      ensureCjkFont();
      ensurePdftoppm();
      return installed;
    }
  }
  console.error('Chromium is needed for the end-to-end tests. Install it with:\n\n    sudo apt-get install -y chromium\n');
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
