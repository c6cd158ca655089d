#!/usr/bin/env python3
"""Hostile inputs for the `echelon` tool: every one must end with a clear message (exit 1 and
{"ok": false, "problems": [...]} on stdout, valid JSON), within a few seconds, and no output
with "ok": true may hold null, inf or NaN. Inputs are generated here, small, in a temporary
folder. Usage: hostile_inputs.py ECHELON_BINARY SOURCE_DIR"""
import json
import math
import os
import subprocess
import sys
import tempfile
import time

echelon, source = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="echelon-hostile-")
failures = []
SECONDS = 20  # far above what any case takes; a hang shows up as a failure, not a stuck run


def write(name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def run(case, args, want_exit, want_in_problems=None):
    started = time.monotonic()
    try:
        done = subprocess.run([echelon] + args, capture_output=True, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        failures.append(f"{case}: no answer within {SECONDS} s")
        return None
    seconds = time.monotonic() - started
    print(f"{case}: exit {done.returncode} in {seconds:.2f} s")
    if done.returncode != want_exit:
        failures.append(f"{case}: exit {done.returncode}, wanted {want_exit}; stderr: {done.stderr[-400:]!r}")
        return None
    if want_exit == 0 and "convert" in args and "-o" not in args:
        return done.stdout
    try:
        out = json.loads(done.stdout, parse_constant=lambda c: failures.append(f"{case}: prints {c}"))
    except ValueError as e:
        failures.append(f"{case}: stdout is not JSON ({e}): {done.stdout[:200]!r}")
        return None
    if want_exit == 0:
        def walk(x, path):
            if x is None:
                failures.append(f"{case}: ok output has null at {path}")
            elif isinstance(x, float) and not math.isfinite(x):
                failures.append(f"{case}: ok output has {x} at {path}")
            elif isinstance(x, dict):
                for k, v in x.items():
                    walk(v, f"{path}/{k}")
            elif isinstance(x, list):
                for i, v in enumerate(x):
                    walk(v, f"{path}/{i}")
        walk(out, "")
    else:
        if out.get("ok") is not False or not out.get("problems"):
            failures.append(f"{case}: wanted ok false with problems, got {done.stdout[:300]!r}")
        elif want_in_problems and not any(want_in_problems in p["message"] or want_in_problems in p["path"]
                                          for p in out["problems"]):
            failures.append(f"{case}: no problem mentions {want_in_problems!r}: {out['problems'][:3]}")
    return out


with open(os.path.join(source, "assets", "scenarios", "distribution_network.json")) as f:
    base = json.load(f)


def scenario(edit):
    s = json.loads(json.dumps(base))
    edit(s)
    return json.dumps(s)


# The sample plans and simulates cleanly, with no null anywhere.
sample = write("sample.json", json.dumps(base))
run("sample validate", ["validate", sample], 0)
run("sample plan", ["plan", sample], 0)
sample_run = run("sample simulate", ["simulate", sample], 0)


# simulate runs each stage under the scenario's policy: a store's base-stock level of 0 instead of
# the plan's leaves that store short far more often.
def starve_store_1(s):
    for p in s["policies"]:
        if p["node"] == "store-1":
            p["order_up_to_level"] = 0


starved = run("simulate honours a given level", ["simulate", write("starved.json", scenario(starve_store_1))], 0)
if sample_run is not None and starved is not None:
    before = sample_run["network"]["fill_rate"]["mean"]
    after = starved["network"]["fill_rate"]["mean"]
    if not after < before - 0.01:
        failures.append(f"simulate honours a given level: fill rate {after} against {before} with the plan's level")
portfolio = os.path.join(source, "assets", "scenarios", "portfolio.json")
run("portfolio service", ["service", portfolio, "--no-verify", "--points", "16"], 0)
run("sample service network", ["service", sample, "--network", "--periods", "200", "--replications", "2"], 0)
run("service target above 1", ["service", portfolio, "--target", "1.5"], 1, "--target")
run("service bounds crossed", ["service", portfolio, "--min-fill", "0.9", "--max-fill", "0.8"], 1, "fill_rate_bounds")

# 100,000 fields in one object: refused while parsing, not read in quadratic time.
head = '{"format":"echelon-scenario","version":1,"period":"week","currency":"EUR"'
many = write("many_keys.json", head + "".join(f',"k{k}":0' for k in range(100000)) + "}")
for command in ("validate", "plan", "simulate"):
    run(f"100,000 keys {command}", [command, many], 1, "more than 1000 fields")
run("duplicate keys", ["validate", write("dup.json", head + ',"currency":"USD"}')], 1, "/currency")

# Invalid UTF-8 in a scenario, a history CSV and a Willems chain: a message with line and column.
bad_name = scenario(lambda s: s.update(name="NAME")).replace('"NAME"', '"caf\\u00e9"').encode()
bad_name = bad_name.replace(b"caf\\u00e9", b"caf\xe9")
for command in ("validate", "plan", "simulate"):
    run(f"latin-1 scenario {command}", [command, write("latin1.json", bad_name)], 1, "line 1, column")
history_bad = write("history_bad.csv", b"item,period,qty\na,1,2\n\xe9t\xe9,2,3\n")
run("latin-1 history convert", ["convert", history_bad], 1, "line 3, column 1")
run("latin-1 history simulate", ["simulate", history_bad], 1, "line 3, column 1")
willems_head = ("/chain,,,,,,,,,,,\n/arcs/arc/@from,/arcs/arc/@to,/stages/stage/@stageName,/stages/stage/@stageTime,"
                "/stages/stage/@stageCost,/stages/stage/@avgDemand,/stages/stage/@stDevDemand,"
                "/stages/stage/@serviceLevel,/stages/stage/@StageTime_1_p,/stages/stage/@StageTime_1_v,"
                "/stages/stage/@StageTime_2_p,/stages/stage/@StageTime_2_v\n")
willems_bad = write("willems_bad.csv", willems_head.encode() + b"A,B\xff,,,,,,,,,,\n,,A,1,1,,,,,,,\n")
run("latin-1 willems plan", ["plan", willems_bad], 1, "line 3, column 4")
run("NUL in a history", ["convert", write("nul.csv", b"item,period,qty\na,1,2\x00\n")], 1, "NUL")

# Magnitudes: refused by validate, and so by plan and simulate, instead of printing null.
cases = {
    "unit cost 1e308": lambda s: s["items"][0].update(unit_cost=1e308),
    "lead time 1.5e9": lambda s: s["arcs"][0].update(transit_time={"kind": "constant", "value": 1.5e9}),
    "lead time 1e8": lambda s: s["arcs"][0].update(transit_time={"kind": "constant", "value": 1e8}),
    "demand mean 1e300": lambda s: s["demands"][0].update(per_period={"kind": "normal", "mean": 1e300, "sd": 1}),
    "holding 1e300": lambda s: s["nodes"][0]["holding_cost"].update(value=1e300),
}
for name, edit in cases.items():
    path = write("magnitude.json", scenario(edit))
    for command in ("validate", "plan", "simulate"):
        run(f"{name} {command}", [command, path], 1, "largest value allowed")

# A Willems chain with a stage time of 1.5e9 days: plan validates as convert does.
willems_huge = write("willems_huge.csv", willems_head + "A,B,,,,,,,,,,\n,,A,1500000000,1,,,,,,,\n,,B,1,2,10,3,0.9,,,,\n")
run("willems lead 1.5e9 plan", ["plan", willems_huge], 1, "largest value allowed")
run("willems lead 1.5e9 convert", ["convert", willems_huge], 1, "largest value allowed")

# A history of 501 series over 10,000 periods (10 kB of text): refused before any table is built.
rows = "".join(f"i{k},0,1\ni{k},9999,1\n" for k in range(501))
run("history span", ["convert", write("span.csv", "item,period,qty\n" + rows)], 1, "the limit is 5000000")

# Simulation work: 100,000 replications of 100,000 periods.
big = write("big_sim.json", scenario(lambda s: s["settings"].update(horizon_periods=100000, replications=100000)))
run("simulate too much work", ["simulate", big], 1, "too large")

# A chain of 6,000 stages of 19,000 periods each: the planning grids would hold 1.8e7 cells.
def chain(s):
    s["nodes"] = [{"id": f"n{k}", "kind": "dc", "processing_time": {"kind": "constant", "value": 9000},
                   "holding_cost": {"basis": "per_unit_period", "value": 0.1}, "fixed_order_cost": 0} for k in range(6000)]
    s["nodes"][0]["produces"] = [s["items"][0]["id"]]
    item = s["items"][0]["id"]
    s["items"] = s["items"][:1]
    s["arcs"] = [{"from": f"n{k-1}", "to": f"n{k}", "item": item, "quantity_per_unit": 1,
                  "transit_time": {"kind": "constant", "value": 10000}} for k in range(1, 6000)]
    s["demands"] = [{"node": "n5999", "item": item, "per_period": {"kind": "poisson", "mean": 5}}]
    s["service_targets"] = []
    s["policies"] = []
long_chain = write("chain.json", scenario(chain))
run("long chain validate", ["validate", long_chain], 0)
run("long chain plan", ["plan", long_chain], 1, "too large")
run("long chain simulate", ["simulate", long_chain], 1, "too large")

# --time-limit holds on trees too (the sample is a tree): a limit that passes at once gives the
# first answer with the status stated; without reaching it the output is the same on every run.
cut = run("tree plan time limit 1e-9 s", ["plan", sample, "--time-limit", "1e-9"], 0)
if cut is not None and not (cut.get("time_limit_reached") is True and cut.get("proven_optimal") is False
                            and any("time limit" in n for n in cut.get("notes", []))):
    failures.append(f"tree plan time limit: status not stated: {json.dumps(cut)[:300]}")
whole = [run(f"tree plan without reaching the limit ({k})", ["plan", sample, "--time-limit", "600"], 0) for k in (1, 2)]
if whole[0] is not None and (whole[0] != whole[1] or whole[0].get("time_limit_reached") is not False
                             or whole[0].get("proven_optimal") is not True):
    failures.append("tree plan without reaching the limit: not exact or not the same twice")
def short_chain(s):  # 100 stages of 1 period with 1-period transits: a tree the DP solves
    chain(s)
    s.update(nodes=s["nodes"][:100], arcs=s["arcs"][:99], demands=[dict(s["demands"][0], node="n99")])
    for n in s["nodes"]:
        n["processing_time"]["value"] = 1
    for a in s["arcs"]:
        a["transit_time"]["value"] = 1
chain_100 = write("chain100.json", scenario(short_chain))
whole = run("chain of 100 plan", ["plan", chain_100], 0)
cut = run("chain of 100 plan time limit 1e-9 s", ["plan", chain_100, "--time-limit", "1e-9"], 0)
if whole is not None and whole.get("time_limit_reached") is not False:
    failures.append("chain of 100 without a limit: time_limit_reached not false")
if cut is not None and cut.get("time_limit_reached") is not True:
    failures.append("chain of 100 with a 1e-9 s limit: time_limit_reached not stated")

# A file over 64 MiB is refused by size (sparse file: no disk used).
huge = os.path.join(work, "huge.csv")
with open(huge, "wb") as f:
    f.truncate(64 * 1024 * 1024 + 1)
run("65 MiB history", ["convert", huge], 1, "the limit is 67108864")

# `policy MODEL --json-in FILE`: every model answers a textbook input with no null, and refuses
# bad inputs naming the field.
policy_inputs = {
    "eoq": {"order_cost_per_order": 8, "holding_cost_per_unit_period": 0.225, "demand_units_per_period": 1300},
    "eoq_backorders": {"order_cost_per_order": 8, "holding_cost_per_unit_period": 0.225,
                       "backorder_cost_per_unit_period": 5, "demand_units_per_period": 1300},
    "epq": {"setup_cost_per_batch": 100, "holding_cost_per_unit_period": 2, "demand_units_per_period": 1000,
            "production_units_per_period": 4000},
    "quantity_discount": {"scheme": "all_units", "order_cost_per_order": 8, "demand_units_per_period": 600,
                          "holding_rate_per_period": 0.2,
                          "breaks": [{"min_quantity_units": 0, "unit_price": 0.3},
                                     {"min_quantity_units": 500, "unit_price": 0.29}]},
    "wagner_whitin": {"demand_units": [10, 62, 12, 130], "order_cost_per_order": 54, "holding_cost_per_unit_period": 0.4,
                      "use_planning_horizons": True},
    "finite_horizon_s_S": {"poisson_means": [5, 8, 3], "fixed_order_cost": 30, "holding_cost_per_unit_period": 1,
                           "backorder_cost_per_unit_period": 10, "lowest_start_level": -5},
    "newsvendor": {"demand": {"kind": "lognormal", "mean": 100, "sd": 50}, "selling_price": 10, "unit_cost": 4,
                   "salvage_value": 1},
    "r_Q": {"demand": {"kind": "normal", "mean": 1300, "sd": 150}, "lead_time_periods": 1 / 12, "order_cost_per_order": 8,
            "holding_cost_per_unit_period": 0.225, "backorder_cost_per_unit_period": 7.5},
    "s_S": {"demand": {"kind": "poisson", "mean": 20}, "order_cost_per_order": 64, "holding_cost_per_unit_period": 1,
            "backorder_cost_per_unit_period": 9},
    "clark_scarf": {"stages": [{"echelon_holding_cost_per_unit_period": 3, "lead_time_periods": 1},
                               {"echelon_holding_cost_per_unit_period": 2, "lead_time_periods": 1},
                               {"echelon_holding_cost_per_unit_period": 2, "lead_time_periods": 2}],
                    "backorder_cost_per_unit_period": 37.12, "demand": {"kind": "normal", "mean": 5, "sd": 1}},
}
for name, inputs in policy_inputs.items():
    out = run(f"policy {name}", ["policy", name, "--json-in", write(f"policy_{name}.json", json.dumps(inputs))], 0)
    if out is not None and (out.get("inputs") != inputs or "formula" not in out or not out.get("decision")):
        failures.append(f"policy {name}: the answer lacks the inputs, the decision or the formula")
    # The answers are the textbook ones (see tests/core/policy/ for the derivations).
    expected = {"eoq_backorders": ("order_quantity_units", 310.8126), "epq": ("batch_quantity_units", 365.1484),
                "newsvendor": ("order_quantity", 109.6250), "r_Q": ("reorder_point", 126.8671),
                "s_S": ("order_up_to_level", 62)}
    if out is not None and name in expected:
        field, value = expected[name]
        if abs(out["decision"][field] - value) > 1e-4:
            failures.append(f"policy {name}: {field} = {out['decision'][field]}, wanted {value}")
run("policy list", ["policy", "list"], 0)
run("policy s_S bad pmf", ["policy", "s_S", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["s_S"], demand={"kind": "pmf", "probabilities": [0.5, "x"]})))], 1, "demand/probabilities/1")
run("policy clark_scarf no stages", ["policy", "clark_scarf", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["clark_scarf"], stages=[])))], 1, "stages")
run("policy flag not boolean", ["policy", "wagner_whitin", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["wagner_whitin"], use_planning_horizons="yes")))], 1, "use_planning_horizons")
run("policy unknown model", ["policy", "rq_exactly", "--json-in", write("p.json", "{}")], 1, "MODEL")
run("policy not JSON", ["policy", "eoq", "--json-in", write("p.json", "{order_cost")], 1, "not valid JSON")
run("policy array", ["policy", "eoq", "--json-in", write("p.json", "[1, 2]")], 1, "JSON object")
run("policy deep nesting", ["policy", "eoq", "--json-in", write("p.json", "[" * 100000 + "]" * 100000)], 1, "nested deeper")
run("policy missing field", ["policy", "eoq", "--json-in", write("p.json", '{"order_cost_per_order": 8}')], 1,
    "holding_cost_per_unit_period")
