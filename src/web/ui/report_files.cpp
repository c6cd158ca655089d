// Plan and KPI reports as downloadable files. The text comes from core/report_export.h; this
// file only names the files and decides when the KPI figures belong to the plan on screen.
#include <imgui.h>

#include <cctype>

#include "core/plan/report_export.h"
#include "ui/panels.h"

namespace echelon::ui {

namespace {

struct KindInfo {
  ReportKind kind;
  const char* name;
  const char* label;
  const char* suffix;
  const char* mime;
};

constexpr KindInfo kKinds[] = {
    {ReportKind::plan_csv, "plan_csv", "Export plan (CSV)", "plan.csv", "text/csv"},
    {ReportKind::plan_json, "plan_json", "Export plan (JSON)", "plan.json", "application/json"},
    {ReportKind::kpis_csv, "kpis_csv", "Export KPIs (CSV)", "kpis.csv", "text/csv"},
    {ReportKind::kpis_json, "kpis_json", "Export KPIs (JSON)", "kpis.json", "application/json"},
};

const KindInfo& info(ReportKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return kKinds[0];
}

// "Retail network (2026)" -> "retail-network-2026": safe in any file system.
std::string file_stem(const std::string& scenario_name) {
  std::string stem;
  for (const char c : scenario_name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      stem += static_cast<char>(std::tolower(u));
    } else if (!stem.empty() && stem.back() != '-') {
      stem += '-';
    }
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  if (stem.size() > 60) stem.resize(60);
  return stem.empty() ? "echelon" : stem;
}

}  // namespace

std::optional<ReportKind> report_kind_from_name(std::string_view name) {
  for (const KindInfo& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  return std::nullopt;
}

const char* report_label(ReportKind kind) { return info(kind).label; }

Result<ReportFile> report_file(const app::AppSession& state, ReportKind kind) {
  const Result<Plan>& plan = state.plan();
  if (!plan.ok()) return Problem{"plan", "there is no plan for this scenario yet"};
  const Scenario& scenario = state.editor().scenario();
  Result<std::string> text{Problems{}};
  switch (kind) {
    case ReportKind::plan_csv: text = plan_csv(scenario, *plan); break;
    case ReportKind::plan_json: text = plan_json(scenario, *plan); break;
    case ReportKind::kpis_csv:
    case ReportKind::kpis_json: {
      const auto& estimates = state.simulation();
      if (!estimates) return Problem{"simulation", "the simulation has no results yet"};
      if (state.simulation_is_stale()) {
        return Problem{"simulation", "the figures on screen belong to the plan before the last edit; "
                                     "wait for the new run's first results"};
      }
      text = kind == ReportKind::kpis_csv ? kpis_csv(scenario, *plan, *estimates) : kpis_json(scenario, *plan, *estimates);
      break;
    }
  }
  if (!text.ok()) return text.problems();
  const KindInfo& k = info(kind);
  return ReportFile{file_stem(scenario.name) + "-" + k.suffix, std::move(text).value(), k.mime};
}

std::string report_button(const app::AppSession& state, ReportKind kind, const SaveFile& save, ShownText& shown) {
  const KindInfo& k = info(kind);
  // Whether the report can be made is cheap to decide; the text is only built on a click.
  const Result<Plan>& plan = state.plan();
  std::string why_not;
  if (!save) why_not = "saving files is not available here";
  else if (!plan.ok()) why_not = "there is no plan for this scenario yet";
  else if ((kind == ReportKind::kpis_csv || kind == ReportKind::kpis_json) &&
           (!state.simulation() || state.simulation_is_stale())) {
    why_not = "waiting for the simulation of the current plan";
  }
  ImGui::BeginDisabled(!why_not.empty());
  const bool clicked = ImGui::SmallButton(k.label);
  ImGui::EndDisabled();
  record_rect(shown, std::string("export:") + k.name);
  if (!why_not.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", why_not.c_str());
  }
  if (!clicked || !why_not.empty()) return {};
  auto file = report_file(state, kind);
  if (!file.ok()) return {};
  save(file->name, file->text, file->mime);
  return file->name;
}

}  // namespace echelon::ui
