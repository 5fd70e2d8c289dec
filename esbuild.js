// Builds everything the project runs, in one pass:
//  - dist/extension.js: the extension, a minified-for-release CommonJS bundle (vscode stays external),
//    and dist/report.js (the usage report) and dist/commands.js (the license and account
//    commands' prompts), which it loads on first use;
//  - out/: every TypeScript file of src/ and test/ transpiled one-to-one, for mocha, the emulator
//    and the test harness (they are never shipped, so they are not bundled).
// Type-checking is tsc's job (`npm run typecheck`); esbuild only strips types, which keeps builds instant.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * node-fetch@2 falls back to the `whatwg-url` package only where Node has no global URL class;
 * every Node that VS Code ships has one. Resolving `whatwg-url` to Node's own `url` module keeps
 * the exact same URL implementation and takes ~290 KB of Unicode tables out of the bundle.
 */
const whatwgUrlIsNodeUrl = {
  name: 'whatwg-url-is-node-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: 'module.exports = require("url");', loader: 'js' }));
  },
};

/**
 * A module that is a bundle of its own, loaded on first use: the bundle that imports it leaves
 * `import('./<module>')` as a require of `./<bundle>` beside it, so none of that code is loaded (or
 * parsed) before it is needed. Only dynamic imports are redirected; a type import is erased anyway.
 */
const loadedLater = (module, bundle) => ({
  name: `${module}-is-loaded-later`,
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./${module}(\\.js)?$`) }, (args) => (args.kind === 'dynamic-import' ? { path: `./${bundle}`, external: true } : undefined));
  },
});
/** The usage report, loaded the first time a report command runs (src/views/reportLauncher.ts). */
const reportIsLoadedLater = loadedLater('reportFeature', 'report.js');
/** The license and account commands' prompts (src/views/commandLauncher.ts). */
const commandsAreLoadedLater = loadedLater('commandsFeature', 'commands.js');
/** The month figures and usage alerts (src/views/monthLauncher.ts). */
const monthIsLoadedLater = loadedLater('monthFeature', 'month.js');
/** node-fetch, on the first request (src/api/http.ts). */
const fetchIsLoadedLater = loadedLater('nodeFetch', 'fetch.js');

/** In watch mode, tells VS Code's background task (.vscode/tasks.json) when a build starts and ends. */
const watchMarkers = {
  name: 'watch-markers',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column + 1})` : ''}`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The extension host's bundles: the extension, and the usage report it loads on first use. */
const hostBundle = (entry, outfile, plugins) => ({
  entryPoints: [entry],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile,
  // import() becomes require(): VS Code provides `vscode` to modules loaded by require.
  supported: { 'dynamic-import': false },
  external: ['vscode', 'encoding'], // `encoding` is an optional peer of node-fetch that we never use
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: watch ? 'info' : 'warning',
  plugins: watch ? [...plugins, watchMarkers] : plugins,
});

const builds = [
  hostBundle('src/extension.ts', 'dist/extension.js', [whatwgUrlIsNodeUrl, reportIsLoadedLater, commandsAreLoadedLater, monthIsLoadedLater, fetchIsLoadedLater]),
  hostBundle('src/views/reportFeature.ts', 'dist/report.js', [whatwgUrlIsNodeUrl, fetchIsLoadedLater]),
  hostBundle('src/views/commandsFeature.ts', 'dist/commands.js', [whatwgUrlIsNodeUrl, fetchIsLoadedLater]),
  hostBundle('src/views/monthFeature.ts', 'dist/month.js', [whatwgUrlIsNodeUrl, fetchIsLoadedLater]),
  hostBundle('src/api/nodeFetch.ts', 'dist/fetch.js', [whatwgUrlIsNodeUrl]),
  // The usage report's worker thread (src/state/reportCompute.ts starts it): reads answers, counts totals.
  hostBundle('src/state/reportWorker.ts', 'dist/reportWorker.js', []),
  {
    // The usage report page: its own bundle for the browser, with its stylesheet (uPlot's included).
    entryPoints: ['src/webview/report.ts', 'src/webview/report.css'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: 'dist/webview',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: watch ? 'info' : 'warning',
  },
  {
    entryPoints: ['src/**/*.ts', 'test/**/*.ts'],
    outbase: '.',
    outdir: 'out',
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: watch ? 'info' : 'warning',
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
