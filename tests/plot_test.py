#!/usr/bin/python3
"""Tests of tools/plot.py, on fixtures built here in a temporary directory: a tiny run directory
(the columns and keys of docs/outputs.md) and a tiny results database (the schema of
docs/plots.md). No knightsim binary and no data outside the repository are needed.

    /usr/bin/python3 tests/plot_test.py    (CTest runs it as plot_test)
"""
import contextlib
import importlib.util
import io
import json
import math
import os
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "tools", "plot.py")

spec = importlib.util.spec_from_file_location("plot", SCRIPT)
plot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plot)

import matplotlib.image  # noqa: E402  (after plot.py has chosen the Agg backend)
import numpy  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ORDERS_HEADER = ("order_id,category,merchant_id,placed_s,ready_s,assigned_s,picked_up_s,"
                 "delivered_s,cancelled_s,rider_id,promised_s,distance_m,weight_kg,status,"
                 "customer_x_m,customer_y_m,click_to_door_s,on_time")
RIDERS_HEADER = ("rider_id,fleet,shift_start_s,shift_end_s,orders_delivered,busy_s,idle_s,"
                 "on_shift_s,distance_m,earnings,order_earnings,earnings_per_hour,utilization,"
                 "speed_kmh,capacity,home_station")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_run(directory):
    """Three hours: the last has no deliveries (its on-time rate is written 0, undefined)."""
    os.makedirs(directory)
    hourly = [
        {"starts_at": "2026-06-17 23:30", "weather": "clear", "placed": 4, "delivered": 2,
         "cancelled": 0, "on_time_rate": 1.0, "click_to_door_mean_min": 20.0,
         "riders_on_shift": 2.0, "riders_busy": 1.5},
        {"starts_at": "2026-06-18 00:30", "weather": "rain", "placed": 2, "delivered": 3,
         "cancelled": 1, "on_time_rate": 0.6667, "click_to_door_mean_min": 31.0,
         "riders_on_shift": 2.0, "riders_busy": 2.0},
        {"starts_at": "2026-06-18 01:30", "weather": "heavy_rain", "placed": 0, "delivered": 0,
         "cancelled": 0, "on_time_rate": 0.0, "click_to_door_mean_min": 0.0,
         "riders_on_shift": 1.0, "riders_busy": 0.0},
    ]
    summary = {"scenario": {"name": "fixture", "start": "2026-06-17 23:30", "duration_h": 2.5},
               "seed": 3, "orders": {"created": 6, "delivered": 5}, "on_time_rate": 0.8,
               "hourly": hourly}
    write(os.path.join(directory, "summary.json"), json.dumps(summary, indent=2))
    rows = [
        "0,restaurant,4,10,400,10,500,1210,,0,1810,900.5,1.20,delivered,10.0,20.0,1200,1",
        "1,grocery,7,60,700,60,800,1560,,1,2160,1200.0,3.10,delivered,30.0,40.0,1500,1",
        "2,restaurant,4,3000,3400,3000,3500,4800,,0,4500,800.0,0.90,delivered,50.0,60.0,1800,0",
        "3,pharmacy,9,3100,3300,3100,3600,4900,,1,5000,700.0,0.40,delivered,70.0,80.0,1800,1",
        "4,restaurant,4,3200,3500,3200,3700,5100,,0,5000,900.0,1.00,delivered,90.0,10.0,1900,0",
        "5,grocery,7,3300,3900,,,,6000,,6300,1000.0,2.50,cancelled,15.0,25.0,,",
    ]
    write(os.path.join(directory, "orders.csv"), "\n".join([ORDERS_HEADER] + rows) + "\n")
    write(os.path.join(directory, "riders.csv"), RIDERS_HEADER + "\n"
          "0,day,0,9000,3,5000,4000,9000,20000.0,60.00,40.00,24.00,0.5556,18.0,3,central\n"
          "1,day,0,9000,2,4000,5000,9000,15000.0,55.00,30.00,22.00,0.4444,18.0,3,central\n")


