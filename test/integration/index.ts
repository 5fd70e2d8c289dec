/**
 * Entry point of the integration suite inside the VS Code extension host (code-server offline, or
 * desktop VS Code through @vscode/test-electron). It exports `run()` as both launchers expect.
 * Reporter output is also tagged onto the console, from where the offline launcher relays it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { TEST_OUTPUT_MARKER } from './marker';


export function run(): Promise<void> {
  const print = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    const text = format(...args);
    for (const line of text.split('\n')) console.log(TEST_OUTPUT_MARKER + line);
    print(...args);
  };
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    forbidOnly: true,
    forbidPending: true,
    reporter: path.join(__dirname, '..', 'harness', 'countingReporter.js'),
    reporterOptions: { suite: 'integration' },
  });
  const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
