// Renders the app's UI natively without a window: ImGui builds its draw lists against a font
// atlas with no GPU, so layout code, ID clashes and ImGui's own assertions are exercised.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <fstream>
#include <iterator>
#include <string>

#include "app/default_scenario.h"
#include "app/examples.h"
#include "app/scenario_edits.h"
#include "app/session.h"
#include "ui/app_ui.h"
#include "ui/panels.h"

namespace echelon::ui {
namespace {

class HeadlessUi : public ::testing::Test {
 protected:
  void SetUp() override {
    create_headless_context(1280.0f, 800.0f);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void frame(app::AppSession& state, UiState& ui) {
    ImGui::NewFrame();
    state.begin_frame();
    draw_app(state, ui);
    ImGui::Render();
  }
};

TEST_F(HeadlessUi, ShowsTheCoreSafetyStockWithTwoDecimals) {
  app::AppSession state;
  UiState ui;
  ui.requested_tab = 2;  // the single-location tab
  frame(state, ui);
  frame(state, ui);
  ASSERT_TRUE(ui.shown.count("safety_stock"));
  EXPECT_EQ(ui.shown["safety_stock"], "183.16");
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 1000);
  EXPECT_TRUE(ui.shown.count("rect:typed:mean_demand_per_period"));
}

TEST_F(HeadlessUi, PlanAndSimulationOfTheDefaultScenarioAreShown) {
  app::AppSession state;
  UiState ui;
  ui.requested_tab = 0;
  // The plan comes in the first frame; the simulation's first estimates a few frames later (how
  // many depends on the machine: each set-up and each refresh of the estimates that does not fit
  // in a frame's budget waits for the next).
  for (int i = 0; i < 3 || (i < 200 && !state.simulation()); ++i) {
    state.step(50.0);
    frame(state, ui);
  }
  frame(state, ui);
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  EXPECT_TRUE(ui.shown.count("plan_cost_per_year"));
  ASSERT_TRUE(state.simulation().has_value());
  EXPECT_TRUE(ui.shown.count("sim_fill_rate"));
  EXPECT_EQ(ui.overlay.nodes.size(), state.editor().scenario().nodes.size());
}

TEST_F(HeadlessUi, EveryTabRendersWithASelectedStage) {
  app::AppSession state;
  UiState ui;
  state.editor().select({app::SelectionKind::node, 3});
  // The simulation sets up over a frame or two before its first estimates.
  for (int i = 0; i < 20 && !state.simulation(); ++i) state.step(50.0);
  // Each tab shows its own key result once selected (ImGui's checks are on natively, so a
  // misuse of its API in any panel aborts the test).
  const char* key_of_tab[] = {"sim_fill_rate", "plan_rows", "safety_stock"};
  for (int tab = 0; tab < 3; ++tab) {
    ui.requested_tab = tab;
    frame(state, ui);
    frame(state, ui);
    EXPECT_TRUE(ui.shown.count(key_of_tab[tab])) << "tab " << tab;
    if (tab == 1) {
      EXPECT_EQ(ui.shown["plan_rows"], std::to_string(state.plan()->stages.size()));
    }
  }
  EXPECT_EQ(ui.shown.count("sim_fill_rate"), 0u);  // only the visible tab draws
  state.editor().select({app::SelectionKind::arc, 0});
  frame(state, ui);
  state.editor().select({app::SelectionKind::item, 0});
  frame(state, ui);
  EXPECT_EQ(state.editor().selection().kind, app::SelectionKind::item);
}

// The portfolio sample (300 weekly histories) opened as a person would: the learning and the
// obsolescence tabs fill in once the plan and the risk run have finished, frame by frame.
TEST_F(HeadlessUi, PortfolioShowsLearningAndObsolescence) {
  app::AppSession state;
  UiState ui;
  const std::string path = std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/portfolio.json";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The default network's simulation is on screen when the file opens: while the histories are
  // learned the plan is pending and the old simulation must not be read against it.
  ui.requested_tab = 0;
  for (int i = 0; i < 30 && !state.promise_report(); ++i) {
    state.step(50.0);
    frame(state, ui);
  }
  ASSERT_TRUE(state.promise_report().has_value());
  ASSERT_TRUE(state.open_file("portfolio.json", text, "open").ok());
  frame(state, ui);
  EXPECT_TRUE(state.plan_learning().has_value());
  ui.requested_tab = 4;
  frame(state, ui);
  int frames = 0;
  for (; frames < 5000 && state.background_running(); ++frames) {
    state.step(16.0);
    frame(state, ui);
  }
  EXPECT_FALSE(state.background_running());
  frame(state, ui);
  EXPECT_EQ(ui.shown["risk_rows"], "300");
  EXPECT_GT(std::stoi(ui.shown["risk_flagged"]), 0);
  ui.risk_table.flagged_only = true;
  state.select_risk_item(ui.risk_table.visible.empty() ? 0 : ui.risk_table.visible.front());
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["risk_visible"], ui.shown["risk_flagged"]);
  EXPECT_TRUE(ui.shown.count("risk_timeline_first_flag"));
  ui.requested_tab = 3;
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["learning_rows"], "300");
  EXPECT_TRUE(ui.shown.count("learning_learned_value"));
  ui.requested_tab = 5;
  frame(state, ui);
  frame(state, ui);
  ASSERT_TRUE(ui.shown.count("service_savings"));
  EXPECT_TRUE(ui.shown.count("service_simulated"));
  EXPECT_TRUE(ui.shown.count("rect:service:frontier"));
}

