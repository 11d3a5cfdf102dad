#!/usr/bin/env python3
"""Writes Herald's feed corpus: feed files in the shapes real feeds take (written here, copied from nowhere), each
beside the items a reader should get from it (<name>.expected.json: title, link, date in UTC or null).

The expected values come from the data this script starts from, never from running Herald or any parser; a shape
that changes what a reader should see (a non-permalink guid, a self link) says so in its expected file.
Run it again only to change the corpus:  python3 tests/Corpus/make_feeds.py
"""
import base64, datetime as dt, html, json, os, random

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "feeds")
rng = random.Random(20261126)
UTC = dt.timezone.utc

SUBJECTS = ["Senate", "House panel", "White House", "Treasury", "Court", "Governor", "Mayor", "Pentagon", "Commerce Department", "State Department"]
VERBS = ["approves", "delays", "rejects", "weighs", "announces", "questions", "backs", "blocks"]
OBJECTS = ["spending bill", "tariff pause", "bridge grants", "nominee", "budget deal", "border plan", "rail contract", "vaccine rule"]

def stories(n, site):
    out = []
    for i in range(n):
        when = dt.datetime(2026, 11, 20, 6, 0, tzinfo=UTC) + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 5))
        title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({site} {i + 1})"
        out.append({"title": title, "link": f"https://{site}.example/2026/11/story-{i + 1}", "date": when})
    return out

def iso(d): return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

def rfc822(d, style):
    z = {"gmt": (0, "GMT"), "est": (-5, "EST"), "edt": (-4, "EDT"), "pst": (-8, "PST"), "num": (-5, "-0500"), "plus": (1, "+0100"), "ut": (0, "UT")}[style]
    local = d.astimezone(dt.timezone(dt.timedelta(hours=z[0])))
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + z[1]

def expected(items, fmt, title, **overrides):
    rows = []
    for it in items:
        if it.get("skip"):
            continue
        rows.append({"title": it.get("expected_title", it["title"]), "link": it.get("expected_link", it["link"]),
                     "date": None if it.get("undated") else iso(it["date"])})
    return {"format": fmt, "title": title, "items": rows, **overrides}

def write(cls, n, content, exp, binary=False):
    name = f"{cls}-{n:02d}"
    path = os.path.join(HERE, name + (".json" if exp["format"] == "JsonFeed" else ".xml"))
    with open(path, "wb") as f:
        f.write(content if binary else content.encode("utf-8"))
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, indent=1, ensure_ascii=False)
        f.write("\n")

def rss_item(it, date_text=None, extra=""):
    date = "" if it.get("undated") else f"<pubDate>{date_text or rfc822(it['date'], 'gmt')}</pubDate>"
    return f"<item><title>{html.escape(it['title'], quote=False)}</title><link>{html.escape(it['link'])}</link>{date}<description>&lt;p&gt;{html.escape(it['title'])} in detail.&lt;/p&gt;</description>{extra}</item>"

def rss(title, body, version="2.0", head='<?xml version="1.0" encoding="utf-8"?>\n', ns=""):
    return f'{head}<rss version="{version}"{ns}><channel><title>{html.escape(title)}</title><link>https://site.example/</link><description>d</description>\n{body}\n</channel></rss>\n'