run("policy string for number", ["policy", "epq", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["epq"], setup_cost_per_batch="100")))], 1, "setup_cost_per_batch")
run("policy unknown field", ["policy", "eoq", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["eoq"], order_cost=3)))], 1, "order_cost")
run("policy number out of range", ["policy", "eoq", "--json-in", write("p.json", json.dumps(policy_inputs["eoq"]).replace("1300", "1e999"))],
    1, "not valid JSON")
for name in ("eoq", "eoq_backorders", "epq", "quantity_discount"):
    tiny_holding = dict(policy_inputs[name], demand_units_per_period=1e12, holding_cost_per_unit_period=1e-300)
    if name == "quantity_discount":
        tiny_holding["holding_rate_per_period"] = 0
    if name == "epq":
        tiny_holding.update(setup_cost_per_batch=1e12, demand_units_per_period=1e11, production_units_per_period=1e12)
    run(f"policy {name} overflow", ["policy", name, "--json-in", write("p.json", json.dumps(tiny_holding))], 1,
        "holding_cost_per_unit_period")
    run(f"policy {name} demand 1e300", ["policy", name, "--json-in", write("p.json", json.dumps(
        dict(policy_inputs[name], demand_units_per_period=1e300)))], 1, "demand_units_per_period")
run("policy newsvendor demand 1e300", ["policy", "newsvendor", "--json-in", write("p.json", json.dumps(
    {"demand": {"kind": "normal", "mean": 1e300, "sd": 1e300}, "selling_price": 1e12, "unit_cost": 1}))], 1, "demand")
