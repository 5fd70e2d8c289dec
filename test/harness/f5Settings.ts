/**
 * F5 ("Run Extension (emulator)") opens the Extension Development Host with its own user data in
 * .vscode-test/f5-user-data, whose user settings point `sconnector.apiUrl` (application scope: a
 * folder's settings cannot set it) at the emulator that the launch task starts.
 */
import * as path from 'node:path';
import { prepareUserSettings, repoRoot } from './workspace';

prepareUserSettings(path.join(repoRoot, '.vscode-test', 'f5-user-data'), { 'sconnector.apiUrl': 'http://127.0.0.1:5000' });
