/** `npm run docs:screenshots`: the README's pictures, from the screenshots the browser tests took last. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './workspace';

const PICTURES = ['live-rooms.png', 'licenses.png', 'status-bar-warning.png', 'report-sample.png', 'report-capacity-burst.png', 'report-capacity-burst-ko.png'];
const from = path.join(repoRoot, '.vscode-test', 'screenshots');
const to = path.join(repoRoot, 'docs', 'images');

fs.mkdirSync(to, { recursive: true });
for (const picture of PICTURES) {
  const source = path.join(from, picture);
  if (!fs.existsSync(source)) {
    console.error(`${source} is missing: run npm run test:browser first`);
    process.exit(1);
  }
  fs.copyFileSync(source, path.join(to, picture));
  console.log(`docs/images/${picture}`);
}