// A planner's 2.5 MB demand history (the shared car-parts data; skipped when absent): it opens,
// its 2,674 series are learned over many short frames, and the plan, the risk run and the
// service study all finish.
TEST_F(HeadlessUi, CarPartsHistoryOpensAndEverythingFinishes) {
  const std::string path = std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no shared data at " << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  app::AppSession state;
  UiState ui;
  ASSERT_TRUE(state.open_file("carparts_long.csv", text, "open").ok());
  // While the histories are learned there is no plan yet: the Simulation tab says what it waits
  // for instead of counting replications of a run that has not started.
  ui.requested_tab = 0;
  frame(state, ui);
  frame(state, ui);
  ASSERT_FALSE(state.plan().ok());
  EXPECT_NE(ui.shown["simulation_waiting"].find("once the first plan is ready"), std::string::npos)
      << ui.shown["simulation_waiting"];
  int frames = 0;
  for (; frames < 200000 && state.background_running(); ++frames) {
    frame(state, ui);
    state.step(16.0);
  }
  EXPECT_FALSE(state.background_running());
  EXPECT_GT(frames, 10);
  ASSERT_TRUE(state.plan().ok()) << describe(state.plan().problems());
  ui.requested_tab = 4;
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["risk_rows"], std::to_string(state.editor().scenario().demands.size()));
  ui.requested_tab = 3;
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["learning_rows"], std::to_string(state.editor().scenario().demands.size()));
}

// ---- The inspector driven by mouse and keyboard, as a person would ----

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};
std::optional<Rect> shown_rect(UiState& ui, const std::string& key) {
  auto it = ui.shown.find("rect:" + key);
  if (it == ui.shown.end()) return std::nullopt;
  Rect r;
  if (std::sscanf(it->second.c_str(), "%f %f %f %f", &r.x, &r.y, &r.w, &r.h) != 4) return std::nullopt;
  return r;
}

std::size_t node_index(const app::AppSession& state, const std::string& id) {
  const auto& nodes = state.editor().scenario().nodes;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return i;
  return nodes.size();
}

class InspectorInput : public HeadlessUi {
 protected:
  app::AppSession state;
  UiState ui;

