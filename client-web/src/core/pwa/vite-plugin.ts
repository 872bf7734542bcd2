// A tiny Vite plugin that writes dist/sw.js: the worker in ./sw.js with the build's version and
// the list of files to precache (every emitted file but source maps, plus public/ files).
/// <reference types="node" />
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

function publicFiles(dir: string, base = dir): string[] {
  let out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(publicFiles(path, base));
    else out.push(relative(base, path).split('\\').join('/'));
  }
  return out;
}

/** Files never precached: source maps and the worker itself. */
function precached(file: string): boolean {
  return !file.endsWith('.map') && file !== 'sw.js';
}

export function encuentroServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'encuentro-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const files = [...Object.keys(bundle), ...publicFiles(config.publicDir)]
        .filter(precached)
        .map((file) => '/' + file);
      const list = ['/', ...new Set(files)].sort();
      const template = readFileSync(resolve(config.root, 'src/core/pwa/sw.js'), 'utf8');
      const version = createHash('sha256')
        .update(template)
        .update(list.join('\n'))
        .digest('hex')
        .slice(0, 16);
      const source = template
        .replace("'__ENCUENTRO_SW_VERSION__'", JSON.stringify(version))
        .replace('__ENCUENTRO_SW_PRECACHE__', JSON.stringify(list, null, 2));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
