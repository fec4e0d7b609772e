#!/usr/bin/python3
"""The PyTorch side of tests/nn/resnet_test.cpp: ../shared/peers/torch_cnn.py's make_cnn
(channels 2, blocks 2, batch norm, tanh) on the test's 6 x 6 inputs, every parameter tensor
set to sin(0.37 k + t) / 2 (tensor t in PyTorch's order, element k), in double. Prints the
logits and each tensor's gradient of sum(R * logits)."""
import math
import sys
import types

PEER = "../shared/peers/torch_cnn.py"
src = open(sys.argv[1] if len(sys.argv) > 1 else PEER).read()
sys.argv = ['x', '--activation', 'relu']  # the peer reads its arguments when loaded
g = {'__name__': 'peer'}
exec(compile(src[:src.index('def main') if 'def main' in src else len(src)], 'peer', 'exec'), g)
import torch
a = types.SimpleNamespace(channels=2, blocks=2, norm='batch', activation='tanh')
net, macs = g['make_cnn'](a)
net = net.double()
# the last layer maps to 10 classes in the peer
with torch.no_grad():
    for t, p in enumerate(net.parameters()):
        p.copy_(torch.tensor([math.sin(0.37 * k + t) * 0.5 for k in range(p.numel())]).reshape(p.shape))
B = 3
x = torch.tensor([[math.sin(0.7 * i + 1.1 * j) * 2 + 0.3 for i in range(36)] for j in range(B)], dtype=torch.float64).reshape(B, 1, 6, 6)
y = net(x)
r = torch.tensor([[math.cos(0.3 * i * j + 0.5) for i in range(10)] for j in range(B)], dtype=torch.float64)
(y * r).sum().backward()
print("y", [v for row in y.detach().tolist() for v in row])
for t, p in enumerate(net.parameters()):
    print("g%d" % t, p.grad.reshape(-1).tolist())
