// `npm test`: the whole suite — unit and engine tests in Node, then end-to-end tests in
// Debian Chromium against the production build. CI runs exactly this.
import { execSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
const chromium = ensureChromium();
try {
  run('npx tsc --noEmit -p tsconfig.json');
  run('npx vite build --logLevel warn');
  run(`npx vitest run ${process.argv.slice(2).join(' ')}`);
} catch {
  process.exit(1);
}
