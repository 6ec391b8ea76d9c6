#!/usr/bin/env python3
"""check-po.py SRC: po/POTFILES.in lists every file of app/ that marks a string for
translation (_("...") N_("...") C_("...") ngettext in C, translatable="yes" in .ui), and only
files that exist; LINGUAS names only languages with a .po file; and a heuristic catches
user-visible literals left unmarked in the calls that show text (labels, buttons, toasts,
titles, tooltips, dialogs, chart titles, captions and axis labels) and in .ui text
properties. A literal counts as user-visible when it reads like words (a space, or a capital
followed by small letters); identifiers, icon names, action names and units do not. ALLOWED
lists the exceptions (TAP)."""
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
        for line in detail.splitlines() or [""]:
            print("# " + line)


missing = [f for f in listed if not os.path.exists(os.path.join(src, f))]
check("every POTFILES.in entry exists", not missing, " ".join(missing))

MARK = re.compile(r'\b(?:N?_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')
marked = []
for f in sorted(glob.glob(os.path.join(src, "app", "**", "*.c"), recursive=True)
                + glob.glob(os.path.join(src, "app", "**", "*.ui"), recursive=True)):
    text = open(f, encoding="utf-8").read()
    if MARK.search(text) or 'translatable="yes"' in text:
        marked.append(os.path.relpath(f, src))
unlisted = [f for f in marked if f not in listed]
check("every app/ file with marked strings is in POTFILES.in", not unlisted, " ".join(unlisted))

# ---- unmarked user-visible literals ----
# function (a regular expression matched against the called name) -> the argument (from 0)
# that holds user-visible text.
CALLS = [
    (r"gtk_label_new|gtk_label_new_with_mnemonic|gtk_button_new_with_label|"
     r"gtk_button_new_with_mnemonic|gtk_check_button_new_with_label|"
     r"gtk_toggle_button_new_with_label|gtk_expander_new|adw_toast_new|g_menu_item_new|"
     r"gtk_frame_new", 0),
    (r"g_menu_append|g_menu_insert", 1),
    (r"gtk_label_set_text|gtk_label_set_label|gtk_label_set_markup|gtk_button_set_label|"
     r"\w*_set_title|\w*_set_subtitle|\w*_set_tooltip_text|\w*_set_tooltip_markup|"
     r"\w*_set_placeholder_text|adw_toast_set_button_label|gp_show_error|gp_ask|"
     r"gp_choose_file|gp_toast|gp_chart_set_caption|gp_chart_set_total_label|new_chart|"
     r"gp_axis_set_text|adw_message_dialog_set_heading|adw_message_dialog_set_body|"
     r"adw_status_page_set_description|section_label", 1),
    (r"gp_show_error|gp_ask", 2),
    (r"adw_message_dialog_new", 1),
    (r"adw_message_dialog_new", 2),
]
CALLS = [(re.compile(r"\b(?:%s)\s*\(" % pat), arg) for pat, arg in CALLS]
# Literals that read like words but are not for translation: the program's own name and
# the calls' non-text arguments that the simple argument count gets wrong.
ALLOWED = {
    "glasspane",
}
WORDS = re.compile(r"[A-Za-z]{2}")


def split_args(text, start):
    """The top-level arguments of the call whose '(' is at START, as (offset, text)."""
    depth, i, args, begin = 0, start, [], start + 1
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "'":
            i += 1
            while text[i] != "'":
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                args.append((begin, text[begin:i]))
                return args
        elif c == "," and depth == 1:
            args.append((begin, text[begin:i]))
            begin = i + 1
        i += 1
    return args


LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(?:\s*"(?:[^"\\]|\\.)*")*')


def unmarked_literals(arg):
    """Literals in ARG not inside a gettext call."""
    out = []
    for m in LITERAL.finditer(arg):
        before = arg[:m.start()].rstrip()
        if re.search(r"\b(?:N?_|C_|NC_|ngettext|g_dngettext|gettext)\s*\($", before):
            continue
        if re.search(r"\bC_\s*\(\s*\"[^\"]*\"\s*,$", before):
            continue
        if re.search(r"ngettext\s*\([^()]*,$", before):
            continue
        out.append(m.group(1))
    return out


def visible(s):
    if s in ALLOWED or not WORDS.search(s):
        return False
    if re.fullmatch(r"[\w.:/-]*", s):          # identifiers, icon and action names
        return bool(re.match(r"[A-Z][a-z]{2}", s))  # "Rename" is a word
    return " " in s.strip() or bool(re.match(r"[A-Z][a-z]", s))


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


found = []
for f in sorted(glob.glob(os.path.join(src, "app", "**", "*.c"), recursive=True)):
    rel = os.path.relpath(f, src)
    if os.path.basename(f) in ("gp-self-test.c", "gp-app-bench.c", "gp-table.c"):
        continue  # test and benchmark output, and the GLib-less headless table
    text = strip_comments(open(f, encoding="utf-8").read())
    for rx, argn in CALLS:
        for m in rx.finditer(text):
            args = split_args(text, m.end() - 1)
            if argn >= len(args):
                continue
            off, arg = args[argn]
            for s in unmarked_literals(arg):
                if visible(s):
                    line = text.count("\n", 0, off) + 1
                    found.append('%s:%d: %s (...) shows "%s" unmarked'
                                 % (rel, line, m.group(0).rstrip("( "), s))
UI_TEXT = re.compile(r'<(property|attribute) name="(label|title|subtitle|tooltip-text|'
                     r'tooltip-markup|placeholder-text|text|description)"([^>]*)>([^<]*)<')
for f in sorted(glob.glob(os.path.join(src, "app", "**", "*.ui"), recursive=True)):
    rel = os.path.relpath(f, src)
    text = open(f, encoding="utf-8").read()
    for m in UI_TEXT.finditer(text):
        if "translatable=" not in m.group(3) and visible(m.group(4)):
            line = text.count("\n", 0, m.start()) + 1
            found.append('%s:%d: %s "%s" without translatable="yes"'
                         % (rel, line, m.group(2), m.group(4)))
check("no unmarked user-visible literal in the calls that show text or in .ui files",
      not found, "\n".join(sorted(set(found))))

langs = [l.strip() for l in open(os.path.join(src, "po", "LINGUAS"))
         if l.strip() and not l.startswith("#")]
nopo = [l for l in langs if not os.path.exists(os.path.join(src, "po", l + ".po"))]
check("every LINGUAS entry has its .po", not nopo, " ".join(nopo))
print("1..%d" % n)
sys.exit(1 if bad else 0)
