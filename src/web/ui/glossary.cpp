// Help > Glossary: every symbol and measure the panels show, in words and as a formula.
#include <imgui.h>

#include "ui/panels.h"

namespace echelon::ui {

namespace {
struct Entry {
  const char* symbol;
  const char* name;
  const char* words;
  const char* formula;
};

// Notation of the guaranteed-service model (Graves & Willems 2000; Simchi-Levi & Zhao 2005) and
// of the single-location textbook (Silver, Pyke & Thomas 2017, ch. 6-7).
constexpr Entry kEntries[] = {
    {"T", "processing time", "Periods a stage needs to make or obtain a unit once its inputs are there (plus the transit time of the arc into it).",
     "T_j = processing_j + transit into j"},
    {"SI", "inbound service time", "Periods a stage waits for its inputs: the longest service time quoted by its suppliers.",
     "SI_j = max over suppliers i of S_i"},
    {"S", "outbound service time", "Periods a stage promises its customers: an order placed now is shipped within S periods. 0 at a store means customers are served from stock.",
     "0 <= S_j <= SI_j + T_j"},
    {"tau", "net replenishment time", "Periods of demand a stage's stock must cover: what it waits for plus what it takes, less what it may quote.",
     "tau_j = SI_j + T_j - S_j"},
    {"z", "safety factor", "Standard deviations of demand over tau that the buffer covers; set by the service target.",
     "z = Phi^-1(CSL)"},
    {"SS", "safety stock", "Stock held against uncertainty. With random lead times the variance of demand over a random time adds the lead-time term.",
     "SS = z * sqrt(E[tau] sigma_D^2 + mu_D^2 Var[tau])"},
    {"B", "base stock (order-up-to level)", "The inventory position a stage restores every period: expected demand over tau plus the safety stock.",
     "B = mu_D * tau + SS"},
    {"CSL", "cycle service level (type 1)", "Share of replenishment cycles (periods, with daily review) in which no customer is short.",
     "P(demand over tau <= B)"},
    {"fill", "fill rate (type 2)", "Share of demanded units shipped from stock at once.",
     "1 - E[units short per cycle] / E[demand per cycle]"},
    {"on time", "served within the quoted time", "Share of units (or periods) shipped within the stage's quoted service time S; the promise of a stage that quotes S > 0.",
     "P(wait <= S)"},
    {"h", "holding cost", "Cost of keeping one unit for a period: a yearly rate on the unit's value, divided by periods per year.",
     "h = rate * value / periods per year"},
    {"ADI / CV2", "demand classes", "Average interval between demands and squared coefficient of variation of the non-zero sizes; cut-offs 1.32 and 0.49 (Syntetos & Boylan 2005).",
     "smooth, erratic, intermittent, lumpy"},
    {"95% CI", "confidence interval", "The simulation's estimate plus or minus 1.96 standard errors over independent replications.",
     "mean +- 1.96 s / sqrt(n)"},
};
}  // namespace

void glossary_window(bool& open, ShownText& shown) {
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 44.0f, ImGui::GetFontSize() * 30.0f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Glossary", &open)) {
    ImGui::End();
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("glossary", 3, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Symbol", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.0f);
    ImGui::TableSetupColumn("Meaning", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Formula", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const Entry& e : kEntries) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.symbol);
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::Text("%s: %s", e.name, e.words);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", e.formula);
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
  shown["glossary_entries"] = std::to_string(sizeof kEntries / sizeof kEntries[0]);
  ImGui::End();
}

}  // namespace echelon::ui
