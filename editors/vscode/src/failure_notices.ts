// What a failed run, debug session or server start tells the user: one notification, in Dalec's
// words, with the buttons that fix what is missing. Kept free of the vscode module (the caller
// shows it) so that its choices are tested without an editor.

// A failure's cause as the servers send it: dalec-lsp as an error response's `data`, dalec-dap in
// its dalec.sessionFailed event ({message, cause, setting}).
export interface FailureCause {
  cause?: string;
  setting?: string;
}

export type NoticeAction =
  | { title: string; kind: 'openSettings'; query: string }
  | { title: string; kind: 'openReadme'; section: string }
  | { title: string; kind: 'showOutput' }
  | { title: string; kind: 'restartServer' };

export interface Notice {
  message: string;
  actions: NoticeAction[];
}

export const UNREACHABLE = 'buildkit-unreachable';
// The extension's README (shipped in the .vsix) has a section per thing a user may have to set up.
export const README_BUILDKIT = 'Reaching BuildKit';
// dalec-dap's relay, when the docker CLI has no buildx plugin (files that are not Dalec specs).
export const BUILDX_MISSING = 'buildx-missing';
export const README_BUILDX = 'Debugging other files with buildx';

function withPrefix(message: string): string {
  return message.startsWith('Dalec: ') ? message : `Dalec: ${message}`;
}

export function failureNotice(message: string, data?: FailureCause): Notice {
  if (data?.cause === UNREACHABLE)
    return {
      message: withPrefix(message),
      actions: [
        { title: 'Open Settings', kind: 'openSettings', query: data.setting || 'dalec.buildkit' },
        { title: 'How to Reach BuildKit', kind: 'openReadme', section: README_BUILDKIT },
      ],
    };
  if (data?.cause === BUILDX_MISSING)
    return { message: withPrefix(message), actions: [{ title: 'How to Install buildx', kind: 'openReadme', section: README_BUILDX }] };
  return { message: withPrefix(message), actions: [] };
}

export function missingBinaryNotice(role: 'language server' | 'debug adapter', command: string, setting: string): Notice {
  return {
    message: `Dalec: cannot find the ${role} "${command}". Build it (scripts/quickstart.sh) or set "${setting}" to its path.`,
    actions: [{ title: 'Open Settings', kind: 'openSettings', query: setting }],
  };
}

// The language server ended without being asked to. It is started again unless it has ended
// `limit` times within `windowMs` (then it would only end again): the timestamps are of the ends.
export interface CrashVerdict {
  restart: boolean;
  notice: Notice;
}

export function crashVerdict(ends: number[], now: number, limit = 5, windowMs = 3 * 60 * 1000): CrashVerdict {
  const recent = ends.filter((t) => now - t < windowMs).length;
  if (recent < limit)
    return {
      restart: true,
      notice: { message: 'Dalec: the language server stopped unexpectedly and has been started again.', actions: [{ title: 'Show Output', kind: 'showOutput' }] },
    };
  return {
    restart: false,
    notice: {
      message: `Dalec: the language server stopped ${recent} times in ${Math.round(windowMs / 60000)} minutes, so it is not started again. The Dalec output shows why.`,
      actions: [{ title: 'Show Output', kind: 'showOutput' }, { title: 'Restart', kind: 'restartServer' }],
    },
  };
}
