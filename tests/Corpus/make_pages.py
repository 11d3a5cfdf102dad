#!/usr/bin/env python3
"""Writes Herald's page corpus: article pages in the shapes real sites give them (written here, copied from nowhere),
each beside the text a reader should get (<name>.expected.txt: the article's paragraphs, in order). The expected text
comes from the data this script starts from, never from running an extractor.
Run it again only to change the corpus:  python3 tests/Corpus/make_pages.py
"""
import html, os, random

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")
rng = random.Random(20261126)
WHO = ["Senate leaders", "The governor", "House Republicans", "The Treasury secretary", "City officials", "The court", "Union negotiators", "State regulators"]
DID = ["agreed on a plan to", "voted to", "moved to", "declined to", "asked Congress to", "promised to"]
WHAT = ["fund the bridge repairs", "delay the tariff increase", "expand the rural clinics", "cut the backlog of visa cases", "reopen the shipping lanes", "raise the pay of new teachers"]
WHEN = ["on Tuesday", "late Monday", "this week", "after a long debate", "before the holiday", "in a closed session"]
MORE = ["The decision follows months of talks between the two sides.", "Critics said the plan leaves too many questions unanswered.", "Supporters called it the most important change in a decade.",
        "A final vote is expected before the end of the month.", "The cost was estimated at $2.4bn over five years.", "Officials said the first money could arrive by spring.",
        "Several members said they had not seen the final text.", "The agency will publish its guidance next week.", "Local leaders welcomed the news but warned of delays."]

def paragraphs(n):
    out = []
    for i in range(n):
        first = f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} {rng.choice(WHEN)}."
        out.append(" ".join([first] + rng.sample(MORE, 2)))
    return out

def title():
    return f"{rng.choice(WHO)} {rng.choice(DID).split(' to')[0]} to {rng.choice(WHAT)}"

def chrome(site, body, head_title):
    return f"""<!DOCTYPE html>
<!-- herald-test: the page was fetched from https://{site}.example/2026/11/story -->
<html><head><meta charset="utf-8"><title>{html.escape(head_title)} | {site.title()}</title></head>
<body>
<header><a class="logo" href="/">{site.title()}</a><nav><ul><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
{body}
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Budget talks stall again</a></li><li><a href="/b">What the vote means</a></li><li><a href="/c">Five takeaways</a></li></ul></aside>
<footer><p>&copy; 2026 {site.title()}. All rights reserved.</p><p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer>
</body></html>
"""

def esc(t): return html.escape(t, quote=False)

