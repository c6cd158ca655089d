// Random replenishment times in whole periods: the buffers a guaranteed-service plan needs so
// that each stage keeps its promise when lead times are random and suppliers are sometimes late.
//
// The guaranteed-service model (gsm.h) sizes stage j for the demand over a net replenishment time
// tau_j = SI_j + T_j - S_j with a normal bound, sqrt(sigma^2 tau + mu^2 s^2), and assumes every
// supplier ships exactly at its quoted time. A simulation (and a real network) differs in two
// ways that this pass sizes for directly, after the placement is chosen:
//  - the time is a random whole number of periods, and the demand over it is a mixture over the
//    times, whose tail a two-point or skewed time (or the maximum of several inbound arcs' times
//    at an assembly stage) puts far from the normal bound;
//  - a supplier ships each order after a random wait W_i, which exceeds its quoted S_i in about
//    1 - Phi(z_i) of periods; the customer's replenishment time is then W_i + L, not S_i + L.
//
// Definitions (time in whole periods; an order placed in period u and shipped in u + W arrives
// at the start of u + W + L, as sim.h moves goods). Stage j orders each period what its customers
// took; its replenishment time R_j is the time from an order until all of it is on hand:
//   R_j = max over inbound arcs a = (i -> j) of (W_i + L_a)   (the supplies taken independent),
//   R_j = L_j (its supply lead time) without suppliers.
// Demand over n periods, D(n), is normal with mean n mu_j and variance n sigma_j^2 (the pooled
// moments of gsm_pooled_demand_bounds), D(n) = 0 for n <= 0, or, at a stage serving customers
// only whose one-period law is given, the n-fold sum of that law (gamma and Poisson in closed
// form, core/policy/demand_over_periods.h), so a skewed demand's tail is sized too. A stage
// supplying others sees the sum of its customers' demands; where those are skewed, the sum is
// too, and the normal misses its tail. Demands are taken as the simulation draws them: a normal
// law censored at zero, max(0, X), has a higher mean, a lower variance and a positive skew, all
// from the closed-form moments of the censored normal, and its customer-facing stage is sized by
// the law below too. Its one-period demand is then the gamma with the sum's
// first three cumulants, shifted: with kappa_3 = sum over customers d of u_d^3 kappa_3,d (u the
// units per customer unit; independent demands' cumulants add), shape 4 sigma^6 / kappa_3^2,
// scale kappa_3 / (2 sigma^2) and shift mu - shape x scale. The n-period sum stays in that family
// (shape times n, shift times n), and a sum of gammas of equal scale is matched exactly. Where
// several paths lead from a stage to one customer, u_d sums the units over the paths. (The three-moment, or
// "shifted", gamma approximation of a sum: Johnson, Kotz & Balakrishnan, "Continuous Univariate
// Distributions", vol. 1, 2nd ed., 1994, chapter 17.) With base-stock level B_j and
// first-come-first-served shipping, the order of period u ships by u + w exactly when the demand
// of the periods u + w - R + 1 .. u is at most B_j (the stock was B_j before them and the
// replenishments of all earlier orders are in), so
//   P(W_j > w) = sum_r P(R_j = r) P( D(r - w) > B_j ),   w = 0, 1, ...     (fill_wait_pmf)
// (Zipkin, "Foundations of Inventory Management", 2000, section 7.2: the waiting time of a
// base-stock system, here with the random time mixed in). The stage's promise is to end a period
// with nothing owed beyond its quoted time S (rounded to whole periods, as the simulation counts
// it), P(W_j <= S) = P( D(R_j - S) <= B_j ) >= p_j = Phi(z_j), which holds for the smallest
//   B_j = min { B >= 0 : sum_r P(R_j = r) P( D(r - S) <= B ) >= p_j }
// (demand_level_over_random_periods in core/policy/demand_over_periods.h)
// (Humair, Ruark, Tomlin & Willems, Interfaces 43(5), 2013, size a stage on the distribution of
// demand over its random time; this is that distribution, mixed exactly over whole periods.)
//
// The pass (size_for_random_times), suppliers first, keeps each stage's model stock and adds:
//  - for the shape of its own time: B_own - B_model, where B_own takes every supplier to ship at
//    exactly its quoted time (W_i = S_i), so that R_j - S_j is the model's tau_j made random;
//  - for supplier delays: what the level with the suppliers' waits W_i (computed by the formula
//    above from their final levels) needs beyond both.
// Neither extra is negative: the plan never holds less than the model. The promise itself, z_j,
// is the model's (gsm.h, add_supplier_delay_buffers) and is not raised by the extra stock.
// Assumptions: independent inbound supplies and lead times; a supplier's wait independent of the
// customer's demand (it serves others too).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "core/meio/gsm.h"
#include "core/model/distribution.h"
#include "core/policy/demand_over_periods.h"

