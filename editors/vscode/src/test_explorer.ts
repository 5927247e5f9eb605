// The spec's tests in VS Code's Testing view: a TestController whose items are the tests the
// server's "Run test" lenses name (spec → tests, with their ranges), found again as the document
// changes. Running goes through dalec.runTests (BuildKit, the same route as the lens); debugging
// starts the dalec debugger on the test.
import * as vscode from 'vscode';

import { LensArguments } from './launch';
import { failuresByTest, planRuns, ReportedFailure, SpecTest, testId } from './test_results';

export interface RunReport {
  outcome: string;
  target: string;
  failures: ReportedFailure[];
}

export interface TestExplorerBackend {
  // dalec.runTests; rejects with the server's error (cancelled: a LSP RequestCancelled).
  runTests(args: LensArguments, token: vscode.CancellationToken): Promise<RunReport>;
  // Starts the debugger on one test; resolves when the session has ended.
  debugTest(args: LensArguments & { test: string }): Promise<void>;
  isCancellation(error: unknown): boolean;
}

export class SpecTestExplorer implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('dalec', 'Dalec spec tests');
  private readonly tests = new Map<string, SpecTest>();  // by test item id
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor(private readonly backend: TestExplorerBackend) {
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, (request, token) => this.debug(request, token), true);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.later(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    for (const document of vscode.workspace.textDocuments) this.later(document);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  // A spec's tests, read again shortly after it changes (the server analyses it first).
  later(document: vscode.TextDocument): void {
    if (document.languageId !== 'dalec' || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.discover(document.uri);
    }, 500));
  }

  private forget(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
    for (const [id, t] of this.tests) if (t.args.uri === uri.toString()) this.tests.delete(id);
  }

  private async discover(uri: vscode.Uri): Promise<void> {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const found: SpecTest[] = [];
    for (const lens of lenses) {
      const args = lens.command?.arguments?.[0] as LensArguments | undefined;
      if (lens.command?.command !== 'dalec.runTests' || !args?.test) continue;
      const named = { ...args, uri: uri.toString(), test: args.test };
      found.push({ id: testId(named), args: named, line: lens.range.start.line });
    }
    this.forget(uri);
    if (!found.length) return;
    const spec = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    for (const t of found) {
      const label = t.args.target ? `${t.args.test} (${t.args.target})` : t.args.test;
      const item = this.controller.createTestItem(t.id, label, uri);
      item.range = new vscode.Range(t.line, 0, t.line, 0);
      spec.children.add(item);
      this.tests.set(t.id, t);
    }
    this.controller.items.add(spec);
  }

  // The test items a request names (a spec stands for its tests), minus those it excludes.
  private requested(request: vscode.TestRunRequest): vscode.TestItem[] {
    const out: vscode.TestItem[] = [];
    const add = (item: vscode.TestItem) => {
      if (request.exclude?.some((x) => x.id === item.id)) return;
      if (this.tests.has(item.id)) out.push(item);
      else item.children.forEach(add);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    return out;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const items = this.requested(request);
    const byId = new Map(items.map((i) => [i.id, i]));
    const run = this.controller.createTestRun(request);
    const all = (uri: string) => [...this.tests.values()].filter((t) => t.args.uri === uri);
    for (const planned of planRuns(items.map((i) => this.tests.get(i.id)!), all)) {
      const mine = planned.tests.map((t) => byId.get(t.id)!);
      if (token.isCancellationRequested) {
        mine.forEach((i) => run.skipped(i));
        continue;
      }
      mine.forEach((i) => run.started(i));
      const began = Date.now();
      try {
        const report = await this.backend.runTests(planned.args, token);
        const failures = failuresByTest(planned.tests, report.failures);
        for (const t of planned.tests) {
          const item = byId.get(t.id)!;
          const failed = failures.get(t.id);
          if (!failed) run.passed(item, Date.now() - began);
          else run.failed(item, failed.map((f) => message(f, item.uri!)), Date.now() - began);
        }
      } catch (error) {
        if (this.backend.isCancellation(error)) mine.forEach((i) => run.skipped(i));
        else mine.forEach((i) => run.errored(i, new vscode.TestMessage(error instanceof Error ? error.message : String(error))));
      }
    }
    run.end();
  }

  private async debug(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const [item] = this.requested(request);
    if (!item || token.isCancellationRequested) return;
    const run = this.controller.createTestRun(request);
    run.started(item);
    await this.backend.debugTest(this.tests.get(item.id)!.args);
    run.skipped(item);  // a debug session says nothing of pass or fail: the stops are the result
    run.end();
  }
}

function message(failure: ReportedFailure, uri: vscode.Uri): vscode.TestMessage {
  const m = new vscode.TestMessage(failure.message);
  const { start, end } = failure.range;
  m.location = new vscode.Location(uri, new vscode.Range(start.line, start.character, end.line, end.character));
  return m;
}
