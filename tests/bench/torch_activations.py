#!/usr/bin/python3
"""Values and derivatives of PyTorch's activations, the reference tests/nn/torch_test.cpp
compares the built-ins with. Prints "name x y dydx" lines (float32 computed, %.9g), or one
line "SKIP: <reason>" when torch cannot be imported.

  /usr/bin/python3 tests/bench/torch_activations.py
"""
import sys

try:
    import torch
    import torch.nn.functional as F
except Exception as e:  # noqa: BLE001 - any import failure means "no reference here"
    print("SKIP: torch cannot be imported by %s (%s)" % (sys.executable, e))
    sys.exit(0)

FUNCTIONS = {
    "identity": lambda x: x * 1.0,
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,
    "prelu": lambda x: F.prelu(x, torch.tensor([0.25])),
    "elu": F.elu,
    "selu": F.selu,
    "celu": F.celu,
    "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "silu": F.silu,
    "swish": lambda x: x * torch.sigmoid(torch.tensor(1.0) * x),
    "mish": F.mish,
    "softplus": F.softplus,
    "softsign": F.softsign,
    "hardswish": F.hardswish,
    "hardsigmoid": F.hardsigmoid,
    "hardtanh": F.hardtanh,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
}


def main():
    torch.set_num_threads(1)
    xs = [i / 64.0 for i in range(-8 * 64, 8 * 64 + 1)] + [-12.0, -10.5, 12.0, 19.9, 20.1, 25.0]
    print("torch %s" % torch.__version__)
    for name, f in FUNCTIONS.items():
        x = torch.tensor(xs, dtype=torch.float32, requires_grad=True)
        y = f(x)
        (dydx,) = torch.autograd.grad(y.sum(), x)
        for xi, yi, di in zip(xs, y.tolist(), dydx.tolist()):
            print("%s %.9g %.9g %.9g" % (name, xi, yi, di))


if __name__ == "__main__":
    main()
