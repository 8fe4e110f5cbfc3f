"""Reads conn.log files with the tools Zeek users load them with.

    python check_logs.py tsv|json LOG...

Each log is loaded by ZAT into a pandas DataFrame and read record by
record with parsezeeklogs. The DataFrame must have one row per data line
and the column types conn.log's #types call for; parsezeeklogs must read
every record and see the same fields. Prints one line per log and exits
non-zero at the first log that fails.
"""

import json
import sys

import pandas as pd
from parsezeeklogs import read_zeek
from zat.json_log_to_dataframe import JSONLogToDataFrame
from zat.log_to_dataframe import LogToDataFrame

# What ZAT makes of conn.log's TSV columns (ts becomes the index).
TSV_DTYPES = {
    "uid": "object",
    "id.orig_p": "UInt16",
    "id.resp_p": "UInt16",
    "duration": "timedelta64",
    "orig_bytes": "UInt64",
    "resp_bytes": "UInt64",
    "missed_bytes": "UInt64",
    "orig_pkts": "UInt64",
    "orig_ip_bytes": "UInt64",
    "resp_pkts": "UInt64",
    "resp_ip_bytes": "UInt64",
    "ip_proto": "UInt64",
    "proto": "category",
    "conn_state": "category",
    "local_orig": "category",
}


def data_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f if line.strip() and not line.startswith("#")]


def fail(path, why):
    print(f"FAIL {path}: {why}")
    sys.exit(1)


def check_tsv(path):
    lines = data_lines(path)
    df = LogToDataFrame().create_dataframe(path)
    if len(df) != len(lines):
        fail(path, f"ZAT read {len(df)} rows of {len(lines)}")
    if len(df) and not str(df.index.dtype).startswith("datetime64"):
        fail(path, f"ts index is {df.index.dtype}")
    for col, want in TSV_DTYPES.items():
        got = str(df[col].dtype)
        if not got.startswith(want) and not (want == "object" and got in ("str", "string")):
            fail(path, f"column {col} is {got}, not {want}")
    records = list(read_zeek(path))
    if len(records) != len(lines):
        fail(path, f"parsezeeklogs read {len(records)} records of {len(lines)}")
    for rec, (uid, dur) in zip(records, zip(df["uid"], df["duration"])):
        if rec["uid"] != uid:
            fail(path, f"uid {rec['uid']} vs {uid}")
        if (rec["duration"] is None) != pd.isna(dur):
            fail(path, f"duration of {uid}: {rec['duration']} vs {dur}")
    return len(lines)


def check_json(path):
    lines = data_lines(path)
    objs = [json.loads(line) for line in lines]
    df = JSONLogToDataFrame().create_dataframe(path)
    if len(df) != len(objs):
        fail(path, f"ZAT read {len(df)} rows of {len(objs)}")
    if len(df) and not str(df.index.dtype).startswith("datetime64"):
        fail(path, f"ts index is {df.index.dtype}")
    for col in ("id.orig_p", "id.resp_p", "orig_pkts", "resp_pkts"):
        if len(df) and not str(df[col].dtype).startswith("int"):
            fail(path, f"column {col} is {df[col].dtype}")
    records = list(read_zeek(path))
    if len(records) != len(objs):
        fail(path, f"parsezeeklogs read {len(records)} records of {len(objs)}")
    for rec, obj in zip(records, objs):
        if rec.get("uid") != obj["uid"] or rec.get("id.orig_h") != obj["id.orig_h"]:
            fail(path, f"record {obj['uid']} read as {rec}")
    return len(lines)


def main():
    form, logs = sys.argv[1], sys.argv[2:]
    check = check_tsv if form == "tsv" else check_json
    for path in logs:
        print(f"ok {path}: {check(path)} rows")


if __name__ == "__main__":
    main()