  void run_frames(int n) {
    for (int i = 0; i < n; ++i) {
      frame(state, ui);
      state.step(16.0);
    }
  }
  // Press on the field, slide right by `dx` pixels over a few frames, release.
  void drag(const std::string& key, float dx) {
    auto r = shown_rect(ui, key);
    ASSERT_TRUE(r) << key;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    run_frames(1);
    io.MouseDown[0] = true;
    run_frames(1);
    for (int i = 1; i <= 4; ++i) {
      io.MousePos.x += dx / 4.0f;
      run_frames(1);
    }
    io.MouseDown[0] = false;
    run_frames(1);
  }
  // Ctrl+click the field to type, replace its text and press Enter.
  void type_into(const std::string& key, const char* text) {
    auto r = shown_rect(ui, key);
    ASSERT_TRUE(r) << key;
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    run_frames(1);
    io.KeyCtrl = true;
    io.MouseDown[0] = true;
    run_frames(1);
    io.MouseDown[0] = false;
    io.KeyCtrl = false;
    run_frames(1);
    io.KeyCtrl = true;  // select all, then the typed text replaces it
    io.KeysDown[65] = true;
    run_frames(1);
    io.KeysDown[65] = false;
    io.KeyCtrl = false;
    io.AddInputCharactersUTF8(text);
    run_frames(1);
    io.KeysDown[13] = true;
    run_frames(1);
    io.KeysDown[13] = false;
    run_frames(1);
  }
  // Every field's edit must end its merge and let the plan and the Monte Carlo finish.
  void expect_plan_and_simulation_finish() {
    EXPECT_FALSE(state.editor().merging());
    for (int i = 0; i < 3000 && state.background_running(); ++i) run_frames(1);
    EXPECT_FALSE(state.simulation_running());
    EXPECT_TRUE(state.plan_is_current());
    ASSERT_TRUE(state.simulation().has_value());
    EXPECT_FALSE(state.simulation_is_stale());
    EXPECT_EQ(state.simulation_replications_done(), state.simulation_replications_target());
  }
};

TEST_F(InspectorInput, DraggingADemandMeanEndsOnRelease) {
  const std::size_t store = node_index(state, "store-1");
  state.editor().select({app::SelectionKind::node, store});
  run_frames(2);
  const double before = mean(*state.editor().scenario().demands[0].per_period);
  drag("inspector:demand:mean", 60.0f);
  EXPECT_GT(mean(*state.editor().scenario().demands[0].per_period), before);
  expect_plan_and_simulation_finish();
}

// A field that disappears while held (another stage selected mid-drag) never reports its
// release: the run of edits must end all the same, and the plan and the simulation finish.
TEST_F(InspectorInput, AFieldThatDisappearsWhileHeldEndsItsEdit) {
  state.editor().select({app::SelectionKind::node, node_index(state, "store-1")});
  run_frames(2);
  auto r = shown_rect(ui, "inspector:demand:mean");
  ASSERT_TRUE(r);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
  run_frames(1);
  io.MouseDown[0] = true;
  run_frames(1);
  io.MousePos.x += 30.0f;
  run_frames(1);
  ASSERT_TRUE(state.editor().merging()) << "the drag did not start a run of edits";
  state.editor().select({app::SelectionKind::node, node_index(state, "plant")});
  run_frames(3);
  io.MouseDown[0] = false;
  run_frames(1);
  expect_plan_and_simulation_finish();
}

TEST_F(InspectorInput, DraggingAProcessingTimeEndsOnRelease) {
  state.editor().select({app::SelectionKind::node, node_index(state, "plant")});
  run_frames(2);
  const auto revision = state.editor().model_revision();
  drag("inspector:processing:value", 40.0f);
  EXPECT_GT(state.editor().model_revision(), revision);
  expect_plan_and_simulation_finish();
}

TEST_F(InspectorInput, DraggingATransitTimeEndsOnRelease) {
  state.editor().select({app::SelectionKind::arc, 0});
  run_frames(2);
  const auto revision = state.editor().model_revision();
  drag("inspector:transit:mean", 40.0f);
  EXPECT_GT(state.editor().model_revision(), revision);
  expect_plan_and_simulation_finish();
  const auto after_mean = state.editor().model_revision();
  drag("inspector:transit:std. dev.", 40.0f);
  EXPECT_GT(state.editor().model_revision(), after_mean);
  expect_plan_and_simulation_finish();
}

TEST_F(InspectorInput, DraggingANumberAndTheTargetEndOnRelease) {
  state.editor().select({app::SelectionKind::node, node_index(state, "store-2")});
  run_frames(2);
  const auto revision = state.editor().model_revision();
  drag("inspector:holding cost", 30.0f);
  EXPECT_GT(state.editor().model_revision(), revision);
  expect_plan_and_simulation_finish();
  const auto after_cost = state.editor().model_revision();
  drag("inspector:target:bike", -40.0f);
  EXPECT_GT(state.editor().model_revision(), after_cost);
  expect_plan_and_simulation_finish();
}

