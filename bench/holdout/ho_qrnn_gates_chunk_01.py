# case: QRNN-style gates: a Linear output is chunked into z/f/o gates which are activated in place (z.tanh_(), f.sigmoid_()); the 2019 report was about wrong CPU results, but on torch 2.13 the in-place update of a chunk output is rejected outright
# source: https://github.com/pytorch/pytorch/issues/18189
import torch
import torch.nn as nn


def test_inplace():
    linear = nn.Linear(20, 6)

    x_fwd = torch.randn(7, 1, 20)
    x_bwd = x_fwd.clone().flip(1)

    y_fwd = linear(x_fwd)
    y_bwd = linear(x_bwd)
    print((y_fwd - y_bwd).abs().sum().item())
    z_gate_fwd, f_gate_fwd, o_gate_fwd = y_fwd.chunk(3, dim=2)
    z_gate_bwd, f_gate_bwd, o_gate_bwd = y_bwd.chunk(3, dim=2)
    print((z_gate_fwd - z_gate_bwd).abs().sum().item())
    print((f_gate_fwd - f_gate_bwd).abs().sum().item())
    print((o_gate_fwd - o_gate_bwd).abs().sum().item())
    z_gate_fwd.tanh_()  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
    z_gate_bwd.tanh_()  # expect: GG003
    f_gate_fwd.sigmoid_()  # expect: GG003
    f_gate_bwd.sigmoid_()  # expect: GG003
    z_gate_fwd, f_gate_fwd = z_gate_fwd.contiguous(), f_gate_fwd.contiguous()
    z_gate_bwd, f_gate_bwd = z_gate_bwd.contiguous(), f_gate_bwd.contiguous()
    print((z_gate_fwd - z_gate_bwd).abs().sum().item())
    print((f_gate_fwd - f_gate_bwd).abs().sum().item())


test_inplace()
