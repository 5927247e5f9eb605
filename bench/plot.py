#!/usr/bin/env python3
"""Draws results/latency.png from results/latest.json: for each figure that grows with the
document (open, edit, completion p99, hover p99), both servers' latency against the document's
line count, on log scales."""
import json
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

here = pathlib.Path(__file__).parent
results = json.loads((here / "results" / "latest.json").read_text())
figures = [("open", "median", "didOpen → diagnostics (median)"), ("edit", "median", "edit → diagnostics (median, debounce excluded)"),
           ("completion", "p99", "completion (p99)"), ("hover", "p99", "hover (p99)")]
fig, axes = plt.subplots(2, 2, figsize=(11, 8))
for ax, (key, stat, title) in zip(axes.flat, figures):
    for server, style in zip(results["lsp"], ["o-", "s--"]):
        points = sorted((doc["lines"], max(doc[key][stat], 0.01)) for doc in server["documents"].values())
        ax.plot([p[0] for p in points], [p[1] for p in points], style, label=server["server"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("lines in the spec")
    ax.set_ylabel("ms")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
fig.suptitle(f"dalec-lsp and yaml-language-server, {results['date'][:10]}, {results['machine']}", fontsize=10)
fig.tight_layout()
out = here / "results" / "latency.png"
fig.savefig(out, dpi=100)
print(out, file=sys.stderr)