TEST_F(InspectorInput, TypingADemandMeanEndsOnEnter) {
  state.editor().select({app::SelectionKind::node, node_index(state, "store-1")});
  run_frames(2);
  type_into("inspector:demand:mean", "21.5");
  EXPECT_DOUBLE_EQ(mean(*state.editor().scenario().demands[0].per_period), 21.5);
  expect_plan_and_simulation_finish();
}

// Letters typed into a number box are not dropped silently: the box says which were not taken.
TEST_F(InspectorInput, LettersTypedIntoANumberAreReported) {
  state.editor().select({app::SelectionKind::node, node_index(state, "store-1")});
  run_frames(2);
  auto r = shown_rect(ui, "inspector:demand:mean");
  ASSERT_TRUE(r);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
  run_frames(1);
  io.KeyCtrl = true;
  io.MouseDown[0] = true;
  run_frames(1);
  io.MouseDown[0] = false;
  io.KeyCtrl = false;
  run_frames(1);
  io.AddInputCharactersUTF8("1x2");
  run_frames(1);
  EXPECT_EQ(ui.shown["inspector_refused_characters"], "x");
  run_frames(1);
  EXPECT_EQ(ui.shown["inspector_refused_characters"], "x");  // still said while typing
}

// A store added from the canvas gets demand and a target from the inspector.
TEST_F(InspectorInput, AnAddedStoreCanBeGivenDemand) {
  std::string id;
  ASSERT_TRUE(state.editor().edit("add store", [&](Scenario& s) { id = app::add_stage(s, "store", {600.0, 500.0}); }).accepted);
  ASSERT_TRUE(state.editor()
                  .edit("connect", [&](Scenario& s) { s.arcs.push_back({"dc-1", id, "bike", dist::Constant{1.0}, 1.0, {}}); })
                  .accepted);
  state.editor().select({app::SelectionKind::node, node_index(state, id)});
  run_frames(2);
  auto r = shown_rect(ui, "inspector:add_demand");
  ASSERT_TRUE(r);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
  run_frames(1);
  io.MouseDown[0] = true;
  run_frames(1);
  io.MouseDown[0] = false;
  run_frames(2);
  const auto& demands = state.editor().scenario().demands;
  ASSERT_EQ(demands.back().node, id);
  EXPECT_TRUE(ui.shown.count("rect:inspector:demand:mean"));
  EXPECT_TRUE(ui.shown.count("rect:inspector:target:bike"));
  expect_plan_and_simulation_finish();
  ASSERT_TRUE(state.plan().ok());
  bool planned = false;
  for (const PlanStage& stage : state.plan()->stages) planned = planned || state.editor().scenario().nodes[stage.node_index].id == id;
  EXPECT_TRUE(planned);
}

// ---- Menus clicked like a person would ----

class MenuInput : public InspectorInput {
 protected:
  void click(const std::string& key) {
    auto r = shown_rect(ui, key);
    ASSERT_TRUE(r) << key;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    run_frames(1);
    io.MouseDown[0] = true;
    run_frames(1);
    io.MouseDown[0] = false;
    run_frames(1);
  }
};

TEST_F(MenuInput, NewStartsASmallScenarioThatPlansAndUndoBringsTheOldBack) {
  run_frames(2);
  const Scenario before = state.editor().scenario();
  click("menu:file");
  click("menu:new");
  EXPECT_EQ(state.editor().scenario().name, "New scenario");
  EXPECT_EQ(state.editor().scenario().nodes.size(), 2u);
  expect_plan_and_simulation_finish();
  ASSERT_TRUE(state.plan().ok());
  EXPECT_GT(state.plan()->stages.back().multi_echelon.safety_stock, 0.0);
  ASSERT_TRUE(state.editor().undo());
  EXPECT_TRUE(state.editor().scenario() == before);
}

