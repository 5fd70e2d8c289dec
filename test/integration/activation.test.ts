import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('Extension in a real VS Code extension host', () => {
  it('runs inside the extension host of a real VS Code', () => {
    // Only a real extension host has these: a version string and a live extensions registry.
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(vscode.extensions.all.length > 10, 'a real host lists its built-in extensions');
    console.log(`      (VS Code ${vscode.version}, app host "${vscode.env.appHost}", Node ${process.version})`);
  });

  // This file runs first (files run in name order), before any test has used a contribution.
  it('is not active before one of its contributions is used, and never activates on *', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.isActive, false, 'nothing has activated it yet');
    const events = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), 'no eager activation');
  });

  it('activates on its command and registers every command it contributes', async () => {
    await vscode.commands.executeCommand('sconnector.showLog');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
    const contributed = ((extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands).map((c) => c.command);
    assert.ok(contributed.length >= 7, `${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'every contributed command is registered');
  });
});
