#include "app/service_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/base/result.h"
#include "core/learn/demand_class.h"

namespace echelon::app {

Problems validate_service_settings(const ServiceSettings& settings) {
  Problems problems;
  const double t = settings.target_fill_rate;
  if (!(t > 0.0 && t < 1.0)) problems.push_back({"target_fill_rate", "must be between 0 and 1 (got " + format_number(t) + ")"});
  service::SegmentationOptions options;
  options.abc = settings.abc;
  options.xyz = settings.xyz;
  options.targets = settings.targets;
  options.demand_class = settings.demand_class;
  for (Problem& p : service::validate(options)) problems.push_back(std::move(p));
  return problems;
}

ServiceRun ServiceRun::start(const Scenario& scenario, const ServiceSettings& settings,
                             std::shared_ptr<const std::vector<std::optional<learn::LearnedDemand>>> learned) {
  ServiceRun run;
  run.settings_ = settings;
  run.problems_ = validate_service_settings(settings);
  if (!run.problems_.empty()) return run;
  service::PortfolioOptions options;
  options.segmentation.abc = settings.abc;
  options.segmentation.xyz = settings.xyz;
  options.segmentation.targets = settings.targets;
  options.segmentation.demand_class = settings.demand_class;
  options.learned = std::move(learned);
  auto builder = service::PortfolioBuilder::start(scenario, options);
  if (!builder.ok()) {
    run.problems_ = builder.problems();
    return run;
  }
  run.builder_.emplace(std::move(builder).value());
  return run;
}

void ServiceRun::start_study() {
  auto portfolio = builder_->finish();
  builder_.reset();
  if (!portfolio.ok()) {
    problems_ = portfolio.problems();
    return;
  }
  portfolio_.emplace(std::move(portfolio).value());
  service::Portfolio& p = *portfolio_;
  if (p.items.empty()) {
    problems_.push_back({"/demands", "no demand with a positive mean to set service levels for"});
    return;
  }
  // The plan to beat: every item at its matrix cell's default target (raised to its tier's floor).
  for (std::size_t i = 0; i < p.items.size() && i < p.segmentation.items.size(); ++i) {
    const double cell = p.segmentation.items[i].default_fill_rate;
    p.items[i].current_fill_rate = std::clamp(cell, p.items[i].min_fill_rate, p.items[i].max_fill_rate);
  }
  service::ServiceRequest request;
  request.allocation.target_fill_rate = settings_.target_fill_rate;
  auto study = service::ServiceStudy::start(p.items, request);
  if (!study.ok()) {
    problems_ = study.problems();
    return;
  }
  study_.emplace(std::move(study).value());
}

bool ServiceRun::step(long long max_work) {
  if (done()) return true;
  if (builder_) {
    const long long demands = std::max<long long>(1, max_work / kPortfolioDemandWorkUnits);
    if (builder_->step(static_cast<std::size_t>(demands))) start_study();
    return done();
  }
  study_->step(std::max<long long>(1, max_work));
  if (study_->done() && study_->failed()) problems_ = study_->problems();
  return done();
}

double ServiceRun::progress() const {
  if (builder_) {
    const std::size_t total = builder_->demands_total();
    return total > 0 ? static_cast<double>(builder_->demands_done()) / static_cast<double>(total) : 0.0;
  }
  return study_ ? study_->progress() : 1.0;
}

std::string ServiceRun::phase() const {
  if (builder_) return "service portfolio";
  return study_ ? std::string(study_->phase()) : std::string("done");
}

const service::ServiceResults* ServiceRun::results() const {
  if (!study_ || !study_->done() || study_->failed()) return nullptr;
  return &study_->results();
}

namespace {
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}
std::string number(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}
}  // namespace

std::string service_items_csv(const service::Portfolio& portfolio, const service::ServiceResults& results) {
  std::string out =
      "item,location,segment,demand_class,matrix_fill_rate,optimized_fill_rate,level,safety_stock_units,investment,"
      "simulated_fill_rate,simulated_half_width\n";
  for (std::size_t k = 0; k < results.optimized.items.size() && k < results.item_index.size(); ++k) {
    const auto i = static_cast<std::size_t>(results.item_index[k]);
    const service::ItemAllocation& a = results.optimized.items[k];
    const std::string location = i < portfolio.locations.size() ? portfolio.locations[i] : std::string();
    const std::string demand_class =
        i < portfolio.segmentation.items.size()
            ? std::string(learn::demand_class_name(portfolio.segmentation.items[i].demand_class))
            : std::string();
    const double matrix = i < portfolio.items.size() ? portfolio.items[i].current_fill_rate : 0.0;
    out += csv_field(a.id) + "," + csv_field(location) + "," + csv_field(a.segment) + "," + csv_field(demand_class) + "," +
           number(matrix) + "," + number(a.fill_rate) + "," + number(a.level) + "," + number(a.safety_stock_units) + "," +
           number(a.investment) + ",";
    const bool simulated = results.verified && k < results.verification.items.size() && results.verification.items[k].simulated;
    if (simulated) {
      const auto& v = results.verification.items[k].simulated_fill_rate;
      out += number(v.mean) + "," + number(1.96 * v.standard_error);
    } else {
      out += ",";
    }
    out += "\n";
  }
  return out;
}

}  // namespace echelon::app
