#!/usr/bin/python3
"""Charts (PNG) of knightsim results: one run's outputs, or a sweep's results database.

    /usr/bin/python3 tools/plot.py run OUT_DIR --to PNG_DIR [--group-by COLUMN]
    /usr/bin/python3 tools/plot.py sweep DB --x PARAM [--by PARAM] --metric KEY \
        [--sweep ID] [--where PARAM=VALUE ...] --to PNG_DIR

Needs Debian's python3-matplotlib and python3-pandas (tools/install-deps.sh installs them), so
run it with /usr/bin/python3. docs/plots.md describes every chart. Each PNG is written to a
hidden temporary name in PNG_DIR and renamed when complete; the paths written are printed, one
per line, and nothing else goes to standard output. Bad input (a missing file, an unknown
metric, parameter or column, a database that is not knightsim's) is one line on standard error
naming it, and exit code 2, with nothing written.
"""
import argparse
import difflib
import json
import math
import os
import pathlib
import re
import sqlite3
import sys

try:
    import matplotlib

    matplotlib.use("Agg")  # headless: no display, no window toolkit
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter
    import pandas as pd
except ImportError as missing:
    sys.exit(f"plot.py: {missing}: needs Debian's python3-matplotlib and python3-pandas "
             "(tools/install-deps.sh); run it with /usr/bin/python3")

# 900 x 500 px: small files (well under 150 KB) that still read on a laptop screen.
FIGSIZE_IN = (9, 5)
DPI = 100
MAX_GROUPS = 40  # beyond this a bar chart is unreadable; the column is probably an id
WEATHER_COLOURS = {"rain": "#9ecae1", "heavy_rain": "#4292c6", "storm": "#6a51a3",
                   "snow": "#d9d9d9", "heat": "#fdae6b", "cold": "#c6dbef"}

# Fixed columns of the results database's `runs` table; every other column is a metric.
RUNS_KEY_COLUMNS = {"sweep_id", "point", "rep", "seed", "scenario_hash", "status", "error",
                    "finished_at", "params"}
RESULTS_FORMAT = "knightsim-results"
RESULTS_VERSION = 1

# Two-sided 95 % quantiles of Student's t, t(0.975; df), for df = 1 … 30.
T975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
        2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
        2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
        2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272]


class InputError(Exception):
    """Bad input or usage: reported in one line, exit code 2."""


def t975(df):
    """t(0.975; df). Above 30 degrees of freedom the Cornish-Fisher expansion around the
    normal quantile is exact to 3e-8, so no table (and no SciPy) is needed."""
    if df < 1:
        raise ValueError("t quantile needs df >= 1")
    if df <= len(T975):
        return T975[df - 1]
    z, n = 1.959963984540054, float(df)
    return (z + (z**3 + z) / (4 * n) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * n**4))


def mean_ci(values):
    """(n, mean, half width of the 95 % t-interval); the half width is NaN below 2 values."""
    n = len(values)
    if n == 0:
        return 0, math.nan, math.nan
    mean = math.fsum(values) / n
    if n < 2:
        return n, mean, math.nan
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    return n, mean, t975(n - 1) * sd / math.sqrt(n)


# --- writing --------------------------------------------------------------------------------

