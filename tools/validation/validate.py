#!/usr/bin/python3
"""Runs knightsim against the public benchmark data and prints the tables of docs/validation.md.

    /usr/bin/python3 tools/validation/validate.py --data ../shared/data \
        --knightsim build/release/tools/knightsim > /tmp/validation-tables.md

MDRP: every instance directory under DATA/mdrp is simulated with each MDRP policy
(`knightsim mdrp`), and the solution is checked again with `knightsim mdrp-check`.
Colombia: every day directory under DATA/colombia is replayed through the city engine
(docs/examples/colombia-trace.yaml with the day's two CSV files) with each dispatch strategy.
Scale: day SCALE_DAY is stacked SCALE_COPIES times (orders and couriers renamed) into a
temporary trace, the size of a large city's day.

The data is read where it lies and never copied into the project; temporary files go to a
temporary directory that is removed at the end. Only the standard library is used.
"""
import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

MDRP_POLICIES = ["nearest_idle", "insertion", "batch"]
CITY_STRATEGIES = ["nearest_idle", "earliest_pickup", "insertion", "batch"]
HERE = os.path.dirname(os.path.abspath(__file__))
TRACE_SCENARIO = os.path.join(HERE, "..", "..", "docs", "examples", "colombia-trace.yaml")


def run(cmd):
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return done, wall


def seconds_of(hms):
    h, m, s = (int(x) for x in hms.split(":"))
    return 3600 * h + 60 * m + s


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def mdrp_bound(instance_dir):
    """Click-to-door if a courier stood at every restaurant the moment it was needed: pickup
    at max(placement + half the pickup service, ready), then straight to the customer. No
    dispatch can beat it; it shows how much room an instance leaves."""
    params = read_tsv(os.path.join(instance_dir, "instance_parameters.txt"))[0]
    speed = float(params["meters_per_minute"])
    pickup, dropoff = float(params["pickup service minutes"]), float(params["dropoff service minutes"])
    target = float(params["target click-to-door"])
    restaurants = {r["restaurant"]: (float(r["x"]), float(r["y"]))
                   for r in read_tsv(os.path.join(instance_dir, "restaurants.txt"))}
    c2d = []
    for o in read_tsv(os.path.join(instance_dir, "orders.txt")):
        rx, ry = restaurants[o["restaurant"]]
        travel = math.ceil(math.hypot(float(o["x"]) - rx, float(o["y"]) - ry) / speed)
        placed = float(o["placement_time"])
        picked = max(placed + pickup / 2, float(o["ready_time"]))
        c2d.append(picked + pickup / 2 + travel + dropoff / 2 - placed)
    return statistics.fmean(c2d), sum(1 for c in c2d if c <= target) / len(c2d)


def mdrp_tables(knightsim, root, tmp):
    rows = []
    instances = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    for name in instances:
        for policy in MDRP_POLICIES:
            out = os.path.join(tmp, f"mdrp-{name}-{policy}")
            _, wall = run([knightsim, "mdrp", os.path.join(root, name), "--dispatch", policy,
                           "--out", out])
            check, _ = run([knightsim, "mdrp-check", os.path.join(root, name), out])
            with open(os.path.join(out, "measures.json")) as f:
                m = json.load(f)
            rows.append((name, policy, m, wall, check.returncode == 0))
    print("| instance | policy | delivered | click-to-door mean / p50 / p90 (min) | within 40 min | "
          "ready-to-pickup mean (min) | orders per courier-hour | bundle size | utilisation | "
          "pay per order | feasible | wall (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, policy, m, wall, ok in rows:
        c2d = m["click_to_door_min"]
        print(f"| {name} | {policy} | {m['orders']['delivered']}/{m['orders']['total']} | "
              f"{c2d['mean']:.1f} / {c2d['p50']:.1f} / {c2d['p90']:.1f} | "
              f"{100 * m['within_target_share']:.1f}% | {m['ready_to_pickup_min']['mean']:.1f} | "
              f"{m['couriers']['orders_per_hour']:.2f} | {m['bundles']['size_mean']:.2f} | "
              f"{100 * m['couriers']['utilization']:.1f}% | {m['pay']['per_order_delivered']:.2f} | "
              f"{'yes' if ok else 'NO'} | {wall:.3f} |")
    print()
    print("| instance | lower bound: click-to-door mean (min) | within 40 min |")
    print("|---|---|---|")
    for name in instances:
        mean, share = mdrp_bound(os.path.join(root, name))
        print(f"| {name} | {mean:.1f} | {100 * share:.1f}% |")
    print()
    # The target: batch beats nearest idle on both measures on every instance.
    by = {(n, p): m for n, p, m, _, _ in rows}
    wins = 0
    for name in instances:
        b, n = by[(name, "batch")], by[(name, "nearest_idle")]
        if (b["click_to_door_min"]["mean"] < n["click_to_door_min"]["mean"]
                and b["within_target_share"] > n["within_target_share"]):
            wins += 1
    print(f"batch beats nearest_idle on mean click-to-door and on the share within the target "
          f"on {wins} of {len(instances)} instances.")
    print()


def log_promise_minutes(orders_csv):
    promised = []
    with open(orders_csv, newline="") as f:
        for row in csv.DictReader(f):
            placed = seconds_of(row["placement_time"])
            expected = seconds_of(row["expected_drop_off_time"])
            if expected < placed:
                expected += 86400
            promised.append((expected - placed) / 60)
    return promised


def city_run(knightsim, scenario, orders, couriers, strategy, out):
    _, wall = run([knightsim, "run", scenario, "--set", f"trace.orders={orders}",
                   "--set", f"trace.couriers={couriers}",
                   "--set", f"dispatch.strategy={strategy}", "--out", out])
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f), wall


