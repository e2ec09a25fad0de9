"""Where a value sits in a dataset's TOML text: the line numbers error
messages name. tomllib gives values but no positions, so one pass over the
text tracks what TOML would (tables, keys, multi-line strings and arrays).
"""

from __future__ import annotations

import re

# The TOML a line finder needs to see: table headers ([x], [[x]], ["x".y]),
# the first part of a key (bare or quoted), and what opens or closes strings,
# arrays, inline tables and comments.
_TABLE = re.compile(r"\s*\[(\[?)(.*?)\](\]?)\s*(?:#.*)?$")
_PART = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([A-Za-z0-9_-]+)")
_KEY = re.compile(r"\s*(?:([A-Za-z0-9_-]+)|\"((?:[^\"\\]|\\.)*)\"|'([^']*)')\s*[=.]")
_TOKEN = re.compile(r"\"\"\"|'''|\"(?:[^\"\\]|\\.)*\"|'[^']*'|[#\[\]{}]")
_ML_END = {
    '"""': re.compile(r'(?:[^"\\]|\\.?|"(?!""))*"""(?:""?)?'),
    "'''": re.compile(r"(?:[^']|'(?!''))*'''(?:''?)?"),
}


class Lines:
    """Finds the line of the n-th `[[table]]` and of a key inside it.

    One pass over the text, which tracks what TOML would: multi-line strings
    and arrays (a header-looking line inside them is text, not a header),
    quoted headers (`[["treatments"]]`) and sub-tables of the current entry
    (`[treatments.administration]`, `[[treatments.monitoring]]`), which
    belong to it instead of starting a new one; a sub-table's header is the
    line of its name and its keys are found as `administration.route`.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.blocks: dict[str, list[int]] = {"treatments": [], "sources": [], "symptoms": [], "changes": []}
        self.keys: dict[int, dict[str, int]] = {}  # block start -> key -> line
        self.top: dict[str, int] = {}  # root keys and the first header of each top-level name
        keys: dict[str, int] | None = self.top  # where the keys met now belong
        current = prefix = ""
        mode = ""  # inside a multi-line string: its delimiter
        depth = 0  # inside a multi-line array or inline table
        for number, line in enumerate(self.lines):
            pos = 0
            if mode:
                end = _ML_END[mode].match(line)
                if end is None:
                    continue
                mode, pos = "", end.end()
            elif depth == 0:
                header = _TABLE.match(line)
                if header:
                    parts = [a or b or c for a, b, c in _PART.findall(header.group(2))]
                    name = parts[0] if parts else ""
                    self.top.setdefault(name, number + 1)
                    if keys is not None and name == current and len(parts) > 1:
                        prefix = ".".join(parts[1:])
                        keys.setdefault(prefix, number + 1)
                        prefix += "."
                        continue
                    current = prefix = ""
                    keys = None
                    if header.group(1) and header.group(3) and len(parts) == 1 and name in self.blocks:
                        self.blocks[name].append(number)
                        current, keys = name, {}
                        self.keys[number] = keys
                    continue
                key = _KEY.match(line)
                if key and keys is not None:
                    keys.setdefault(prefix + (key.group(1) or key.group(2) or key.group(3)), number + 1)
            if not (pos or depth or "[" in line or "{" in line or '"""' in line or "'''" in line):
                continue
            while True:
                if mode:
                    end = _ML_END[mode].match(line, pos)
                    if end is None:
                        break
                    mode, pos = "", end.end()
                token = _TOKEN.search(line, pos)
                if token is None:
                    break
                found, pos = token.group(), token.end()
                if found in _ML_END:
                    mode = found
                elif found == "#":
                    break
                elif found in ("[", "{"):
                    depth += 1
                elif found in ("]", "}"):
                    depth = max(depth - 1, 0)

    def of(self, table: str, index: int, key: str | None = None) -> int | None:
        starts = self.blocks[table]
        if index >= len(starts):
            return None
        start = starts[index]
        if key is None:
            return start + 1
        return self.keys[start].get(key, start + 1)


TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")


def nested_line(lines: Lines, index: int, path: tuple[str | int, ...]) -> int | None:
    """The line of a value inside a treatment's sub-tables (e.g. administration.products[1].brand).

    Looks for the sub-table's header (`[treatments.pregnancy]`, the n-th
    `[[treatments.monitoring]]`) within the treatment's block, then for the
    key below it; falls back to the block's top-level key (an inline table),
    then to the block's first line.
    """
    start = lines.of("treatments", index)
    if start is None:
        return None
    fallback = lines.of("treatments", index, str(path[0]))
    names = [p for p in path if isinstance(p, str)]
    key = names.pop() if len(names) > 1 and isinstance(path[-1], str) else None
    numbers = [p for p in path if isinstance(p, int)]
    wanted, nth = "treatments." + ".".join(names), (numbers[-1] if numbers else 0)
    header = None
    begins = {n + 1 for starts in lines.blocks.values() for n in starts}  # 1-based, like `start`
    for number in range(start, len(lines.lines)):
        text = lines.lines[number]
        if number + 1 in begins:
            break  # the next [[treatments]], [[sources]] or [[symptoms]]
        m = TABLE_HEADER.match(text)
        if header is None:
            if m and m.group(1).replace(" ", "") == wanted:
                if nth == 0:
                    header = number
                    if key is None:
                        return number + 1
                nth -= 1
        elif m:
            break  # the end of the sub-table
        else:
            km = _KEY.match(text)
            if km and km.group(1) == key:
                return number + 1
    return header + 1 if header is not None else fallback