RESULTS_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sweeps (sweep_id TEXT PRIMARY KEY, file TEXT NOT NULL, base_path TEXT NOT NULL,
                     definition TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE runs (sweep_id TEXT NOT NULL, point INTEGER NOT NULL, rep INTEGER NOT NULL,
                   seed INTEGER NOT NULL, scenario_hash TEXT NOT NULL,
                   status TEXT NOT NULL CHECK (status IN ('ok','failed')), error TEXT,
                   wall_s REAL, finished_at TEXT NOT NULL, params TEXT NOT NULL,
                   "orders.created" REAL, "orders.delivered" REAL, "on_time_rate" REAL,
                   "click_to_door_min.mean" REAL,
                   PRIMARY KEY (sweep_id, point, rep, seed, scenario_hash));
CREATE TABLE run_params (sweep_id TEXT NOT NULL, point INTEGER NOT NULL, rep INTEGER NOT NULL,
                         seed INTEGER NOT NULL, scenario_hash TEXT NOT NULL, path TEXT NOT NULL,
                         value TEXT NOT NULL);
"""

FLEET = "riders.fleets[0].count"
STRATEGY = "dispatch.strategy"
PROMISE = "demand.categories.restaurant.promise"


def on_time(count, strategy, rep):
    """A made-up metric with a known shape: rises with riders, batch a little better."""
    return min(1.0, 0.5 + count / 400 + (0.05 if strategy == "batch" else 0) + 0.01 * rep)


def make_results(path, fmt="knightsim-results", wal=False):
    """Sweep `riders`: 3 fleet sizes x 2 strategies x 3 replications, plus one failed run;
    sweep `promise`: durations x 2 replications."""
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
    db.executescript(RESULTS_SCHEMA)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", fmt), ("version", "1")])
    db.execute("INSERT INTO sweeps VALUES ('riders', 'riders.yaml', '', 'text', "
               "'2026-11-29T10:00:00Z')")
    db.execute("INSERT INTO sweeps VALUES ('promise', 'promise.yaml', '', 'text', "
               "'2026-11-29T11:00:00Z')")
    rows, point = [], 0
    for count in (120, 160, 200):
        for strategy in ("earliest_pickup", "batch"):
            params = json.dumps({FLEET: str(count), STRATEGY: strategy})
            for rep in range(3):
                rows.append(("riders", point, rep, 100 + rep, f"h{point}", "ok", None, 0.1,
                             f"2026-11-29T10:{point:02}:{rep:02}Z", params, 600.0, 550.0,
                             on_time(count, strategy, rep), 20.0 + 1000 / count))
            point += 1
    rows.append(("riders", 0, 3, 103, "h0", "failed", "boom", 0.1, "2026-11-29T10:59:00Z",
                 json.dumps({FLEET: "120", STRATEGY: "earliest_pickup"}), None, None, None,
                 None))
    for point, promise in enumerate(("30min", "45min", "1h")):
        for rep in range(2):
            rows.append(("promise", point, rep, 100 + rep, f"p{point}", "ok", None, 0.1,
                         f"2026-11-29T11:{point:02}:{rep:02}Z",
                         json.dumps({PROMISE: promise}), 600.0, 550.0, 0.7 + 0.1 * point,
                         25.0))
    db.executemany(f"INSERT INTO runs VALUES ({', '.join('?' * 14)})", rows)
    db.commit()
    return db


def png_facts(test, path):
    """Checks that path is a complete PNG of a real picture; returns (width, height, pixels)."""
    with open(path, "rb") as f:
        head = f.read(33)
    test.assertEqual(head[:8], PNG_SIGNATURE, path)
    test.assertEqual(head[12:16], b"IHDR", path)
    width, height = struct.unpack(">II", head[16:24])
    test.assertGreater(width, 0)
    test.assertGreater(height, 0)
    pixels = matplotlib.image.imread(path)
    test.assertEqual(pixels.shape[:2], (height, width))
    colours = numpy.unique(pixels.reshape(-1, pixels.shape[2]), axis=0)
    test.assertGreater(len(colours), 1, f"{path} is a single colour")
    return width, height, pixels


def has_colour(pixels, hex_colour, at_least=50):
    """Whether at least `at_least` pixels have this exact colour (what a bar or line draws)."""
    rgb = numpy.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    close = numpy.all(numpy.abs(pixels[:, :, :3] - rgb) < 1.5 / 255, axis=2)
    return int(close.sum()) >= at_least


class PlotCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="plot_test_")
        self.dir = self.tmp.name
        self.png_dir = os.path.join(self.dir, "png")

    def tearDown(self):
        self.tmp.cleanup()

    def call(self, *argv):
        """Runs plot.py's main in this process: (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = plot.main(list(argv))
            except SystemExit as e:  # argparse
                code = e.code
        return code, out.getvalue(), err.getvalue()

    def assert_refused(self, argv, *fragments):
        code, out, err = self.call(*argv)
        self.assertEqual(code, 2, err)
        self.assertEqual(out, "")
        for fragment in fragments:
            self.assertIn(fragment, err)
        self.assertFalse(os.path.exists(self.png_dir), "nothing may be written on bad input")
        return err

    def assert_no_temporaries(self):
        leftovers = [n for n in os.listdir(self.png_dir) if ".tmp-" in n]
        self.assertEqual(leftovers, [])


class RunCharts(PlotCase):
    def setUp(self):
        super().setUp()
        self.run_dir = os.path.join(self.dir, "run")
        make_run(self.run_dir)

    def test_writes_three_charts_and_prints_their_paths(self):
        code, out, err = self.call("run", self.run_dir, "--to", self.png_dir)
        self.assertEqual(code, 0, err)
        names = ["hourly.png", "click_to_door.png", "on_time_by_hour.png"]
        self.assertEqual(out.splitlines(), [os.path.join(self.png_dir, n) for n in names])
        self.assertEqual(sorted(os.listdir(self.png_dir)), sorted(names))
        for name in names:
            width, height, _ = png_facts(self, os.path.join(self.png_dir, name))
            self.assertEqual((width, height), (900, 500))
        _, _, hourly = png_facts(self, os.path.join(self.png_dir, "hourly.png"))
        self.assertTrue(has_colour(hourly, "#6baed6"), "bars of orders placed")
        self.assertTrue(has_colour(hourly, "#2171b5"), "bars of orders delivered")
        _, _, histogram = png_facts(self, os.path.join(self.png_dir, "click_to_door.png"))
        self.assertTrue(has_colour(histogram, "#2171b5"), "histogram bars")

    def test_group_by_a_column_of_orders_csv(self):
        code, out, err = self.call("run", self.run_dir, "--to", self.png_dir,
                                   "--group-by", "category")
        self.assertEqual(code, 0, err)
        self.assertEqual(out.splitlines()[-1], os.path.join(self.png_dir, "by_category.png"))
        _, _, bars = png_facts(self, os.path.join(self.png_dir, "by_category.png"))
        self.assertTrue(has_colour(bars, "#31a354"), "on-time bars")
        self.assertTrue(has_colour(bars, "#de2d26", at_least=20), "cancelled bar (grocery)")

    def test_replaces_an_existing_chart_and_leaves_no_temporary(self):
        os.makedirs(self.png_dir)
        write(os.path.join(self.png_dir, "hourly.png"), "old")
        write(os.path.join(self.png_dir, "notes.txt"), "mine")
        code, _, err = self.call("run", self.run_dir, "--to", self.png_dir)
        self.assertEqual(code, 0, err)
        png_facts(self, os.path.join(self.png_dir, "hourly.png"))
        self.assertTrue(os.path.exists(os.path.join(self.png_dir, "notes.txt")))
        self.assert_no_temporaries()

    def test_a_run_without_deliveries_still_gets_charts(self):
        with open(os.path.join(self.run_dir, "orders.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        write(os.path.join(self.run_dir, "orders.csv"), "\n".join([lines[0], lines[-1]]) + "\n")
        code, _, err = self.call("run", self.run_dir, "--to", self.png_dir)
        self.assertEqual(code, 0, err)
        png_facts(self, os.path.join(self.png_dir, "click_to_door.png"))

    def test_missing_directory(self):
        missing = os.path.join(self.dir, "nowhere")
        self.assert_refused(["run", missing, "--to", self.png_dir], missing,
                            "no such directory")

    def test_unfinished_run_without_summary(self):
        os.remove(os.path.join(self.run_dir, "summary.json"))
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "summary.json",
                            "missing")

    def test_summary_that_is_not_json(self):
        write(os.path.join(self.run_dir, "summary.json"), '{"hourly": [\n  oops\n]}')
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "summary.json:2:",
                            "not JSON")

    def test_summary_hour_without_a_key(self):
        path = os.path.join(self.run_dir, "summary.json")
        with open(path, encoding="utf-8") as f:
            summary = json.load(f)
        del summary["hourly"][1]["riders_busy"]
        write(path, json.dumps(summary))
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "hourly[1]",
                            "riders_busy")

    def test_summary_with_a_text_where_a_number_belongs(self):
        path = os.path.join(self.run_dir, "summary.json")
        with open(path, encoding="utf-8") as f:
            summary = json.load(f)
        summary["hourly"][2]["placed"] = "none"
        write(path, json.dumps(summary))
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "hourly[2].placed",
                            '"none"')

    def test_summary_without_hours(self):
        path = os.path.join(self.run_dir, "summary.json")
        with open(path, encoding="utf-8") as f:
            summary = json.load(f)
        summary["hourly"] = []
        write(path, json.dumps(summary))
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "`hourly`", "empty")

    def test_orders_without_a_needed_column(self):
        path = os.path.join(self.run_dir, "orders.csv")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        write(path, text.replace("click_to_door_s", "c2d_s", 1))
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "orders.csv",
                            "click_to_door_s")

    def test_orders_with_a_bad_number_names_the_line(self):
        path = os.path.join(self.run_dir, "orders.csv")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines[3] = lines[3].replace(",1800,0", ",soon,0")
        write(path, "\n".join(lines) + "\n")
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir], "orders.csv:4:",
                            "click_to_door_s", "'soon'")

    def test_unknown_group_column(self):
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir, "--group-by", "island"],
                            "no column `island`", "category")

    def test_group_column_with_too_many_values(self):
        with open(os.path.join(self.run_dir, "orders.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        many = [lines[0]] + [f"{i}," + lines[1].split(",", 1)[1] for i in range(45)]
        write(os.path.join(self.run_dir, "orders.csv"), "\n".join(many) + "\n")
        self.assert_refused(["run", self.run_dir, "--to", self.png_dir, "--group-by",
                             "order_id"], "--group-by order_id", "45 distinct values")


class SweepCharts(PlotCase):
    def setUp(self):
        super().setUp()
        self.db_path = os.path.join(self.dir, "results.sqlite")
        make_results(self.db_path).close()

    def sweep(self, *extra):
        return self.call("sweep", self.db_path, "--to", self.png_dir, *extra)

    def test_metric_against_a_number_with_one_line_per_strategy(self):
        code, out, err = self.sweep("--sweep", "riders", "--x", FLEET, "--by", STRATEGY,
                                    "--metric", "on_time_rate")
        self.assertEqual(code, 0, err)
        self.assertIn("1 failed run(s)", err)
        expected = os.path.join(self.png_dir, "sweep_riders_on_time_rate_vs_riders.fleets_0_."
                                "count_by_dispatch.strategy.png")
        self.assertEqual(out.splitlines(), [expected])
        _, _, pixels = png_facts(self, expected)
        self.assertTrue(has_colour(pixels, "#1f77b4", at_least=20), "first line")
        self.assertTrue(has_colour(pixels, "#ff7f0e", at_least=20), "second line")
        self.assert_no_temporaries()

    def test_mean_and_t_interval_per_point(self):
        args = plot.parse_args(["sweep", self.db_path, "--sweep", "riders", "--x", FLEET,
                                "--by", STRATEGY, "--metric", "on_time_rate", "--to", "x"])
        db = plot.open_results(self.db_path)
        with contextlib.redirect_stderr(io.StringIO()):
            table, sweep_id, notes = plot.sweep_table(db, self.db_path, args)
        db.close()
        self.assertEqual(sweep_id, "riders")
        self.assertEqual(notes, ["1 failed run(s) left out"])
        points = plot.aggregate(table)
        self.assertEqual(list(points["by"].unique()), ["earliest_pickup", "batch"])
        self.assertEqual(list(points["x"].unique()), ["120", "160", "200"])
        self.assertEqual(set(points["n"]), {3})  # the failed fourth replication is out
        row = points[(points["by"] == "batch") & (points["x"] == "160")].iloc[0]
        values = [on_time(160, "batch", rep) for rep in range(3)]  # 0.95, 0.96, 0.97
        self.assertAlmostEqual(row["mean"], sum(values) / 3, places=12)
        self.assertAlmostEqual(row["half"], 4.302653 * 0.01 / math.sqrt(3), places=9)

    def test_durations_are_drawn_as_numbers_in_a_named_unit(self):
        code, _, err = self.sweep("--sweep", "promise", "--x", PROMISE, "--metric",
                                  "on_time_rate")
        self.assertEqual(code, 0, err)
        self.assertEqual(plot.axis_values(["30min", "45min", "1h"]), ([30.0, 45.0, 60.0], "min"))

    def test_text_values_are_categories(self):
        code, _, err = self.sweep("--sweep", "riders", "--x", STRATEGY, "--by", FLEET,
                                  "--metric", "click_to_door_min.mean")
        self.assertEqual(code, 0, err)
        self.assertEqual(plot.axis_values(["batch", "insertion"]), (None, ""))

    def test_where_fixes_a_further_parameter(self):
        code, out, err = self.sweep("--sweep", "riders", "--x", FLEET, "--where",
                                    f"{STRATEGY}=batch", "--metric", "orders.delivered")
        self.assertEqual(code, 0, err)
        self.assertTrue(out.strip().endswith("_where_dispatch.strategy_batch.png"), out)

    def test_reads_while_a_sweep_is_writing(self):
        wal_path = os.path.join(self.dir, "live.sqlite")
        writer = make_results(wal_path, wal=True)
        writer.execute("BEGIN IMMEDIATE")  # a run being recorded, not committed yet
        writer.execute("DELETE FROM runs WHERE sweep_id = 'promise'")
        try:
            code, out, err = self.call("sweep", wal_path, "--to", self.png_dir, "--sweep",
                                       "promise", "--x", PROMISE, "--metric", "on_time_rate")
        finally:
            writer.rollback()
            writer.close()
        self.assertEqual(code, 0, err)
        png_facts(self, out.strip())

    def test_a_finished_wal_database_is_left_as_it_was(self):
        # No writer: reading must not create -wal/-shm files beside it (an archived copy may
        # sit in a read-only directory).
        folder = os.path.join(self.dir, "archive")
        os.mkdir(folder)
        archived = os.path.join(folder, "done.sqlite")
        make_results(archived, wal=True).close()
        self.assertEqual(sorted(os.listdir(folder)), ["done.sqlite"])
        code, out, err = self.call("sweep", archived, "--to", self.png_dir, "--sweep",
                                   "promise", "--x", PROMISE, "--metric", "on_time_rate")
        self.assertEqual(code, 0, err)
        self.assertEqual(sorted(os.listdir(folder)), ["done.sqlite"])

    def test_unknown_metric(self):
        err = self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep",
                                   "riders", "--x", FLEET, "--by", STRATEGY, "--metric",
                                   "on_time"], "unknown metric `on_time`")
        self.assertIn("did you mean `on_time_rate`", err)

    def test_metric_that_is_a_key_column(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--by", STRATEGY, "--metric", "seed"],
                            "unknown metric `seed`")

    def test_unknown_parameter(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", "riders.count", "--metric", "on_time_rate"],
                            "--x riders.count", "not a parameter", FLEET)

    def test_a_further_varying_parameter_is_not_averaged_over(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--metric", "on_time_rate"],
                            f"`{STRATEGY}` also varies", f"--by {STRATEGY}")

    def test_where_with_a_value_the_sweep_does_not_have(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--where", f"{STRATEGY}=greedy", "--metric",
                             "on_time_rate"], "earliest_pickup, batch")

    def test_several_sweeps_need_a_choice(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--x", FLEET,
                             "--metric", "on_time_rate"], "2 sweeps", "--sweep ID")

    def test_unknown_sweep(self):
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "rider",
                             "--x", FLEET, "--metric", "on_time_rate"], "no sweep `rider`",
                            "did you mean `riders`")

    def test_foreign_database(self):
        foreign = os.path.join(self.dir, "foreign.sqlite")
        make_results(foreign, fmt="someone-else").close()
        self.assert_refused(["sweep", foreign, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--metric", "on_time_rate"],
                            "not a knightsim results database", "'someone-else'")

    def test_database_without_meta(self):
        empty = os.path.join(self.dir, "other.sqlite")
        sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
        self.assert_refused(["sweep", empty, "--to", self.png_dir, "--x", FLEET, "--metric",
                             "on_time_rate"], "no meta table")

    def test_not_sqlite(self):
        text = os.path.join(self.dir, "notes.sqlite")
        write(text, "not a database, just text " * 20)
        self.assert_refused(["sweep", text, "--to", self.png_dir, "--x", FLEET, "--metric",
                             "on_time_rate"], "notes.sqlite", "not a knightsim results")

    def test_runs_table_without_the_schema_columns(self):
        db = sqlite3.connect(self.db_path)
        db.execute("ALTER TABLE runs RENAME COLUMN params TO parameters")
        db.commit()
        db.close()
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--by", STRATEGY, "--metric", "on_time_rate"],
                            "damaged results database", "params")

    def test_newer_version(self):
        db = sqlite3.connect(self.db_path)
        db.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
        db.commit()
        db.close()
        self.assert_refused(["sweep", self.db_path, "--to", self.png_dir, "--sweep", "riders",
                             "--x", FLEET, "--by", STRATEGY, "--metric", "on_time_rate"],
                            "version '2'")

    def test_missing_database(self):
        missing = os.path.join(self.dir, "none.sqlite")
        self.assert_refused(["sweep", missing, "--to", self.png_dir, "--x", FLEET, "--metric",
                             "on_time_rate"], missing, "no such file")


