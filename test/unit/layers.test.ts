/**
 * The layering that docs/architecture.md describes, checked on the sources: which folder may
 * import what. A new import across a line fails here before it blurs the design.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/workspace';

const SRC = path.join(repoRoot, 'src');

/** Every module a source file imports (static and dynamic), as written. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

function sourcesIn(folder: string): string[] {
  return fs.readdirSync(path.join(SRC, folder)).filter((name) => name.endsWith('.ts')).map((name) => path.join(SRC, folder, name));
}

/** `import` lines of `files` that match `forbidden`, as "file: module". */
function offending(files: readonly string[], forbidden: (module: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(forbidden).map((module) => `${path.relative(SRC, file)}: ${module}`));
}

describe('layers (docs/architecture.md)', () => {
  it('finds the imports it checks', () => {
    assert.ok(importsOf(path.join(SRC, 'extension.ts')).includes('vscode'), 'the reader sees `from` imports');
    assert.ok(importsOf(path.join(SRC, 'views', 'reportLauncher.ts')).includes('./reportFeature.js'), 'and dynamic ones');
  });

  it('the page imports nothing of the extension host: not views, state or api', () => {
    assert.deepEqual(offending(sourcesIn('webview'), (module) => /^\.\.\/(views|state|api)\//.test(module) || module === 'vscode'), []);
  });

  it('shared, report and api import no vscode, and shared imports only shared', () => {
    assert.deepEqual(offending([...sourcesIn('shared'), ...sourcesIn('report'), ...sourcesIn('api')], (module) => module === 'vscode'), []);
    assert.deepEqual(offending(sourcesIn('shared'), (module) => module.startsWith('.') && !module.startsWith('./')), []);
  });

  it('the models in state import no vscode (settings.ts reads the configuration for the composition root)', () => {
    const models = sourcesIn('state').filter((file) => path.basename(file) !== 'settings.ts');
    assert.deepEqual(offending(models, (module) => module === 'vscode'), []);
  });

  it('the API knows nothing of the models or the views', () => {
    assert.deepEqual(offending(sourcesIn('api'), (module) => /^\.\.\/(state|views|webview|report)\//.test(module)), []);
  });
});
