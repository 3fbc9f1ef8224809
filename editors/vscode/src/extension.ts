// Starts `matrixlint server` for the YAML files under each corpus root (a folder holding
// matrixlint.yaml) in the workspace. One server serves every root: each root keeps its own
// configuration, and files outside every root are left alone by the server.

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The corpus roots in the workspace: folders holding matrixlint.yaml. */
async function corpusRoots(): Promise<vscode.Uri[]> {
  const configs = await vscode.workspace.findFiles('**/matrixlint.yaml', '**/node_modules/**');
  return configs.map((config) => vscode.Uri.joinPath(config, '..'));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const roots = await corpusRoots();
  if (roots.length === 0) {
    return;
  }
  const command = vscode.workspace.getConfiguration('matrixlint').get<string>('path', 'matrixlint');
  const serverOptions: ServerOptions = { command, args: ['server'] };
  const clientOptions: LanguageClientOptions = {
    // YAML files under a corpus root; the server decides which are cell sources.
    documentSelector: roots.map((root) => ({
      scheme: 'file',
      language: 'yaml',
      pattern: `${root.fsPath.replace(/\\/g, '/')}/**/*.{yaml,yml}`,
    })),
    outputChannelName: 'matrixlint',
  };
  client = new LanguageClient('matrixlint', 'matrixlint', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(vscode.commands.registerCommand('matrixlint.restart', () => restart(context)));
  // A corpus started (or removed) while VS Code runs changes which files are served.
  const watcher = vscode.workspace.createFileSystemWatcher('**/matrixlint.yaml', false, true, false);
  watcher.onDidCreate(() => restart(context));
  watcher.onDidDelete(() => restart(context));
  context.subscriptions.push(watcher);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('matrixlint.path')) {
        void restart(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
