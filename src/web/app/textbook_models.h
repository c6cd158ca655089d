// The textbook single-location and serial models of core/policy and core/meio, as the app's
// Single location tab shows them: each model a list of numeric inputs (name, unit, default and
// the range the core accepts), and `run_textbook_model` giving the optimal decision, its cost,
// the formula in words and details, or the problems naming the input at fault.
//
// Every model's optimal policy is also played out beside its analytic figures:
//   EOQ, planned backorders, EPQ, discounts  the saw-tooth stepped through 40 cycles (1,000 steps
//                                            each): stock, backorders, orders and purchases
//   Wagner-Whitin                            the plan stepped period by period (stock never short)
//   finite-horizon (s, S)                    Monte Carlo of the period rules from x1, seeded
//   newsvendor                               Monte Carlo of seasons, demand drawn by inverting its
//                                            distribution (any form, lognormal included; the
//                                            gamma by Marsaglia & Tsang's method)
//   (r, Q), (s, S), one-stage Clark-Scarf    core/sim/policy_sim with a fixed seed
// A Clark-Scarf line of two or more stages is not simulated (the single-location simulator has
// one stage). Timelines of core/sim/policy_sim: the
// simulator's order placed at the end of period t arrives at the start of t + L' + 1 and stock is
// counted at period ends, so
//   (s, S), periodic review, lead time L:       L' = L (Zheng & Federgruen's X covers L + 1 periods)
//   (r, Q) and base stock, lead time L >= 1:     L' = L - 1 (the position after ordering is
//        uniform on r+1..r+Q in both models, and the stock counted at the end of period t + L is
//        that position less L periods of demand, as in the continuous-review cost)
//   newsvendor:                                 base stock with L' = 0 (each period starts at S)
// The simulated cost is h x (mean on hand) + b x (mean backorders) + K x (orders per period); its
// "+-" adds the terms' standard errors (a bound, as the terms are correlated).
//
// Work: every model's core function has its own caps; the finite-horizon dynamic program is
// marked `solve_on_release` (the panel solves it when a drag ends, not on every frame), the
// simulations run when an edit ends too, and TextbookState solves again only when an input
// changed.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace echelon::app {

enum class TextbookModel {
  eoq,
  eoq_backorders,
  epq,
  quantity_discount,
  wagner_whitin,
  finite_horizon_s_S,
  newsvendor,
  r_Q,
  s_S,
  clark_scarf,
};

// One input. A choice (non-empty `choices`) holds the index of the chosen entry.
struct TextbookField {
  TextbookField(std::string name_, std::string label_, std::string unit_, double default_value_, double min_value_,
                double max_value_, bool min_open_, bool whole_, std::string help_)
      : name(std::move(name_)), label(std::move(label_)), unit(std::move(unit_)), default_value(default_value_),
        min_value(min_value_), max_value(max_value_), min_open(min_open_), whole(whole_), help(std::move(help_)) {}
  static TextbookField choice(std::string name, std::string label, int default_index, std::vector<std::string> choices,
                              std::string help);

  std::string name;     // the problem path and the test key, e.g. "holding_cost_per_unit_period"
  std::string label;    // shown beside the input
  std::string unit;
  double default_value;
  double min_value;     // the core's range (min_open: min itself is refused)
  double max_value;
  bool min_open;
  bool whole;           // whole numbers only (periods, stages, choices)
  std::string help;
  std::vector<std::string> choices;
};

struct TextbookModelInfo {
  TextbookModel model;
  const char* key;      // "r_Q", ... (the CLI's model names where there is one)
  const char* title;
  const char* summary;  // one line: what the model decides
  bool solve_on_release;
  std::vector<TextbookField> fields;
};

const std::vector<TextbookModelInfo>& textbook_models();
const TextbookModelInfo& textbook_model_info(TextbookModel model);
std::vector<double> textbook_defaults(TextbookModel model);
// Whether edits of these inputs are solved only when a drag ends: the finite-horizon program
// always, and Clark-Scarf lines of more than 8 stages (20 normal stages take about 14 ms in wasm).
bool textbook_solves_on_release(TextbookModel model, const std::vector<double>& inputs);
// Whether input `index` takes part given the other inputs (the sd of a Poisson demand, the
// prices of the cost form, the demands beyond the number of periods do not); the panel shows
// only these, and only these are checked.
bool textbook_field_applies(TextbookModel model, const std::vector<double>& inputs, std::size_t index);
// The index of a field by name (the field count when there is none).
std::size_t textbook_field_index(TextbookModel model, const std::string& name);

// One line of the analytic vs simulated table ("" where a side has no figure).
struct TextbookComparison {
  std::string measure;
  std::string analytic;
  std::string simulated;
};

struct TextbookResult {
  std::string decision;    // "r = 3, Q = 5"
  std::vector<double> decision_values;  // the same numbers (r, Q), for tests and charts
  double cost = 0.0;
  std::string cost_label;  // "expected cost per period"
  std::string formula;     // the formula in words
  std::vector<std::pair<std::string, std::string>> details;  // name, value
  bool simulated = false;
  bool simulation_pending = false;  // solved without its simulation (mid-drag)
  std::string simulation_note;  // how it was simulated, or why not
  std::vector<TextbookComparison> comparison;
  // Optional table of related optima (the (r, Q) without a target and with each service target).
  std::string variants_title;
  std::vector<std::string> variants_header;
  std::vector<std::vector<std::string>> variants;
  double simulated_cost = 0.0;
  double simulated_cost_error = 0.0;
};

// Problems name the field ("inputs/<name>") or, for the core's own checks, the core's field.
// simulate = false skips the simulation (the result says it is pending).
Result<TextbookResult> run_textbook_model(TextbookModel model, const std::vector<double>& inputs, bool simulate = true);

// The chosen model, its inputs and the last good result. An input out of range is refused with a
// problem naming it and the old value kept; a combination the core refuses keeps the last good
// result on screen beside the problems.
class TextbookState {
 public:
  TextbookState();
  TextbookModel model() const { return model_; }
  void select(TextbookModel model);  // restores the model's inputs as last edited
  const std::vector<double>& inputs() const { return inputs_[static_cast<std::size_t>(model_)]; }
  // `final` = the edit is complete (typed, or a drag released). Mid-drag a model is solved
  // without its simulation, and models marked solve_on_release not at all; a final edit (or
  // solve()) completes both. Returns false when the value is refused.
  bool set_input(std::size_t index, double value, bool final);
  void solve();  // solves now if the inputs changed since the last solve
  const Result<TextbookResult>& result() const { return result_; }
  // The last good result of the current model (none yet: nullptr).
  const TextbookResult* last_good() const;
  const Problems& problems() const { return result_.problems(); }
  const Problem& field_problem() const { return field_problem_; }  // the last refused value
  long long solves() const { return solves_; }                     // core runs so far (a test counter)
  bool pending() const { return dirty_ || simulation_owed_; }      // not yet fully solved for the inputs

 private:
  TextbookModel model_ = TextbookModel::r_Q;
  std::vector<std::vector<double>> inputs_;
  Result<TextbookResult> result_{Problems{}};
  std::vector<TextbookResult> last_good_;
  std::vector<bool> has_good_;
  Problem field_problem_;
  bool dirty_ = true;
  bool simulation_owed_ = false;
  long long solves_ = 0;
};

}  // namespace echelon::app
