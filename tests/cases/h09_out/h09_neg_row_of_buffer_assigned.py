# case: clean twin: the product is assigned into the buffer's row (an indexed write autograd records), so the loss backpropagates into w
import torch

w = torch.randn(3, requires_grad=True)
buf = torch.zeros(2, 3)
buf[0] = torch.mul(w, 2)
loss = buf.sum()
loss.backward()
