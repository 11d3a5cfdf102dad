#!/usr/bin/python3
"""Reads every feed file in a folder with Debian's python3-feedparser and prints what it found, as JSON:
{file: {"bozo": bool, "title": str, "items": [{"title", "link", "date"}]}} (date in UTC, ISO 8601, or null).
Herald's differential test compares its own reading of the same files with this."""
import calendar, datetime, json, os, sys
import feedparser

folder = sys.argv[1]
out = {}
for name in sorted(os.listdir(folder)):
    if name.endswith(".json"):
        continue  # feedparser 6.0 does not read JSON Feed (nor the expected files)
    parsed = feedparser.parse(os.path.join(folder, name))
    items = []
    for entry in parsed.entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
        date = datetime.datetime.fromtimestamp(calendar.timegm(when), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if when else None
        items.append({"title": entry.get("title"), "link": entry.get("link"), "date": date})
    out[name] = {"bozo": bool(parsed.bozo), "title": parsed.feed.get("title"), "items": items}
json.dump(out, sys.stdout, ensure_ascii=False)
