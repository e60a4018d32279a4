# case: softmax-splatting: `_FunctionSoftsplat.forward` keeps its inputs with `save_for_backward(tenIn, tenFlow)`; the synthesis model splats frame one with the flow, then reverses that same flow tensor in place (`tenFlow.neg_()`) for frame two, so the first splat's backward finds its saved flow modified
# source: https://github.com/sniklaus/softmax-splatting/issues/50
import torch
import torch.nn.functional as F

from model import Synthesis

torch.manual_seed(0)
net = Synthesis()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-4)
tenOne, tenTwo, tenTarget = torch.rand(1, 3, 6, 6), torch.rand(1, 3, 6, 6), torch.rand(1, 3, 6, 6)
loss = F.l1_loss(net(tenOne, tenTwo), tenTarget)
optimizer.zero_grad()
loss.backward()
optimizer.step()
