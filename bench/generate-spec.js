// Generates a valid Dalec spec of about `lines` lines: many args, sources of every common kind,
// patches, build steps, tests with steps and file checks, and targets with their own tests. The
// shape follows the real specs in ../../shared/reference/specs, scaled up.
'use strict';

function generateSpec(lines) {
  const units = Math.max(1, Math.round((lines - 16) / 32.5));  // one unit of each section is ~32.5 lines
  const out = ['# syntax=ghcr.io/project-dalec/dalec/frontend:latest', 'name: generated', 'version: ${VERSION}',
               'revision: "1"', 'description: A generated spec for benchmarks', 'license: MIT', 'packager: bench',
               'website: https://example.com/generated', 'args:', '  VERSION: 1.0.0'];
  for (let i = 0; i < units; i++) out.push(`  ARG_${i}: value-${i}`);
  out.push('sources:');
  for (let i = 0; i < units; i++) {
    out.push(`  http-${i}:`, '    http:', `      url: https://example.com/releases/\${ARG_${i}}/src-${i}.tar.gz`,
             `  ctx-${i}:`, '    context:', `      name: context-${i}`, `  inline-${i}:`, '    inline:', '      file:',
             `        contents: "patch ${i}"`, '        permissions: 0o644');
  }
  out.push('patches:');
  for (let i = 0; i < units; i++) out.push(`  ctx-${i}:`, `    - source: inline-${i}`);
  out.push('build:', '  env:', '    VERSION: ${VERSION}', '  steps:');
  for (let i = 0; i < units; i++) out.push(`    - command: make -C ctx-${i} VERSION=\${VERSION}`, `    - command: install -m 755 ctx-${i}/out /out/bin-${i}`);
  out.push('artifacts:', '  binaries:');
  for (let i = 0; i < units; i++) out.push(`    out/bin-${i}: {}`);
  out.push('targets:', '  azlinux3:', '    tests:');
  for (let i = 0; i < units; i++) {
    out.push(`      - name: azlinux3 test ${i}`, '        files:', `          /usr/bin/bin-${i}:`, '            permissions: 0o755');
  }
  out.push('  jammy:', '    dependencies:', '      runtime:', '        libc6: {}', 'tests:');
  for (let i = 0; i < units; i++) {
    out.push(`  - name: binary ${i} works`, '    steps:', `      - command: /usr/bin/bin-${i} --version`, '        stdout:',
             `          contains: ["bin-${i}"]`, '    files:', `      /usr/bin/bin-${i}:`, '        permissions: 0o755',
             `      /etc/bin-${i}.conf:`, '        contains: ["enabled=true"]');
  }
  return out.join('\n') + '\n';
}

module.exports = { generateSpec };
if (require.main === module) process.stdout.write(generateSpec(Number(process.argv[2] || 1000)));
