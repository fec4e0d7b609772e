#pragma once
// The Python side of the export tests: a runner that imports generated modules f0, f1, ...
// and prints what they compute, and stand-ins for jax and tensorflow (not in Debian) that
// map their functions to NumPy, so the generated JAX and TensorFlow code runs for values.

#include <string_view>

namespace actsearch::grammar::testing {

// usage: runner.py TARGET FOLDER COUNT. Prints, per function, lines of hex floats:
//   numpy:      f, f'
//   jax:        f                      (with the NumPy stand-in)
//   tensorflow: f                      (with the NumPy stand-in)
//   pytorch:    parameter defaults, f, df/dx, df/dbeta_k per k (autograd, float64)
//   sympy:      f (nan where Python's math raises)
inline constexpr std::string_view kRunner = R"(import importlib
import math
import sys

target, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, folder)
if target in ("jax", "tensorflow"):
    sys.path.insert(0, folder + "/stubs")
xs = [float.fromhex(line) for line in open(folder + "/points.txt")]
if target == "pytorch":
    import torch
    torch.set_default_dtype(torch.float64)  # parameters created in float64, exactly


def show(values):
    print(" ".join(float(v).hex() for v in values))


def numpy_like(function):
    import numpy as np
    x = np.array(xs)
    with np.errstate(all="ignore"):
        show(np.broadcast_to(function(x), x.shape))


def run_torch(module):
    import torch
    names = [n for n, _ in module.named_parameters()]
    show([getattr(module, n).item() for n in names])
    x = torch.tensor(xs, requires_grad=True)
    # One copy of each parameter per point: the gradient of sum(f) is then df_i/dbeta_i.
    for n in names:
        setattr(module, n, torch.nn.Parameter(torch.full_like(x, getattr(module, n).item())))
    y = module(x)
    if y.requires_grad:
        y.sum().backward()
    show(y.detach())
    for t in [x] + [getattr(module, n) for n in names]:
        show(t.grad if t.grad is not None else torch.zeros_like(x))


def run_sympy(mod, name):
    import sympy as sp
    f = sp.lambdify(mod.x, getattr(mod, name).subs(getattr(mod, name + "_params")), "math")
    values = []
    for v in xs:
        try:
            values.append(float(f(v)))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            values.append(math.nan)
    show(values)


for k in range(count):
    name = "f%d" % k
    mod = importlib.import_module(name)
    if target == "numpy":
        numpy_like(getattr(mod, name))
        numpy_like(getattr(mod, name + "_derivative"))
    elif target == "jax":
        numpy_like(getattr(mod, name))
    elif target == "tensorflow":
        numpy_like(getattr(mod, name)())
    elif target == "pytorch":
        run_torch(getattr(mod, name)())
    else:
        run_sympy(mod, name)
)";

struct StubFile {
  std::string_view path;  // under FOLDER/stubs
  std::string_view code;
};

inline constexpr StubFile kStubs[] = {
    {"jax/__init__.py", "from . import lax, numpy\n"},
    {"jax/numpy.py", "import numpy\n\ndef __getattr__(name):\n    return getattr(numpy, name)\n"},
    {"jax/lax.py", "import math\nimport numpy\nerf = numpy.vectorize(math.erf, otypes=[float])\n"},
    {"tensorflow/__init__.py",
     "import numpy as _np\nfrom . import keras, math\n"
     "where = _np.where\nzeros_like = _np.zeros_like\nones_like = _np.ones_like\n"
     "def cast(a, dtype):\n    return _np.asarray(a).astype(dtype)\n"},
    {"tensorflow/math.py",
     "import math as _math\nimport numpy as _np\n"
     "from numpy import abs, sqrt, exp, log, log1p, sin, cos, sinh, cosh, tanh\n"
     "from numpy import logical_or, logical_and\n"
     "asinh = _np.arcsinh\natan = _np.arctan\n"
     "erf = _np.vectorize(_math.erf, otypes=[float])\n"},
    {"tensorflow/keras/__init__.py", "from . import initializers, layers\n"},
    {"tensorflow/keras/initializers.py",
     "class Constant:\n    def __init__(self, value):\n        self.value = value\n"},
    {"tensorflow/keras/layers.py",
     "import numpy as _np\n"
     "class Layer:\n    def __init__(self, **kwargs):\n        pass\n"
     "    def add_weight(self, name, shape, initializer, trainable):\n"
     "        return _np.float64(initializer.value)\n"
     "    def __call__(self, x):\n        return self.call(x)\n"},
};

}  // namespace actsearch::grammar::testing
