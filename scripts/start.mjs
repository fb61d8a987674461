// `npm start`: builds the app and serves it on 127.0.0.1 (the bundled sample loads on open).
import { execSync } from 'node:child_process';

execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
console.log('\nTierLens: open http://127.0.0.1:4173/ (Ctrl+C to stop)\n');
execSync('npx vite preview --host 127.0.0.1 --port 4173 --strictPort', { stdio: 'inherit' });
