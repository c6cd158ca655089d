// Errors as values at the core's boundaries.
//
// A `Problem` names where the input is wrong (a JSON path such as "/nodes/3/holding_cost", or a
// field name such as "mean_demand_per_period") and says what is wrong in plain language. A
// `Result<T>` holds either a value or every problem found, so a caller can show them all at once.
// Echelon never throws: a browser's main loop must not see an exception.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace echelon {

struct Problem {
  std::string path;     // where: a JSON path or a field name
  std::string message;  // what is wrong, for a person to read

  friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = std::vector<Problem>;

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose, as with expected
  Result(Problems problems) : state_(std::move(problems)) {}
  Result(Problem problem) : state_(Problems{std::move(problem)}) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T* operator->() const { return &std::get<T>(state_); }
  const T& operator*() const { return std::get<T>(state_); }

  // Empty when ok().
  const Problems& problems() const {
    static const Problems none;
    return ok() ? none : std::get<Problems>(state_);
  }

 private:
  std::variant<T, Problems> state_;
};

// Joins problems into one line per problem: "path: message".
std::string describe(const Problems& problems);

// A number as a person would write it in a message: up to 6 significant digits, no trailing
// zeros ("-1", "0.25", "1e+09", "nan", "inf").
std::string format_number(double value);

}  // namespace echelon
