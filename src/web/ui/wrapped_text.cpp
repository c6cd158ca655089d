#include "ui/wrapped_text.h"

#include <imgui.h>

#include <cstdarg>
#include <cstdio>

namespace echelon::ui {

namespace {

// One paragraph (no newline inside) into lines of at most `width`.
void wrap_paragraph(std::string_view paragraph, float width, const std::function<float(std::string_view)>& measure,
                    std::vector<std::string_view>& lines) {
  std::size_t line_begin = 0;
  while (line_begin < paragraph.size() && paragraph[line_begin] == ' ') ++line_begin;
  if (line_begin == paragraph.size()) {
    lines.push_back(paragraph.substr(0, 0));
    return;
  }
  while (line_begin < paragraph.size()) {
    // Extend the line a word at a time while it fits; the first word always goes in.
    std::size_t line_end = paragraph.find(' ', line_begin);
    if (line_end == std::string_view::npos) line_end = paragraph.size();
    while (line_end < paragraph.size()) {
      std::size_t next_word = line_end;
      while (next_word < paragraph.size() && paragraph[next_word] == ' ') ++next_word;
      if (next_word == paragraph.size()) break;
      std::size_t next_end = paragraph.find(' ', next_word);
      if (next_end == std::string_view::npos) next_end = paragraph.size();
      if (measure(paragraph.substr(line_begin, next_end - line_begin)) > width) break;
      line_end = next_end;
    }
    lines.push_back(paragraph.substr(line_begin, line_end - line_begin));
    line_begin = line_end;
    while (line_begin < paragraph.size() && paragraph[line_begin] == ' ') ++line_begin;
  }
}

}  // namespace

std::vector<std::string_view> wrap_at_spaces(std::string_view text, float width,
                                             const std::function<float(std::string_view)>& measure) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    wrap_paragraph(text.substr(begin, end - begin), width, measure, lines);
    begin = end + 1;
  }
  return lines;
}

void text_wrapped_at_spaces(std::string_view text) {
  const float width = ImGui::GetContentRegionAvail().x;
  const auto measure = [](std::string_view piece) {
    return ImGui::CalcTextSize(piece.data(), piece.data() + piece.size()).x;
  };
  // One item for the whole text: lines as close as ImGui's own wrapping, and one hover area.
  std::string joined;
  joined.reserve(text.size() + 16);
  bool first = true;
  for (const std::string_view line : wrap_at_spaces(text, width, measure)) {
    if (!first) joined += '\n';
    first = false;
    joined.append(line.data(), line.size());
  }
  if (!text.empty()) ImGui::TextUnformatted(joined.c_str(), joined.c_str() + joined.size());
}

void text_disabled_wrapped_at_spaces(std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  text_wrapped_at_spaces(text);
  ImGui::PopStyleColor();
}

void text_colored_wrapped_at_spaces(float red, float green, float blue, float alpha, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(red, green, blue, alpha));
  text_wrapped_at_spaces(text);
  ImGui::PopStyleColor();
}

void bullet_wrapped_at_spaces(std::string_view text) {
  ImGui::Bullet();
  ImGui::SameLine();
  text_wrapped_at_spaces(text);
}

void same_line_if_fits(float next_width) {
  const float line_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;  // window-local, like the region
  if (line_end + ImGui::GetStyle().ItemSpacing.x + next_width <= ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine();
}

std::string format_text(const char* format, ...) {
  char text[1024];
  va_list args;
  va_start(args, format);
  const int written = std::vsnprintf(text, sizeof text, format, args);
  va_end(args);
  if (written < 0) return std::string();
  return std::string(text, static_cast<std::size_t>(written) < sizeof text ? static_cast<std::size_t>(written) : sizeof text - 1);
}

}  // namespace echelon::ui
