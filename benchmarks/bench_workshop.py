"""How long a workshop round takes at workshop size (prints figures; not a test).

    .venv/bin/python benchmarks/bench_workshop.py [--residents 3000] [--participants 30]

Times what the facilitator waits for after pressing 'Close round': every participant's decision
applied (``change_policy``), 52 weeks stepped, the record and the round's snapshot written and
the frame every page reads drawn in both languages. Reported as the median over rounds, with
the time of each round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from wijksim.workshop.session import WorkshopConfig, WorkshopSession

ROLES = ["gemeente"] + ["aanbieder"] * 2 + ["opbouwwerker"] * 4 + ["bewoner"] * 23
MOVES = {"gemeente": [("budget", 200), ("regime", "subsidy")],
         "aanbieder": [("opbouw_share", 0.4), ("case_hours", 3.0)],
         "opbouwwerker": [("orientation", 0.9), ("found_support", 2.0), ("focus_place", 0)],
         # each bewoner acts for their own household (one resident of the wijk)
         "bewoner": [("ask_neighbour", True), ("offer_help", True), ("start_initiative", True),
                     ("join_initiative", True), ("buurthuis", True)]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=3000)
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ws = WorkshopSession.start(WorkshopConfig("tender_3y", 1, args.residents),
                                   Path(tmp) / "s")
        print(f"== {args.residents} residents, {args.participants} participants, "
              f"{os.cpu_count()} cpus; session built in {time.perf_counter() - t0:.1f} s ==")
        fac = ws.facilitator(ws.secret)
        people = []
        for k, role in enumerate(ROLES[: args.participants]):
            p = ws.join(ws.join_code, f"P{k}")
            ws.choose_role(p.pid, role)
            people.append(p)
        times = []
        for r in range(args.rounds):
            for k, p in enumerate(people):
                lever, value = MOVES[p.role][(k + r) % len(MOVES[p.role])]
                ws.decide(p.pid, lever, value)
            t0 = time.perf_counter()
            fac.close_round()
            times.append(time.perf_counter() - t0)
            print(f"round {r + 1}: {times[-1]:.2f} s to week {ws.model.week}")
        print(f"close round -> every page's frame ready: median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
