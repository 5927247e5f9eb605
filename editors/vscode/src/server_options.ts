// What the extension tells dalec-lsp at start (its initialization options), from the `dalec`
// settings. In a workspace VS Code does not trust, the frontend's verdict is off whatever the
// settings say: asking it runs the container image a spec names, and an untrusted folder's own
// settings could name one.
export type SettingReader = <T>(key: string, fallback: T) => T;

// Which BuildKit: the same three settings for dalec-lsp and for the debugger's launch configuration.
export interface DaemonSettings {
  address?: string;
  builder?: string;
  tls?: { ca?: string; cert?: string; key?: string; serverName?: string };
}

export function daemonSettings(setting: SettingReader): DaemonSettings {
  const out: DaemonSettings = {};
  const address = setting('buildkit.address', '');
  const builder = setting('buildkit.builder', '');
  const tls = setting<DaemonSettings['tls']>('buildkit.tls', {});
  if (address) out.address = address;
  if (builder) out.builder = builder;
  if (tls && Object.keys(tls).length) out.tls = tls;
  return out;
}

export function serverInitializationOptions(setting: SettingReader, workspaceTrusted: boolean): Record<string, unknown> {
  return {
    diagnosticsDelayMs: setting('diagnosticsDelayMs', 50),
    severity: setting('severity', {}),
    extraBuiltinArgs: setting('extraBuiltinArgs', []),
    defaultTarget: setting('defaultTarget', ''),
    platform: setting('platform', ''),
    buildkit: daemonSettings(setting),
    test: {
      frontendImage: setting('test.frontendImage', ''),
      target: setting('test.target', ''),
      buildArgs: setting('test.buildArgs', {}),
      buildContexts: setting('test.buildContexts', {}),
      contextDir: setting('test.contextDir', ''),
    },
    frontend: {
      verdict: workspaceTrusted ? setting('frontend.verdict', 'onSave') : 'off',
      trustedImages: workspaceTrusted ? setting<string[]>('frontend.trustedImages', []) : [],
    },
  };
}