namespace echelon {

// A whole number of periods as probabilities, pmf[k] = P(N = k), k = 0, 1, ...
using PeriodsPmf = std::vector<double>;

// Laws of the whole-period times, as the network is run: per arc of the network (its lead time,
// in the arc's order) and per stage (its supply lead time when it has no suppliers).
// Optionally, per stage, the law of one period's demand where it is known exactly (a stage
// serving customers only, with one demand law); elsewhere demand is normal with the pooled moments.
struct GsmTimeLaws {
  std::vector<PeriodsPmf> arc_lead_time;
  std::vector<PeriodsPmf> supply_lead_time;
  std::vector<char> has_demand_law;        // empty, or one per stage
  std::vector<Distribution> demand_law;    // read where has_demand_law[j]
};

// The law of the wait W from an order until it ships, for a stage with replenishment time of law
// `replenishment`, demand per period `demand` and base-stock level `level`:
// P(W > w) = sum_r P(R = r) P(D(r - w) > level), D(n) as in demand_cdf_over_whole_periods
// (core/policy/demand_over_periods.h). Mass below 1e-12 beyond the last period kept is added to
// that period.
PeriodsPmf fill_wait_pmf(const PeriodsPmf& replenishment, const Distribution& demand, double level,
                         double shift_per_period = 0.0);

// The law of the sum of two independent whole-period times.
PeriodsPmf convolve_periods(const PeriodsPmf& a, const PeriodsPmf& b);
// The law of the larger of two independent whole-period times.
PeriodsPmf max_periods(const PeriodsPmf& a, const PeriodsPmf& b);

// Per stage, the last inputs and results of the pass's three computations (the stage's level with
// its suppliers on time, its level with their waits, and its own wait), so that a pass over a
// network that an edit changed at a few stages recomputes those alone. A result is reused only
// when every input it was computed from is equal, so the answers are those of a pass without it.
struct GsmTimeMemo {
  struct Level {
    bool set = false;
    WholePeriodSumKey demand;
    PeriodsPmf periods;
    double probability = 0.0;
    double level = 0.0;
  };
  struct Wait {
    bool set = false;
    WholePeriodSumKey demand;
    PeriodsPmf replenishment;
    double level = 0.0;
    PeriodsPmf wait;
  };
  struct Stage {
    Level on_time;
    Level with_waits;
    Wait wait;
  };
  std::vector<Stage> stages;
};

struct GsmTimeSizing {
  bool supplier_delays = true;  // false: only the shape of each stage's own time (suppliers on time)
};

// Adds the stock described above to `solution` (a solution of `network`, times from `laws`):
// safety_stock_for_lead_time_shape and safety_stock_for_supplier_delays, included in
// safety_stock, base_stock_level, holding_cost, safety_stock_value and the totals; sets
// promise_safety_factor. Laws of the wrong size leave the solution unchanged. `memo` (optional)
// keeps each stage's computations for the next pass.
void size_for_random_times(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
                           const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws,
                           GsmSolution& solution, const GsmTimeSizing& options = {}, GsmTimeMemo* memo = nullptr);

// The same pass in slices, for a caller that spreads thousands of stages over frames: each step()
// sizes up to `max_stages` more stages, suppliers first, and returns true once every stage is
// sized. Every step() must be given the same inputs as the constructor (they are not kept, so the
// caller may move them between steps); the result is that of one size_for_random_times call,
// however it is sliced. Inputs of the wrong size make a pass that is finished at once and
// changes nothing.
class GsmTimePass {
 public:
  GsmTimePass(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
              const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws, const GsmSolution& solution);
  GsmTimePass(const GsmTimePass& other);
  GsmTimePass& operator=(const GsmTimePass& other);
  GsmTimePass(GsmTimePass&&) noexcept;
  GsmTimePass& operator=(GsmTimePass&&) noexcept;
  ~GsmTimePass();
  bool step(const GsmNetwork& network, const std::vector<GsmDemandBound>& with_z,
            const std::vector<GsmDemandBound>& pooled, const GsmTimeLaws& laws, GsmSolution& solution,
            const GsmTimeSizing& options, GsmTimeMemo* memo, std::size_t max_stages);
  bool finished() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace echelon
