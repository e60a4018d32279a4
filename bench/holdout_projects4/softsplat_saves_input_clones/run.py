# case: the reporter's fix: `save_for_backward(tenIn.clone(), tenFlow.clone())`; the same caller still reverses the flow in place, but the Function kept its own copies (the in-place write into the Function's output, `tenNormalize[tenNormalize == 0.0] = 1.0`, touches nothing saved)
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