// The textbook models, driven by the mouse: open the sub-tab, pick the (s, S) model from the
// chooser, see Zheng & Federgruen's (6, 40) beside its simulation, then drag the order cost and
// see the decision move once the drag ends.
// The mouse rests on a control for a frame before it is pressed (the first frame after a move
// from the menu bar still finds the menu bar hovered).
class TextbookInput : public MenuInput {
 protected:
  void rest_on(const std::string& key) {
    auto r = shown_rect(ui, key);
    ASSERT_TRUE(r) << key;
    ImGui::GetIO().MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
    run_frames(1);
  }
  void rest_and_click(const std::string& key) {
    rest_on(key);
    click(key);
  }
  void rest_and_drag(const std::string& key, float dx) {
    rest_on(key);
    drag(key, dx);
  }
  // Opens a drop-down and picks one of its entries.
  void choose(const std::string& combo, const std::string& entry) {
    rest_and_click(combo);
    rest_and_click(combo + ":" + entry);
    run_frames(1);
  }
};

TEST_F(TextbookInput, TextbookModelsAreChosenAndEditedWithTheMouse) {
  ui.requested_tab = 2;
  run_frames(2);
  rest_and_click("single:textbook");
  ASSERT_TRUE(ui.shown.count("rect:textbook:model"));
  EXPECT_EQ(ui.shown["textbook:model"], "r_Q");
  EXPECT_EQ(ui.shown["textbook:decision"], "r* = 3, Q* = 5");
  choose("textbook:model", "s_S");
  EXPECT_EQ(ui.shown["textbook:model"], "s_S");
  EXPECT_EQ(ui.shown["textbook:decision"], "s* = 6, S* = 40");
  EXPECT_TRUE(ui.shown.count("textbook:sim_cost"));
  EXPECT_FALSE(ui.shown["textbook:formula"].empty());
  const std::string cost_before = ui.shown["textbook:cost"];
  ASSERT_EQ(ui.shown["textbook:input:order_cost_per_order"], "64");
  rest_and_drag("textbook:input:order_cost_per_order", 200.0f);
  const double order_cost = state.textbook().inputs()[2];
  EXPECT_GT(order_cost, 64.0);
  EXPECT_NEAR(std::stod(ui.shown["textbook:input:order_cost_per_order"]), order_cost, 1e-5 * order_cost);
  EXPECT_NE(ui.shown["textbook:cost"], cost_before);
  EXPECT_FALSE(state.textbook().pending());
  // What is shown is what the model gives for the dragged inputs.
  auto direct = app::run_textbook_model(app::TextbookModel::s_S, state.textbook().inputs());
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(ui.shown["textbook:decision"], direct->decision);
  ASSERT_TRUE(direct->simulated);
  EXPECT_NEAR(std::stod(ui.shown["textbook:sim_cost"]), direct->simulated_cost, 1e-5 * direct->simulated_cost);
  // The slow finite-horizon model solves only when the drag is released.
  choose("textbook:model", "finite_horizon_s_S");
  EXPECT_EQ(ui.shown["textbook:decision"], "period 1: s = 0, S = 2");
  const long long solves = state.textbook().solves();
  rest_and_drag("textbook:input:periods", 60.0f);
  EXPECT_GT(state.textbook().inputs()[0], 2.0);
  EXPECT_EQ(state.textbook().solves(), solves + 1);
  EXPECT_FALSE(state.textbook().pending());
  // Choices are drop-downs: the newsvendor's distribution and its cost form, picked with the
  // mouse; the inputs shown follow the choice.
  choose("textbook:model", "newsvendor");
  EXPECT_EQ(ui.shown["textbook:input:demand_kind"], "normal");
  EXPECT_TRUE(ui.shown.count("textbook:input:overage_cost_per_unit"));
  choose("textbook:input:demand_kind", "3");
  EXPECT_EQ(ui.shown["textbook:input:demand_kind"], "lognormal");
  choose("textbook:input:form", "1");
  EXPECT_EQ(ui.shown["textbook:input:form"], "prices p, c, v");
  EXPECT_TRUE(ui.shown.count("textbook:input:selling_price"));
  EXPECT_FALSE(ui.shown.count("textbook:input:overage_cost_per_unit"));
  auto lognormal = app::run_textbook_model(app::TextbookModel::newsvendor, state.textbook().inputs());
  ASSERT_TRUE(lognormal.ok());
  EXPECT_EQ(ui.shown["textbook:decision"], lognormal->decision);
  EXPECT_TRUE(ui.shown.count("textbook:sim_cost"));
  // The (r, Q) service variants are listed beside the least-cost optimum.
  choose("textbook:model", "r_Q");
  choose("textbook:input:service", "1");
  EXPECT_EQ(ui.shown["textbook:input:service"], "type 1: cycle service");
  EXPECT_EQ(ui.shown["textbook:variants"], "3");
  EXPECT_TRUE(ui.shown.count("textbook:input:service_target"));
}

