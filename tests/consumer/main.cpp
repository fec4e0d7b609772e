// A consumer of the installed package: parses an activation once and applies it to numbers,
// spans and Eigen arrays; and takes Eigen objects that the library allocated (nn::Dataset),
// freeing them in its own code, which crashes if the two disagree on Eigen's alignment.
#include <actsearch/grammar/program/activation_function.hpp>
#include <actsearch/nn/data/dataset.hpp>
#include <actsearch/nn/data/synthetic.hpp>
#include <actsearch/search/data/version.hpp>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::printf("consumer: FAILED %s\n", what);
    ++failures;
  }
}

double swish(double x, double beta) { return x / (1.0 + std::exp(-beta * x)); }

}  // namespace

int main() {
  actsearch::grammar::ActivationFunction f("swish");
  f.set_params(std::vector{1.5});
  check(std::abs(f.value(2.0) - swish(2.0, 1.5)) < 1e-12, "value");
  const double h = 1e-6;
  check(std::abs(f.derivative(0.7) - (swish(0.7 + h, 1.5) - swish(0.7 - h, 1.5)) / (2 * h)) < 1e-7,
        "derivative");

  Eigen::ArrayXf x = Eigen::ArrayXf::LinSpaced(1000, -4.0f, 4.0f);
  const Eigen::ArrayXf y = f.value(x);
  const Eigen::ArrayXf dy = f.derivative(x);
  check(y.size() == 1000 && std::abs(y(999) - static_cast<float>(swish(4.0, 1.5))) < 1e-5f,
        "Eigen value");
  check(std::abs(dy(500) - static_cast<float>(f.derivative(static_cast<double>(x(500))))) < 1e-5f,
        "Eigen derivative");

  // Eigen matrices allocated by the library, copied, resized and freed here.
  for (int round = 0; round < 20; ++round) {
    actsearch::nn::Dataset moons = actsearch::nn::make_moons(256, 7 + round);
    actsearch::nn::Dataset part = actsearch::nn::slice(moons, 16, 64);
    part.x.resize(2, 1000);  // reallocates here what the library allocated
    moons = part;
    check(moons.x.cols() == 1000, "dataset");
  }

  std::printf("consumer: actsearch %s, %s: %s\n", actsearch::search::version().data(),
              f.text().c_str(), failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
