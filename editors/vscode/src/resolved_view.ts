// The spec as a target sees it (dalec-lsp's dalec/resolvedSpec), as a read-only document beside
// the spec. Its URI carries the spec and the target; it is asked again whenever the spec changes.
import * as vscode from 'vscode';

export const RESOLVED_SCHEME = 'dalec-resolved';

export interface ResolvedSpec {
  target: string;
  text: string;
  sourceLines: number[];
}

type Ask = (spec: string, target: string) => Promise<ResolvedSpec>;

export function resolvedUri(spec: vscode.Uri, target: string): vscode.Uri {
  const name = spec.path.split('/').pop() ?? 'spec.yml';
  return vscode.Uri.from({ scheme: RESOLVED_SCHEME, path: `/${target || 'default'}/${name}`, query: JSON.stringify({ spec: spec.toString(), target }) });
}

export class ResolvedSpecProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();

  constructor(private readonly ask: Ask) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { spec, target } = JSON.parse(uri.query) as { spec: string; target: string };
    this.open.add(uri.toString());
    try {
      return (await this.ask(spec, target)).text;
    } catch (error) {
      return `# the spec could not be resolved: ${(error as Error).message}\n`;
    }
  }

  // The spec changed: every open view of it is asked again.
  specChanged(spec: vscode.Uri): void {
    for (const shown of this.open) {
      const uri = vscode.Uri.parse(shown);
      if ((JSON.parse(uri.query) as { spec: string }).spec === spec.toString()) this.changed.fire(uri);
    }
  }
}
