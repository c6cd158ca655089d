#include "core/model/distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon {

namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::string& path, std::string_view field) {
  std::string out = path;
  out += '/';
  out.append(field);
  return out;
}

// Collects problems for one distribution under one path.
class Checker {
 public:
  Checker(const std::string& path, Problems& problems) : path_(path), problems_(problems) {}

  bool finite(double value, std::string_view field) {
    if (std::isfinite(value)) return true;
    add(field, "must be a finite number, got " + format_number(value));
    return false;
  }
  void at_least(double value, double bound, std::string_view field) {
    if (finite(value, field) && value < bound) {
      add(field, "must be at least " + format_number(bound) + ", got " + format_number(value));
    }
  }
  void above(double value, double bound, std::string_view field) {
    if (finite(value, field) && !(value > bound)) {
      add(field, "must be greater than " + format_number(bound) + ", got " + format_number(value));
    }
  }
  void add(std::string_view field, std::string message) {
    problems_.push_back({field.empty() ? path_ : join(path_, field), std::move(message)});
  }

 private:
  const std::string& path_;
  Problems& problems_;
};

}  // namespace

std::string_view kind_name(const Distribution& d) {
  return std::visit(Overloaded{
                        [](const dist::Constant&) { return std::string_view("constant"); },
                        [](const dist::Normal&) { return std::string_view("normal"); },
                        [](const dist::Gamma&) { return std::string_view("gamma"); },
                        [](const dist::Lognormal&) { return std::string_view("lognormal"); },
                        [](const dist::Poisson&) { return std::string_view("poisson"); },
                        [](const dist::NegativeBinomial&) { return std::string_view("negative_binomial"); },
                        [](const dist::Discrete&) { return std::string_view("discrete"); },
                        [](const dist::Empirical&) { return std::string_view("empirical"); },
                    },
                    d);
}

double mean(const Distribution& d) {
  return std::visit(Overloaded{
                        [](const dist::Constant& c) { return c.value; },
                        [](const dist::Normal& n) { return n.mean; },
                        [](const dist::Gamma& g) { return g.shape * g.scale; },
                        [](const dist::Lognormal& l) { return l.mean; },
                        [](const dist::Poisson& p) { return p.mean; },
                        [](const dist::NegativeBinomial& nb) { return nb.mean; },
                        [](const dist::Discrete& t) {
                          if (t.outcomes.empty()) return kNaN;
                          double m = 0.0;
                          for (const auto& o : t.outcomes) m += o.probability * o.value;
                          return m;
                        },
                        [](const dist::Empirical& e) {
                          if (e.sample.empty()) return kNaN;
                          double sum = 0.0;
                          for (double x : e.sample) sum += x;
                          return sum / static_cast<double>(e.sample.size());
                        },
                    },
                    d);
}

double variance(const Distribution& d) {
  return std::visit(Overloaded{
                        [](const dist::Constant&) { return 0.0; },
                        [](const dist::Normal& n) { return n.sd * n.sd; },
                        [](const dist::Gamma& g) { return g.shape * g.scale * g.scale; },
                        [](const dist::Lognormal& l) { return l.sd * l.sd; },
                        [](const dist::Poisson& p) { return p.mean; },
                        [](const dist::NegativeBinomial& nb) { return nb.sd * nb.sd; },
                        [](const dist::Discrete& t) {
                          if (t.outcomes.empty()) return kNaN;
                          // Centred sums: E[X^2] - E[X]^2 loses digits when the mean is large.
                          double m = 0.0;
                          for (const auto& o : t.outcomes) m += o.probability * o.value;
                          double v = 0.0;
                          for (const auto& o : t.outcomes) v += o.probability * (o.value - m) * (o.value - m);
                          return v;
                        },
                        [](const dist::Empirical& e) {
                          if (e.sample.empty()) return kNaN;
                          double m = 0.0;
                          for (double x : e.sample) m += x;
                          m /= static_cast<double>(e.sample.size());
                          double v = 0.0;
                          for (double x : e.sample) v += (x - m) * (x - m);
                          return v / static_cast<double>(e.sample.size());
                        },
                    },
                    d);
}