def safe_name(text):
    """A file-name fragment: every character outside A-Z a-z 0-9 - _ . becomes _ (the rule of
    knightsim's default output directory)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", text) or "_"


def output_dir(path):
    if os.path.exists(path) and not os.path.isdir(path):
        raise InputError(f"--to {path}: exists and is not a directory")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        raise InputError(f"--to {path}: cannot create: {e.strerror}") from None
    return path


def save(fig, directory, name):
    """Writes the figure as directory/name through a hidden temporary and a rename, so the
    final name holds a complete PNG or nothing new. Returns the path."""
    final = os.path.join(directory, name)
    tmp = os.path.join(directory, f".{name}.tmp-{os.getpid()}")
    try:
        fig.savefig(tmp, format="png", dpi=DPI)
        os.replace(tmp, final)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    finally:
        plt.close(fig)
    return final


# --- a run's outputs ------------------------------------------------------------------------

def read_summary(run_dir):
    path = os.path.join(run_dir, "summary.json")
    if not os.path.isfile(path):
        raise InputError(f"{path}: missing (summary.json is written last: is the run "
                         "finished, and is this a `knightsim run --out` directory?)")
    try:
        with open(path, encoding="utf-8") as f:
            summary = json.load(f)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: not JSON: {e.msg}") from None
    if not isinstance(summary, dict):
        raise InputError(f"{path}: expected a JSON object")
    hourly = summary.get("hourly")
    if not isinstance(hourly, list):
        raise InputError(f"{path}: no `hourly` array")
    if not hourly:
        raise InputError(f"{path}: the `hourly` array is empty (a run lasts at least one hour "
                         "or part of one)")
    needed = ["starts_at", "weather", "placed", "delivered", "on_time_rate",
              "riders_on_shift", "riders_busy"]
    numbers = ["placed", "delivered", "riders_on_shift", "riders_busy"]
    for i, hour in enumerate(hourly):
        missing = [k for k in needed if not isinstance(hour, dict) or k not in hour]
        if missing:
            raise InputError(f"{path}: hourly[{i}]: missing {', '.join(missing)}")
        for key in numbers + ["on_time_rate"]:  # JSON null stands for NaN; only in a rate
            value = hour[key]
            if isinstance(value, bool) or not (isinstance(value, (int, float)) or
                                               (value is None and key not in numbers)):
                raise InputError(f"{path}: hourly[{i}].{key}: expected a number, got "
                                 f"{json.dumps(value)}")
    return path, summary


def read_orders(run_dir, columns):
    """orders.csv as text cells (empty = did not happen), only the given columns."""
    path = os.path.join(run_dir, "orders.csv")
    if not os.path.isfile(path):
        raise InputError(f"{path}: missing")
    try:
        header = pd.read_csv(path, nrows=0).columns.tolist()
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a CSV file: {e}") from None
    for column in columns:
        if column not in header:
            hint = close_match(column, header)
            raise InputError(f"{path}: no column `{column}`{hint}; columns: {', '.join(header)}")
    try:
        return path, pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: {e}") from None


def numeric(frame, column, path):
    """A text column as numbers, empty cells as NaN; a cell that is not a number is an error
    naming its line (the header is line 1)."""
    cells = frame[column]
    try:
        return pd.to_numeric(cells.where(cells != "", None), errors="raise").astype(float)
    except (ValueError, TypeError):
        bad = pd.to_numeric(cells.where(cells != "", None), errors="coerce").isna() & (cells != "")
        row = int(bad.idxmax())
        raise InputError(f"{path}:{row + 2}: {column}: not a number: {cells[row]!r}") from None


def hour_labels(starts):
    """HH:MM under each hour, with the date (MM-DD) where the day changes and under the first."""
    labels, last_date = [], None
    for text in starts:
        date, _, clock = str(text).partition(" ")
        labels.append(clock if date == last_date else f"{clock}\n{date[5:]}")
        last_date = date
    return labels


def hour_ticks(ax, starts):
    """One tick per hour, thinned so that at most about 24 are labelled."""
    step = max(1, math.ceil(len(starts) / 24))
    positions = list(range(0, len(starts), step))
    labels = hour_labels(starts)
    ax.set_xticks(positions)
    ax.set_xticklabels([labels[i] for i in positions], fontsize=8)
    ax.set_xlim(-0.6, len(starts) - 0.4)


def shade_weather(ax, weather):
    """Background bands for the hours whose weather (at the start of the hour) is not clear;
    returns legend handles for the states shown."""
    shown = {}
    for i, state in enumerate(weather):
        if state == "clear":
            continue
        colour = WEATHER_COLOURS.get(state, "#eeeeee")
        ax.axvspan(i - 0.5, i + 0.5, color=colour, alpha=0.35, lw=0, zorder=0)
        shown.setdefault(state, Patch(color=colour, alpha=0.35, label=f"{state} (hour start)"))
    return list(shown.values())


def run_title(summary, what):
    scenario = summary.get("scenario", {})
    name = scenario.get("name", "?") if isinstance(scenario, dict) else "?"
    return f"{name}, seed {summary.get('seed', '?')}: {what}"


def chart_hourly(summary):
    hourly = pd.DataFrame(summary["hourly"])
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    x = range(len(hourly))
    ax.bar([i - 0.2 for i in x], hourly["placed"], width=0.4, color="#6baed6", label="placed")
    ax.bar([i + 0.2 for i in x], hourly["delivered"], width=0.4, color="#2171b5",
           label="delivered")
    ax.set_ylabel("orders in the hour")
    riders = ax.twinx()
    riders.plot(x, hourly["riders_on_shift"], color="#636363", marker="o", ms=3,
                label="riders on shift")
    riders.plot(x, hourly["riders_busy"], color="#e6550d", marker="o", ms=3,
                label="riders busy")
    riders.set_ylabel("riders (mean over the hour)")
    riders.set_ylim(bottom=0)
    weather = shade_weather(ax, hourly["weather"])
    hour_ticks(ax, hourly["starts_at"])
    ax.set_xlabel("hour starting at (local time)" + partial_hour_note(summary, len(hourly)))
    handles = [h for a in (ax, riders) for h in a.get_legend_handles_labels()[0]] + weather
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    ax.set_title(run_title(summary, "orders and riders per hour"))
    fig.tight_layout()
    return fig


def partial_hour_note(summary, hours):
    scenario = summary.get("scenario", {})
    duration = scenario.get("duration_h") if isinstance(scenario, dict) else None
    if isinstance(duration, (int, float)) and hours and duration < hours - 1e-9:
        return f"; the last hour is partial ({duration - (hours - 1):.2f} h)"
    return ""


def nearest_rank(sorted_values, percent):
    """Nearest-rank percentile, computed as summary.json's (sim/summary.cpp) is."""
    rank = math.ceil(percent / 100.0 * len(sorted_values))
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


