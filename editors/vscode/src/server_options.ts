// What the extension tells dalec-lsp at start (its initialization options), from the `dalec`
// settings. In a workspace VS Code does not trust, the frontend's verdict is off whatever the
// settings say: asking it runs the container image a spec names, and an untrusted folder's own
// settings could name one.
export type SettingReader = <T>(key: string, fallback: T) => T;

export function serverInitializationOptions(setting: SettingReader, workspaceTrusted: boolean): Record<string, unknown> {
  return {
    diagnosticsDelayMs: setting('diagnosticsDelayMs', 50),
    severity: setting('severity', {}),
    extraBuiltinArgs: setting('extraBuiltinArgs', []),
    defaultTarget: setting('defaultTarget', ''),
    buildkit: { address: setting('buildkit.address', '') },
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
