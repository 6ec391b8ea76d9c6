#!/usr/bin/env python3
"""check-layers.py SOURCE_DIR BUILD_DIR: the house rules DESIGN.md states, checked.

1. No source file (.c, .h) over MAX_LINES lines.
2. Floors, bottom to top: models (1), ui (2), scripting (3), app and bench (4). A file
   includes headers only from its own floor or below, and the lower floors stay free of
   the libraries above them (models: no GLib, GTK, Lua, cairo, Pango; ui: no GTK, Lua).
3. Calls, read off the compiled objects with nm: a function defined on a higher floor is
   never called from a lower one, and no two files call each other (split files have one
   direction).

Prints TAP, one test per rule, with every offence named."""
import collections
import glob
import os
import re
import subprocess
import sys

MAX_LINES = 1500
FLOORS = {"models": 1, "ui": 2, "scripting": 3, "app": 4, "bench": 4}
FORBIDDEN = {
    "models": ("glib", "gio/", "gtk/", "adwaita", "lua", "lauxlib", "cairo", "pango"),
    "ui": ("gtk/", "adwaita", "lua", "lauxlib"),
}

src, build = sys.argv[1], sys.argv[2]
results = []


def report(name, offences):
    results.append((name, offences))


def sources():
    for floor in FLOORS:
        for path in sorted(glob.glob(os.path.join(src, floor, "*.[ch]"))):
            yield floor, path


# 1. size
big = []
for floor, path in sources():
    with open(path, encoding="utf-8") as f:
        n = sum(1 for _ in f)
    if n > MAX_LINES:
        big.append(f"{os.path.relpath(path, src)}: {n} lines")
for path in glob.glob(os.path.join(src, "tests", "*.c")):
    with open(path, encoding="utf-8") as f:
        n = sum(1 for _ in f)
    if n > MAX_LINES:
        big.append(f"{os.path.relpath(path, src)}: {n} lines")
report(f"no source file over {MAX_LINES} lines", big)

# 2. includes
header_floor = {}
for floor, path in sources():
    if path.endswith(".h"):
        header_floor.setdefault(os.path.basename(path), floor)
inc_re = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
bad_inc = []
for floor, path in sources():
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for kind, name in inc_re.findall(text):
        rel = os.path.relpath(path, src)
        if kind == '"' and name in header_floor:
            hf = header_floor[name]
            if FLOORS[hf] > FLOORS[floor]:
                bad_inc.append(f"{rel} includes {name} from {hf}/ (floor {FLOORS[hf]})")
        for prefix in FORBIDDEN.get(floor, ()):
            if name.startswith(prefix) and kind == "<":
                bad_inc.append(f"{rel} includes <{name}>, which {floor}/ may not use")
report("includes run down the floors only", bad_inc)

# 3. calls
defs = {}
uses = collections.defaultdict(set)
objs = glob.glob(os.path.join(build, "**", "*.o"), recursive=True)


def source_of(obj):
    base = os.path.basename(obj)[:-2]  # x.c
    if base.startswith("fuzz_"):
        base = base[len("fuzz_"):]
    rel = os.path.relpath(obj, build).split(os.sep)
    return rel[0], base


objs = [o for o in objs if "meson-private" not in o]
# One nm for all objects (-A prefixes each line with its file), in chunks to keep the
# command line short.
for i in range(0, len(objs), 200):
    chunk = objs[i:i + 200]
    out = subprocess.run(["nm", "-A"] + chunk, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fname, _, rest = line.partition(": ")
        if not rest:
            fname, _, rest = line.rpartition(":")
        key = source_of(fname)
        parts = rest.split()
        if len(parts) == 3 and parts[1] in "TDBRC":
            defs.setdefault(parts[2], key)
        elif len(parts) == 2 and parts[0] == "U":
            uses[key].add(parts[1])

edges = collections.defaultdict(set)
for key, syms in uses.items():
    for s in syms:
        owner = defs.get(s)
        if owner and owner != key:
            edges[key].add((owner, s))

up, pairs = [], []
for (top, base), outs in sorted(edges.items()):
    for (otop, obase), sym in sorted(outs):
        if top in FLOORS and otop in FLOORS and FLOORS[otop] > FLOORS[top]:
            up.append(f"{top}/{base} calls {sym} in {otop}/{obase}")
        back = [s for (k, s) in edges.get((otop, obase), ()) if k == (top, base)]
        if back and (top, base) < (otop, obase):
            pairs.append(f"{top}/{base} ({sym}) <-> {otop}/{obase} ({back[0]})")
report("no call from a lower floor to a higher one", up)
report("no two files call each other", sorted(set(pairs)))
if not objs:
    report("object files found under the build directory", ["none"])

print(f"1..{len(results)}")
failed = 0
for i, (name, offences) in enumerate(results, 1):
    if offences:
        failed += 1
        print(f"not ok {i} - {name}")
        for o in offences:
            print(f"# {o}")
    else:
        print(f"ok {i} - {name}")
sys.exit(1 if failed else 0)