def chart_click_to_door(summary, orders, path):
    delivered = orders[orders["status"] == "delivered"]
    minutes = (numeric(delivered, "click_to_door_s", path) / 60.0).dropna()
    top = 0.0 if minutes.empty else float(minutes.max())
    width = max(1, math.ceil(top / 120.0))  # 1-minute bins, or wider to keep about 120
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    if minutes.empty:
        ax.text(0.5, 0.5, "no delivered orders", ha="center", va="center",
                transform=ax.transAxes, fontsize=14)
    else:
        edges = [i * width for i in range(int(top // width) + 2)]
        ax.hist(minutes, bins=edges, color="#2171b5")
        ordered = sorted(minutes)
        marks = [("mean", math.fsum(ordered) / len(ordered), "#e6550d", "-"),
                 ("p50", nearest_rank(ordered, 50), "#31a354", "--"),
                 ("p90", nearest_rank(ordered, 90), "#756bb1", "--")]
        for label, value, colour, style in marks:
            ax.axvline(value, color=colour, ls=style, lw=1.5, label=f"{label} {value:.1f} min")
        on_time = numeric(delivered, "on_time", path).dropna()
        note = f"{len(ordered):,} delivered orders"
        if not on_time.empty:
            note += f"; {on_time.mean():.1%} on time"
        ax.legend(title=note, fontsize=8, title_fontsize=8)
        ax.set_xlim(left=0)
    ax.set_xlabel(f"click-to-door (min, placed to delivered; bins of {width} min)")
    ax.set_ylabel("delivered orders")
    ax.set_title(run_title(summary, "click-to-door of delivered orders"))
    fig.tight_layout()
    return fig


def chart_on_time_by_hour(summary):
    hourly = pd.DataFrame(summary["hourly"])
    # A rate with no deliveries in the hour is written 0: it is undefined, not zero.
    rate = hourly["on_time_rate"].where(hourly["delivered"] > 0)
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    x = list(range(len(hourly)))
    weather = shade_weather(ax, hourly["weather"])
    ax.plot(x, rate, color="#2171b5", marker="o", label="on-time rate in the hour")
    overall = summary.get("on_time_rate")
    if isinstance(overall, (int, float)) and hourly["delivered"].sum() > 0:
        ax.axhline(overall, color="#636363", ls="--", lw=1, label=f"whole run {overall:.1%}")
    if len(hourly) <= 48:
        for i, (r, n) in enumerate(zip(rate, hourly["delivered"])):
            ax.annotate("no deliveries" if n == 0 else f"n={n}", (i, 0 if pd.isna(r) else r),
                        textcoords="offset points", xytext=(0, -14), ha="center", fontsize=7,
                        color="#636363")
    low = rate.min()
    bottom = 0.0 if pd.isna(low) else max(0.0, math.floor((low - 0.05) * 10) / 10)
    ax.set_ylim(bottom, 1.005)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    hour_ticks(ax, hourly["starts_at"])
    ax.set_xlabel("hour of delivery, starting at (local time)"
                  + partial_hour_note(summary, len(hourly)))
    ax.set_ylabel("delivered by the promise")
    ax.legend(handles=ax.get_legend_handles_labels()[0] + weather, loc="lower left", fontsize=8)
    ax.set_title(run_title(summary, "on-time rate of the orders delivered in each hour"))
    fig.tight_layout()
    return fig


def chart_by_group(summary, orders, path, column):
    groups = orders[column].where(orders[column] != "", "(empty)")
    count = groups.nunique()
    if count > MAX_GROUPS:
        raise InputError(f"--group-by {column}: {count} distinct values in {path}; a bar chart "
                         f"takes at most {MAX_GROUPS}")
    table = pd.DataFrame({
        "group": groups,
        "delivered": orders["status"] == "delivered",
        "cancelled": orders["status"] == "cancelled",
        "on_time": numeric(orders, "on_time", path),
        "minutes": numeric(orders, "click_to_door_s", path) / 60.0,
    })
    per = table.groupby("group", sort=False).agg(
        created=("group", "size"), delivered=("delivered", "sum"),
        cancelled=("cancelled", "sum"), on_time=("on_time", "mean"),
        minutes=("minutes", "mean")).sort_values("created", ascending=False)
    names = [str(g) for g in per.index]
    fig, (orders_ax, on_time_ax, minutes_ax) = plt.subplots(1, 3, figsize=FIGSIZE_IN)
    x = list(range(len(per)))
    for offset, key, colour in [(-0.27, "created", "#6baed6"), (0, "delivered", "#2171b5"),
                                (0.27, "cancelled", "#de2d26")]:
        orders_ax.bar([i + offset for i in x], per[key], width=0.27, color=colour, label=key)
    orders_ax.set_title("orders", fontsize=10)
    orders_ax.legend(fontsize=7)
    on_time_ax.bar(x, per["on_time"], color="#31a354")
    on_time_ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    on_time_ax.set_ylim(0, 1.05)
    on_time_ax.set_title("on-time rate of delivered", fontsize=10)
    minutes_ax.bar(x, per["minutes"], color="#756bb1")
    minutes_ax.set_title("click-to-door mean (min)", fontsize=10)
    crowded = sum(len(n) + 2 for n in names) > 30  # about what fits under a third
    for ax in (orders_ax, on_time_ax, minutes_ax):
        ax.set_xticks(x)
        ax.set_xticklabels(names, rotation=35 if crowded else 0,
                           ha="right" if crowded else "center", fontsize=8)
    fig.suptitle(run_title(summary, f"orders by {column}"))
    fig.tight_layout()
    return fig


def command_run(args):
    if not os.path.isdir(args.out_dir):
        raise InputError(f"{args.out_dir}: no such directory")
    _, summary = read_summary(args.out_dir)
    columns = ["status", "click_to_door_s", "on_time"]
    if args.group_by and args.group_by not in columns:
        columns.append(args.group_by)
    orders_path, orders = read_orders(args.out_dir, columns)
    # Every chart is drawn before anything is written: bad input leaves PNG_DIR untouched.
    figures = [("hourly.png", chart_hourly(summary)),
               ("click_to_door.png", chart_click_to_door(summary, orders, orders_path)),
               ("on_time_by_hour.png", chart_on_time_by_hour(summary))]
    if args.group_by:
        figures.append((f"by_{safe_name(args.group_by)}.png",
                        chart_by_group(summary, orders, orders_path, args.group_by)))
    directory = output_dir(args.to)
    return [save(fig, directory, name) for name, fig in figures]


# --- a sweep's results database -------------------------------------------------------------

def close_match(word, choices):
    found = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean `{found[0]}`?)" if found else ""


def is_wal_database(path):
    """True if the file's SQLite header says WAL (bytes 18 and 19 are 2)."""
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\0") and header[18:20] == b"\x02\x02"


def open_results(path):
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    # Read-only, so a plot never takes a write lock from a sweep still recording runs. A WAL
    # database with no -wal file beside it (no writer) is opened immutable, as knightsim
    # results does: a plain read-only connection would create -wal and -shm files next to it
    # (or fail in a read-only directory).
    uri = pathlib.Path(path).resolve().as_uri() + "?mode=ro"
    if is_wal_database(path) and not os.path.exists(path + "-wal"):
        uri += "&immutable=1"
    db = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            raise InputError(f"{path}: not a knightsim results database (no meta table)")
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as e:
        db.close()
        raise InputError(f"{path}: not a knightsim results database ({e})") from None
    except InputError:
        db.close()
        raise
    if meta.get("format") != RESULTS_FORMAT:
        db.close()
        raise InputError(f"{path}: not a knightsim results database (meta format is "
                         f"{meta.get('format')!r}, expected {RESULTS_FORMAT!r})")
    version = meta.get("version", "")
    if not version.isdigit() or int(version) > RESULTS_VERSION:
        db.close()
        raise InputError(f"{path}: results database version {version!r}; this plot.py reads "
                         f"version {RESULTS_VERSION} (a newer knightsim wrote it?)")
    missing = {"sweeps", "runs"} - tables
    if missing:
        db.close()
        raise InputError(f"{path}: damaged results database: no {', '.join(sorted(missing))} "
                         "table")
    return db


def choose_sweep(db, path, wanted):
    ids = [r[0] for r in db.execute("SELECT sweep_id FROM sweeps ORDER BY created_at, sweep_id")]
    if wanted is not None:
        if wanted not in ids:
            raise InputError(f"{path}: no sweep `{wanted}`{close_match(wanted, ids)}; sweeps: "
                             f"{', '.join(ids) or 'none'}")
        return wanted
    if not ids:
        raise InputError(f"{path}: holds no sweep yet")
    if len(ids) > 1:
        raise InputError(f"{path}: holds {len(ids)} sweeps ({', '.join(ids)}); choose one with "
                         "--sweep ID")
    return ids[0]


def metric_columns(db):
    return [r[1] for r in db.execute("PRAGMA table_info(runs)") if r[1] not in RUNS_KEY_COLUMNS]


def param_text(value):
    return value if isinstance(value, str) else json.dumps(value)


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
DURATION_PART = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|min|d|h|s)")
DURATION_UNITS_S = {"d": 86400.0, "h": 3600.0, "min": 60.0, "s": 1.0, "ms": 0.001}


def duration_s(text):
    """Seconds of a scenario duration (`90s`, `1h30min`, `1h 30min`), or None."""
    pos, total, parts = 0, 0.0, 0
    while pos < len(text):
        m = DURATION_PART.match(text, pos)
        if not m:
            return None
        total += float(m.group(1)) * DURATION_UNITS_S[m.group(2)]
        pos, parts = m.end(), parts + 1
    return total if parts else None


def axis_values(texts):
    """Numbers for the parameter's values and the unit for the axis label, or (None, "") when
    they must be drawn as categories. Plain numbers stay as they are; durations become
    seconds, minutes or hours, whichever suits the largest."""
    stripped = [t.strip().strip("'\"").strip() for t in texts]
    if all(NUMBER.fullmatch(t) for t in stripped):
        return [float(t) for t in stripped], ""
    seconds = [duration_s(t) for t in stripped]
    if all(s is not None for s in seconds):
        largest = max(seconds)
        unit, size = ("s", 1.0) if largest < 120 else ("min", 60.0) if largest < 6 * 3600 \
            else ("h", 3600.0)
        return [s / size for s in seconds], unit
    return None, ""


def metric_unit(key):
    """The unit of a summary.json scalar, for the axis label (docs/outputs.md)."""
    if key.endswith("_rate") or key.endswith("utilization"):
        return "share"
    if key.endswith(".count"):
        return "orders"
    rules = [("_min.", "min"), ("_mean_min", "min"), ("earnings_per_hour", "currency/h"),
             ("orders_per_hour", "orders/h"), ("earnings_total", "currency"),
             ("distance_km", "km"), ("hours", "h"), ("duration_h", "h"), ("wall_s", "s"),
             ("orders.", "orders"), ("dispatch.offers", "offers"),
             ("dispatch.rider_give_backs", "orders"), ("demand.", "customers"),
             ("riders.count", "riders"), ("engine.events", "events")]
    for fragment, unit in rules:
        if fragment in key:
            return unit
    return ""


def ordered_unique(values):
    seen = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)