TEST_F(MenuInput, TheExamplesMenuListsEverySampleAndOpensTheDefault) {
  ASSERT_TRUE(state.editor().replace(app::new_scenario(), "new").accepted);
  run_frames(2);
  click("menu:file");
  // Hovering the submenu opens it.
  auto r = shown_rect(ui, "menu:examples");
  ASSERT_TRUE(r);
  ImGui::GetIO().MousePos = ImVec2(r->x + r->w * 0.5f, r->y + r->h * 0.5f);
  run_frames(3);
  for (const app::Example& e : app::examples()) {
    const std::string key = "menu:example:" + (e.file.empty() ? std::string("default") : std::string(e.file));
    EXPECT_TRUE(ui.shown.count("rect:" + key)) << key;
  }
  click("menu:example:default");
  EXPECT_TRUE(state.editor().scenario() == app::default_scenario());
}

// Every bundled sample opens and validates (the menu fetches these same files in the browser).
TEST(Examples, EverySampleFileOpens) {
  for (const app::Example& e : app::examples()) {
    if (e.file.empty()) continue;
    const std::string path = std::string(ECHELON_SOURCE_DIR) + "/assets/scenarios/" + std::string(e.file);
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    app::AppSession state;
    EXPECT_TRUE(state.open_file(std::string(e.file), text, "open").ok()) << path;
    EXPECT_FALSE(e.teaches.empty());
  }
}

TEST(ProblemPaths, SelectTheObjectTheyPointAt) {
  const Scenario s = app::default_scenario();
  auto node = selection_for_path("/nodes/2/holding_cost/value", s);
  ASSERT_TRUE(node);
  EXPECT_EQ(node->kind, app::SelectionKind::node);
  EXPECT_EQ(node->index, 2u);
  auto arc = selection_for_path("/arcs/0/transit_time", s);
  ASSERT_TRUE(arc);
  EXPECT_EQ(arc->kind, app::SelectionKind::arc);
  // Demand 0 is at store-1.
  auto demand = selection_for_path("/demands/0/per_period/mean", s);
  ASSERT_TRUE(demand);
  EXPECT_EQ(s.nodes[demand->index].id, s.demands[0].node);
  EXPECT_FALSE(selection_for_path("/nodes/999", s));
  EXPECT_FALSE(selection_for_path("/settings/horizon_periods", s));
  EXPECT_FALSE(selection_for_path("/nodes/x", s));
}

TEST_F(InspectorInput, ARefusedEditIsListedInTheProblemsWindowAndSelectsItsStage) {
  run_frames(1);
  EXPECT_FALSE(state.editor().edit("bad", [](Scenario& sc) { sc.nodes[2].holding_cost.value = -1.0; }).accepted);
  ui.file_problems.show = true;
  run_frames(2);
  EXPECT_EQ(ui.shown["problems_count"], std::to_string(state.editor().last_problems().size()));
  EXPECT_TRUE(ui.shown.count("rect:problems:window"));
}

TEST_F(MenuInput, CompareTabPinsAAndShowsTheDifferenceToB) {
  ui.requested_tab = 6;
  expect_plan_and_simulation_finish();
  run_frames(1);
  EXPECT_EQ(ui.shown["compare_state"], "none");
  click("compare:pin");
  EXPECT_TRUE(state.has_pinned());
  ASSERT_TRUE(state.editor().edit("rate", [](Scenario& s) { s.nodes[0].holding_cost.value *= 2.0; }).accepted);
  expect_plan_and_simulation_finish();
  run_frames(1);
  EXPECT_EQ(ui.shown["compare_state"], "ready");
  EXPECT_EQ(ui.shown["compare_changes"], "1");
  EXPECT_EQ(ui.shown["compare_cost_difference"].substr(0, 1), "+");
}