run("policy too many periods", ["policy", "wagner_whitin", "--json-in", write("p.json", json.dumps(
    {"demand_units": [1] * 5001, "order_cost_per_order": 1, "holding_cost_per_unit_period": 1}))], 1, "too large")
run("policy DP too large", ["policy", "finite_horizon_s_S", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["finite_horizon_s_S"], poisson_means=[900] * 1000)))], 1, "too large")
run("policy Poisson mean 1e7", ["policy", "newsvendor", "--json-in", write("p.json", json.dumps(
    {"demand": {"kind": "poisson", "mean": 1e7}, "overage_cost_per_unit": 1, "underage_cost_per_unit": 1}))], 1, "demand")
run("policy bad distribution", ["policy", "newsvendor", "--json-in", write("p.json", json.dumps(
    {"demand": {"kind": "weibull", "mean": 3}, "overage_cost_per_unit": 1, "underage_cost_per_unit": 1}))], 1, "demand/kind")
run("policy salvage above cost", ["policy", "newsvendor", "--json-in", write("p.json", json.dumps(
    dict(policy_inputs["newsvendor"], salvage_value=5)))], 1, "salvage_value")

if failures:
    print("\nFAILED:\n" + "\n".join(failures))
    sys.exit(1)
print("all hostile inputs answered")