def sweep_table(db, path, args):
    """(one row per ok run with columns x, by, value; sweep id; notes for the subtitle)."""
    sweep_id = choose_sweep(db, path, args.sweep)
    metrics = metric_columns(db)
    if args.metric not in metrics:
        raise InputError(f"unknown metric `{args.metric}`{close_match(args.metric, metrics)}; "
                         f"metrics in {path}: {', '.join(metrics)}")
    quoted = '"' + args.metric.replace('"', '""') + '"'
    runs = pd.read_sql_query(
        f"SELECT point, rep, seed, scenario_hash, status, finished_at, params, {quoted} AS value "
        "FROM runs WHERE sweep_id = ? ORDER BY point, rep", db, params=(sweep_id,))
    if runs.empty:
        raise InputError(f"{path}: sweep `{sweep_id}` has no finished runs yet")
    notes = []
    failed = int((runs["status"] != "ok").sum())
    if failed:
        warn(f"{failed} failed run(s) of sweep `{sweep_id}` left out")
        notes.append(f"{failed} failed run(s) left out")
    runs = runs[runs["status"] == "ok"].copy()
    # A point run again after its base scenario changed has rows of two scenarios: use only
    # the most recent scenario of each point rather than mix them.
    latest = runs.sort_values("finished_at").groupby("point")["scenario_hash"].last()
    stale = runs["scenario_hash"] != runs["point"].map(latest)
    if stale.any():
        warn(f"{int(stale.sum())} run(s) of an earlier version of the scenario left out")
        runs = runs[~stale]

    params = []
    for point, text in zip(runs["point"], runs["params"]):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict):
            raise InputError(f"{path}: sweep `{sweep_id}` point {point}: params is not a JSON "
                             "object")
        params.append({k: param_text(v) for k, v in value.items()})
    params = pd.DataFrame(params, index=runs.index).fillna("")
    known = list(params.columns)
    for option, name in [("--x", args.x), ("--by", args.by)]:
        if name is not None and name not in known:
            raise InputError(f"{option} {name}: not a parameter of sweep `{sweep_id}`"
                             f"{close_match(name, known)}; parameters: {', '.join(known)}")
    if args.by is not None and args.by == args.x:
        raise InputError(f"--by {args.by}: the same parameter as --x")
    for condition in args.where:
        name, sep, value = condition.partition("=")
        if not sep or name not in known:
            raise InputError(f"--where {condition}: expected PARAM=VALUE with PARAM one of "
                             f"{', '.join(known)}")
        values = ordered_unique(params[name])
        if value not in values:
            raise InputError(f"--where {condition}: `{name}` takes the values "
                             f"{', '.join(values)}")
        keep = params[name] == value
        runs, params = runs[keep], params[keep]
        notes.append(f"{name} = {value}")
    for name in known:
        if name in (args.x, args.by) or any(w.partition("=")[0] == name for w in args.where):
            continue
        values = ordered_unique(params[name])
        if len(values) > 1:
            raise InputError(f"parameter `{name}` also varies in sweep `{sweep_id}` "
                             f"({', '.join(values)}): draw it with --by {name} or fix it "
                             f"with --where {name}=VALUE")
    missing = runs["value"].isna()
    if missing.any():
        warn(f"{int(missing.sum())} run(s) without a value of `{args.metric}` left out")
        notes.append(f"{int(missing.sum())} run(s) without the metric left out")
    table = pd.DataFrame({"x": params[args.x],
                          "by": params[args.by] if args.by else "",
                          "value": runs["value"]})[~missing]
    if table.empty:
        raise InputError(f"{path}: sweep `{sweep_id}` has no successful run with `{args.metric}`")
    return table, sweep_id, notes


