// Runs the browser tests one file at a time (each starts its own server and Chromium) under a
// global time limit, so a hang can never block CI: after ENCUENTRO_BROWSER_TIMEOUT_S seconds
// (default 720; ctest allows 900) the whole process group of the running file (node, server, Chromium) is killed
// and the run fails. Works with Node 18 and 20 (no --test-concurrency needed).
//
//   node run.mjs                 every *.test.mjs here
//   node run.mjs home.test.mjs   only those files
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(`${here}/node_modules/playwright-core`)) {
  console.error(`# playwright-core is not installed: run 'npm ci' in ${here}`);
  process.exit(1);
}
const limitS = Number(process.env.ENCUENTRO_BROWSER_TIMEOUT_S || 720);
const deadline = Date.now() + limitS * 1000;

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();

let failed = 0;
for (const file of files) {
  const left = deadline - Date.now();
  if (left <= 0) {
    console.error(`# global time limit (${limitS} s) reached before ${file}`);
    failed++;
    continue;
  }
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', file], {
      cwd: here,
      stdio: 'inherit',
      detached: true, // its own process group: the timeout kills node, server and Chromium
    });
    const timer = setTimeout(() => {
      console.error(`# ${file}: global time limit (${limitS} s) reached; killing it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, left);
    const interrupt = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      process.exit(130);
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      resolve(signal ? 1 : code ?? 1);
    });
  });
  if (code !== 0) failed++;
}
console.log(`# browser test files: ${files.length}, failed: ${failed}`);
process.exit(failed ? 1 : 0);
