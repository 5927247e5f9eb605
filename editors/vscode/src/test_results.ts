// The Testing view's side of a run, as pure functions: which dalec.runTests calls a request
// makes, and which test each failure the server reports belongs to.
import { LensArguments } from './launch';

// A spec's test as the server's "Run test" lens names it: its arguments and its name's line.
export interface SpecTest {
  id: string;
  args: LensArguments & { test: string };
  line: number;  // 0-based line of `- name:`
}

export function testId(args: LensArguments & { test: string }): string {
  return `${args.uri}#${args.target ?? ''}#${args.test}`;
}

// One dalec.runTests call: every test of one spec and target (no `test`: one run, every failing
// check reported), or a single test.
export interface PlannedRun {
  args: LensArguments;
  tests: SpecTest[];
}

// Runs of the spec's tests: asked for all the tests of a spec and target, one run of them; asked
// for some, one run each (the server runs one spec at a time, so they go one after another).
export function planRuns(requested: SpecTest[], allOfSpec: (uri: string) => SpecTest[]): PlannedRun[] {
  const groups = new Map<string, SpecTest[]>();
  for (const t of requested) {
    const key = `${t.args.uri}#${t.args.target ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const runs: PlannedRun[] = [];
  for (const tests of groups.values()) {
    const { uri, target } = tests[0].args;
    const everyOne = allOfSpec(uri).filter((t) => (t.args.target ?? '') === (target ?? ''));
    if (tests.length > 1 && everyOne.length === tests.length) {
      runs.push({ args: target ? { uri, target } : { uri }, tests });
    } else {
      for (const t of tests) runs.push({ args: t.args, tests: [t] });
    }
  }
  return runs;
}

export interface ReportedFailure {
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

// Each failure goes to the test whose name is the last one at or above its line; a failure above
// every test (not in one) goes to every test of the run.
export function failuresByTest(tests: SpecTest[], failures: ReportedFailure[]): Map<string, ReportedFailure[]> {
  const byLine = [...tests].sort((a, b) => a.line - b.line);
  const out = new Map<string, ReportedFailure[]>();
  for (const failure of failures) {
    const owner = byLine.filter((t) => t.line <= failure.range.start.line).pop();
    for (const t of owner ? [owner] : byLine) out.set(t.id, [...(out.get(t.id) ?? []), failure]);
  }
  return out;
}
