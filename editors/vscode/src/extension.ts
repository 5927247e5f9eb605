// The VS Code side: starts dalec-lsp for Dalec specs, contributes the `dalec` debugger backed by
// dalec-dap, and turns the server's code lenses into debug sessions.
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, LSPErrorCodes, ResponseError, ServerOptions,
} from 'vscode-languageclient/node';

import { isDalecSpec } from './detection';
import { daemonSettings, serverInitializationOptions } from './server_options';
import { launchCommands, LensArguments, lensToLaunch, resolveLaunchConfiguration } from './launch';
import { crashVerdict, FailureCause, failureNotice, missingBinaryNotice, Notice } from './failure_notices';
import { SpecTestExplorer, RunReport } from './test_explorer';
import { RESOLVED_SCHEME, ResolvedSpec, ResolvedSpecProvider, resolvedUri } from './resolved_view';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionUri: vscode.Uri;
const serverEnds: number[] = [];  // when the language server ended unasked, for the restart limit

// One notification; its buttons do what they say.
async function showNotice(notice: Notice): Promise<void> {
  const choice = await vscode.window.showErrorMessage(notice.message, ...notice.actions.map((a) => a.title));
  const action = notice.actions.find((a) => a.title === choice);
  if (!action) return;
  switch (action.kind) {
    case 'openSettings': await vscode.commands.executeCommand('workbench.action.openSettings', action.query); break;
    case 'openReadme': {
      // vsce ships README.md as readme.md.
      const readme = ['readme.md', 'README.md'].map((name) => vscode.Uri.joinPath(extensionUri, name)).find((u) => fs.existsSync(u.fsPath));
      if (readme) await vscode.commands.executeCommand('markdown.showPreview', readme);
      break;
    }
    case 'showOutput': output.show(); break;
    case 'restartServer': await vscode.commands.executeCommand('dalec.restartServer'); break;
  }
}

// One of the server's commands (dalec.runTests, dalec.verifySpec) over workspace/executeCommand;
// rejects with the server's error (a cancelled run: LSP's RequestCancelled).
async function sendServerCommand<T>(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<T> {
  if (!client) throw new Error('the language server is not running');
  // The typed form: with a method name, an undefined token would be sent as a second parameter.
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token)) as T;
}

// The lenses' and the palette's way in: a failure is said once, by us, with what fixes it, rather
// than as the server's message and a bare "Request workspace/executeCommand failed." beside it. A
// run the user cancelled says nothing.
async function executeServerCommand(command: string, args: unknown[]): Promise<unknown> {
  if (!client) return undefined;
  try {
    return await sendServerCommand<unknown>(command, args);
  } catch (error) {
    if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    void showNotice(failureNotice(message, error instanceof ResponseError ? (error.data as FailureCause) : undefined));
    return undefined;
  }
}

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('dalec').get<T>(key, fallback);
}

// YAML files that are specs become language `dalec` (the first-line rule covers most of them).
async function classify(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'yaml' || document.uri.scheme !== 'file') return;
  const firstLine = document.lineCount > 0 ? document.lineAt(0).text : '';
  if (isDalecSpec(document.uri.fsPath, firstLine, setting<string[]>('files', [])))
    await vscode.languages.setTextDocumentLanguage(document, 'dalec');
}

