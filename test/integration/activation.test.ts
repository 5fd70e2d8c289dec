import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 's-connector.s-connector-vscode';

describe('Extension in a real VS Code extension host', () => {
  it('runs inside the extension host of a real VS Code', () => {
    // Only a real extension host has these: a version string and a live extensions registry.
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(vscode.extensions.all.length > 10, 'a real host lists its built-in extensions');
    console.log(`      (VS Code ${vscode.version}, app host "${vscode.env.appHost}", Node ${process.version})`);
  });

  it('is not active before one of its contributions is used', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const events = (extension.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'), 'never activates on *');
  });

  it('activates on its command and registers it', async () => {
    await vscode.commands.executeCommand('sconnector.showLog');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('sconnector.showLog'));
  });
});
