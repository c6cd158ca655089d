#!/usr/bin/env python3
"""Generates the sample scenarios in assets/scenarios/ (echelon-scenario format, version 1).

Everything is synthetic and reproducible (fixed seeds); no outside data is used.
Run from the repository root:  python3 scripts/make_samples.py
"""
import json
import math
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "scenarios")


def node(id, name, kind, x, y, produces=(), processing=None, holding=None, **extra):
    n = {
        "id": id,
        "name": name,
        "kind": kind,
        "position": {"x": x, "y": y},
        "produces": list(produces),
        "processing_time": processing or {"kind": "constant", "value": 0},
        "holding_cost": holding or {"basis": "annual_rate_of_value", "value": 0.25},
        "fixed_order_cost": extra.pop("fixed_order_cost", 0),
    }
    n.update(extra)
    return n


def arc(frm, to, item, transit, qty=1, **extra):
    a = {"from": frm, "to": to, "item": item, "transit_time": transit, "quantity_per_unit": qty}
    a.update(extra)
    return a


def scenario(name, description, period, items, nodes, arcs, demands, targets, policies, settings):
    return {
        "format": "echelon-scenario",
        "version": 1,
        "name": name,
        "description": description,
        "period": period,
        "currency": "EUR",
        "items": items,
        "nodes": nodes,
        "arcs": arcs,
        "demands": demands,
        "service_targets": targets,
        "policies": policies,
        "settings": settings,
    }


def single_store():
    items = [{"id": "espresso-beans-1kg", "name": "Espresso beans 1 kg", "unit_cost": 14.5, "category": "coffee"}]
    nodes = [
        node("roaster", "Roaster", "supplier", 80, 200, produces=["espresso-beans-1kg"]),
        node("store", "Corner store", "store", 400, 200, fixed_order_cost=25,
             holding={"basis": "annual_rate_of_value", "value": 0.3}),
    ]
    arcs = [arc("roaster", "store", "espresso-beans-1kg", {"kind": "gamma", "shape": 4, "scale": 0.5})]
    demands = [{"node": "store", "item": "espresso-beans-1kg",
                "per_period": {"kind": "normal", "mean": 40, "sd": 12}}]
    targets = [{"node": "store", "item": "espresso-beans-1kg", "measure": "cycle_service_level", "value": 0.95}]
    policies = [{"node": "store", "item": "espresso-beans-1kg", "kind": "R_S", "shortage": "backorders",
                 "review_period_periods": 1}]
    return scenario("Single store", "One store replenished weekly from a roaster with a random lead time.",
                    "week", items, nodes, arcs, demands, targets, policies,
                    {"horizon_periods": 104, "warm_up_periods": 13, "replications": 200, "random_seed": 1})


def distribution_network():
    item = "kettle"
    items = [{"id": item, "name": "Electric kettle", "unit_cost": 22, "category": "appliances"}]
    nodes = [node("plant", "Plant", "plant", 60, 300, produces=[item],
                  processing={"kind": "constant", "value": 2}, capacity_per_period=2500,
                  holding={"basis": "annual_rate_of_value", "value": 0.2})]
    arcs = []
    demands = []
    targets = []
    policies = []
    means = [120, 80, 60, 150, 90, 45]
    for d, (name, y) in enumerate([("North", 150), ("South", 450)]):
        dc = "dc-" + name.lower()
        nodes.append(node(dc, name + " DC", "dc", 300, y, fixed_order_cost=400))
        arcs.append(arc("plant", dc, item, {"kind": "normal", "mean": 1, "sd": 0.25}))
        for s in range(3):
            k = d * 3 + s
            store = "store-%d" % (k + 1)
            nodes.append(node(store, "Store %d" % (k + 1), "store", 560, y - 100 + 100 * s,
                              holding={"basis": "annual_rate_of_value", "value": 0.3}, fixed_order_cost=40))
            arcs.append(arc(dc, store, item, {"kind": "discrete",
                                              "outcomes": [{"value": 1, "probability": 0.8},
                                                           {"value": 2, "probability": 0.2}]}))
            mean = means[k]
            demands.append({"node": store, "item": item,
                            "per_period": {"kind": "negative_binomial", "mean": mean, "sd": round(math.sqrt(mean * 3), 3)}})
            targets.append({"node": store, "item": item, "measure": "fill_rate", "value": 0.98 if k % 2 == 0 else 0.95})
            policies.append({"node": store, "item": item, "kind": "base_stock", "shortage": "lost_sales",
                             "review_period_periods": 1})
        policies.append({"node": dc, "item": item, "kind": "s_S", "shortage": "backorders",
                         "review_period_periods": 1})
    return scenario("Plant, 2 DCs, 6 stores", "A two-echelon distribution network with one product.",
                    "week", items, nodes, arcs, demands, targets, policies,
                    {"horizon_periods": 156, "warm_up_periods": 13, "replications": 100, "random_seed": 7})