Problems validate_distribution(const Distribution& d, const std::string& path, Support support,
                               std::size_t max_entries) {
  Problems problems;
  Checker c(path, problems);
  const bool non_negative = support == Support::non_negative;
  std::visit(Overloaded{
                 [&](const dist::Constant& k) {
                   if (non_negative) c.at_least(k.value, 0.0, "value");
                   else c.finite(k.value, "value");
                 },
                 [&](const dist::Normal& n) {
                   if (non_negative) c.at_least(n.mean, 0.0, "mean");
                   else c.finite(n.mean, "mean");
                   c.at_least(n.sd, 0.0, "sd");
                 },
                 [&](const dist::Gamma& g) {
                   c.above(g.shape, 0.0, "shape");
                   c.above(g.scale, 0.0, "scale");
                 },
                 [&](const dist::Lognormal& l) {
                   c.above(l.mean, 0.0, "mean");
                   c.at_least(l.sd, 0.0, "sd");
                 },
                 [&](const dist::Poisson& p) { c.at_least(p.mean, 0.0, "mean"); },
                 [&](const dist::NegativeBinomial& nb) {
                   const bool mean_ok = c.finite(nb.mean, "mean");
                   if (mean_ok && !(nb.mean > 0.0)) c.add("mean", "must be greater than 0, got " + format_number(nb.mean));
                   if (c.finite(nb.sd, "sd") && mean_ok && !(nb.sd * nb.sd > nb.mean)) {
                     c.add("sd", "the variance sd^2 = " + format_number(nb.sd * nb.sd) +
                                     " must exceed the mean " + format_number(nb.mean) +
                                     " (use poisson when they are equal)");
                   }
                 },
                 [&](const dist::Discrete& t) {
                   if (t.outcomes.empty()) {
                     c.add("outcomes", "a discrete distribution needs at least one outcome");
                     return;
                   }
                   if (t.outcomes.size() > max_entries) {
                     c.add("outcomes", "has " + std::to_string(t.outcomes.size()) + " outcomes; the limit is " +
                                           std::to_string(max_entries));
                     return;
                   }
                   double sum = 0.0;
                   bool all_finite = true;
                   for (std::size_t i = 0; i < t.outcomes.size(); ++i) {
                     const std::string at = "outcomes/" + std::to_string(i);
                     const auto& o = t.outcomes[i];
                     if (non_negative) c.at_least(o.value, 0.0, at + "/value");
                     else c.finite(o.value, at + "/value");
                     if (!c.finite(o.probability, at + "/probability")) {
                       all_finite = false;
                     } else if (o.probability < 0.0 || o.probability > 1.0) {
                       c.add(at + "/probability", "a probability must be in [0, 1], got " + format_number(o.probability));
                     }
                     sum += o.probability;
                   }
                   if (all_finite && std::abs(sum - 1.0) > 1e-6) {
                     c.add("outcomes", "the probabilities sum to " + format_number(sum) + ", not 1");
                   }
                 },
                 [&](const dist::Empirical& e) {
                   if (e.sample.empty()) {
                     c.add("sample", "an empirical distribution needs at least one value");
                     return;
                   }
                   if (e.sample.size() > max_entries) {
                     c.add("sample", "has " + std::to_string(e.sample.size()) + " values; the limit is " +
                                         std::to_string(max_entries));
                     return;
                   }
                   for (std::size_t i = 0; i < e.sample.size(); ++i) {
                     const std::string at = "sample/" + std::to_string(i);
                     if (non_negative) c.at_least(e.sample[i], 0.0, at);
                     else c.finite(e.sample[i], at);
                   }
                 },
             },
             d);
  return problems;
}

ConvertedDistribution convert_keeping_moments(const Distribution& d, std::size_t kind_index) {
  const double m = std::max(0.0, mean(d));
  const double var = std::max(0.0, variance(d));
  const double sd = std::sqrt(var);
  const double positive_mean = std::max(m, kSmallestPositiveMean);
  ConvertedDistribution out{d, {}};
  switch (kind_index) {
    case 0:
      out.distribution = dist::Constant{m};
      if (sd > 0.0) out.note = "the spread is dropped: a constant has none";
      break;
    case 1:
      out.distribution = dist::Normal{m, sd};
      break;
    case 2:
      if (m > 0.0 && sd > 0.0) {
        out.distribution = dist::Gamma{m * m / (sd * sd), sd * sd / m};
      } else {
        out.distribution = dist::Gamma{1.0, positive_mean};  // exponential with the mean
        out.note = "a gamma needs a positive mean and spread: shape 1 (exponential) is used";
      }
      break;
    case 3:
      out.distribution = dist::Lognormal{positive_mean, sd};
      if (m <= 0.0) out.note = "a lognormal needs a positive mean";
      break;
    case 4:
      out.distribution = dist::Poisson{m};
      if (std::abs(var - m) > 1e-9 * std::max(1.0, m)) out.note = "a Poisson's variance equals its mean";
      break;
    case 5:
      if (var > positive_mean * (1.0 + 1e-9)) {
        out.distribution = dist::NegativeBinomial{positive_mean, sd};
      } else {
        out.distribution = dist::NegativeBinomial{positive_mean, std::sqrt(kNegativeBinomialMinDispersion * positive_mean)};
        out.note = "a negative binomial needs a variance above its mean: variance set to twice the mean";
      }
      break;
    default:
      out.note = "tables and samples are kept as they are";
      break;
  }
  return out;
}

}  // namespace echelon
