#!/usr/bin/env python3
"""summary.tsv of the batch workflow: one row per protein and method.

    summarize.py --out summary.tsv ID:METHOD:DIR ...

Columns: id, method, L (query positions), then P@L, P@L/2, P@L/5 for short (6-11),
medium (12-23) and long (>= 24) separations, named like long_P@L. The precisions are copied
from each run's evaluation.json (axialscope-cli's numbers, unchanged); NA where the protein
has no structure. Written atomically (a temporary file renamed into place).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runs import SUMMARY_COLUMNS, format_value, parse_runs, summary_row  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("runs", nargs="+", metavar="ID:METHOD:DIR")
    args = parser.parse_args(argv)
    lines = ["\t".join(SUMMARY_COLUMNS)]
    for run in parse_runs(args.runs):
        row = summary_row(run)
        lines.append("\t".join(format_value(row[c]) for c in SUMMARY_COLUMNS))
    temporary = args.out + ".tmp"
    with open(temporary, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(temporary, args.out)


if __name__ == "__main__":
    main()