def assembly():
    parts = [("frame", "Frame", 35, 1, {"kind": "constant", "value": 3}),
             ("motor", "Motor", 60, 1, {"kind": "gamma", "shape": 9, "scale": 0.5}),
             ("screw", "Screw", 0.05, 12, {"kind": "constant", "value": 1})]
    items = [{"id": p, "name": n, "unit_cost": c, "category": "part"} for p, n, c, _, _ in parts]
    items.append({"id": "drill", "name": "Cordless drill", "unit_cost": 140, "category": "finished"})
    nodes = []
    arcs = []
    for k, (p, n, c, qty, lead) in enumerate(parts):
        nodes.append(node("supplier-" + p, n + " supplier", "supplier", 60, 120 + 150 * k, produces=[p],
                          processing=lead))
        arcs.append(arc("supplier-" + p, "plant", p, {"kind": "constant", "value": 0.5}, qty=qty))
    nodes.append(node("plant", "Assembly plant", "plant", 320, 270, produces=["drill"],
                      processing={"kind": "constant", "value": 1}, capacity_per_period=900, fixed_order_cost=1500))
    nodes.append(node("dc", "Distribution centre", "dc", 560, 270, fixed_order_cost=300,
                      max_service_time_periods=0))
    arcs.append(arc("plant", "dc", "drill", {"kind": "constant", "value": 1}))
    demands = [{"node": "dc", "item": "drill", "per_period": {"kind": "gamma", "shape": 16, "scale": 40}}]
    targets = [{"node": "dc", "item": "drill", "measure": "cycle_service_level", "value": 0.97}]
    policies = [{"node": "dc", "item": "drill", "kind": "r_Q", "shortage": "backorders",
                 "review_period_periods": 0}]
    return scenario("Assembly", "Three parts (one with 12 per unit) assembled at a plant that feeds a DC.",
                    "week", items, nodes, arcs, demands, targets, policies,
                    {"horizon_periods": 104, "warm_up_periods": 13, "replications": 100, "random_seed": 3})


def portfolio():
    rng = random.Random(20240101)
    weeks = 156
    classes = [("smooth", 90), ("erratic", 60), ("intermittent", 90), ("lumpy", 60)]
    items, demands, ids = [], [], []
    k = 0
    for cls, count in classes:
        for _ in range(count):
            k += 1
            sku = "SKU-%04d" % k
            ids.append(sku)
            unit_cost = round(math.exp(rng.gauss(3.0, 1.0)), 2)
            items.append({"id": sku, "name": "Item %d" % k, "unit_cost": unit_cost,
                          "category": "family-%d" % (1 + k % 6), "segment": "all"})
            dying = rng.random() < 0.15
            death_start = rng.randint(60, 120) if dying else weeks
            death_length = rng.randint(8, 30)
            seasonal = cls == "smooth" and rng.random() < 0.3
            level = math.exp(rng.gauss(3.5, 0.8)) if cls in ("smooth", "erratic") else math.exp(rng.gauss(1.5, 0.6))
            p_demand = rng.uniform(0.15, 0.6)
            series = []
            for t in range(weeks):
                fade = 1.0 if t < death_start else max(0.0, 1.0 - (t - death_start) / death_length)
                season = 1 + 0.35 * math.sin(2 * math.pi * t / 52) if seasonal else 1.0
                if cls == "smooth":
                    q = rng.gauss(level * season, level * rng.uniform(0.15, 0.3))
                elif cls == "erratic":
                    q = level * math.exp(rng.gauss(-0.6, 1.1))
                elif cls == "intermittent":
                    q = rng.gauss(level, level * 0.3) if rng.random() < p_demand * fade else 0.0
                    fade = 1.0
                else:  # lumpy
                    q = level * math.exp(rng.gauss(0, 1.2)) if rng.random() < p_demand * fade else 0.0
                    fade = 1.0
                series.append(max(0, int(round(q * fade))))
            demands.append({"node": "dc", "item": sku, "history": {"start": "2022-01-03", "quantities": series}})
    nodes = [node("dc", "Central DC", "dc", 300, 200, produces=ids,
                  processing={"kind": "gamma", "shape": 4, "scale": 0.75}, fixed_order_cost=60)]
    targets = [{"segment": "all", "measure": "cycle_service_level", "value": 0.95}]
    return scenario("Portfolio", "300 items at one DC with 3 years of weekly history: smooth, erratic, intermittent "
                    "and lumpy demand, some of it dying away.", "week", items, nodes, [], demands, targets, [],
                    {"horizon_periods": 52, "warm_up_periods": 8, "replications": 50, "random_seed": 11})


def pretty(value, indent=2, depth=0):
    """JSON with arrays of plain values on one line (as the C++ writer does)."""
    pad = " " * (indent * (depth + 1))
    end = " " * (indent * depth)
    if isinstance(value, dict) and value:
        inner = ",\n".join(pad + json.dumps(k) + ": " + pretty(v, indent, depth + 1) for k, v in value.items())
        return "{\n" + inner + "\n" + end + "}"
    if isinstance(value, list) and value:
        if all(not isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, separators=(",", ":"))
        inner = ",\n".join(pad + pretty(v, indent, depth + 1) for v in value)
        return "[\n" + inner + "\n" + end + "]"
    return json.dumps(value)


def main():
    os.makedirs(OUT, exist_ok=True)
    samples = {
        "single_store.json": single_store(),
        "distribution_network.json": distribution_network(),
        "assembly.json": assembly(),
        "portfolio.json": portfolio(),
    }
    for name, data in samples.items():
        path = os.path.join(OUT, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(pretty(data) + "\n")
        print("%s: %d bytes" % (path, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
