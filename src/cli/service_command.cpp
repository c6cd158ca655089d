// `service FILE`: service-level optimization of a portfolio (core/service/).
//
// FILE is a scenario (JSON) whose demands carry histories or distributions, e.g. the 300-item
// portfolio sample. It prints the segmentation (ABC × XYZ with counts and value, the
// Syntetos–Boylan classes), the optimized fill-rate target of every item (least safety-stock
// investment reaching the aggregate target, or the best aggregate within --budget), the summary
// per segment, the frontier (overall, per segment, with the uniform-target and current plans),
// the optimality certificate, the comparison with the best uniform target and the simulation
// check of the promised aggregate fill rate.
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.h"
#include "core/io/scenario_json.h"
#include "core/plan/network_service.h"
#include "core/service/portfolio.h"
#include "core/service/service_study.h"

namespace echelon::cli {

namespace {

struct ServiceArgs {
  std::string file;
  double target = 0.95;
  std::optional<double> budget;
  std::string weighting = "demand";
  double min_fill = 0.5, max_fill = 0.995;
  double abc_a = 0.8, abc_b = 0.95, xyz_x = 0.5, xyz_y = 1.0;
  int points = 64;
  bool no_verify = false;
  int periods = 4000, replications = 10;
  std::uint64_t seed = 1;
  int top = 0;
  bool network = false;
};

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json points_json(const std::vector<service::FrontierPoint>& pts) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& p : pts) a.push_back({{"fill_rate", num(p.fill_rate)}, {"investment", num(p.investment)}, {"slope", num(p.multiplier)}});
  return a;
}

