#!/usr/bin/env python3
"""check-po.py SRC: po/POTFILES.in lists every file of app/ that marks a string for
translation (_("...") or N_("...") in C, translatable="yes" in .ui), and only files that
exist; LINGUAS names only languages with a .po file (TAP)."""
import glob
import os
import re
import sys

src = sys.argv[1]
listed = [l.strip() for l in open(os.path.join(src, "po", "POTFILES.in"))
          if l.strip() and not l.startswith("#")]
n = 0
bad = 0


def check(name, ok, detail=""):
    global n, bad
    n += 1
    print(("ok %d %s" if ok else "not ok %d %s") % (n, name))
    if not ok:
        bad += 1
        print("# " + detail)


missing = [f for f in listed if not os.path.exists(os.path.join(src, f))]
check("every POTFILES.in entry exists", not missing, " ".join(missing))
marked = []
for f in sorted(glob.glob(os.path.join(src, "app", "**", "*.c"), recursive=True)
                + glob.glob(os.path.join(src, "app", "**", "*.ui"), recursive=True)):
    text = open(f, encoding="utf-8").read()
    if re.search(r'\bN?_\("', text) or 'translatable="yes"' in text:
        marked.append(os.path.relpath(f, src))
unlisted = [f for f in marked if f not in listed]
check("every app/ file with marked strings is in POTFILES.in", not unlisted, " ".join(unlisted))
langs = [l.strip() for l in open(os.path.join(src, "po", "LINGUAS"))
         if l.strip() and not l.startswith("#")]
nopo = [l for l in langs if not os.path.exists(os.path.join(src, "po", l + ".po"))]
check("every LINGUAS entry has its .po", not nopo, " ".join(nopo))
print("1..%d" % n)
sys.exit(1 if bad else 0)