def colombia_tables(knightsim, root, tmp):
    days = sorted((d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))), key=int)
    print("| day | orders | couriers | log promise mean (min) | strategy | delivered | "
          "click-to-door mean / p50 / p90 (min) | on time (by the log's promise) | "
          "utilisation | orders per rider-hour | engine (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for day in days:
        orders = os.path.join(root, day, "orders.csv")
        couriers = os.path.join(root, day, "couriers.csv")
        promise = statistics.fmean(log_promise_minutes(orders))
        with open(couriers) as f:
            courier_count = sum(1 for _ in f) - 1
        for strategy in CITY_STRATEGIES:
            s, _ = city_run(knightsim, TRACE_SCENARIO, orders, couriers, strategy,
                            os.path.join(tmp, f"co-{day}-{strategy}"))
            c2d = s["click_to_door_min"]
            print(f"| {day} | {s['orders']['created']} | {courier_count} | {promise:.1f} | "
                  f"{strategy} | {s['orders']['delivered']} | "
                  f"{c2d['mean']:.1f} / {c2d['p50']:.1f} / {c2d['p90']:.1f} | "
                  f"{100 * s['on_time_rate']:.1f}% | {100 * s['riders']['utilization']:.1f}% | "
                  f"{s['riders']['orders_per_hour']:.2f} | {s['engine']['wall_s']:.3f} |")
    print()


def stacked_trace(root, day, copies, tmp):
    """Day `day` stacked `copies` times: the same city with `copies` times the orders and
    couriers, ids made unique."""
    paths = []
    for name, id_column in (("orders.csv", "order_id"), ("couriers.csv", "courier_id")):
        with open(os.path.join(root, day, name), newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            fields = reader.fieldnames
        out = os.path.join(tmp, f"stacked-{name}")
        with open(out, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            for copy in range(copies):
                for row in rows:
                    row = dict(row)
                    row[id_column] = f"{copy}-{row[id_column]}"
                    writer.writerow(row)
        paths.append(out)
    return paths


def scale_table(knightsim, root, day, copies, tmp):
    orders, couriers = stacked_trace(root, day, copies, tmp)
    print("| trace | orders | strategy | delivered | click-to-door mean (min) | engine (s) | "
          "process (s) |")
    print("|---|---|---|---|---|---|---|")
    for strategy in CITY_STRATEGIES:
        s, wall = city_run(knightsim, TRACE_SCENARIO, orders, couriers, strategy,
                           os.path.join(tmp, f"scale-{strategy}"))
        print(f"| day {day} × {copies} | {s['orders']['created']} | {strategy} | "
              f"{s['orders']['delivered']} | {s['click_to_door_min']['mean']:.1f} | "
              f"{s['engine']['wall_s']:.3f} | {wall:.2f} |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="directory holding mdrp/ and colombia/")
    parser.add_argument("--knightsim", required=True, help="the knightsim binary (Release)")
    parser.add_argument("--scale-day", default="1")
    parser.add_argument("--scale-copies", type=int, default=4)
    parser.add_argument("--only", choices=["mdrp", "colombia", "scale"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="knightsim-validation-") as tmp:
        if args.only in (None, "mdrp"):
            mdrp_tables(args.knightsim, os.path.join(args.data, "mdrp"), tmp)
        if args.only in (None, "colombia"):
            colombia_tables(args.knightsim, os.path.join(args.data, "colombia"), tmp)
        if args.only in (None, "scale"):
            scale_table(args.knightsim, os.path.join(args.data, "colombia"), args.scale_day,
                        args.scale_copies, tmp)


if __name__ == "__main__":
    main()
