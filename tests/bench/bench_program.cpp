// The compiled Program against hand-written Eigen kernels of the same functions (value and
// derivatives in one blocked pass, as an activation layer needs them), and against naive
// per-element evaluation for scale. Target: x*sigmoid(x) within 1.5x of the hand kernel.
//
// Run: bench_program --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <cmath>
#include <random>
#include <unsupported/Eigen/SpecialFunctions>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/expr.hpp"
#include "grammar/program.hpp"

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

Expr mul(const Expr& a, const Expr& b) {
  return binary(Op::Mul, a, b);
}
Expr swish() {
  return mul(var_x(), unary(Op::Sigmoid, var_x()));
}
Expr swish_beta() {
  return mul(var_x(), unary(Op::Sigmoid, mul(param(0, 1.5), var_x())));
}
Expr gelu() {
  const Expr inner = unary(Op::Erf, mul(var_x(), constant(1.0 / std::sqrt(2.0))));
  return mul(mul(constant(0.5), var_x()), binary(Op::Add, constant(1.0), inner));
}
Expr mish() {
  return mul(var_x(), unary(Op::Tanh, unary(Op::Softplus, var_x())));
}

// A random expression of 28 to 32 nodes over the searchable operators, finite on [-6, 6].
Expr deep_random() {
  std::mt19937_64 rng(42);
  std::vector<Op> ops;
  for (const OpInfo& i : kOps) {
    if (i.arity > 0 && i.searchable) ops.push_back(i.op);
  }
  const auto grow = [&](auto& self, int depth) -> Expr {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (depth == 0 || u(rng) < 0.1) return u(rng) < 0.7 ? var_x() : constant(u(rng) * 2.0 - 1.0);
    const Op op = ops[std::uniform_int_distribution<std::size_t>(0, ops.size() - 1)(rng)];
    const Expr a = self(self, depth - 1);
    return arity(op) == 1 ? unary(op, a) : binary(op, a, self(self, depth - 1));
  };
  while (true) {
    const Expr e = grow(grow, 6);
    if (e.size() < 28 || e.size() > 32) continue;
    bool finite = true;
    for (double v = -6.0; v <= 6.0 && finite; v += 0.25) finite = std::isfinite(eval_naive(e, v));
    if (finite) return e;
  }
}

void BM_SwishProgram(benchmark::State& state) {
  program_loop(state, swish(), {});
}

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

void BM_SwishBetaProgram(benchmark::State& state) {
  program_loop(state, swish_beta(), {1.5f});
}

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

void BM_GeluProgram(benchmark::State& state) {
  program_loop(state, gelu(), {});
}

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

void BM_MishProgram(benchmark::State& state) {
  program_loop(state, mish(), {});
}

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

constexpr std::size_t kNaiveN = std::size_t{1} << 14;  // the naive walk is slow

void BM_DeepRandomProgram(benchmark::State& state) {
  const Expr e = deep_random();
  program_loop(state, e, {}, kNaiveN);
  state.counters["nodes"] = static_cast<double>(e.size());
}

void BM_DeepRandomNaive(benchmark::State& state) {
  const Expr e = deep_random();
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
  state.counters["nodes"] = static_cast<double>(e.size());
}

BENCHMARK(BM_SwishProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishBetaProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SwishBetaHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeluProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeluHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MishProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MishHand)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepRandomProgram)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeepRandomNaive)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace actsearch::grammar

BENCHMARK_MAIN();
