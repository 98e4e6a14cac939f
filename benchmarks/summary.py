"""The summary table that ends ``make bench``: every line a benchmark printed with a verdict
(PASS, MISS or FAIL), per benchmark, from the logs ``make bench`` keeps in var/bench/.

Usage: python benchmarks/summary.py var/bench/bench_*.log
"""

import re
import sys
from pathlib import Path

VERDICT = re.compile(r"\b(PASS|MISS|FAIL)\b")


def verdict_lines(log: Path) -> list[tuple[str, str]]:
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = VERDICT.search(line)
        if match:
            found.append((match.group(1), " ".join(line.split())))
    return found


def main(paths: list[str]) -> int:
    rows = []
    for path in map(Path, paths):
        lines = verdict_lines(path)
        exit_code = path.with_suffix(".rc")
        failed = exit_code.exists() and exit_code.read_text().strip() not in ("", "0")
        if failed:
            lines.append(("FAIL", f"exited with {exit_code.read_text().strip()}"))
        if not lines:
            lines = [("-", "no target checked (skipped, or figures only)")]
        rows += [(path.stem, verdict, text) for verdict, text in lines]
    width = max([len("benchmark"), *(len(name) for name, _v, _t in rows)])
    print()
    print("== Summary")
    print(f"{'benchmark':{width}}  verdict  line")
    for name, verdict, text in rows:
        print(f"{name:{width}}  {verdict:7}  {text[:140]}")
    totals = {
        v: sum(1 for _n, verdict, _t in rows if verdict == v) for v in ("PASS", "MISS", "FAIL")
    }
    print(f"{totals['PASS']} PASS, {totals['MISS']} MISS, {totals['FAIL']} FAIL")
    return 1 if totals["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
