// Debug configurations: what F5 on an open spec launches, and what each code lens of dalec-lsp
// ("Debug test", "Run test", "Build target", "Debug target") turns into. Pure functions.
import { DaemonSettings } from './server_options';

export interface LaunchConfiguration {
  type: string;
  request: string;
  name: string;
  spec?: string;
  target?: string;
  test?: string;
  noDebug?: boolean;
  [key: string]: unknown;
}

export interface ActiveFile {
  path: string;
  languageId: string;
}

// F5 with no launch.json: debug the open spec. Returns undefined when there is nothing to debug.
// `daemon` (the dalec.buildkit settings: address, builder, tls) is where the buildkit engine finds
// BuildKit, as test runs do, unless the configuration names its own address or builder.
export function resolveLaunchConfiguration(config: Partial<LaunchConfiguration>, active: ActiveFile | undefined,
                                           defaultTarget: string, daemon: DaemonSettings = {}): LaunchConfiguration | undefined {
  const withDaemon = (resolved: LaunchConfiguration) => {
    if (resolved.address || resolved.builder) return resolved;
    return { ...resolved, ...daemon, ...(resolved.tls ? { tls: resolved.tls } : {}) } as LaunchConfiguration;
  };
  if (!config.type && !config.request && !config.name) {
    if (!active || active.languageId !== 'dalec') return undefined;
    const resolved: LaunchConfiguration = { type: 'dalec', request: 'launch', name: 'Dalec: Debug spec', spec: active.path };
    if (defaultTarget) resolved.target = defaultTarget;
    return withDaemon(resolved);
  }
  const resolved = { type: 'dalec', request: 'launch', name: 'Dalec', ...config } as LaunchConfiguration;
  if (!resolved.spec && active && active.languageId === 'dalec') resolved.spec = active.path;
  if (!resolved.target && defaultTarget) resolved.target = defaultTarget;
  return resolved.spec ? withDaemon(resolved) : undefined;
}

// The arguments dalec-lsp puts on its lenses: {uri, test?, target?}.
export interface LensArguments {
  uri: string;
  test?: string;
  target?: string;
}

export function uriToPath(uri: string): string {
  return uri.startsWith('file://') ? decodeURIComponent(uri.slice('file://'.length)) : uri;
}

// A target key from the spec (`jammy`) becomes Dalec's default route for its packaging.
export function routeForTarget(target: string): string {
  if (target.includes('/')) return target;
  const deb = ['bullseye', 'bookworm', 'trixie', 'bionic', 'focal', 'jammy', 'noble', 'resolute'];
  if (deb.includes(target)) return target + '/deb';
  if (target === 'flatcar') return 'flatcar/testing/sysext';
  return target + '/container';
}

// The lens commands that start a debug session through dalec-dap. (dalec.runTests is the
// language server's: it runs the tests over BuildKit's API and reports failures as diagnostics.)
export const launchCommands = ['dalec.debugTest', 'dalec.buildTarget', 'dalec.debugTarget'];

export function lensToLaunch(command: string, args: LensArguments, defaultTarget: string): LaunchConfiguration {
  const target = args.target ? routeForTarget(args.target) : defaultTarget || undefined;
  const config: LaunchConfiguration = { type: 'dalec', request: 'launch', name: 'Dalec', spec: uriToPath(args.uri) };
  if (target) config.target = target;
  switch (command) {
    case 'dalec.debugTest':
      config.name = `Dalec: Debug test ${args.test}`;
      config.test = args.test;
      break;
    case 'dalec.buildTarget':
      config.name = `Dalec: Build ${target ?? 'default target'}`;
      config.noDebug = true;
      break;
    case 'dalec.debugTarget':
      config.name = `Dalec: Debug ${target ?? 'default target'}`;
      break;
    default:
      throw new Error('unknown Dalec command: ' + command);
  }
  return config;
}