int run_service(const ServiceArgs& args) {
  Problems bad;
  if (!(args.target > 0.0 && args.target < 1.0))
    bad.push_back({"--target", "must be strictly between 0 and 1 (got " + format_number(args.target) + ")"});
  if (args.weighting != "demand" && args.weighting != "simple")
    bad.push_back({"--weighting", "must be \"demand\" or \"simple\" (got \"" + args.weighting + "\")"});
  if (args.budget && !std::isfinite(*args.budget)) bad.push_back({"--budget", "must be a finite amount"});
  if (!bad.empty()) return report_invalid(bad, args.file);

  const auto text = read_file(args.file);
  if (!text) return kExitInvalidInput;
  auto scenario = load_scenario_json(*text);
  if (!scenario.ok()) return report_invalid(scenario.problems(), args.file);

  service::PortfolioOptions po;
  po.min_fill_rate = args.min_fill;
  po.max_fill_rate = args.max_fill;
  po.segmentation.abc = {args.abc_a, args.abc_b};
  po.segmentation.xyz = {args.xyz_x, args.xyz_y};
  auto portfolio = service::portfolio_from_scenario(*scenario, po);
  if (!portfolio.ok()) return report_invalid(portfolio.problems(), args.file);

  service::ServiceRequest request;
  request.allocation.target_fill_rate = args.target;
  if (args.budget) {
    request.allocation.objective = service::AllocationObjective::max_fill_rate_for_budget;
    request.allocation.budget = *args.budget;
  }
  request.allocation.weighting =
      args.weighting == "simple" ? service::FillRateWeighting::simple : service::FillRateWeighting::demand;
  request.curve.max_points = args.points;
  request.verify = !args.no_verify;
  request.verification.periods = args.periods;
  request.verification.replications = args.replications;
  request.verification.seed = args.seed;
  auto started = service::ServiceStudy::start(portfolio->items, request);
  if (!started.ok()) return report_invalid(started.problems(), args.file);
  service::ServiceStudy& study = started.value();
  while (!study.done()) study.step(100000);
  if (study.failed()) return report_invalid(study.problems(), args.file);
  const service::ServiceResults& r = study.results();
  const service::Portfolio& p = *portfolio;

  nlohmann::json cells = nlohmann::json::array();
  for (int a = 0; a < 3; ++a)
    for (int x = 0; x < 3; ++x)
      cells.push_back({{"cell", service::cell_name(static_cast<service::AbcClass>(a), static_cast<service::XyzClass>(x))},
                       {"items", p.segmentation.cells[a][x].items},
                       {"annual_value", num(p.segmentation.cells[a][x].annual_value)}});
  nlohmann::json classes = nlohmann::json::object();
  for (int c = 0; c < 5; ++c)
    classes[std::string(learn::demand_class_name(static_cast<learn::DemandClass>(c)))] = p.segmentation.demand_class_counts[c];

  nlohmann::json items = nlohmann::json::array();
  for (std::size_t k = 0; k < r.curves.size(); ++k) {
    if (args.top > 0 && static_cast<int>(k) >= args.top) break;
    const auto i = static_cast<std::size_t>(r.item_index[k]);
    const service::ItemSegment& seg = p.segmentation.items[i];
    const service::ItemAllocation& a = r.optimized.items[k];
    nlohmann::json it{{"item", a.id},
                      {"location", p.locations[i]},
                      {"segment", a.segment},
                      {"demand_class", std::string(learn::demand_class_name(seg.demand_class))},
                      {"annual_value", num(p.segmentation_inputs[i].annual_value)},
                      {"forecast_error_cv", num(p.segmentation_inputs[i].forecast_error_cv)},
                      {"default_fill_rate", num(seg.default_fill_rate)},
                      {"current_fill_rate", num(p.items[i].current_fill_rate)},
                      {"target_fill_rate", num(a.fill_rate)},
                      {"promised_fill_rate", num(r.promised_fill_rates[k])},
                      {"level", num(a.level)},
                      {"safety_stock_units", num(a.safety_stock_units)},
                      {"investment", num(a.investment)},
                      {"at_lower_bound", a.at_lower_bound},
                      {"at_upper_bound", a.at_upper_bound}};
    if (r.verified && r.verification.items[k].simulated) {
      it["simulated_fill_rate"] = num(r.verification.items[k].simulated_fill_rate.mean);
      it["simulated_standard_error"] = num(r.verification.items[k].simulated_fill_rate.standard_error);
    }
    items.push_back(it);
  }
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& s : r.optimized.segments) {
    nlohmann::json row{{"segment", s.segment}, {"items", s.items}, {"fill_rate", num(s.fill_rate)}, {"investment", num(s.investment)}};
    for (const auto& u : r.uniform.segments)
      if (u.segment == s.segment) row["uniform_investment"] = num(u.investment), row["uniform_fill_rate"] = num(u.fill_rate);
    segments.push_back(row);
  }
  nlohmann::json seg_frontiers = nlohmann::json::array();
  for (const auto& c : r.frontier.segments) seg_frontiers.push_back({{"segment", c.segment}, {"points", points_json(c.points)}});
  nlohmann::json uniform = nlohmann::json::array();
  for (std::size_t k = 0; k < r.frontier.uniform.size(); ++k)
    uniform.push_back({{"target", num(r.frontier.uniform_targets[k])},
                       {"fill_rate", num(r.frontier.uniform[k].fill_rate)},
                       {"investment", num(r.frontier.uniform[k].investment)}});
  const auto& cert = r.optimized.certificate;
  nlohmann::json out{
      {"ok", true},
      {"file", args.file},
      {"request",
       {{"objective", args.budget ? "max_fill_rate_for_budget" : "min_investment_for_fill_rate"},
        {"target_fill_rate", args.target},
        {"weighting", args.weighting},
        {"fill_rate_bounds", {args.min_fill, args.max_fill}}}},
      {"segmentation",
       {{"abc_cutoffs", {args.abc_a, args.abc_b}},
        {"xyz_cutoffs", {args.xyz_x, args.xyz_y}},
        {"cells", cells},
        {"demand_classes", classes},
        {"total_annual_value", num(p.segmentation.total_annual_value)},
        {"excluded", p.excluded}}},
      {"summary",
       {{"items", r.curves.size()},
        {"aggregate_fill_rate", num(r.optimized.aggregate_fill_rate)},
        {"promised_fill_rate", num(r.promised_fill_rate)},
        {"investment", num(r.optimized.investment)},
        {"uniform_target", num(r.uniform_target)},
        {"uniform_investment", num(r.uniform.investment)},
        {"savings_vs_uniform", num(r.savings_vs_uniform)}}},
      {"certificate",
       {{"multiplier_per_unit_weighted_fill", num(cert.multiplier)},
        {"primal_investment", num(cert.primal_investment)},
        {"dual_value", num(cert.dual_value)},
        {"duality_gap", num(cert.duality_gap)},
        {"kkt_residual", num(cert.kkt_residual)},
        {"binding", cert.binding},
        {"realized_investment", num(cert.realized_investment)},
        {"realized_fill_rate", num(cert.realized_fill_rate)}}},
      {"segments", segments},
      {"frontier",
       {{"overall", points_json(r.frontier.overall.points)},
        {"segments", seg_frontiers},
        {"uniform", uniform}}},
      {"items", items}};
  // Absent values are left out rather than written as null.
  if (args.budget) out["request"]["budget"] = num(*args.budget);
  if (r.has_current) {
    out["summary"]["current_fill_rate"] = num(r.current.aggregate_fill_rate);
    out["summary"]["current_investment"] = num(r.current.investment);
  }
  if (r.frontier.has_current)
    out["frontier"]["current"] = {{"fill_rate", num(r.frontier.current.fill_rate)},
                                  {"investment", num(r.frontier.current.investment)}};
  if (r.verified) {
    out["verification"] = {{"promised_fill_rate", num(r.verification.promised_fill_rate)},
                           {"simulated_fill_rate", num(r.verification.simulated_fill_rate)},
                           {"half_width_95", num(r.verification.half_width_95)},
                           {"met", r.verification.met},
                           {"consistent", r.verification.consistent},
                           {"skipped_items", r.verification.skipped},
                           {"periods", args.periods},
                           {"replications", args.replications},
                           {"seed", args.seed}};
  }
  if (!r.item_problems.empty()) out["left_out"] = problems_json(r.item_problems);
  if (args.network) {
    auto f = network_service_frontier(*scenario);
    if (!f.ok()) return report_invalid(f.problems(), args.file);
    auto pts = [](const std::vector<NetworkServicePoint>& v) {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& point : v)
        a.push_back({{"service_level", num(point.service_level)},
                     {"safety_stock_cost_per_year", num(point.safety_stock_cost_per_year)},
                     {"levels", point.levels}});
      return a;
    };
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& d : f->stages)
      stages.push_back({{"node", d.node}, {"item", d.item}, {"mean_demand_per_period", num(d.mean_demand_per_period)},
                        {"current_level", num(d.current_level)}});
    out["network"] = {{"measure", "demand-weighted cycle service level of the demand stages (guaranteed-service plan)"},
                      {"stages", stages},
                      {"plans_solved", f->plans_solved},
                      {"current", pts({f->current})[0]},
                      {"uniform", pts(f->uniform)},
                      {"efficient", pts(f->efficient)},
                      {"greedy_path", pts(f->differentiated)}};
  }
  std::cout << out.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

