# source: https://github.com/jcjohnson/pytorch-examples/pull/4
# case: two_layer_net_autograd as the PR comment proposes: weights updated through `.data` after backward (`w1.data -= learning_rate * w1.grad.data`), then `w1.grad.data.zero_()`; the writes happen after the graph was used
import torch
from torch.autograd import Variable

dtype = torch.FloatTensor
N, D_in, H, D_out = 8, 10, 6, 3

x = Variable(torch.randn(N, D_in).type(dtype), requires_grad=False)
y = Variable(torch.randn(N, D_out).type(dtype), requires_grad=False)
w1 = Variable(torch.randn(D_in, H).type(dtype), requires_grad=True)
w2 = Variable(torch.randn(H, D_out).type(dtype), requires_grad=True)

learning_rate = 1e-6
for t in range(5):
    y_pred = x.mm(w1).clamp(min=0).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    print(t, loss.item())
    loss.backward()

    w1.data -= learning_rate * w1.grad.data
    w2.data -= learning_rate * w2.grad.data
    w1.grad.data.zero_()
    w2.grad.data.zero_()
