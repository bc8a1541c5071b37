"""Extraction quality on the shared corpus of real minutes, scored by the corpus's own score.py.

    python bench/quality.py [--corpus ../shared/corpus] [--work build/quality]

Runs `score.py` against the `minutes` of this checkout (so its figures are score.py's figures), then prints,
per document and overall: items precision, recall and F1 with the exact titles, `items_must_not` hits,
decision recall and precision, person recall (and, overall, the share of found persons with a gold role whose
role is right), meeting date, body, kind and the gold queries' top-5 hits in the archive of all documents. score.py's own report (every miss, per document) is in WORK/report.txt.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def roles_right(report: str) -> tuple[int, int]:
    """(found persons whose gold role is among theirs, found persons with a gold role), from score.py's report:
    its figures.json does not carry roles."""
    found = [line for line in report.splitlines() if re.match(r"\s+= \S.*\broles gold=", line)]
    with_role = [line for line in found if "roles gold=[]" not in line]
    return sum("role wrong/missing" not in line for line in with_role), len(with_role)


def table(figures: dict, roles: tuple[int, int] = (0, 0)) -> str:
    head = (f"{'document':<34}{'items P':>8}{'R':>6}{'F1':>6}{'titles=':>9}{'must_not':>9}{'dec R':>7}{'dec P':>7}"
            f"{'pers R':>7}{'date':>6}{'body':>6}{'kind':>6}{'top-5':>7}")
    lines = [head, "-" * len(head)]
    for d in figures["documents"]:
        hits, _, total = d["queries_combined"]
        dec_p = "-" if d.get("dec_p") is None else f"{d['dec_p']:.2f}"
        lines.append(
            f"{d['doc'][:33]:<34}{d['item_p']:>8.2f}{d['item_r']:>6.2f}{f1(d['item_p'], d['item_r']):>6.2f}"
            f"{str(d['titles_exact']) + '/' + str(d['items_tp']):>9}{str(d['must_not']) + '/' + str(d['must_not_total']):>9}"
            f"{d['dec_r']:>7.2f}{dec_p:>7}{d['per_r']:>7.2f}{'Y' if d['meeting_date'] else 'N':>6}"
            f"{'Y' if d['body'] else 'N':>6}{'Y' if d['kind'] else 'N':>6}{f'{hits}/{total}':>7}")
    docs = figures["documents"]
    tp, got, gold = (sum(d[k] for d in docs) for k in ("items_tp", "items_got", "items_gold"))
    p, r = tp / max(got, 1), tp / max(gold, 1)
    queries = [d["queries_combined"] for d in docs]
    lines += ["-" * len(head),
              f"overall: items P {p:.2f} R {r:.2f} F1 {f1(p, r):.2f}; exact titles {sum(d['titles_exact'] for d in docs)}"
              f"/{tp}; must_not hits {sum(d['must_not'] for d in docs)}; decisions R {figures['decision_recall']:.2f} "
              f"P {figures['decision_precision']:.2f}; persons R {figures['person_recall']:.2f} (roles right "
              f"{roles[0]}/{roles[1]}); meeting date "
              f"{sum(bool(d['meeting_date']) for d in docs)}/{len(docs)}; body {figures['body']:.2f}; kind "
              f"{figures['kind']:.2f}; query top-5 {sum(q[0] for q in queries)}/{sum(q[2] for q in queries)}"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "quality")
    args = parser.parse_args()
    score = args.corpus / "score.py"
    if not score.is_file():
        print(f"No corpus at {args.corpus} (score.py missing): nothing to measure.", file=sys.stderr)
        return 1
    exe = Path(sys.executable).with_name("minutes")
    env = dict(os.environ, MINUTES_EXE=str(exe), SCORE_WORK=str(args.work), SCORE_DIR=str(args.corpus))
    run = subprocess.run([sys.executable, str(score)], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return run.returncode
    figures = json.loads((args.work / "figures.json").read_text(encoding="utf-8"))
    print(table(figures, roles_right((args.work / "report.txt").read_text(encoding="utf-8"))))
    print(f"\nscore.py's report with every miss: {args.work / 'report.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