def main():
    os.makedirs(HERE, exist_ok=True)
    for f in os.listdir(HERE):
        os.remove(os.path.join(HERE, f))
    styles = ["gmt", "est", "edt", "pst", "num", "plus", "ut", "gmt"]

    # 1. RSS 2.0, clean, each file another RFC 822 style.
    for n, style in enumerate(styles, 1):
        items = stories(3, f"wire{n}")
        write("rss20-clean", n, rss(f"Wire {n}", "\n".join(rss_item(it, rfc822(it["date"], style)) for it in items)), expected(items, "Rss_2_0", f"Wire {n}"))

    # 2. RSS 0.91 with Netscape's DOCTYPE (no internal subset).
    for n in range(1, 9):
        items = stories(2, f"old{n}")
        head = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        write("rss091-doctype", n, rss(f"Old {n}", "\n".join(rss_item(it) for it in items), "0.91", head), expected(items, "Rss_0_91", f"Old {n}"))

    # 3. RSS 1.0 (RDF), dated by dc:date.
    for n in range(1, 9):
        items = stories(3, f"rdf{n}")
        body = "".join(f'<item rdf:about="{it["link"]}"><title>{html.escape(it["title"], quote=False)}</title><link>{it["link"]}</link><dc:date>{iso(it["date"]) if n % 2 else it["date"].astimezone(dt.timezone(dt.timedelta(hours=-5))).isoformat()}</dc:date></item>' for it in items)
        doc = f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://rdf{n}.example/"><title>RDF {n}</title><link>https://rdf{n}.example/</link><description>d</description></channel>{body}</rdf:RDF>\n'
        write("rss10-rdf", n, doc, expected(items, "Rss_1_0", f"RDF {n}"))

    # 4. Atom 1.0, half the files dated by <updated> only.
    for n in range(1, 9):
        items = stories(3, f"atom{n}")
        tag = "published" if n <= 4 else "updated"
        body = "".join(f'<entry><title>{html.escape(it["title"], quote=False)}</title><link rel="alternate" type="text/html" href="{it["link"]}"/><id>tag:atom{n}.example,2026:{i}</id><{tag}>{iso(it["date"])}</{tag}><summary>s</summary></entry>' for i, it in enumerate(items))
        write("atom10", n, f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom {n}</title><link rel="self" href="https://atom{n}.example/feed"/><id>tag:atom{n}.example,2026:feed</id><updated>2026-11-25T00:00:00Z</updated>{body}</feed>\n', expected(items, "Atom", f"Atom {n}"))

    # 5. Atom 0.3: issued dates, base64 and escaped titles.
    for n in range(1, 9):
        items = stories(2, f"atom03-{n}")
        def t(it, i):
            if i == 0:
                return f'<title mode="base64" type="text/plain">{base64.b64encode(it["title"].encode()).decode()}</title>'
            return f'<title mode="escaped" type="text/html">{html.escape("<b>" + html.escape(it["title"], quote=False) + "</b>", quote=False)}</title>'
        body = "".join(f'<entry>{t(it, i)}<link rel="alternate" type="text/html" href="{it["link"]}"/><id>tag:x,2026:{i}</id><issued>{iso(it["date"])}</issued><modified>{iso(it["date"])}</modified></entry>' for i, it in enumerate(items))
        write("atom03", n, f'<?xml version="1.0" encoding="utf-8"?>\n<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Atom03 {n}</title><link rel="alternate" type="text/html" href="https://atom03-{n}.example/"/><modified>2026-11-25T00:00:00Z</modified>{body}</feed>\n', expected(items, "Atom_0_3", f"Atom03 {n}"))

    # 6. JSON Feed 1.1.
    for n in range(1, 9):
        items = stories(3, f"json{n}")
        doc = {"version": "https://jsonfeed.org/version/1.1", "title": f"Json {n}", "home_page_url": f"https://json{n}.example/",
               "items": [{"id": str(i), "url": it["link"], "title": it["title"], "content_html": "<p>x</p>", "date_published": iso(it["date"])} for i, it in enumerate(items)]}
        write("jsonfeed", n, json.dumps(doc, indent=1) + "\n", expected(items, "JsonFeed", f"Json {n}"))

    # 7. HTML named entities the XML never declared.
    ents = [("&eacute;", "é"), ("&nbsp;", "\u00a0"), ("&mdash;", "—"), ("&rsquo;", "’"), ("&hellip;", "…"), ("&copy;", "©"), ("&uuml;", "ü"), ("&ndash;", "–")]
    for n, (ent, ch) in enumerate(ents, 1):
        items = stories(2, f"ent{n}")
        body = ""
        for it in items:
            raw = it["title"].replace(" (", f" {ent} (", 1)
            it["expected_title"] = " ".join(it["title"].replace(" (", f" {ch} (", 1).replace("\u00a0", " ").split())
            body += f"<item><title>{raw}</title><link>{it['link']}</link><pubDate>{rfc822(it['date'], 'gmt')}</pubDate><description>Caf{ent} notes</description></item>"
        write("entities", n, rss(f"Entities {n}", body), expected(items, "Rss_2_0", f"Entities {n}"))

    # 8. A raw & in links and titles.
    for n in range(1, 9):
        items = stories(2, f"amp{n}")
        body = ""
        for it in items:
            it["link"] = it["link"] + "?from=rss&id=" + str(n)
            it["title"] = it["title"].replace(" (", " & Co (", 1)
            body += f"<item><title>{it['title']}</title><link>{it['link']}</link><pubDate>{rfc822(it['date'], 'num')}</pubDate></item>"
        write("raw-ampersand", n, rss(f"Amp {n}", body), expected(items, "Rss_2_0", f"Amp {n}"))

    # 9. Junk before the XML declaration.
    junks = ["\n\n", "\n \n\t\n", "Warning: session_start(): headers already sent in /var/www/feed.php on line 2\n", "\ufeff\n", "<br />\n<b>Notice</b>: Undefined index: page in <b>/srv/rss.php</b> on line <b>9</b><br />\n", "   ", "\r\n\r\n", "Deprecated: function is deprecated\n\n"]
    for n, junk in enumerate(junks, 1):
        items = stories(2, f"junk{n}")
        write("junk-before", n, junk + rss(f"Junk {n}", "\n".join(rss_item(it) for it in items)), expected(items, "Rss_2_0", f"Junk {n}"))

    # 10. RSS with no <channel>.
    for n in range(1, 9):
        items = stories(2, f"nochan{n}")
        write("no-channel", n, f'<?xml version="1.0"?>\n<rss version="2.0"><title>NoChan {n}</title><link>https://nochan{n}.example/</link>{"".join(rss_item(it) for it in items)}</rss>\n', expected(items, "Rss_2_0", f"NoChan {n}"))

    # 11. Namespace prefixes and no default namespace.
    for n in range(1, 9):
        items = stories(2, f"prefix{n}")
        body = "".join(f"<r:item><r:title>{html.escape(it['title'], quote=False)}</r:title><r:link>{it['link']}</r:link><r:pubDate>{rfc822(it['date'], 'gmt')}</r:pubDate></r:item>" for it in items)
        write("prefixed", n, f'<?xml version="1.0"?>\n<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>Prefixed {n}</r:title><r:link>https://prefix{n}.example/</r:link>{body}</r:channel></r:rss>\n', expected(items, "Rss_2_0", f"Prefixed {n}"))

    # 12. Link shapes: permalink guid, non-permalink guid (no article link: left out), alternate among self/related/enclosure.
    for n in range(1, 9):
        items = stories(3, f"links{n}")
        a, b, c = items
        b["skip"] = True
        body = (f"<item><title>{a['title']}</title><guid>{a['link']}</guid><pubDate>{rfc822(a['date'], 'gmt')}</pubDate></item>"
                f"<item><title>{b['title']}</title><guid isPermaLink=\"false\">{b['link']}</guid><pubDate>{rfc822(b['date'], 'gmt')}</pubDate></item>"
                f"<item><title>{c['title']}</title><link>{c['link']}</link><guid isPermaLink=\"false\">tag:links{n},{n}</guid><pubDate>{rfc822(c['date'], 'gmt')}</pubDate></item>")
        write("links-rss", n, rss(f"Links {n}", body), expected(items, "Rss_2_0", f"Links {n}"))
    for n in range(1, 9):
        items = stories(3, f"atomlinks{n}")
        a, b, c = items
        c["skip"] = True
        body = (f'<entry><title>{a["title"]}</title><id>urn:a{n}</id><link rel="self" href="https://api.example/{n}/a"/><link rel="related" href="https://other.example/{n}"/><link rel="alternate" type="text/html" href="{a["link"]}"/><updated>{iso(a["date"])}</updated></entry>'
                f'<entry><title>{b["title"]}</title><id>urn:b{n}</id><link rel="enclosure" type="audio/mpeg" href="https://cdn.example/{n}.mp3"/><link href="{b["link"]}"/><updated>{iso(b["date"])}</updated></entry>'
                f'<entry><title>{c["title"]}</title><id>{c["link"]}</id><link rel="self" href="https://api.example/{n}/c"/><updated>{iso(c["date"])}</updated></entry>')
        write("links-atom", n, f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>AtomLinks {n}</title><id>urn:f{n}</id><updated>2026-11-25T00:00:00Z</updated>{body}</feed>\n', expected(items, "Atom", f"AtomLinks {n}"))

    # 13. Dated by Dublin Core terms, or not dated at all.
    tags = ["dc:date", "dcterms:issued", "dcterms:created", "dcterms:modified", "dc:date", "dcterms:issued", "none", "none"]
    for n, tag in enumerate(tags, 1):
        items = stories(2, f"dc{n}")
        body = ""
        for it in items:
            if tag == "none":
                it["undated"] = True
                d = ""
            else:
                d = f"<{tag}>{iso(it['date'])}</{tag}>"
            body += f"<item><title>{html.escape(it['title'], quote=False)}</title><link>{it['link']}</link>{d}</item>"
        write("dublin-core", n, rss(f"DC {n}", body, ns=' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'), expected(items, "Rss_2_0", f"DC {n}"))

    # 14. ISO 8601 variants in Atom.
    variants = [lambda d: iso(d), lambda d: d.strftime("%Y-%m-%dT%H:%M:%S+00:00"), lambda d: d.astimezone(dt.timezone(dt.timedelta(hours=-5))).strftime("%Y-%m-%dT%H:%M:%S-05:00"),
                lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.000Z"), lambda d: d.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30))).strftime("%Y-%m-%dT%H:%M:%S+05:30"),
                lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.123456Z"), lambda d: d.astimezone(dt.timezone(dt.timedelta(hours=9))).strftime("%Y-%m-%dT%H:%M:%S+09:00"), lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")]
    for n, v in enumerate(variants, 1):
        items = stories(2, f"iso{n}")
        for it in items:
            it["date"] = it["date"].replace(second=0)
        body = "".join(f'<entry><title>{html.escape(it["title"], quote=False)}</title><link href="{it["link"]}"/><id>urn:{i}</id><published>{v(it["date"])}</published></entry>' for i, it in enumerate(items))
        exp = expected(items, "Atom", f"ISO {n}")
        if n == 6:
            for row, it in zip(exp["items"], items):
                row["date"] = iso(it["date"])  # fractional .123456 s: the expected instant is the whole second (compared to the second)
        write("iso-dates", n, f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>ISO {n}</title><id>urn:iso{n}</id><updated>2026-11-25T00:00:00Z</updated>{body}</feed>\n', exp)

    # 15. Relative links against xml:base or the feed's site.
    for n in range(1, 9):
        items = stories(2, f"base{n}")
        body = "".join(f'<entry><title>{html.escape(it["title"], quote=False)}</title><link href="{it["link"].split(".example", 1)[1]}"/><id>urn:{i}</id><updated>{iso(it["date"])}</updated></entry>' for i, it in enumerate(items))
        write("xml-base", n, f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base{n}.example/"><title>Base {n}</title><id>urn:b{n}</id><updated>2026-11-25T00:00:00Z</updated>{body}</feed>\n', expected(items, "Atom", f"Base {n}"))

    # 16. CDATA titles and content with markup and scripts.
    for n in range(1, 9):
        items = stories(2, f"cdata{n}")
        body = "".join(f"<item><title><![CDATA[{it['title']}]]></title><link>{it['link']}</link><pubDate>{rfc822(it['date'], 'est')}</pubDate><description><![CDATA[<p>Text &nbsp; with <b>markup</b> & a raw ampersand.</p><script>alert('x')</script>]]></description></item>" for it in items)
        write("cdata", n, rss(f"CDATA {n}", body), expected(items, "Rss_2_0", f"CDATA {n}"))

main()
