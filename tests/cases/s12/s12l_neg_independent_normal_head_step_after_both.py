# case: the same two losses, both backpropagated before the step: the weights the second backward needs are unchanged and it runs
import torch
import torch.distributions as td
import torch.nn as nn

torch.manual_seed(0)


class DenseModel(nn.Module):
    def __init__(self, n_in=3, hidden=4):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(n_in, hidden), nn.ELU(), nn.Linear(hidden, 1))

    def forward(self, features):
        return td.independent.Independent(td.Normal(self.model(features), 1.0), 1)


head = DenseModel()
optimizer = torch.optim.Adam(head.parameters(), lr=1e-3)
features = torch.randn(5, 3)
dist = head(features)
model_loss = -dist.log_prob(torch.zeros(5, 1)).mean()
actor_loss = -dist.mean.mean()
optimizer.zero_grad()
model_loss.backward(retain_graph=True)
actor_loss.backward()
optimizer.step()