function serverMissing(path: string): boolean {
  if (path.includes('/')) return !fs.existsSync(path);
  return !(process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(dir + '/' + path));
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
  const command = setting('server.path', 'dalec-lsp');
  if (serverMissing(command)) {
    void showNotice(missingBinaryNotice('language server', command, 'dalec.server.path'));
    return;
  }
  const serverOptions: ServerOptions = { command, args: ['serve'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dalec' }],
    outputChannel: output,
    initializationOptions: serverInitializationOptions(setting, vscode.workspace.isTrusted),
    // Settings changes reach the server only in a trusted workspace (they could turn the
    // frontend's verdict back on); trusting the folder restarts the server with them.
    synchronize: vscode.workspace.isTrusted ? { configurationSection: 'dalec' } : undefined,
    middleware: { executeCommand: (command, args) => executeServerCommand(command, args) },
    // A server that ends unasked is started again, and the user is told once; one that keeps
    // ending is left stopped (it would only end again), with a button to try anyway.
    errorHandler: {
      // A write to a server that has just died (EPIPE) says nothing the crash notice does not.
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        serverEnds.push(Date.now());
        const verdict = crashVerdict(serverEnds, Date.now());
        void showNotice(verdict.notice);
        return { action: verdict.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  client = new DalecLanguageClient('dalec', 'Dalec', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

// A request the server answered with an error is shown as the client always does. One that failed
// because the connection did (the server was killed while the editor asked for code lenses, say)
// is not news: the crash notice says it once (seen in CI: three notifications for one crash).
class DalecLanguageClient extends LanguageClient {
  override handleFailedRequest<T>(type: { method: string }, token: vscode.CancellationToken | undefined, error: unknown,
                                  defaultValue: T, showNotification = true): T {
    return super.handleFailedRequest(type as never, token, error, defaultValue, showNotification && error instanceof ResponseError);
  }
}

class DalecDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const command = setting('debugAdapter.path', 'dalec-dap');
    if (serverMissing(command)) throw new Error(`cannot find the debug adapter "${command}"; set "dalec.debugAdapter.path"`);
    return new vscode.DebugAdapterExecutable(command, ['--stdio']);
  }
}

class DalecConfigurationProvider implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration) {
    const editor = vscode.window.activeTextEditor;
    const active = editor ? { path: editor.document.uri.fsPath, languageId: editor.document.languageId } : undefined;
    const resolved = resolveLaunchConfiguration(config, active, setting('defaultTarget', ''), daemonSettings(setting));
    if (!resolved) {
      void vscode.window.showErrorMessage('Dalec: open a Dalec spec, or set "spec" in the launch configuration.');
      return undefined;
    }
    return resolved as vscode.DebugConfiguration;
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Dalec');
  extensionUri = context.extensionUri;
  context.subscriptions.push(
    output,
    // dalec-dap's own event: the session could not start for a reason fixed in the settings.
    vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.session.type !== 'dalec' || event.event !== 'dalec.sessionFailed') return;
      const body = (event.body ?? {}) as FailureCause & { message?: string };
      void showNotice(failureNotice(body.message ?? 'the debug session could not start', body));
    }),
    vscode.workspace.onDidOpenTextDocument((d) => void classify(d)),
    vscode.debug.registerDebugAdapterDescriptorFactory('dalec', new DalecDebugAdapterFactory()),
    vscode.debug.registerDebugConfigurationProvider('dalec', new DalecConfigurationProvider()),
    vscode.commands.registerCommand('dalec.restartServer', async () => {
      if (client) await client.stop().catch(() => undefined);
      client = undefined;
      serverEnds.length = 0;
      await startServer(context);
    }),
    // Restricted Mode kept the frontend's verdict off; once trusted, start again with the settings.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand('dalec.restartServer')),
  );
  // The spec as a target sees it, beside the spec (editor title button and command palette). The
  // server's own dalec.showResolvedSpec is registered by the language client; this one shows it.
  const resolved = new ResolvedSpecProvider(async (spec, target) => {
    if (!client) throw new Error('the language server is not running');
    return client.sendRequest<ResolvedSpec>('dalec/resolvedSpec', { uri: spec, target });
  });
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RESOLVED_SCHEME, resolved),
    vscode.workspace.onDidChangeTextDocument((change) => {
      if (change.document.languageId === 'dalec') resolved.specChanged(change.document.uri);
    }),
    vscode.commands.registerCommand('dalec.openResolvedSpec', async (target?: string) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'dalec') {
        void vscode.window.showErrorMessage('Dalec: open a Dalec spec to see it as a target sees it.');
        return;
      }
      const uri = resolvedUri(editor.document.uri, typeof target === 'string' ? target : '');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
  );
  // dalec.runTests and dalec.verifySpec are the server's (workspace/executeCommand): the language
  // client registers them from the server's executeCommandProvider.
  for (const command of launchCommands) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (args: LensArguments) => {
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.uri));
        return vscode.debug.startDebugging(folder, lensToLaunch(command, args, setting('defaultTarget', '')));
      }),
    );
  }
  vscode.workspace.textDocuments.forEach((d) => void classify(d));
  await startServer(context);
  // The spec's tests in the Testing view, run through the server as the lens runs them.
  context.subscriptions.push(new SpecTestExplorer({
    runTests: (args, token) => sendServerCommand<RunReport>('dalec.runTests', [args], token),
    debugTest: (args) => debugAndWait(lensToLaunch('dalec.debugTest', args, setting('defaultTarget', '')), args.uri),
    isCancellation: (error) => error instanceof vscode.CancellationError ||
      (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled),
  }));
}

// Starts a debug session and resolves when it has ended (or could not start). The session is
// told apart from others (of the same name, too) by an id of ours in its configuration, which
// dalec-dap ignores.
let debugRuns = 0;
async function debugAndWait(launch: vscode.DebugConfiguration, uri: string): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri));
  const runId = `${process.pid}-${++debugRuns}`;
  launch = { ...launch, dalecTestRunId: runId };
  let started: vscode.DebugSession | undefined;
  const ended = new Promise<void>((resolve) => {
    const starting = vscode.debug.onDidStartDebugSession((session) => {
      if (session.configuration.dalecTestRunId === runId) {
        started = session;
        starting.dispose();
      }
    });
    const ending = vscode.debug.onDidTerminateDebugSession((session) => {
      if (session === started) {
        ending.dispose();
        resolve();
      }
    });
  });
  if (!(await vscode.debug.startDebugging(folder, launch))) return;
  await ended;
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
