#include "core/io/csv.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace echelon::csv {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid one
// (RFC 3629, section 4: the well-formed byte sequences).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) length = 2;
  else if (b0 == 0xE0) { length = 3; low = 0xA0; }
  else if (b0 >= 0xE1 && b0 <= 0xEC) length = 3;
  else if (b0 == 0xED) { length = 3; high = 0x9F; }  // no surrogates
  else if (b0 >= 0xEE && b0 <= 0xEF) length = 3;
  else if (b0 == 0xF0) { length = 4; low = 0x90; }
  else if (b0 >= 0xF1 && b0 <= 0xF3) length = 4;
  else if (b0 == 0xF4) { length = 4; high = 0x8F; }  // nothing above U+10FFFF
  else return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

}  // namespace

std::optional<Problem> check_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return Problem{"", "the file is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)};
  }
  std::size_t line = 1, line_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    const auto where = [&] { return "line " + std::to_string(line) + ", column " + std::to_string(i - line_start + 1); };
    if (c == '\0') return Problem{where(), "the text holds a NUL byte (a binary file, or text in UTF-16?)"};
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      return Problem{where(), "the text is not valid UTF-8 here (save the file as UTF-8; byte 0x" +
                                  std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(c) >> 4]) +
                                  std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(c) & 15]) + ")"};
    }
    i += length;
  }
  return std::nullopt;
}

std::vector<Line> split_lines(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  std::vector<Line> lines;
  std::size_t number = 1;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({number, line});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
    ++number;
  }
  return lines;
}

FieldsOrError split_fields(std::string_view line, char separator) {
  FieldsOrError out;
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        out.error = "a quoted field is not closed on this line";
        return out;
      }
      if (i < line.size() && line[i] != separator) {
        out.error = "text follows a closing quote in a field";
        return out;
      }
    } else {
      while (i < line.size() && line[i] != separator) field += line[i++];
    }
    out.fields.push_back(field);
    if (i >= line.size()) break;
    ++i;  // the separator
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  // Only the characters of a plain decimal: this refuses "nan", "inf" and hexadecimal, which
  // strtod would otherwise accept.
  for (char c : text) {
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    if (!allowed) return std::nullopt;
  }
  const std::string copy(text);  // strtod needs a terminated string
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace echelon::csv
