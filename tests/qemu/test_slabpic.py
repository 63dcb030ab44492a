"""test_slabpic.py - `cache dump` and scripts/slabpic: the dump agrees with
cache show and cache chain; the picture has one group per slab, one
rectangle per object in its state's class, one arrow per free-chain link;
a diff outlines exactly the objects that moved; the PNG is a PNG of the
picture's size."""

import json
import os
import re
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from harness import check, needs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SLABPIC = os.path.join(ROOT, "scripts", "slabpic")
SVG = "{http://www.w3.org/2000/svg}"


def dump(board, name):
    out = board.run_ok("cache dump " + name)
    check(out.startswith('{"cache": "%s", ' % name) and out.endswith("]}\n"), out[:200])
    return json.loads(out)


def kv(text):
    return dict(t.split("=", 1) for t in text.split())


def slabpic(*args, python="/usr/bin/python3"):
    return subprocess.run([python, SLABPIC] + list(args), check=True, capture_output=True,
                          text=True).stdout


def write(d):
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(d, f)
    f.close()
    return f.name


def classes(el):
    return set(el.get("class", "").split())


@needs(cpus=3)
def test_the_dump_says_what_show_and_chain_say(board):
    board.run_ok("reap auto off")
    geo = kv(board.run_ok("cache create pic_a 20 8").splitlines()[1][len("geometry: "):])
    board.run_ok("cpu 1 cache alloc pic_a 20")
    board.run_ok("cpu 2 cache alloc pic_a 3")
    d = dump(board, "pic_a")
    g = d["geometry"]
    for k in ("size", "objsize", "align", "num", "gfporder", "colour", "colour_off",
              "slab_size", "obj_offset", "left_over"):
        check(g[k] == int(geo[k]), "%s: %s, geometry line %s" % (k, g[k], geo[k]))
    check(g["off_slab"] is (geo["off_slab"] == "1") and g["page_size"] == 4096, str(g))
    show = board.run_ok("cache show pic_a")
    avail = {int(c): int(a) for c, a in re.findall(r"^cpu(\d): avail=(\d+)", show, re.M)}
    check({a["cpu"]: a["avail"] for a in d["arrays"]} == avail, "arrays %s" % d["arrays"])
    shared = int(re.search(r"shared_avail=(\d+)", show).group(1))
    check(d["shared"]["avail"] == shared, "shared")
    slabs = [kv(l[len("slab "):].split(" ", 1)[1]) for l in show.splitlines()
             if l.startswith("slab 0x")]
    check(len(d["slabs"]) == len(slabs), "slabs")
    marks = "".join(s["objects"] for s in d["slabs"])
    for s, w in zip(d["slabs"], slabs):
        check((s["page"], s["list"], s["inuse"], s["colouroff"]) ==
              (w["page"], w["list"], int(w["inuse"]), int(w["colouroff"])), "%s %s" % (s, w))
        check(len(s["objects"]) == g["num"], "one mark per object")
        check(s["objects"].count(".") == g["num"] - s["inuse"], "free marks")
    for cpu, n in avail.items():
        check(marks.count(str(cpu)) == n, "cpu%d marks" % cpu)
    check(marks.count("#") == 23, "the 23 the shell holds")
    chain = board.run_ok("cache chain pic_a").replace("\n  ->", " ->")
    walked = [int(x) for x in re.findall(r"(\d+) ->", chain.split(":", 1)[1])]
    check(d["slabs"][0]["chain"] == walked and d["slabs"][0]["chain_break"] == "ok",
          "chain %s, cache chain %s" % (d["slabs"][0]["chain"][:8], walked[:8]))
    board.run_ok("cache free pic_a all")
    board.run_ok("cache shrink pic_a")
    board.run_ok("cache destroy pic_a")
    board.run_ok("reap auto on")


