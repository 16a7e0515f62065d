"""Regenerate the generated data files from pycountry and CLDR (via babel):

* `data/countries_generated.json` — every ISO 3166-1 country's name in English
  (pycountry) and in Russian, Uzbek (Latin and Cyrillic), Kazakh, Azerbaijani and
  Turkish (CLDR territory names);
* `data/months_generated.json` — month names (wide and abbreviated, format and
  stand-alone forms) in the same languages;
* `data/calendar_other.json` — month and weekday names (wide forms) in other languages
  news pages come in (Spanish, German, Indonesian, …), so that a page qidir does not
  analyse still gets its date (abbreviations are left out there: "ago", "mar", "set"
  are words too).

Run `python -m qidir.search.ingest.metadata.build_data` after upgrading pycountry or babel.
The product reads only the generated JSON (plus the hand-written
`data/countries_extra.tsv` and the case forms in `dates.py`), so babel is needed to
rebuild the data, not to run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: Output language key -> CLDR locale.
LOCALES = {
    "ru": "ru",
    "uz": "uz",
    "uz-Cyrl": "uz_Cyrl",
    "kk": "kk",
    "az": "az",
    "tr": "tr",
    "en": "en",
}

#: Other languages whose calendar words are generated (CLDR locales).
OTHER_LOCALES = (
    "es pt fr de it nl id ms ro sq lv lt et hu pl cs sk sl hr sr_Latn bs uk be bg mk "
    "sv da nb fi ca gl eu hy ka el tk ky tg ar fa ur"
).split()

OUT = Path(__file__).with_name("data") / "countries_generated.json"
CALENDAR_OUT = Path(__file__).with_name("data") / "calendar_other.json"
MONTHS_OUT = Path(__file__).with_name("data") / "months_generated.json"


def _variants(name: str) -> list[str]:
    """A CLDR/pycountry name and its usable shorter forms.

    "Congo - Kinshasa" → also "Congo"; "Iran, Islamic Republic of" → "Iran";
    "Гонконг (САР)" → "Гонконг".
    """
    name = name.replace("’", "'").strip()
    out = [name]
    base = re.split(r"\s+[-–]\s+|\s*\(|,\s*", name)[0].strip()
    if base and base != name:
        out.append(base)
    return [v for v in out if len(v) >= 2]


def build() -> dict[str, dict[str, list[str]]]:
    import pycountry
    from babel import Locale

    locales = {key: Locale.parse(loc) for key, loc in LOCALES.items()}
    data: dict[str, dict[str, list[str]]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names: dict[str, list[str]] = {}
        english = [country.name]
        for attr in ("common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                english.append(value)
        forms: list[str] = []
        for name in english:
            forms.extend(_variants(name))
        for key, locale in locales.items():
            value = locale.territories.get(code)
            if value:
                more = _variants(value)
                if key == "en":
                    forms.extend(more)
                else:
                    names[key] = sorted(set(more))
        names["en"] = sorted(set(forms))
        data[code] = names
    return data


def build_months() -> dict[str, dict[str, int]]:
    """Language -> {month name as CLDR writes it (no trailing dot): month number}."""
    from babel import Locale

    out: dict[str, dict[str, int]] = {}
    for key, loc in LOCALES.items():
        names: dict[str, int] = {}
        months = Locale.parse(loc).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    name = name.strip().rstrip(".")
                    if len(name) >= 3 and not name.isdigit():
                        names.setdefault(name.casefold(), number)
        out[key] = dict(sorted(names.items(), key=lambda kv: (kv[1], kv[0])))
    return out


def build_other_calendars() -> dict[str, dict[str, dict[str, int]]]:
    """Locale -> {"months": {wide name: month}, "abbreviated": {abbreviation: month},
    "weekdays": {wide name: 1-7}}."""
    from babel import Locale

    out: dict[str, dict[str, dict[str, int]]] = {}
    for loc in OTHER_LOCALES:
        locale = Locale.parse(loc)
        months: dict[str, int] = {}
        short: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width, table in (("wide", months), ("abbreviated", short)):
                for number, name in locale.months[context][width].items():
                    name = name.strip().rstrip(".").casefold()
                    if len(name) >= 3 and not name.isdigit():
                        table.setdefault(name, number)
            for number, name in locale.days[context]["wide"].items():
                name = name.strip().rstrip(".").casefold()
                if len(name) >= 3:
                    weekdays.setdefault(name, number + 1)
        short = {name: n for name, n in short.items() if name not in months}
        out[loc] = {
            "months": dict(sorted(months.items(), key=lambda kv: (kv[1], kv[0]))),
            # ("02 Ago 2017", "7 janv. 2019": read only in a date with its year)
            "abbreviated": dict(sorted(short.items(), key=lambda kv: (kv[1], kv[0]))),
            "weekdays": dict(sorted(weekdays.items(), key=lambda kv: (kv[1], kv[0]))),
        }
    return out


def _write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def main() -> None:
    data = build()
    _write(OUT, data)
    print(f"wrote {len(data)} countries to {OUT}")
    months = build_months()
    _write(MONTHS_OUT, months)
    print(f"wrote month names for {len(months)} languages to {MONTHS_OUT}")
    other = build_other_calendars()
    _write(CALENDAR_OUT, other)
    print(f"wrote month and weekday names for {len(other)} more languages to {CALENDAR_OUT}")


if __name__ == "__main__":
    main()
