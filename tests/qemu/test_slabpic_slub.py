"""test_slabpic_slub.py - scripts/slabpic on the SLUB image's `cache dump`
(make pictures SLAB=slub draws docs/pictures/slub-*.svg so): one group per
slab in the dump's order (CPU slabs, partial, full), one rectangle per
object in its state's class, a free-pointer mark on each free object at
`offset`, one solid arrow per page->freelist link and one dashed arrow
per link of the CPU's lockless freelist, no colour or management area;
a diff outlines exactly the objects CPU 3's remote frees moved."""

import json
import re
import tempfile
import xml.etree.ElementTree as ET

from harness import check, needs
from test_slabpic import SVG, classes, slabpic, write

BOARDS = [dict(image="slub", smp=4, mem="256M")]


def dump(board, name):
    out = board.run_ok("cache dump " + name)
    check(out.startswith('{"cache": "%s", "allocator": "slub", ' % name), out[:200])
    return json.loads(out)


def check_svg(svg, d, changed=None):
    root = ET.fromstring(svg)
    g = d["geometry"]
    groups = [x for x in root.iter(SVG + "g") if "slab" in classes(x)]
    check([(x.get("data-page"), x.get("data-list")) for x in groups] ==
          [(s["page"], s["list"]) for s in d["slabs"]], "one group per slab, in the dump's order")
    cpu_chains = {"cpu%d" % c["cpu"]: c for c in d["cpu_slabs"]}
    scale = 1000.0 / (g["page_size"] << g["order"])
    outlined = 0
    for x, s in zip(groups, d["slabs"]):
        rects = list(x.iter(SVG + "rect"))
        objs = [r for r in rects if "obj" in classes(r)]
        check(len(objs) == g["objects"] == len(s["marks"]), "a rect per object")
        for r, mark in zip(objs, s["marks"]):
            want = {"#": "allocated", ".": "free"}.get(mark) or "cpu" + mark
            check(want in classes(r), "object %s: %s" % (classes(r), want))
            check(abs(float(r.get("width")) - g["size"] * scale) < 0.01, "a stride wide")
        fps = [r for r in rects if "fp" in classes(r)]
        free = [r for r, m in zip(objs, s["marks"]) if m != "#"]
        check(len(fps) == len(free), "a free pointer per free object: %d, %d free" %
              (len(fps), len(free)))
        check(all(abs(float(f.get("x")) - float(o.get("x")) - g["offset"] * scale) < 0.01
                  for f, o in zip(fps, free)), "each at offset")
        check(not any(classes(r) & {"colour", "mgmt"} for r in rects), "no colour, no M")
        paths = list(x.iter(SVG + "path"))
        solid = [p for p in paths if "chain" in classes(p)]
        dashed = [p for p in paths if "cpu-chain" in classes(p)]
        check(len(solid) == max(len(s["chain"]) - 1, 0), "an arrow per page->freelist link")
        mine = cpu_chains.get(s["list"])
        want = max(len(mine["chain"]) - 1, 0) if mine and mine["page"] == s["page"] else 0
        check(len(dashed) == want and all(p.get("stroke-dasharray") for p in dashed),
              "%s: %d dashed arrows, want %d" % (s["list"], len(dashed), want))
        outlined += sum("changed" in classes(r) for r in objs)
    if changed is not None:
        check(outlined == changed, "%d outlined, want %d" % (outlined, changed))
    return root


def held(board, name, cpu):
    out = board.run_ok("cache objects " + name)
    return [a for a, c in re.findall(r"^(0x[0-9a-f]{8}) +(\d+) ", out, re.M) if int(c) == cpu]


@needs(cpus=4)
def test_slabpic_draws_slub_slabs_and_remote_frees(board):
    board.run_ok("cache create pic_s 20 8")
    board.run_ok("cpu 1 cache alloc pic_s 200")
    board.run_ok("cpu 2 cache alloc pic_s 3")
    a = dump(board, "pic_s")
    check([s["list"] for s in a["slabs"]] == ["cpu1", "cpu2", "full"], str(a["slabs"])[:300])
    check_svg(slabpic(write(a)), a)
    ones, twos = held(board, "pic_s", 1), held(board, "pic_s", 2)
    board.run_ok("cpu 3 cache free pic_s " + " ".join(ones[0:24:2] + ones[170:172] + twos[1:2]))
    b = dump(board, "pic_s")
    check([(s["list"], len(s["chain"])) for s in b["slabs"]] ==
          [("cpu1", 2), ("cpu2", 1), ("partial", 12)], str(b["slabs"])[:300])
    root = check_svg(slabpic("--diff", write(a), write(b)), b, changed=15)
    texts = [t.text for t in root.iter(SVG + "text")]
    check("15 objects changed state" in texts, "summary: %s" % texts[-3:])
    check(texts[1].startswith("SLUB: 170 objects of 24 bytes (objsize 20, align 8) in 4096 "
                              "bytes per slab (order 0); free pointer at offset 0; 16 bytes "
                              "left over"), texts[1])
    png = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
    slabpic("--diff", write(a), write(b), "-o", png)
    check(open(png, "rb").read()[:8] == b"\x89PNG\r\n\x1a\n", "a PNG")
    board.run_ok("cache free pic_s all")
    board.run_ok("cache destroy pic_s")
