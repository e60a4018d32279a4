# case: the same critic whose list starts with a block that applies LeakyReLU(inplace=True) first: the gradient penalty's input, a leaf that requires grad, is written in place by that activation
import torch

from models.critic import Critic

torch.manual_seed(0)
critic = Critic(ch=4, n_blocks=1)
x = torch.randn(2, 3, 8, 8, requires_grad=True)
score = critic(x)
grad = torch.autograd.grad(score.sum(), x, create_graph=True)[0]
loss = score.mean() + grad.pow(2).mean()
loss.backward()
print("loss", loss.item())