def write(shape, n, page, expected):
    name = f"{shape}-{n:02d}"
    with open(os.path.join(HERE, name + ".html"), "w", encoding="utf-8") as f:
        f.write(page)
    with open(os.path.join(HERE, name + ".expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(expected) + "\n")

def main():
    os.makedirs(HERE, exist_ok=True)
    for f in os.listdir(HERE):
        os.remove(os.path.join(HERE, f))
    for n in range(1, 4):
        t, ps = title(), paragraphs(5)
        body = f'<article><h1>{esc(t)}</h1><div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>' + "".join(f"<p>{esc(p)}</p>" for p in ps) + "</article>"
        write("news-article", n, chrome(f"daily{n}", body, t), ps)
    for n in range(1, 4):
        t, ps = title(), paragraphs(4)
        post = "<br>\n<br>\n".join(esc(p) for p in ps)
        body = f'<div class="widget Blog" id="Blog1"><div class="post hentry"><h3 class="post-title">{esc(t)}</h3><div class="post-body" id="post-body-{n}">{post}</div></div></div><div class="widget PopularPosts"><h2>Popular Posts</h2><ul><li><a href="/x">Older post</a></li></ul></div>'
        write("blog-br", n, chrome(f"notebook{n}", body, t), ps)
    for n in range(1, 4):
        t, ps = title(), paragraphs(4)
        body = f'<div id="content"><h1 class="entry-title">{esc(t)}</h1><div class="entry-content">' + "".join(f"<p>{esc(p)}</p>" for p in ps) + '<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li></ul></div></div><div id="comments" class="comments-area"><h2>3 comments</h2><p>Great post, thanks for writing it.</p></div></div>'
        write("wordpress-entry", n, chrome(f"press{n}", body, t), ps)
    for n in range(1, 4):
        t, ps = title(), paragraphs(2)
        rows = [(str(2020 + i), rng.choice(WHO), f"${rng.randint(1, 90)}m") for i in range(5)]
        table = "<table><thead><tr><th>Year</th><th>Sponsor</th><th>Amount</th></tr></thead><tbody>" + "".join(f"<tr><td>{a}</td><td>{esc(b)}</td><td>{c}</td></tr>" for a, b, c in rows) + "</tbody></table>"
        body = f"<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p>{table}<p>{esc(ps[1])}</p></article>"
        write("table", n, chrome(f"ledger{n}", body, t), [ps[0], "Year | Sponsor | Amount"] + [" | ".join(r) for r in rows] + [ps[1]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(2)
        terms = [("Quorum", "The number of members who must be present for a vote to count."), ("Cloture", "A vote to end debate, which needs sixty senators."), ("Markup", "The session in which a committee amends a bill line by line.")]
        dl = "<dl>" + "".join(f"<dt>{a}</dt><dd>{b}</dd>" for a, b in terms) + "</dl>"
        body = f"<main><article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p>{dl}<p>{esc(ps[1])}</p></article></main>"
        write("definition-list", n, chrome(f"explainer{n}", body, t), [ps[0]] + [x for pair in terms for x in pair] + [ps[1]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(2)
        lst = "<ul><li>The plan has three parts:<ul><li>New money for repairs.</li><li>A faster permit process.</li></ul></li><li>It takes effect in January.</li></ul>"
        body = f"<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p>{lst}<p>{esc(ps[1])}</p></article>"
        write("nested-list", n, chrome(f"brief{n}", body, t), [ps[0], "The plan has three parts:", "New money for repairs.", "A faster permit process.", "It takes effect in January.", ps[1]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(3)
        caption = f"Members leave the chamber after the vote {rng.choice(WHEN)}."
        body = f'<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p><figure><img src="/photo.jpg" alt=""><figcaption>{esc(caption)}</figcaption></figure><p>{esc(ps[1])}</p><p>{esc(ps[2])}</p></article>'
        write("figure-caption", n, chrome(f"capitol{n}", body, t), [ps[0], caption, ps[1], ps[2]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(2)
        items = ["A new dashboard for tracking votes", "Alerts when a bill moves", "An export of every sponsor"]
        body = f'<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p><p>The update brings:</p><ul>' + "".join(f'<li><a href="/docs/{i}">{x}</a></li>' for i, x in enumerate(items)) + f"</ul><p>{esc(ps[1])}</p></article>"
        write("introduced-list", n, chrome(f"tracker{n}", body, t), [ps[0], "The update brings:"] + items + [ps[1]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(3)
        body = f'<div class="story"><h1>{esc(t)}</h1><div class="story-text">{esc(ps[0])}<p>{esc(ps[1])}</p>{esc(ps[2])}</div></div>'
        write("loose-text", n, chrome(f"wire{n}", body, t), ps)
    for n in range(1, 4):
        t, ps = title(), paragraphs(3)
        points = [f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)}.", f"{rng.choice(MORE)}"]
        body = f'<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p><h2>Highlights</h2><p>{esc(points[0])}</p><p>{esc(points[1])}</p><p>{esc(ps[1])}</p><p>{esc(ps[2])}</p></article>'
        write("highlights-inside", n, chrome(f"gazette{n}", body, t), [ps[0], points[0], points[1], ps[1], ps[2]])
    for n in range(1, 4):
        t, ps = title(), paragraphs(3)
        caption = f"The committee chair speaks to reporters {rng.choice(WHEN)}."
        body = f'<article><h1>{esc(t)}</h1><p>{esc(ps[0])}</p><div class="widget image-widget"><figure><img src="/p.jpg" alt=""><figcaption>{esc(caption)}</figcaption></figure></div><p>{esc(ps[1])}</p><p>{esc(ps[2])}</p></article>'
        write("caption-in-widget", n, chrome(f"herald{n}", body, t), [ps[0], caption, ps[1], ps[2]])
    # The rest of the story in a block a script reveals ("Continue reading"): hidden by a class, or by the attribute.
    for n, hider in enumerate(['class="hide-on-init"', 'class="js-hidden collapsed"', 'class="more" hidden'], start=1):
        t, ps = title(), paragraphs(12)
        body = (f'<article><h1>{esc(t)}</h1><div class="article-body">' + "".join(f"<p>{esc(p)}</p>" for p in ps[:3])
                + '<button class="read-more" type="button">Continue reading</button>'
                + f"<div {hider}>" + "".join(f"<p>{esc(p)}</p>" for p in ps[3:]) + "</div></div></article>")
        write("hidden-continuation", n, chrome(f"courier{n}", body, t), ps)

main()
