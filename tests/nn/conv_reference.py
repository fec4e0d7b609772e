#!/usr/bin/python3
"""The PyTorch side of tests/nn/conv_test.cpp: torch.nn.Conv2d(in, out, 3, stride, 1) and
global average pooling on the test's fixed weights and inputs, in double. Prints the
outputs, the gradients of sum(R * out) for the input, weight and bias, in the test's layout
(one column per sample holding its channels' row-major images, one after the other)."""
import math

import torch


def value(i, j, a, b):
    return math.sin(a * i + b * j) * 2 + 0.3


def upstream(i, j):
    return math.cos(0.3 * i * j + 0.5)


def column_major(t):
    return [x for sample in t for x in sample.reshape(-1).tolist()]


def conv(name, cin, cout, hw, stride, bias, batch=2):
    layer = torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=bias).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor([math.sin(0.37 * i) * 0.5 for i in range(layer.weight.numel())])
                           .reshape(layer.weight.shape))
        if bias:
            layer.bias.copy_(torch.tensor([0.1 * o - 0.05 for o in range(cout)]))
    x = torch.tensor([[value(i, j, 0.7, 1.1) for i in range(cin * hw * hw)] for j in range(batch)],
                     dtype=torch.float64).reshape(batch, cin, hw, hw).requires_grad_(True)
    y = layer(x)
    r = torch.tensor([[upstream(i, j) for i in range(y[0].numel())] for j in range(batch)],
                     dtype=torch.float64).reshape(y.shape)
    (y * r).sum().backward()
    print(name, "y", column_major(y.detach()))
    print(name, "dx", column_major(x.grad))
    print(name, "dw", layer.weight.grad.reshape(-1).tolist())
    if bias:
        print(name, "db", layer.bias.grad.tolist())


conv("same", 2, 3, 4, 1, True)
conv("halving", 2, 2, 5, 2, False)
