"""Dalec as the oracle for dalec-lsp's diagnostics.

run_oracle.py DALEC_LSP CORPUS_DIR REAL_SPEC_DIR...
  1. makes the corpus (mutate_specs.py) from the real specs;
  2. asks the real Dalec frontend, on the daemon at $BUILDKIT_HOST, whether it accepts each spec
     (`dalec-lsp verify`: Dalec's resolve subrequest, which loads and validates a spec as a build
     does);
  3. runs `dalec-lsp check` on each;
  4. prints the confusion matrix (Dalec rejects <=> we report an error) and, where Dalec's error
     says where, whether one of our errors is on the same line;
  5. fails on any disagreement not written down in deliberate_differences.json, on a deliberate
     difference that no longer occurs, and on any spec Dalec gave no verdict for.
"""
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(args):
    return subprocess.run(args, capture_output=True, text=True, check=False)


def main(argv):
    lsp, corpus = argv[1], Path(argv[2])
    real_specs = argv[3:]
    made = run([sys.executable, str(HERE / "mutate_specs.py"), str(corpus), *real_specs])
    if made.returncode != 0:
        sys.exit("oracle: could not make the corpus:\n" + made.stderr)
    print("oracle: " + made.stdout.strip())
    manifest = json.loads((corpus / "manifest.json").read_text())
    files = [str(corpus / m["file"]) for m in manifest]

    verdicts = run([lsp, "verify", "--format", "json", *files])
    if not verdicts.stdout.strip():
        sys.exit(f"oracle: dalec-lsp verify gave no report (exit {verdicts.returncode}):\n{verdicts.stderr}")
    judged = {Path(v["file"]).name: v for v in json.loads(verdicts.stdout)}
    checked = run([lsp, "check", "--hints", "--format", "json", *files])
    ours = {Path(r["file"]).name: r["diagnostics"] for r in json.loads(checked.stdout)}
    # What the real specs themselves get (hints, warnings): a code counts for a mutation only when
    # the mutation brought it.
    bases = sorted({m["base"] for m in manifest})
    base_files = [str(f) for given in map(Path, real_specs) for f in (sorted(given.iterdir()) if given.is_dir() else [given])
                  if f.name in bases]
    base_check = run([lsp, "check", "--hints", "--format", "json", *base_files])
    base_codes = {Path(r["file"]).name: collections.Counter(d["code"] for d in r["diagnostics"])
                  for r in json.loads(base_check.stdout)}

    deliberate = json.loads((HERE / "deliberate_differences.json").read_text())
    explained = {(d["kind"], d["disagreement"]): d for d in deliberate}

    def explains(kind, disagreement, errors):
        """The deliberate difference that covers this case, if any: same mutation and disagreement,
        and, where it names one, one of our errors saying what it says."""
        entry = explained.get((kind, disagreement))
        if not entry:
            return None
        words = entry.get("oursSays")
        if words and not any(words in d["message"] for d in errors):
            return None
        return entry
    matrix = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    # Per code, over the specs where it is the only code the mutation brought (hints aside):
    # how often Dalec rejected and accepted the spec. This is what each code's severity rests on.
    by_code = collections.defaultdict(collections.Counter)
    unexplained, unavailable, used = [], [], set()
    located = same_line = 0
    for entry in manifest:
        name = entry["file"]
        verdict = judged.get(name, {"verdict": "unavailable", "message": "not in the report"})
        if verdict["verdict"] == "unavailable":
            unavailable.append((name, verdict["message"]))
            continue
        errors = [d for d in ours.get(name, []) if d["severity"] == "error"]
        dalec_rejects = verdict["verdict"] == "rejected"
        if dalec_rejects and errors:
            cell = "agree/reject"
        elif not dalec_rejects and not errors:
            cell = "agree/accept"
        elif errors:
            cell = "false error"
        else:
            cell = "missed error"
        matrix[cell] += 1
        by_kind[entry["kind"]][cell] += 1
        brought = collections.Counter(d["code"] for d in ours.get(name, [])) - base_codes.get(entry["base"], collections.Counter())
        # A hint beside the code the mutation is about (an arg used only where Dalec does not
        # expand it is also unused) does not take the spec away from that code.
        hints = {d["code"] for d in ours.get(name, []) if d["severity"] == "hint"}
        deciding = set(brought) - hints or set(brought)
        if len(deciding) == 1:
            by_code[deciding.pop()]["rejects" if dalec_rejects else "accepts"] += 1
        if cell == "agree/reject" and "line" in verdict:
            located += 1
            if any(d["line"] == verdict["line"] for d in errors):
                same_line += 1
            elif explains(entry["kind"], "other line", errors):
                used.add((entry["kind"], "other line"))
            else:
                unexplained.append((name, entry, "other line", verdict, errors))
        if cell in ("false error", "missed error"):
            if explains(entry["kind"], cell, errors):
                used.add((entry["kind"], cell))
            else:
                unexplained.append((name, entry, cell, verdict, errors))

    total = sum(matrix.values())
    print(f"oracle: {total} specs judged by Dalec's frontend and by dalec-lsp check")
    print("                     we report an error   we report none")
    print(f"  Dalec rejects      {matrix['agree/reject']:>19}   {matrix['missed error']:>14}")
    print(f"  Dalec accepts      {matrix['false error']:>19}   {matrix['agree/accept']:>14}")
    print(f"oracle: agreement {matrix['agree/reject'] + matrix['agree/accept']}/{total}; "
          f"line agreement {same_line}/{located} (rejections where Dalec names a line)")
    print("oracle: by mutation (agree/reject, agree/accept, false error, missed error):")
    for kind in sorted(by_kind):
        c = by_kind[kind]
        print(f"  {kind:<28} {c['agree/reject']:>4} {c['agree/accept']:>4} {c['false error']:>4} {c['missed error']:>4}")
    print("oracle: by code, specs where the mutation brought only that code, hints aside (Dalec rejects, Dalec accepts):")
    for code in sorted(by_code):
        c = by_code[code]
        print(f"  {code:<28} {c['rejects']:>4} {c['accepts']:>4}")
    for kind, disagreement in sorted(used):
        print(f"oracle: deliberate: {kind} / {disagreement}: {explained[(kind, disagreement)]['why']}")

    failed = False
    for name, message in unavailable[:5]:
        print(f"oracle: NO VERDICT for {name}: {message}")
    if unavailable:
        failed = True
        print(f"oracle: {len(unavailable)} specs got no verdict from the frontend")
    for name, entry, cell, verdict, errors in unexplained:
        failed = True
        ours_text = "; ".join(f"{d['line']}:{d['column']} {d['code']}: {d['message']}" for d in errors) or "no error"
        where = f"{verdict.get('line', '?')}:{verdict.get('column', '?')}"
        print(f"oracle: UNEXPLAINED {cell}: {name} ({entry['description']}, line {entry['line']})\n"
              f"    Dalec {verdict['verdict']} at {where}: {verdict['message'].splitlines()[0] if verdict['message'] else ''}\n"
              f"    dalec-lsp: {ours_text}")
    stale = set(explained) - used
    for kind, disagreement in sorted(stale):
        failed = True
        print(f"oracle: deliberate difference no longer seen (remove it): {kind} / {disagreement}")
    if total < 300:
        failed = True
        print(f"oracle: only {total} specs judged; the corpus must hold at least 300")
    summary = {"matrix": dict(matrix), "lineAgreement": [same_line, located], "unexplained": len(unexplained),
               "byCode": {code: dict(c) for code, c in by_code.items()}}
    if os.environ.get("DALEC_ORACLE_SUMMARY"):
        Path(os.environ["DALEC_ORACLE_SUMMARY"]).write_text(json.dumps(summary, indent=1))
    print("oracle: " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