// The largest Willems chain (1,479 stages): zoomed out its arcs are drawn as bundles and its
// labels hidden and its stages drawn flat; find selects and centres a stage; zoomed in, labels
// come back.
TEST_F(MenuInput, ALargeNetworkIsBundledSearchableAndLabelledWhenZoomedIn) {
  const std::string path = std::string(ECHELON_SHARED_DATA_DIR) + "/willems/willems_37.csv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no shared data at " << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(state.open_file("willems_37.csv", text, "open").ok());
  ui.canvas.fitted = false;
  run_frames(3);
  EXPECT_EQ(ui.shown["network_labels"], "0");
  ASSERT_TRUE(ui.shown.count("network_arc_bundles"));
  const std::size_t arcs = state.editor().scenario().arcs.size();
  EXPECT_LT(std::stoul(ui.shown["network_arc_bundles"]), arcs);
  // Zoomed out, a plain stage is a flat 8-sided shape: the whole frame stays under 40,000
  // vertices (about 73,000 with every stage outlined and anti-aliased).
  EXPECT_LT(ImGui::GetDrawData()->TotalVtxCount, 40000);
  // Type a stage id into the find box and press Enter.
  const std::string id = state.editor().scenario().nodes[700].id;
  click("network:find");
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Enter] = 13;
  io.AddInputCharactersUTF8(id.c_str());
  run_frames(1);
  EXPECT_GE(std::stoi(ui.shown["network_matches"]), 1);
  io.KeysDown[13] = true;
  run_frames(1);
  io.KeysDown[13] = false;
  run_frames(1);
  ASSERT_EQ(state.editor().selection().kind, app::SelectionKind::node);
  EXPECT_NE(state.editor().scenario().nodes[state.editor().selection().index].id.find(id), std::string::npos);
  // Zoom in on the selected stage (now in the canvas's centre) with the wheel.
  auto canvas = shown_rect(ui, "network:find");
  ASSERT_TRUE(canvas);
  const float cx = ui.canvas.origin_x + ui.canvas.pan_x +
                   static_cast<float>(state.editor().scenario().nodes[state.editor().selection().index].position.x) * ui.canvas.zoom;
  const float cy = ui.canvas.origin_y + ui.canvas.pan_y +
                   static_cast<float>(state.editor().scenario().nodes[state.editor().selection().index].position.y) * ui.canvas.zoom_y;
  io.MousePos = ImVec2(cx + 3.0f, cy + 40.0f);
  for (int i = 0; i < 30 && ui.shown["network_labels"] != "1"; ++i) {
    io.MouseWheel = 1.0f;
    run_frames(1);
  }
  io.MouseWheel = 0.0f;
  run_frames(1);
  EXPECT_EQ(ui.shown["network_labels"], "1");
}

