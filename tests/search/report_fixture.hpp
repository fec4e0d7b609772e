#pragma once
// A small hand-written run for the report tests: one task (moons), a ladder of two rungs,
// eight proposals (four functions trained at rung 0, one of them diverged; two rejected, one
// duplicate), ReLU at rungs 0 and 1, the best candidate promoted to rung 1, and the final
// stage (rung 2) with three seeds for three candidates and the baselines relu and pwlu.
// Values are round so expected tables can be computed by hand.

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "search/data/journal.hpp"
#include "search/data/record.hpp"
#include "search/data/run_config.hpp"
#include "search/report/model.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::testing {

// clang-format off
inline const std::string kReportJournal = R"jsonl({"kind":"baseline","status":"ok","proposal":-1,"expr":"relu","canonical":"relu","fingerprint":"0000000000000001","unix_time":1700000002.0,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003e8","val_loss":0.35,"val_accuracy":0.85,"train_loss":0.3,"train_seconds":2.0,"params":[]}
{"kind":"eval","status":"ok","proposal":0,"expr":"x*sigmoid(beta*x)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","unix_time":1700000004.0,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003e9","val_loss":0.25,"val_accuracy":0.9,"train_loss":0.2,"train_seconds":2.0,"params":[[1.1],[1.3]]}
{"kind":"eval","status":"ok","proposal":1,"expr":"max(x, 0.2*x)","canonical":"max(x, 0.2*x)","fingerprint":"00000000000000a1","unix_time":1700000006.0,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003ea","val_loss":0.28,"val_accuracy":0.88,"train_loss":0.25,"train_seconds":2.0,"params":[]}
{"kind":"rejected","status":"rejected","proposal":2,"expr":"x - x","canonical":"0","fingerprint":"00000000000000a2","reason":"constant","unix_time":1700000006.5}
{"kind":"duplicate","status":"duplicate","proposal":3,"expr":"x*sigmoid(x*beta)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","reason":"same function as x*sigmoid(beta*x)","unix_time":1700000007.0}
{"kind":"eval","status":"ok","proposal":4,"expr":"sin(x)","canonical":"sin(x)","fingerprint":"00000000000000a4","unix_time":1700000009.0,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003ed","val_loss":0.45,"val_accuracy":0.8,"train_loss":0.4,"train_seconds":2.0,"params":[]}
{"kind":"eval","status":"diverged","proposal":5,"expr":"exp(x)","canonical":"exp(x)","fingerprint":"00000000000000a5","reason":"loss not finite","unix_time":1700000011.0,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003ee","val_loss":"inf","val_accuracy":0.5,"train_loss":"inf","train_seconds":2.0,"params":[]}
{"kind":"rejected","status":"rejected","proposal":6,"expr":"2*x","canonical":"2*x","fingerprint":"00000000000000a6","reason":"derivative \"not finite\", or linear","unix_time":1700000011.5}
{"kind":"eval","status":"ok","proposal":7,"expr":"x^2","canonical":"x^2","fingerprint":"00000000000000a7","unix_time":1700000013.5,"task":"moons","rung":0,"epochs":3,"seed_index":0,"seed":"00000000000003f0","val_loss":0.6,"val_accuracy":0.6,"train_loss":0.5,"train_seconds":2.0,"params":[]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"relu","canonical":"relu","fingerprint":"0000000000000001","unix_time":1700000014.0,"task":"moons","rung":1,"epochs":10,"seed_index":0,"seed":"0000000000000400","val_loss":0.24,"val_accuracy":0.9,"train_loss":0.2,"train_seconds":2.0,"params":[]}
{"kind":"eval","status":"ok","proposal":0,"expr":"x*sigmoid(beta*x)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","unix_time":1700000015.0,"task":"moons","rung":1,"epochs":10,"seed_index":0,"seed":"0000000000000401","val_loss":0.17,"val_accuracy":0.93,"train_loss":0.1,"train_seconds":2.0,"params":[[1.2],[1.5]]}
{"kind":"final","status":"ok","proposal":0,"expr":"x*sigmoid(beta*x)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","unix_time":1700000015.5,"task":"moons","rung":2,"epochs":10,"seed_index":0,"seed":"00000000000003f1","val_loss":0.15,"val_accuracy":0.95,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.945,"params":[[1.2],[1.6]]}
{"kind":"final","status":"ok","proposal":0,"expr":"x*sigmoid(beta*x)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","unix_time":1700000017.5,"task":"moons","rung":2,"epochs":10,"seed_index":1,"seed":"00000000000003f2","val_loss":0.14,"val_accuracy":0.96,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.955,"params":[[1.3],[1.7]]}
{"kind":"final","status":"ok","proposal":0,"expr":"x*sigmoid(beta*x)","canonical":"x*sigmoid(beta*x)","fingerprint":"00000000000000a0","unix_time":1700000019.5,"task":"moons","rung":2,"epochs":10,"seed_index":2,"seed":"00000000000003f3","val_loss":0.16,"val_accuracy":0.94,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.95,"params":[[1.1],[1.5]]}
{"kind":"final","status":"ok","proposal":1,"expr":"max(x, 0.2*x)","canonical":"max(x, 0.2*x)","fingerprint":"00000000000000a1","unix_time":1700000021.5,"task":"moons","rung":2,"epochs":10,"seed_index":0,"seed":"00000000000003f4","val_loss":0.2,"val_accuracy":0.93,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.925,"params":[]}
{"kind":"final","status":"ok","proposal":1,"expr":"max(x, 0.2*x)","canonical":"max(x, 0.2*x)","fingerprint":"00000000000000a1","unix_time":1700000023.5,"task":"moons","rung":2,"epochs":10,"seed_index":1,"seed":"00000000000003f5","val_loss":0.21,"val_accuracy":0.92,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.915,"params":[]}
{"kind":"final","status":"ok","proposal":1,"expr":"max(x, 0.2*x)","canonical":"max(x, 0.2*x)","fingerprint":"00000000000000a1","unix_time":1700000025.5,"task":"moons","rung":2,"epochs":10,"seed_index":2,"seed":"00000000000003f6","val_loss":0.19,"val_accuracy":0.94,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.93,"params":[]}
{"kind":"final","status":"ok","proposal":4,"expr":"sin(x)","canonical":"sin(x)","fingerprint":"00000000000000a4","unix_time":1700000027.5,"task":"moons","rung":2,"epochs":10,"seed_index":0,"seed":"00000000000003f7","val_loss":0.3,"val_accuracy":0.9,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.89,"params":[]}
{"kind":"final","status":"ok","proposal":4,"expr":"sin(x)","canonical":"sin(x)","fingerprint":"00000000000000a4","unix_time":1700000029.5,"task":"moons","rung":2,"epochs":10,"seed_index":1,"seed":"00000000000003f8","val_loss":0.29,"val_accuracy":0.91,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.9,"params":[]}
{"kind":"final","status":"ok","proposal":4,"expr":"sin(x)","canonical":"sin(x)","fingerprint":"00000000000000a4","unix_time":1700000031.5,"task":"moons","rung":2,"epochs":10,"seed_index":2,"seed":"00000000000003f9","val_loss":0.31,"val_accuracy":0.89,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.885,"params":[]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"relu","canonical":"relu","fingerprint":"0000000000000001","unix_time":1700000033.5,"task":"moons","rung":2,"epochs":10,"seed_index":0,"seed":"00000000000003fa","val_loss":0.22,"val_accuracy":0.92,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.91,"params":[]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"relu","canonical":"relu","fingerprint":"0000000000000001","unix_time":1700000035.5,"task":"moons","rung":2,"epochs":10,"seed_index":1,"seed":"00000000000003fb","val_loss":0.23,"val_accuracy":0.91,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.905,"params":[]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"relu","canonical":"relu","fingerprint":"0000000000000001","unix_time":1700000037.5,"task":"moons","rung":2,"epochs":10,"seed_index":2,"seed":"00000000000003fc","val_loss":0.21,"val_accuracy":0.93,"train_loss":0.2,"train_seconds":2.0,"test_accuracy":0.92,"params":[]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"pwlu","canonical":"pwlu","fingerprint":"0000000000000002","unix_time":1700000039.5,"task":"moons","rung":2,"epochs":10,"seed_index":0,"seed":"00000000000003fd","val_loss":0.18,"val_accuracy":0.94,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.93,"params":[[-3,3,0,1,0,0,0,0,0,0,0,0,0,0.375,0.75,1.125,1.5,1.875,2.25,2.625,3],[-3,3,-0.5,1,2.4,2.1,1.8,1.5,1.2,0.9,0.6,0.3,0,0.3,0.6,0.9,1.2,1.5,1.8,2.1,2.4]]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"pwlu","canonical":"pwlu","fingerprint":"0000000000000002","unix_time":1700000041.5,"task":"moons","rung":2,"epochs":10,"seed_index":1,"seed":"00000000000003fe","val_loss":0.19,"val_accuracy":0.93,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.925,"params":[[-3,3,0,1,0,0,0,0,0,0,0,0,0,0.375,0.75,1.125,1.5,1.875,2.25,2.625,3],[-3,3,-0.5,1,2.4,2.1,1.8,1.5,1.2,0.9,0.6,0.3,0,0.3,0.6,0.9,1.2,1.5,1.8,2.1,2.4]]}
{"kind":"baseline","status":"ok","proposal":-1,"expr":"pwlu","canonical":"pwlu","fingerprint":"0000000000000002","unix_time":1700000043.5,"task":"moons","rung":2,"epochs":10,"seed_index":2,"seed":"00000000000003ff","val_loss":0.17,"val_accuracy":0.95,"train_loss":0.1,"train_seconds":2.0,"test_accuracy":0.94,"params":[[-3,3,0,1,0,0,0,0,0,0,0,0,0,0.375,0.75,1.125,1.5,1.875,2.25,2.625,3],[-3,3,-0.5,1,2.4,2.1,1.8,1.5,1.2,0.9,0.6,0.3,0,0.3,0.6,0.9,1.2,1.5,1.8,2.1,2.4]]}
)jsonl";
// clang-format on

/// The records of `journal` (kReportJournal or a variant of it).
inline std::vector<search::EvalRecord> report_records(const std::string& journal = kReportJournal) {
  return search::records_from_json(search::parse_journal(journal, "fixture").records, "fixture");
}

/// The fixture's configuration: moons, two rungs, top 3, three final seeds, baselines relu
/// and pwlu.
inline search::SearchConfig report_config() {
  search::SearchConfig config;
  config.tasks = {search::parse_task_config("moons", search::TaskConfig{})};
  config.ladder = {2, 3};
  config.top = 3;
  config.final_seeds = 3;
  config.baselines = {"relu", "pwlu"};
  return config;
}

/// A final-stage statistic over the fixture's three seeds.
inline search::MeanCI stat(double mean, double std, double lo, double hi) {
  return {3, mean, std, {lo, hi}};
}

inline search::FinalStanding standing(int rank, std::string name, int proposal,
                                      search::MeanCI score, search::MeanCI val, search::MeanCI test,
                                      double p) {
  search::FinalStanding f;
  f.rank = rank;
  f.baseline = proposal < 0;
  f.expr = f.name = std::move(name);
  f.proposal = proposal;
  f.seeds = 3;
  f.score = score;
  f.val_accuracy = val;
  f.test_accuracy = test;
  f.p_vs_relu = p;
  return f;
}

/// The summary of `records` (kReportJournal or a variant): its counts and timing computed,
/// its final stage as written here: chance loss ln 2, ReLU's mean loss 0.22, scores (ln 2 -
/// L) / (ln 2 - 0.22); 95% CIs with t(0.975, 2); p-values by Welch's test on the scores
/// against ReLU's, Holm-corrected over the three candidates (computed with Boost.Math
/// outside the project, rounded to 6 digits). `swish` and `leaky` name the two candidates
/// whose text with_long_numbers changes.
inline search::RunSummary report_summary(const std::vector<search::EvalRecord>& records,
                                         std::string swish = "x*sigmoid(beta*x)",
                                         std::string leaky = "max(x, 0.2*x)") {
  const std::vector<double> chance{std::log(2.0)};
  search::RunSummary s = search::summarize_run(report_config(), chance, records);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.top = {standing(1, swish, 0, stat(1.147946, 0.021135, 1.095443, 1.200448),
                    stat(0.95, 0.01, 0.925159, 0.974841), stat(0.95, 0.005, 0.937579, 0.962421),
                    0.002033),
           standing(3, leaky, 1, stat(1.042270, 0.021135, 0.989768, 1.094773),
                    stat(0.93, 0.01, 0.905159, 0.954841),
                    stat(0.923333, 0.007638, 0.904360, 0.942306), 0.070484),
           standing(5, "sin(x)", 4, stat(0.830919, 0.021135, 0.778417, 0.883422),
                    stat(0.90, 0.01, 0.875159, 0.924841),
                    stat(0.891667, 0.007638, 0.872694, 0.910640), 0.001825)};
  s.baselines = {standing(4, "relu", -1, stat(1.0, 0.021135, 0.947498, 1.052502),
                          stat(0.92, 0.01, 0.895159, 0.944841),
                          stat(0.911667, 0.007638, 0.892694, 0.930640), nan),
                 standing(2, "pwlu", -1, stat(1.084540, 0.021135, 1.032038, 1.137043),
                          stat(0.94, 0.01, 0.915159, 0.964841),
                          stat(0.931667, 0.007638, 0.912694, 0.950640), 0.008050)};
  return s;
}

/// The report model of the fixture; without the final stage it is a run whose final stage
/// has not run.
inline search::ReportModel report_model(std::size_t top_k = 3, bool final_stage = true) {
  const nlohmann::json config = {{"tasks", {{{"id", "moons"}}}}, {"final_seeds", 3}};
  const std::vector<search::EvalRecord> records = report_records();
  search::RunSummary summary = report_summary(records);
  if (!final_stage) summary.top = summary.baselines = {};
  return search::build_report_model("fixture", config, records, std::move(summary), top_k);
}

/// `text` (kReportJournal or an expression of it) with numbers as a real run writes them, every
/// digit of a double: the swish's initial value (as evolution's mutations leave it), the
/// leaky ReLU's slope and the learned values of the swish's rung-1 and first final training.
inline std::string with_long_numbers(std::string text) {
  const std::pair<std::string, std::string> changes[] = {
      {"x*sigmoid(beta*x)", "x*sigmoid(beta=1.9061209042851535*x)"},
      {"0.2*x", "0.21834567890123457*x"},
      {"[[1.2],[1.5]]", "[[1.2345678901234567],[1.5]]"},
      {"[[1.2],[1.6]]", "[[1.2345678901234567],[1.6180339887498949]]"}};
  for (const auto& [from, to] : changes) {
    for (std::size_t i = text.find(from); i != std::string::npos; i = text.find(from, i)) {
      text.replace(i, from.size(), to);
      i += to.size();
    }
  }
  return text;
}

/// report_model() of the fixture with_long_numbers, its config holding a chance loss of
/// 17 digits.
inline search::ReportModel long_numbers_model(bool final_stage = true) {
  const nlohmann::json config = {{"tasks", {{{"id", "moons"}}}},
                                 {"final_seeds", 3},
                                 {"chance_loss", {{"moons", 0.6931471805599453}}}};
  const std::vector<search::EvalRecord> records = report_records(with_long_numbers(kReportJournal));
  search::RunSummary summary = report_summary(records, with_long_numbers("x*sigmoid(beta*x)"),
                                              with_long_numbers("max(x, 0.2*x)"));
  if (!final_stage) summary.top = summary.baselines = {};
  return search::build_report_model("fixture", config, records, std::move(summary), 3);
}

}  // namespace actsearch::testing
