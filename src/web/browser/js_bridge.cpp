#include "browser/js_bridge.h"

#include <emscripten.h>

#include <cstdlib>

namespace {

EM_JS(int, js_font_size, (), { return Module.echelonFont ? Module.echelonFont.length : 0; });
EM_JS(void, js_font_copy, (unsigned char* dst), { HEAPU8.set(Module.echelonFont, dst); });
EM_JS(void, js_signal_first_frame, (), {
  if (typeof Module.onEchelonFirstFrame === 'function') Module.onEchelonFirstFrame();
});
EM_JS(void, js_open_file_dialog, (), { if (window.echelonOpenFile) window.echelonOpenFile(); });
EM_JS(void, js_open_example, (const char* file), { if (window.echelonOpenExample) window.echelonOpenExample(UTF8ToString(file)); });
EM_JS(void, js_save_file, (const char* name, const char* text, const char* mime), {
  if (window.echelonSaveFile) window.echelonSaveFile(UTF8ToString(name), UTF8ToString(text), UTF8ToString(mime));
});
EM_JS(void, js_copy_link, (const char* json), { if (window.echelonCopyLink) window.echelonCopyLink(UTF8ToString(json)); });
// 1 when stored; 0 when the browser refused (storage full or disabled).
EM_JS(int, js_autosave, (const char* json), {
  try {
    localStorage.setItem('echelon.autosave', UTF8ToString(json));
    localStorage.setItem('echelon.autosave.saved-at', String(Date.now()));  // for the link prompt
    return 1;
  } catch (e) { return 0; }
});
// The browser's storage by key: "" when absent or refused; storing returns 1 when stored.
EM_JS(char*, js_stored, (const char* key), {
  let text = "";
  try { text = localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) { }
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(int, js_store, (const char* key, const char* text), {
  try { localStorage.setItem(UTF8ToString(key), UTF8ToString(text)); return 1; } catch (e) { return 0; }
});
EM_JS(void, js_forget, (const char* key), {
  try { localStorage.removeItem(UTF8ToString(key)); } catch (e) { }
});
// A text the page left on Module for the start (Module[name]), handed over once.
EM_JS(char*, js_take_module_text, (const char* name), {
  const key = UTF8ToString(name);
  const text = Module[key] || "";
  Module[key] = "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
// Keeps an autosave that could not be read under another key, before the first edit of the
// session overwrites it; 1 when kept.
EM_JS(int, js_keep_unreadable_autosave, (), {
  try {
    const saved = localStorage.getItem('echelon.autosave');
    if (saved === null) return 0;
    localStorage.setItem('echelon.autosave.unreadable', saved);
    return 1;
  } catch (e) { return 0; }
});
// Why the page could not read the scenario in the link ("" when it could, or there was none).
EM_JS(char*, js_startup_problem, (), {
  const text = Module.echelonStartupProblem || "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(void, js_save_layout, (const char* ini), {
  try { localStorage.setItem('echelon.layout', UTF8ToString(ini)); } catch (e) { }
});
// Startup text handed over by the page: a scenario from the link, else the autosave, else none.
EM_JS(char*, js_take_startup_scenario, (), {
  const text = Module.echelonStartupScenario || "";
  Module.echelonStartupScenario = "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(char*, js_startup_source, (), {
  const text = Module.echelonStartupSource || "";
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(char*, js_saved_layout, (), {
  let text = "";
  try { text = localStorage.getItem("echelon.layout") || ""; } catch (e) { }
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(void, js_clipboard_write, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(() => {});
});

}  // namespace

namespace echelon::browser::js {

namespace {
// Text handed over by JavaScript in a malloc'd buffer: copied, then freed.
std::string take(char* text) {
  std::string copy = text ? text : "";
  std::free(text);
  return copy;
}
}  // namespace

int font_size() { return js_font_size(); }
void font_copy(unsigned char* destination) { js_font_copy(destination); }
void signal_first_frame() { js_signal_first_frame(); }
void open_file_dialog() { js_open_file_dialog(); }
void open_example(const std::string& file) { js_open_example(file.c_str()); }
void save_file(const std::string& name, const std::string& text, const std::string& mime) {
  js_save_file(name.c_str(), text.c_str(), mime.c_str());
}
void copy_link(const std::string& scenario_json) { js_copy_link(scenario_json.c_str()); }
bool autosave(const std::string& scenario_json) { return js_autosave(scenario_json.c_str()) == 1; }
bool keep_unreadable_autosave() { return js_keep_unreadable_autosave() == 1; }
std::string stored(const std::string& key) { return take(js_stored(key.c_str())); }
bool store(const std::string& key, const std::string& text) { return js_store(key.c_str(), text.c_str()) == 1; }
void forget(const std::string& key) { js_forget(key.c_str()); }
std::string take_startup_autosave() { return take(js_take_module_text("echelonStartupAutosave")); }
std::string startup_autosave_when() { return take(js_take_module_text("echelonStartupAutosaveWhen")); }
std::string startup_problem() { return take(js_startup_problem()); }
void save_layout(const char* ini) { js_save_layout(ini); }
std::string take_startup_scenario() { return take(js_take_startup_scenario()); }
std::string startup_source() { return take(js_startup_source()); }
std::string saved_layout() { return take(js_saved_layout()); }
void clipboard_write(const std::string& text) { js_clipboard_write(text.c_str()); }

}  // namespace echelon::browser::js
