// The compiled Program against hand-written Eigen kernels of the same functions (value and
// derivatives in one blocked pass, as an activation layer needs them), and against naive
// per-element evaluation for scale. Target: x*sigmoid(x) within 1.5x of the hand kernel.
//
// Run: bench_program --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "grammar/base/eigen.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <unsupported/Eigen/SpecialFunctions>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/expr.hpp"
#include "grammar/parse.hpp"
#include "grammar/program/program.hpp"

namespace actsearch::grammar {
namespace {

constexpr std::size_t kN = std::size_t{1} << 20;  // 1M floats
constexpr int kBlock = 256;
using Block = Eigen::Array<float, kBlock, 1>;
using In = Eigen::Map<const Block>;
using Out = Eigen::Map<Block>;

std::vector<float> inputs(std::size_t n) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-6.0f, 6.0f);
  std::vector<float> x(n);
  for (float& v : x) v = u(rng);
  return x;
}

// Runs `kernel(x, f, dfdx, dfdp, begin)` over kN inputs in blocks of kBlock.
template <class Kernel>
void hand_loop(benchmark::State& state, Kernel kernel, int num_params) {
  const std::vector<float> x = inputs(kN);
  std::vector<float> f(kN), dfdx(kN), dfdp(kN * static_cast<std::size_t>(num_params));
  for (auto _ : state) {
    for (std::size_t i = 0; i < kN; i += kBlock) kernel(In(x.data() + i), f, dfdx, dfdp, i);
    benchmark::DoNotOptimize(f.data());
    benchmark::DoNotOptimize(dfdx.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kN));
}

