// Reading CSV text: lines, fields (RFC 4180 quoting within a line), trimming and numbers.
//
// The pieces every CSV reader of the project shares (demand history, Willems chains). Line
// numbers are counted from 1, as a text editor shows them, so errors can name the line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace echelon::csv {

// The largest CSV text a reader accepts (64 MiB, as for scenario files): a file several times
// larger than any planning history seen in practice, and small enough to hold in memory twice.
inline constexpr std::size_t kMaxBytes = 64u * 1024u * 1024u;

// Every reader calls this first. The problem (path "line L, column C", columns counted in bytes
// from 1) when the text is longer than `max_bytes`, is not valid UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or holds a NUL byte; nullopt when it is fine.
// Text read into a scenario ends up in JSON, which must be UTF-8, so a broken byte is refused
// where the user can still see where it is.
std::optional<Problem> check_text(std::string_view text, std::size_t max_bytes = kMaxBytes);

struct Line {
  std::size_t number = 0;  // 1-based, as an editor shows it
  std::string_view text;   // without the line ending
};

// Splits text into lines on LF or CRLF; a leading UTF-8 byte-order mark is dropped. A final
// empty line after the last line ending is not returned.
std::vector<Line> split_lines(std::string_view text);

// Splits one line into fields separated by `separator`. Quoted fields ("a, b", "say ""hi""")
// follow RFC 4180 within one line; a quote left open is an error (message only, no path).
// Unquoted fields are returned as is (no trimming).
struct FieldsOrError {
  std::vector<std::string> fields;
  std::string error;  // empty when the line was well formed
};
FieldsOrError split_fields(std::string_view line, char separator = ',');

// Leading and trailing spaces and tabs removed.
std::string_view trim(std::string_view text);

// A finite decimal number written the usual way ("12", "-0.5", "1e3", " 7 "). Empty text,
// trailing garbage, NaN, infinities and hexadecimal are refused.
std::optional<double> parse_number(std::string_view text);

// Lower-case ASCII copy, for case-insensitive header matching.
std::string lower(std::string_view text);

}  // namespace echelon::csv
