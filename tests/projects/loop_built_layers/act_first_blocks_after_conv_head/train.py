# case: a critic's layers are a list started with a conv block (no activation) and grown in a counted loop of one round by blocks that start with LeakyReLU(inplace=True); the gradient penalty's input requires grad, but the in-place activations only see conv outputs, so the step runs
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
