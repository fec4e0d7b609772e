#!/usr/bin/python3
"""The PyTorch side of tests/nn/norm_test.cpp: BatchNorm2d and GroupNorm(1, C) (layer norm
over C x H x W) on the test's fixed inputs, in double. Prints the outputs, the gradients of
sum(R * out) and the running statistics in the test's layout (rows c * H * W + s, one
column per sample), which the test holds as its expected values."""
import math

import torch

C,H,W,B=2,2,2,3
S=H*W
def xval(r,j): return math.sin(0.7*r+1.1*j)*2+0.3
def rval(r,j): return math.cos(0.3*r*j+0.5)
# our layout: rows r = c*S + s, columns j = sample; torch NCHW: x[j,c,h,w] with s=h*W+w
x=torch.tensor([[[[xval(c*S+h*W+w,j) for w in range(W)] for h in range(H)] for c in range(C)] for j in range(B)],dtype=torch.float64,requires_grad=True)
R=torch.tensor([[[[rval(c*S+h*W+w,j) for w in range(W)] for h in range(H)] for c in range(C)] for j in range(B)],dtype=torch.float64)


def run(mod, name):
  with torch.no_grad():
    mod.weight.copy_(torch.tensor([1+0.1*c for c in range(mod.weight.numel())]))
    mod.bias.copy_(torch.tensor([0.05*c for c in range(mod.bias.numel())]))
  mod=mod.double()
  xx=x.clone().detach().requires_grad_(True)
  y=mod(xx); (y*R).sum().backward()
  def ours(t): return [t[j].reshape(-1)[r].item() for j in range(B) for r in range(C*S)] # column-major (rows fastest)
  print(name,"y",ours(y.detach()))
  print(name,"dx",ours(xx.grad))
  print(name,"dgamma",mod.weight.grad.tolist(),"dbeta",mod.bias.grad.tolist())
  if hasattr(mod,'running_mean') and mod.running_mean is not None:
    print(name,"rm",mod.running_mean.tolist(),"rv",mod.running_var.tolist())
    mod.eval(); print(name,"eval y",ours(mod(x).detach()))
run(torch.nn.BatchNorm2d(C),"bn2d")
run(torch.nn.GroupNorm(1,C),"gn")
