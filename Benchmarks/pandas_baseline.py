#!/usr/bin/env python3
"""A straightforward pandas implementation of samkalk's follow-up aggregation, for timing.

Same windows (12 months before the enrolment month, 12 after the exit month; the enrolment and
exit months themselves in neither), same per-combination month values (exported by samkalk, so
both price a month identically), full windows only, per-actor before/after/change in total and by
sex and age band. Not included (so the comparison favours pandas): income tax per person and
window, the bootstrap, error reporting with line and column, and writing the XML report.

    samkalk-microdata-benchmark generate --persons 40000 --months 25 --seed 1 --out /tmp/f1m.csv
    samkalk-microdata-benchmark export-values /tmp/f1m.csv --out /tmp/values.csv
    python3 Benchmarks/pandas_baseline.py /tmp/f1m.csv /tmp/values.csv

pandas is a helper of this script only, never a dependency of samkalk (pip install pandas).
"""
import sys
import time

import pandas as pd

ACTORS = ["individ", "kommun", "region", "forsakringskassan", "arbetsformedlingen", "staten", "arbetsgivare"]
BEFORE, AFTER = 12, 12


def band(age):
    return pd.cut(age, [-1000, 15, 24, 29, 49, 64, 1000], labels=["0-15", "16-24", "25-29", "30-49", "50-64", "65+"])


def main(data_path, values_path):
    start = time.perf_counter()
    rows = pd.read_csv(data_path, dtype=str, keep_default_na=False)
    values = pd.read_csv(values_path, dtype=str, keep_default_na=False)
    keys = [c for c in values.columns if not c.endswith("_ore")]
    for actor in ACTORS:
        values[actor] = values[actor + "_ore"].astype("int64")
    rows = rows.merge(values[keys + ACTORS], on=keys, how="left", validate="many_to_one")
    month = pd.PeriodIndex(rows["month"], freq="M").astype("int64")
    enrol = pd.PeriodIndex(rows["enrolment"].str[:7], freq="M").astype("int64")
    exit_ = pd.PeriodIndex(rows["exit"].str[:7], freq="M").astype("int64")
    rows["window"] = None
    rows.loc[(month >= enrol - BEFORE) & (month < enrol), "window"] = "before"
    rows.loc[(month > exit_) & (month <= exit_ + AFTER), "window"] = "after"
    rows = rows[rows["window"].notna()]
    rows["month"] = month[rows.index] if hasattr(month, "__getitem__") else month
    per = rows.groupby(["person", "window"]).agg({**{a: "sum" for a in ACTORS}, "month": "nunique"}).reset_index()
    wide = per.pivot(index="person", columns="window", values=ACTORS + ["month"])
    full = (wide[("month", "before")] == BEFORE) & (wide[("month", "after")] == AFTER)
    wide = wide[full]
    people = rows.drop_duplicates("person").set_index("person").loc[wide.index]
    age = pd.to_numeric(people["enrolment"].str[:4]) - pd.to_numeric(people["birth_year"])
    out = pd.DataFrame(index=wide.index)
    for actor in ACTORS:
        out[actor + "_before"] = wide[(actor, "before")]
        out[actor + "_after"] = wide[(actor, "after")]
        out[actor + "_change"] = out[actor + "_after"] - out[actor + "_before"]
    out["sex"] = people["sex"]
    out["band"] = band(age).astype(str)
    total = out.drop(columns=["sex", "band"]).sum()
    by_sex = out.drop(columns=["band"]).groupby("sex").sum()
    by_band = out.drop(columns=["sex"]).groupby("band").sum()
    elapsed = time.perf_counter() - start
    print(f"persons {len(out)}; month values only (no income tax)")
    for actor in ACTORS:
        print(f"{actor:20s} before {total[actor + '_before'] / 100:16.2f} after {total[actor + '_after'] / 100:16.2f}")
    assert (by_sex.sum() == total).all() and (by_band.sum() == total).all()
    print(f"pandas {pd.__version__}: {elapsed:.3f} s wall-clock for {len(rows)} rows in the windows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
