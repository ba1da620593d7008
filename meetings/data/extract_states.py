"""Copy the UN names of States from the shared country-codes.csv into meetings/data/states.csv.

Run once when the source is updated:
    python -m meetings.data.extract_states ../shared/data/country-codes.csv
The service never reads the shared folder at run time.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

LANGS = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
         "es": "Spanish"}
# Member States whose UNTERM columns the source leaves empty; corrected in state_corrections.csv.
GAPS = {"TUR", "CIV"}


def main(source: str) -> None:
    out = Path(__file__).resolve().parent / "states.csv"
    with open(source, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = ["iso3", "iso2", "m49", "un_status"]
    for lang in LANGS:
        columns += [f"short_{lang}", f"formal_{lang}"]
    kept = []
    for row in rows:
        iso3 = row["ISO3166-1-Alpha-3"]
        short_en = row["UNTERM English Short"].strip()
        if short_en.endswith("**"):  # Cook Islands, Niue: not Member States
            continue
        if not short_en and iso3 not in GAPS:
            continue
        record = {
            "iso3": iso3,
            "iso2": row["ISO3166-1-Alpha-2"],
            "m49": row["M49"].zfill(3),
            "un_status": "observer_state" if short_en.endswith("*") else "member_state",
        }
        for lang, column in LANGS.items():
            record[f"short_{lang}"] = row[f"UNTERM {column} Short"].rstrip(" *")
            record[f"formal_{lang}"] = row[f"UNTERM {column} Formal"].rstrip(" *")
        kept.append(record)
    kept.sort(key=lambda r: r["iso3"])
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    print(f"{len(kept)} States written to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/country-codes.csv")
