# case: a reward head returns `Independent(Normal(mean, 1), 1)`; its log-likelihood and its mean give two losses sharing the head's graph; the head's optimizer steps after the first backward, and the second backward needs the head's weights the step overwrote
import torch
import torch.distributions as td
import torch.nn as nn

torch.manual_seed(0)


class DenseModel(nn.Module):
    def __init__(self, n_in=3, hidden=4):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(n_in, hidden), nn.ELU(), nn.Linear(hidden, 1))

    def forward(self, features):
        return td.independent.Independent(td.Normal(self.model(features), 1.0), 1)  # saver


head = DenseModel()
optimizer = torch.optim.Adam(head.parameters(), lr=1e-3)
features = torch.randn(5, 3)
dist = head(features)
model_loss = -dist.log_prob(torch.zeros(5, 1)).mean()
actor_loss = -dist.mean.mean()
optimizer.zero_grad()
model_loss.backward(retain_graph=True)
optimizer.step()  # expect: GG002
actor_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
