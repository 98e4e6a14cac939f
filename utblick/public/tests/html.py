"""A small HTML reader for the tests: headings, scripts, landmarks, text by element id."""

import json
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs) in document order
        self.headings = []  # (level, text)
        self.scripts = []  # (attrs, text)
        self.by_id = {}  # id -> text inside the element
        self.by_class = {}  # class -> [text inside each element with that class]
        self._open = []  # [tag, attrs, text parts]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self._open.append([tag, attrs, []])

    def handle_endtag(self, tag):
        while self._open:
            open_tag, attrs, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if self._open:
                self._open[-1][2].append("".join(parts))
            if open_tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self.headings.append((int(open_tag[1]), text))
            if open_tag == "script":
                self.scripts.append((attrs, "".join(parts)))
            if "id" in attrs:
                self.by_id[attrs["id"]] = text
            for name in (attrs.get("class") or "").split():
                self.by_class.setdefault(name, []).append(text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    # Queries ----------------------------------------------------------------------------

    def all(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        ]

    def h1(self):
        return [text for level, text in self.headings if level == 1]

    def json_ld(self):
        """The parsed JSON-LD blocks (raises if one is not valid JSON)."""
        return [
            json.loads(text)
            for attrs, text in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]

    def json_ld_nodes(self, type_):
        nodes = []
        for block in self.json_ld():
            nodes += [node for node in block.get("@graph", [block]) if node.get("@type") == type_]
        return nodes

    def hrefs(self):
        return [attrs.get("href") for attrs in self.all("a")]


def page(response):
    return Page(response.content.decode())