Command add_service(CLI::App& app) {
  auto args = std::make_shared<ServiceArgs>();
  auto* cmd = app.add_subcommand("service", "Service-level optimization: segmentation, differentiated fill-rate targets, "
                                            "the cost-service frontier and a simulation check");
  cmd->add_option("file", args->file, "Scenario (JSON) whose demands carry histories or distributions")->required();
  cmd->add_option("--target", args->target, "Aggregate fill rate to reach at least investment")->default_val(0.95);
  cmd->add_option("--budget", args->budget, "Instead: the best aggregate fill rate within this safety-stock investment");
  cmd->add_option("--weighting", args->weighting, "Aggregate fill rate: \"demand\" (share of units) or \"simple\" (average)")
      ->default_val("demand");
  cmd->add_option("--min-fill", args->min_fill, "Lower bound on every item's fill rate")->default_val(0.5);
  cmd->add_option("--max-fill", args->max_fill, "Upper bound on every item's fill rate")->default_val(0.995);
  cmd->add_option("--abc-a", args->abc_a, "Cumulative value share of class A")->default_val(0.8);
  cmd->add_option("--abc-b", args->abc_b, "Cumulative value share of classes A and B")->default_val(0.95);
  cmd->add_option("--xyz-x", args->xyz_x, "Forecast-error CV below which an item is X")->default_val(0.5);
  cmd->add_option("--xyz-y", args->xyz_y, "Forecast-error CV below which an item is Y")->default_val(1.0);
  cmd->add_option("--points", args->points, "Sampled levels per service curve")->default_val(64);
  cmd->add_flag("--no-verify", args->no_verify, "Skip the simulation check");
  cmd->add_option("--periods", args->periods, "Simulated periods per replication")->default_val(4000);
  cmd->add_option("--replications", args->replications, "Simulation replications (>= 2)")->default_val(10);
  cmd->add_option("--seed", args->seed, "Simulation seed")->default_val(1);
  cmd->add_option("--top", args->top, "List at most this many items (0: all)")->default_val(0);
  cmd->add_flag("--network", args->network,
                "Also trace the network's cost-service frontier over its demand stages with the guaranteed-service plan");
  return {cmd, [args] { return run_service(*args); }};
}

}  // namespace echelon::cli