def check_svg(svg, d, changed=None):
    root = ET.fromstring(svg)
    groups = [g for g in root.iter(SVG + "g") if "slab" in classes(g)]
    check([(g.get("data-page"), g.get("data-list")) for g in groups] ==
          [(s["page"], s["list"]) for s in sorted(d["slabs"], key=lambda s: ["full", "partial",
                                                                             "free"].index(
                                                                                 s["list"]))],
          "one group per slab, by list")
    by_page = {s["page"]: s for s in d["slabs"]}
    names = {"#": "allocated", ".": "free", "s": "shared", "q": "quarantined"}
    outlined = 0
    for g in groups:
        s = by_page[g.get("data-page")]
        objs = [r for r in g.iter(SVG + "rect") if "obj" in classes(r)]
        check(len(objs) == d["geometry"]["num"], "a rect per object")
        for r, mark in zip(objs, s["objects"]):
            want = names.get(mark) or "cpu" + mark
            check(want in classes(r), "object %s: %s" % (classes(r), want))
        outlined += sum("changed" in classes(r) for r in objs)
        links = [p for p in g.iter(SVG + "path") if "chain" in classes(p)]
        check(len(links) == max(len(s["chain"]) - 1, 0), "an arrow per chain link")
        colour = s["colouroff"] - (0 if d["geometry"]["off_slab"] else d["geometry"]["slab_size"])
        check(any("colour" in classes(r) for r in g.iter(SVG + "rect")) == (colour > 0),
              "the colour area iff the slab is coloured")
    if changed is not None:
        check(outlined == changed, "%d outlined, want %d" % (outlined, changed))
    return root


@needs(cpus=4)
def test_slabpic_draws_a_dump_and_what_moved(board):
    board.run_ok("reap auto off")
    board.run_ok("cache create pic_b 200")       # six colours
    board.run_ok("cpu 1 cache alloc pic_b 20")
    board.run_ok("cpu 2 cache alloc pic_b 3")
    a = dump(board, "pic_b")
    check_svg(slabpic(write(a)), a)
    # all 23 freed into cpu3's array, then a pass drains the oldest 12 (of limit 120:
    # (120 + 4) / 5 = 24, at most half of 23): each of the 23 changed state
    board.run_ok("cpu 3 cache free pic_b all")
    board.run_ok("reap")
    b = dump(board, "pic_b")
    marks = "".join(s["objects"] for s in b["slabs"])
    check(marks.count("3") == 11, "cpu3 keeps 11")
    root = check_svg(slabpic("--diff", write(a), write(b)), b, changed=23)
    texts = [t.text for t in root.iter(SVG + "text")]
    check("23 objects changed state" in texts, "summary: %s" % texts[-3:])
    # the PNG: the same picture, rendered by matplotlib
    png = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
    slabpic("--diff", write(a), write(b), "-o", png)
    data = open(png, "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG")
    w, h = struct.unpack(">II", data[16:24])
    check((w, h) == (int(root.get("width")), int(root.get("height"))), "%dx%d" % (w, h))
    # a slab given back between two dumps is listed as gone
    board.run_ok("cache shrink pic_b")
    c = dump(board, "pic_b")
    check(c["slabs"] == [], "shrunk")
    root = ET.fromstring(slabpic("--diff", write(b), write(c)))
    gone = [t.text for t in root.iter(SVG + "text") if "gone" in classes(t)]
    check(gone == ["%s gone (back to the buddy allocator)" % s["page"] for s in b["slabs"]],
          str(gone))
    board.run_ok("cache destroy pic_b")
    board.run_ok("reap auto on")


def test_slabpic_refuses_what_is_not_a_dump(board):
    f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    f.write("slab> cache show x\nerror: no cache named 'x'\n")
    f.close()
    r = subprocess.run(["/usr/bin/python3", SLABPIC, f.name], capture_output=True, text=True)
    check(r.returncode != 0 and "no `cache dump` output" in r.stderr, r.stderr)
    check(board.run_error("cache dump nosuch") == "error: no cache named 'nosuch'", "no cache")