// Bulk edit: click a store, Ctrl+click two more on the canvas, drag the holding cost once. All
// three stores take the new value in one undo step, and plan and simulation finish.
TEST_F(MenuInput, CtrlClickedStagesAreEditedTogether) {
  ui.requested_tab = 0;
  run_frames(2);
  auto node_on_screen = [&](const std::string& id) {
    const Position p = state.editor().scenario().nodes[node_index(state, id)].position;
    return ImVec2(ui.canvas.origin_x + ui.canvas.pan_x + static_cast<float>(p.x) * ui.canvas.zoom,
                  ui.canvas.origin_y + ui.canvas.pan_y + static_cast<float>(p.y) * ui.canvas.zoom_y);
  };
  ImGuiIO& io = ImGui::GetIO();
  auto click_node = [&](const std::string& id, bool ctrl) {
    io.MousePos = node_on_screen(id);
    run_frames(1);
    io.KeyCtrl = ctrl;
    io.MouseDown[0] = true;
    run_frames(1);
    io.MouseDown[0] = false;
    run_frames(1);
    io.KeyCtrl = false;
  };
  click_node("store-1", false);
  ASSERT_EQ(state.editor().selection().kind, app::SelectionKind::node);
  EXPECT_TRUE(state.editor().group().empty());
  click_node("store-2", true);
  click_node("store-5", true);
  ASSERT_EQ(state.editor().group().size(), 3u);
  run_frames(1);
  EXPECT_EQ(ui.shown["inspector_group"], "3");
  const Scenario before = state.editor().scenario();
  const double other_before = before.nodes[node_index(state, "store-3")].holding_cost.value;
  drag("inspector:holding cost", 30.0f);
  const Scenario& after = state.editor().scenario();
  const double v1 = after.nodes[node_index(state, "store-1")].holding_cost.value;
  EXPECT_NE(v1, before.nodes[node_index(state, "store-1")].holding_cost.value);
  EXPECT_EQ(after.nodes[node_index(state, "store-2")].holding_cost.value, v1);
  EXPECT_EQ(after.nodes[node_index(state, "store-5")].holding_cost.value, v1);
  EXPECT_EQ(after.nodes[node_index(state, "store-3")].holding_cost.value, other_before);
  expect_plan_and_simulation_finish();
  ASSERT_TRUE(state.editor().undo());
  EXPECT_TRUE(state.editor().scenario() == before);
  // Ctrl+click on a grouped stage takes it out; a plain click selects one stage alone.
  click_node("store-5", true);
  EXPECT_EQ(state.editor().group().size(), 2u);
  click_node("store-3", false);
  EXPECT_TRUE(state.editor().group().empty());
}

// At 1280x800 the selected stage's chart is in view without scrolling: the cards shrink.
TEST_F(MenuInput, TheSelectedStagesChartIsInViewAt1280x800) {
  ui.requested_tab = 0;
  expect_plan_and_simulation_finish();
  state.editor().select({app::SelectionKind::node, node_index(state, "store-1")});
  run_frames(3);
  EXPECT_EQ(ui.shown["sim_cards_compact"], "1");
  auto fan = shown_rect(ui, "simulation:fan");
  ASSERT_TRUE(fan);
  EXPECT_GE(fan->h, ImGui::GetFontSize() * 8.0f);
  EXPECT_LT(fan->y + fan->h * 0.5f, 800.0f);
}

TEST_F(HeadlessUi, AGlossaryExplainsTheSymbols) {
  app::AppSession state;
  UiState ui;
  ui.show_glossary = true;
  frame(state, ui);
  EXPECT_GE(std::stoi(ui.shown["glossary_entries"]), 10);
}

TEST_F(HeadlessUi, TheStatusLineNeverRunsUnderTheVersion) {
  app::AppSession state;
  UiState ui;
  ui.status = std::string(400, 'x');
  frame(state, ui);
  ASSERT_TRUE(ui.shown.count("status_line"));
  EXPECT_LT(ui.shown["status_line"].size(), 300u);
  EXPECT_EQ(ui.shown["status_line"].substr(ui.shown["status_line"].size() - 3), "...");
}

TEST_F(HeadlessUi, AnEditShowsNewNumbersInTheNextFrame) {
  app::AppSession state;
  UiState ui;
  ui.requested_tab = 2;
  frame(state, ui);
  ASSERT_TRUE(state.set_field(app::SingleLocationField::SdLeadTime, 0.0));
  frame(state, ui);
  EXPECT_EQ(ui.shown["safety_stock"], "80.58");  // 1.6448536 * sqrt(2400)
}

TEST_F(HeadlessUi, RendersAtHiDpiScaleAndWithoutUncertainty) {
  apply_style(2.0f);
  ImGui::GetIO().DisplaySize = ImVec2(2560, 1600);
  app::AppSession state;
  ASSERT_TRUE(state.set_field(app::SingleLocationField::SdDemand, 0.0));
  ASSERT_TRUE(state.set_field(app::SingleLocationField::SdLeadTime, 0.0));
  UiState ui;
  ui.requested_tab = 2;
  frame(state, ui);
  frame(state, ui);
  EXPECT_EQ(ui.shown["safety_stock"], "0.00");
}

}  // namespace
}  // namespace echelon::ui