class Numbers(unittest.TestCase):
    def test_t_quantiles(self):
        # Published two-sided 95 % values of Student's t.
        for df, t in [(1, 12.706), (2, 4.303), (10, 2.228), (30, 2.042), (31, 2.040),
                      (40, 2.021), (60, 2.000), (120, 1.980), (10**6, 1.960)]:
            self.assertAlmostEqual(plot.t975(df), t, places=3, msg=f"df={df}")

    def test_mean_ci(self):
        self.assertTrue(math.isnan(plot.mean_ci([5.0])[2]))
        n, mean, half = plot.mean_ci([1.0, 2.0, 3.0, 4.0])
        self.assertEqual((n, mean), (4, 2.5))
        self.assertAlmostEqual(half, 3.182446 * math.sqrt(5 / 3) / 2, places=6)

    def test_nearest_rank_percentiles(self):
        ten = [float(v) for v in range(1, 11)]
        self.assertEqual([plot.nearest_rank(ten, p) for p in (50, 90, 95)], [5.0, 9.0, 10.0])
        self.assertEqual(plot.nearest_rank([7.0], 50), 7.0)

    def test_parameter_values(self):
        self.assertEqual(plot.axis_values(["120", "1e2", "-0.5"]), ([120.0, 100.0, -0.5], ""))
        self.assertEqual(plot.axis_values(["30s", "90s"]), ([30.0, 90.0], "s"))
        self.assertEqual(plot.axis_values(["1h30min", "'2h'"]), ([90.0, 120.0], "min"))
        self.assertEqual(plot.axis_values(["1d", "2d"]), ([24.0, 48.0], "h"))
        self.assertEqual(plot.axis_values(["30s", "fast"]), (None, ""))
        self.assertEqual(plot.axis_values(["15m"]), (None, ""))  # not a knightsim duration
        self.assertEqual(plot.axis_values(["1_000", "nan"]), (None, ""))
        self.assertEqual(plot.axis_values(["10:00", "11:00"]), (None, ""))


class CommandLine(unittest.TestCase):
    """The script as a program: the interpreter, argparse and the exit codes."""

    def run_script(self, *argv):
        return subprocess.run([sys.executable, SCRIPT, *argv], capture_output=True, text=True)

    def test_end_to_end(self):
        with tempfile.TemporaryDirectory(prefix="plot_test_") as tmp:
            make_run(os.path.join(tmp, "run"))
            done = self.run_script("run", os.path.join(tmp, "run"), "--to",
                                   os.path.join(tmp, "png"))
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(len(done.stdout.splitlines()), 3)

    def test_usage_error_is_exit_2(self):
        done = self.run_script("run", "somewhere")
        self.assertEqual(done.returncode, 2)
        self.assertIn("--to", done.stderr)

    def test_bad_input_is_exit_2(self):
        done = self.run_script("sweep", "/nonexistent/results.sqlite", "--x", "a", "--metric",
                               "b", "--to", "/nonexistent/png")
        self.assertEqual(done.returncode, 2)
        self.assertIn("/nonexistent/results.sqlite: no such file", done.stderr)


if __name__ == "__main__":
    unittest.main()