void program_loop(benchmark::State& state, const Expr& e, std::vector<float> params,
                  std::size_t n = kN) {
  const Program program(e);
  const std::vector<float> x = inputs(n);
  std::vector<float> f(n), dfdx(n), dfdp(n * params.size());
  for (auto _ : state) {
    program.run(x, params, f, dfdx, dfdp);
    benchmark::DoNotOptimize(f.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["instructions"] = static_cast<double>(program.num_instructions());
}

Expr mul(const Expr& a, const Expr& b) { return binary(Op::Mul, a, b); }
Expr swish() { return mul(var_x(), unary(Op::Sigmoid, var_x())); }
Expr swish_beta() { return mul(var_x(), unary(Op::Sigmoid, mul(param(0, 1.5), var_x()))); }
Expr gelu() {
  const Expr inner = unary(Op::Erf, mul(var_x(), constant(1.0 / std::sqrt(2.0))));
  return mul(mul(constant(0.5), var_x()), binary(Op::Add, constant(1.0), inner));
}
Expr mish() { return mul(var_x(), unary(Op::Tanh, unary(Op::Softplus, var_x()))); }

// A deep random expression (29 nodes): drawn once by a random tree generator over the
// searchable operators (depth 6, seed 42, finite on [-6, 6]) and fixed here as text, so the
// hand kernel below stays its exact transcription.
constexpr const char* kDeep =
    "tanh(min(sinc((cosh(x) - asinh(x))*sin(erf(x))), max(sin(0.18776116681321775), x^3) - "
    "asinh(abs(x)) + sinc(max(exp(x), x + x))))";

Expr deep() { return parse(kDeep); }

void BM_SwishProgram(benchmark::State& state) { program_loop(state, swish(), {}); }

// 1/(1 + e^-x) saturates to 0 and 1 without NaN; f' = s (1 + x (1 - s)).
void BM_SwishHand(benchmark::State& state) {
  hand_loop(
      state,
      [](const In& x, std::vector<float>& f, std::vector<float>& dfdx, std::vector<float>&,
         std::size_t i) {
        const Block s = 1.0f / (1.0f + (-x).exp());
        Out(f.data() + i) = x * s;
        Out(dfdx.data() + i) = s * (1.0f + x * (1.0f - s));
      },
      0);
}

void BM_SwishBetaProgram(benchmark::State& state) { program_loop(state, swish_beta(), {1.5f}); }

void BM_SwishBetaHand(benchmark::State& state) {
  const float beta = 1.5f;
  hand_loop(
      state,
      [beta](const In& x, std::vector<float>& f, std::vector<float>& dfdx, std::vector<float>& dfdp,
             std::size_t i) {
        const Block s = 1.0f / (1.0f + (-beta * x).exp());
        const Block ds = s * (1.0f - s);
        Out(f.data() + i) = x * s;
        Out(dfdx.data() + i) = s + beta * x * ds;
        Out(dfdp.data() + i) = x * x * ds;
      },
      1);
}

void BM_GeluProgram(benchmark::State& state) { program_loop(state, gelu(), {}); }

void BM_GeluHand(benchmark::State& state) {
  hand_loop(
      state,
      [](const In& x, std::vector<float>& f, std::vector<float>& dfdx, std::vector<float>&,
         std::size_t i) {
        const Block cdf = 0.5f * (1.0f + (x * float(M_SQRT1_2)).erf());
        Out(f.data() + i) = x * cdf;
        Out(dfdx.data() + i) =
            cdf + x * float(0.5 * M_2_SQRTPI * M_SQRT1_2) * (-0.5f * x * x).exp();
      },
      0);
}

void BM_MishProgram(benchmark::State& state) { program_loop(state, mish(), {}); }

// softplus = max(x, 0) + log1p(e^-|x|); f' = t + x (1 - t^2) sigmoid(x), t = tanh(softplus).
void BM_MishHand(benchmark::State& state) {
  hand_loop(
      state,
      [](const In& x, std::vector<float>& f, std::vector<float>& dfdx, std::vector<float>&,
         std::size_t i) {
        const Block sp = x.max(0.0f) + (-x.abs()).exp().log1p();
        const Block t = sp.tanh();
        const Block s = 1.0f / (1.0f + (-x).exp());
        Out(f.data() + i) = x * t;
        Out(dfdx.data() + i) = t + x * (1.0f - t * t) * s;
      },
      0);
}

void BM_DeepProgram(benchmark::State& state) { program_loop(state, deep(), {}); }

// sinc(u) = sin(u)/u (1 at 0) with its derivative (u cos u - sin u)/u^2 (0 at 0).
void sinc_with_derivative(const Block& u, Block& s, Block& ds) {
  const auto small = u.abs() < 1e-4f;
  s = small.select(Block::Ones(), u.sin() / u);
  ds = small.select(Block::Zero(), (u * u.cos() - u.sin()) / (u * u));
}

// kDeep by the chain rule, one intermediate and its derivative at a time.
void deep_kernel(const In& x, std::vector<float>& f, std::vector<float>& dfdx, std::size_t i) {
  const Block r = (x * x + 1.0f).sqrt();
  const Block e = x.erf();
  const Block de = float(M_2_SQRTPI) * (-x * x).exp();
  const Block c = x.cosh() - x.asinh();
  const Block u = c * e.sin();
  const Block du = (x.sinh() - 1.0f / r) * e.sin() + c * e.cos() * de;
  Block a, da, b2, db2;
  sinc_with_derivative(u, a, da);
  da *= du;
  const float s0 = std::sin(0.18776116681321775f);
  const Block x3 = x * x * x;
  const Block ex = x.exp();
  const Block v = ex.max(2.0f * x);
  sinc_with_derivative(v, b2, db2);
  db2 *= (ex >= 2.0f * x).select(ex, Block::Constant(2.0f));
  const Block b = x3.max(s0) - x.abs().asinh() + b2;
  const Block db = (x3 > s0).select(3.0f * x * x, 0.0f) - x.sign() / r + db2;
  const Block t = a.min(b).tanh();
  Out(f.data() + i) = t;
  Out(dfdx.data() + i) = (1.0f - t * t) * (a <= b).select(da, db);
}

// Checks the transcription against the Program before timing it.
void BM_DeepHand(benchmark::State& state) {
  const std::vector<float> x = inputs(4096);
  std::vector<float> f(x.size()), dfdx(x.size()), pf(x.size()), pd(x.size()), dp;
  for (std::size_t i = 0; i < x.size(); i += kBlock) deep_kernel(In(x.data() + i), f, dfdx, i);
  Program(deep()).run(x, {}, pf, pd, dp);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::abs(f[i] - pf[i]) > 1e-4f ||
        std::abs(dfdx[i] - pd[i]) > 1e-3f * (1 + std::abs(pd[i]))) {
      state.SkipWithError("the hand kernel does not match the Program");
      return;
    }
  }
  hand_loop(
      state,
      [](const In& xb, std::vector<float>& fb, std::vector<float>& db, std::vector<float>&,
         std::size_t i) { deep_kernel(xb, fb, db, i); },
      0);
}

constexpr std::size_t kNaiveN = std::size_t{1} << 14;  // the naive walk is slow

// Compare items per second with BM_DeepProgram: the naive walk runs on fewer inputs.
void BM_DeepNaive(benchmark::State& state) {
  const Expr e = deep();
  const std::vector<float> x = inputs(kNaiveN);
  std::vector<double> f(kNaiveN), dfdx(kNaiveN);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kNaiveN; ++i) {
      const NaiveResult r = eval_naive_with_derivatives(e, x[i]);
      f[i] = r.f;
      dfdx[i] = r.dfdx;
    }
    benchmark::DoNotOptimize(f.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kNaiveN));
}

BENCHMARK(BM_SwishProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishBetaProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishBetaHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeluProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeluHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MishProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MishHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepNaive)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace actsearch::grammar

BENCHMARK_MAIN();