def warn(message):
    print(f"plot.py: warning: {message}", file=sys.stderr)


def aggregate(table):
    """Per line (value of --by) and point (value of --x): n, mean and 95 % half width, lines
    and x values in the order the sweep first gives them."""
    rows = []
    for label in ordered_unique(table["by"]):
        for x in ordered_unique(table["x"]):
            values = table[(table["by"] == label) & (table["x"] == x)]["value"].tolist()
            if values:
                n, mean, half = mean_ci(values)
                rows.append({"by": label, "x": x, "n": n, "mean": mean, "half": half})
    return pd.DataFrame(rows, columns=["by", "x", "n", "mean", "half"])


def chart_sweep(table, sweep_id, notes, args):
    points = aggregate(table)
    xs = ordered_unique(table["x"])
    numbers, unit = axis_values(xs)
    position = dict(zip(xs, numbers)) if numbers is not None else {v: i for i, v in enumerate(xs)}
    series = ordered_unique(points["by"])
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    width = 0.6 / max(1, len(series))
    for k, label in enumerate(series):
        line = points[points["by"] == label].assign(at=lambda p: p["x"].map(position))
        line = line.sort_values("at")
        name = label if args.by else args.metric  # the legend's title names --by
        if numbers is not None:
            drawn, = ax.plot(line["at"], line["mean"], marker="o", ms=4, label=name)
            ax.fill_between(line["at"], line["mean"] - line["half"],
                            line["mean"] + line["half"], color=drawn.get_color(), alpha=0.2,
                            lw=0)
        else:  # categories: side by side, with error bars, not joined
            shift = (k - (len(series) - 1) / 2) * width
            ax.errorbar(line["at"] + shift, line["mean"], yerr=line["half"].fillna(0),
                        fmt="o", capsize=4, label=name)
    if numbers is None:
        ax.set_xticks(range(len(xs)))
        ax.set_xticklabels(xs, rotation=30 if len(xs) > 6 else 0, fontsize=9)
        ax.set_xlim(-0.6, len(xs) - 0.4)
    elif len(xs) <= 12:  # few points: a tick at each value the sweep ran
        ax.set_xticks(sorted(set(numbers)))
    ax.set_xlabel(args.x + (f" ({unit})" if unit else ""))
    unit_y = metric_unit(args.metric)
    if unit_y == "share":  # drawn as a percentage
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        unit_y = "%"
    ax.set_ylabel(args.metric + (f" ({unit_y})" if unit_y else ""))
    if args.by:
        ax.legend(fontsize=8, title=args.by, title_fontsize=8)
    low, high = int(points["n"].min()), int(points["n"].max())
    reps = f"{low}" if low == high else f"{low}–{high}"
    band = "no interval (one replication)" if high < 2 else \
        ("95 % t-interval" + (", none where one replication" if low < 2 else ""))
    subtitle = f"mean of {reps} replication{'' if high == 1 else 's'} per point, {band}"
    if notes:
        subtitle += "; " + "; ".join(notes)
    ax.set_title(f"sweep {sweep_id}: {args.metric} vs {args.x}\n{subtitle}", fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def command_sweep(args):
    db = open_results(args.db)
    try:
        table, sweep_id, notes = sweep_table(db, args.db, args)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as e:
        # A table without the columns of the schema: damaged, or written by something else.
        raise InputError(f"{args.db}: damaged results database: {e}") from None
    finally:
        db.close()
    fig = chart_sweep(table, sweep_id, notes, args)
    name = f"sweep_{sweep_id}_{args.metric}_vs_{args.x}"
    if args.by:
        name += f"_by_{args.by}"
    for condition in args.where:
        name += f"_where_{condition}"
    return [save(fig, output_dir(args.to), safe_name(name) + ".png")]


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot.py", description="PNG charts of knightsim results (docs/plots.md).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run", help="charts of one run's outputs (knightsim run --out DIR)",
        description="Hourly orders and riders, click-to-door histogram, on-time rate by hour; "
                    "with --group-by, bars per value of an orders.csv column.")
    run.add_argument("out_dir", metavar="OUT_DIR", help="directory with summary.json and "
                     "orders.csv")
    run.add_argument("--to", required=True, metavar="PNG_DIR", help="where to write the PNGs "
                     "(created if missing)")
    run.add_argument("--group-by", metavar="COLUMN", help="also draw by_COLUMN.png: orders, "
                     "on-time rate and click-to-door per value of this orders.csv column "
                     "(e.g. category)")
    run.set_defaults(handler=command_run)
    sweep = commands.add_parser(
        "sweep", help="a metric against a parameter from a sweep's results database",
        description="Mean over replications per point with its 95 % t-interval; one line per "
                    "value of --by.")
    sweep.add_argument("db", metavar="DB", help="results database (SQLite)")
    sweep.add_argument("--x", required=True, metavar="PARAM", help="parameter path on the "
                       "x axis, as in the sweep file (e.g. riders.fleets[0].count)")
    sweep.add_argument("--by", metavar="PARAM", help="one line per value of this parameter")
    sweep.add_argument("--metric", required=True, metavar="KEY", help="summary.json scalar "
                       "key, e.g. on_time_rate, click_to_door_min.mean")
    sweep.add_argument("--sweep", metavar="ID", help="the sweep, when the database holds "
                       "several")
    sweep.add_argument("--where", action="append", default=[], metavar="PARAM=VALUE",
                       help="keep only the runs where a further varied parameter has this "
                            "value (repeatable)")
    sweep.add_argument("--to", required=True, metavar="PNG_DIR", help="where to write the PNG "
                       "(created if missing)")
    sweep.set_defaults(handler=command_sweep)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        written = args.handler(args)
    except InputError as e:
        print(f"plot.py: error: {e}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
