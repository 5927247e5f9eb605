// Which YAML files are Dalec specs: *.dalec.yml / *.dalec.yaml, a first line `# syntax=` naming
// Dalec's frontend (ghcr.io/project-dalec/dalec/frontend, or the older ghcr.io/azure/dalec/frontend),
// or a user glob from `dalec.files`. Pure functions, so they are tested without VS Code.

const SYNTAX_LINE = /^#\s*syntax\s*=\s*\S*dalec\/frontend/;

export function hasDalecSyntaxLine(firstLine: string): boolean {
  return SYNTAX_LINE.test(firstLine.trim());
}

// A glob as VS Code writes them: `**` any path, `*` within a segment, `?` one character.
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + out + '$');
}

export function matchesGlob(path: string, glob: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  // A glob without a directory part matches the file name anywhere, as in VS Code settings.
  if (!glob.includes('/')) return globToRegExp(glob).test(normalized.split('/').pop() ?? '');
  return globToRegExp(glob).test(normalized) || globToRegExp('**/' + glob).test(normalized);
}

export function isDalecSpec(path: string, firstLine: string, globs: readonly string[]): boolean {
  if (/\.dalec\.ya?ml$/.test(path)) return true;
  if (!/\.ya?ml$/.test(path) && !globs.length) return false;
  return hasDalecSyntaxLine(firstLine) || globs.some((glob) => matchesGlob(path, glob));
}
