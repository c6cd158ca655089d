// The JavaScript side of the browser app (web/shell.js implements the window.echelon* calls).
// Each function is a thin C++ wrapper over one EM_JS function in js_bridge.cpp.
#pragma once

#include <string>

namespace echelon::browser::js {

int font_size();                       // bytes of the font the page loaded (0: none)
void font_copy(unsigned char* destination);
void signal_first_frame();
void open_file_dialog();
void open_example(const std::string& file);  // fetches assets/scenarios/<file> and opens it
void save_file(const std::string& name, const std::string& text, const std::string& mime);
void copy_link(const std::string& scenario_json);
bool autosave(const std::string& scenario_json);  // false: the browser's storage refused it
bool keep_unreadable_autosave();       // copies the autosave to "echelon.autosave.unreadable"
// The browser's storage (localStorage) by key: "" when absent or refused; store is false when
// the browser refused (storage full or disabled).
std::string stored(const std::string& key);
bool store(const std::string& key, const std::string& text);
void forget(const std::string& key);
// With a link: the autosaved work at the start and when it was saved ("" when none / unknown).
std::string take_startup_autosave();
std::string startup_autosave_when();
std::string startup_problem();         // why the link's scenario could not be read, or ""
void save_layout(const char* ini);
std::string take_startup_scenario();   // a scenario from the link, else the autosave, else ""
std::string startup_source();          // "link", "restored", ... ("" when none)
std::string saved_layout();            // ImGui's ini text, or ""
void clipboard_write(const std::string& text);

}  // namespace echelon::browser::js
