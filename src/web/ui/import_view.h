// State of the import dialog and of the Portfolio tab, kept by the UI between frames.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/portfolio.h"
#include "core/io/history_import.h"
#include "ui/network_view.h"
#include "ui/panels.h"

namespace echelon::ui {

// A demand history waiting for its import settings (File > Open of a history CSV, or a pasted
// table). `open` asks for the modal; it closes on Import (when the import succeeds) or Cancel.
struct ImportDialog {
  bool open = false;
  std::string file_name;
  std::string text;
  TablePreview preview;
  std::string summary;            // series, periods, period length and date range, or why it cannot be read
  bool readable = false;          // the history parses with the detected settings
  double lead_time_periods = 0.0;
  double unit_cost = 0.0;
  double holding_rate_percent = 25.0;
  bool set_target = true;
  double service_target_percent = 95.0;
  int period_choice = 0;          // 0 detected, 1 day, 2 week, 3 month
  bool absent_rows_are_zero = false;
  char location[128] = "all";
  char lead_time_column[128] = "";
  std::vector<char> item_master = std::vector<char>(512 * 1024, '\0');  // pasted item master CSV
  std::vector<char> receipts = std::vector<char>(512 * 1024, '\0');     // pasted receipts CSV
  bool use_opened_receipts = true;  // the receipts file opened with File > Open, when there is one
  Problems problems;              // of the last Import press
};

// Prepares the dialog for `text` (preview and summary) and asks for it to open.
void begin_import(ImportDialog& dialog, const std::string& file_name, const std::string& text);

// The settings the dialog's fields stand for.
HistoryImportSettings import_settings(const ImportDialog& dialog);

// Whether pasted text looks like a table copied from a spreadsheet (tabs, and more than one line).
bool looks_like_table(const std::string& text);

struct PortfolioView {
  app::Portfolio portfolio;
  std::uint64_t model_revision = ~std::uint64_t{0};
  std::uint64_t plan_generation = ~std::uint64_t{0};
  std::uint64_t sim_revision = ~std::uint64_t{0};
  // The readiness of the portfolio was checked at this structure revision of this scenario
  // (app/scenario_editor.h): a rebuild for a new plan alone keeps it.
  std::uint64_t readiness_structure = ~std::uint64_t{0};
  std::uint64_t readiness_identity = ~std::uint64_t{0};
  std::uint64_t identity = 0;  // increases on every rebuild (the table re-sorts)
  int frames_since_build = 0;
  SortedRows rows;
  std::vector<int> visible;    // rows after the filters, in sorted order
  char search[96] = "";
  int location_filter = -1;    // index into portfolio.locations; -1 = every location
  bool flagged_only = false;
  int selected = -1;           // row index
};

struct UiState;

// The modal while `ui.import_dialog.open`; true in the frame the import succeeded.
bool import_dialog(app::AppSession& state, UiState& ui);

// Rebuilds the portfolio when the scenario, the plan or the simulation changed (the simulation's
// progress at most every 30 frames while it runs, since a rebuild reads every row).
void refresh_portfolio(const app::AppSession& state, PortfolioView& view);

// The Portfolio tab.
void portfolio_panel(app::AppSession& state, PortfolioView& view, ShownText& shown, const SaveFile& save);

// Under the plan's totals: how many items are flagged (core/model/readiness.h), by flag, with
// what to set.
void readiness_notice(const PortfolioView& view, ShownText& shown);

}  // namespace echelon::ui
