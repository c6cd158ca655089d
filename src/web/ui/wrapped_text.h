// Text wrapped at spaces only.
//
// ImGui's own wrapping (ImFont::CalcWordWrapPositionA in 1.86) may also break a line after '.',
// ',', ';', '!', '?' and quotes, so in a narrow panel a figure such as "sd 2.61" can end one line
// with "sd 2." and start the next with "61". The panels that print figures inside sentences use
// these functions instead: a line ends only at a space (or a newline in the text), and a word
// wider than the whole line is left whole on a line of its own (clipped by the window, never cut).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace echelon::ui {

// The lines `text` falls into when each may be at most `width` wide, where `measure` gives the
// width of a piece of text (ImGui::CalcTextSize in the panels, anything monotone in tests). Lines
// are views into `text`; the spaces at a break are dropped; an empty text gives no line; a
// newline always ends a line (an empty paragraph gives an empty line).
std::vector<std::string_view> wrap_at_spaces(std::string_view text, float width,
                                             const std::function<float(std::string_view)>& measure);

// Draws `text` wrapped at spaces to the right edge of the current content region, one
// ImGui::TextUnformatted of the lines joined by newlines (one item, lines as close as ImGui's own
// wrapping), in the current text colour.
void text_wrapped_at_spaces(std::string_view text);

// The same in the disabled (greyed) text colour, like ImGui::TextDisabled.
void text_disabled_wrapped_at_spaces(std::string_view text);

// The same in `color` (red, green, blue, alpha in [0, 1]), like ImGui::TextColored.
void text_colored_wrapped_at_spaces(float red, float green, float blue, float alpha, std::string_view text);

// A bullet followed by `text` wrapped at spaces, its lines under the first (BulletText does not
// wrap, so a long message runs past the panel's edge).
void bullet_wrapped_at_spaces(std::string_view text);

// Before an item `next_width` wide that may follow the last one on its line: ImGui::SameLine()
// when it fits before the right edge of the content region, else nothing (it starts a new line).
// For rows of short labels (legends, counts) that must not run past a narrow panel's edge.
void same_line_if_fits(float next_width);

// printf-style formatting into a string, for the functions above (at most 1,023 characters).
std::string format_text(const char* format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

}  // namespace echelon::ui
