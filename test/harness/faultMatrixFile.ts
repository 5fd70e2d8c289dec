/**
 * docs/fault-matrix.md is written by the tests that observe each row: the extension-host suite and
 * the real-workbench suite each own one section, between markers, and rewrite only their own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface MatrixRow {
  readonly area: string;
  readonly situation: string;
  /** What the test read off the extension (tree, status bar, message, page), as the user sees it. */
  readonly seen: string;
  readonly dataKept: string;
}

const HEADER = `# Faults and abuse: what the user sees

Every row below is written by the test that observed it, against the emulator: the first table by
\`test/integration/faultMatrix.test.ts\` inside the real VS Code extension host, the second by
\`test/browser/trust.test.ts\` in the real workbench (\`npm test\` runs both). Ports and clock times
are replaced by placeholders. A row is written only after its assertions passed.
`;

const SECTIONS: Readonly<Record<string, string>> = {
  host: '## Observed in the extension host',
  workbench: '## Observed in the real workbench',
};

export function writeMatrixSection(repoRoot: string, section: 'host' | 'workbench', rows: readonly MatrixRow[]): void {
  const file = path.join(repoRoot, 'docs', 'fault-matrix.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const blocks: Record<string, string> = {};
  for (const [name, heading] of Object.entries(SECTIONS)) {
    const start = existing.indexOf(`<!-- ${name}:start -->`);
    const end = existing.indexOf(`<!-- ${name}:end -->`);
    blocks[name] = start >= 0 && end > start ? existing.slice(start, end + `<!-- ${name}:end -->`.length) : `<!-- ${name}:start -->\n${heading}\n\n(not run yet)\n<!-- ${name}:end -->`;
  }
  blocks[section] = [
    `<!-- ${section}:start -->`,
    SECTIONS[section],
    '',
    '| area | situation | what the user sees | last good data |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.area} | ${row.situation} | ${row.seen} | ${row.dataKept} |`),
    `<!-- ${section}:end -->`,
  ].join('\n');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${HEADER}\n${blocks.host}\n\n${blocks.workbench}\n`);
}

/** What the user read, with this run's port and clock taken out so the table is the same every run. */
export function stable(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\d{1,2}:\d\d:\d\d( [AP]M)?/g, 'HH:MM:SS')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
}
