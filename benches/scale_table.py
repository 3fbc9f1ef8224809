"""The table of benches/scale.sh: one column per corpus size, one row per figure
(the shape of issue 19's table), from the JSON lines `scale.py measure` wrote."""

import json


def duration(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def spread(s):
    """A median with its range over the runs."""
    if s["n"] == 1:
        return duration(s["median"])
    return f"{duration(s['median'])} ({duration(s['min'])}–{duration(s['max'])})"


def mib(kib):
    return "?" if kib is None else f"{kib / 1024:.1f} MiB"


def rows(result):
    """(label, cell) pairs for one corpus size."""
    modes = ["cold", "warm"] if result["cache"] else ["none"]
    label = {"cold": ", cold cache", "warm": ", warm cache", "none": ""}
    out = [("corpus: cells, size of the sources", f"{result['cells']:,}, {mib(result['bytes'] / 1024)}")]
    for mode in modes:
        whole = result[f"whole-{mode}"]
        peak = whole["rss_kib"]["max"]
        out.append((f"whole `check`{label[mode]}: wall / peak memory",
                    f"{spread(whole['wall'])} / {mib(peak)} ({peak * 1024 / result['bytes']:.1f}× the sources)"))
    # Fractions of the whole check that does all the work (with a cache, the cold one).
    base = result[f"whole-{modes[0]}"]["wall"]["median"]
    whole = "whole check, cold" if result["cache"] else "whole check"
    for mode in modes:
        one = result[f"one-{mode}"]
        out.append((f"one named file{label[mode]}: wall / peak memory / × {whole}",
                    f"{spread(one['wall'])} / {mib(one['rss_kib']['max'])} / {one['wall']['median'] / base:.2f}×"))
    for mode in modes:
        startup = result[f"startup-{mode}"]
        out.append((f"server start-up to first diagnostics{label[mode]} / × {whole}",
                    f"{spread(startup)} / {startup['median'] / base:.2f}×"))
    edit = result["edit"]
    out.append(("index-record edit to its diagnostics: median (p95, max)",
                f"{duration(edit['median'])} ({duration(edit['p95'])}, {duration(edit['max'])})"))
    after = result["after-settings"]
    out.append(("edits after `didChangeConfiguration`: longest wait (median, edits)",
                f"{duration(after['max'])} ({duration(after['median'])}, {after['n']})"))
    out.append(("server peak memory (VmHWM)", mib(result["server_rss_kib"])))
    return out


def table(path):
    with open(path) as file:
        results = [json.loads(line) for line in file if line.strip()]
    columns = [dict(rows(r)) for r in results]
    labels = list(dict.fromkeys(label for r in results for label, _ in rows(r)))
    print("| " + " | ".join(["figure"] + [f"{r['cells']:,} cells" for r in results]) + " |")
    print("|---" * (len(results) + 1) + "|")
    for label in labels:
        print("| " + " | ".join([label] + [c.get(label, "") for c in columns]) + " |")
    for r in results:
        if "warning" in r:
            print(f"\nwarning ({r['cells']:,} cells): {r['warning']}")
