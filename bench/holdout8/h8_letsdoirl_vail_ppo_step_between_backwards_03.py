# source: https://github.com/reinforcement-learning-kr/lets-do-irl/issues/9
# case: look-alike from the same file: train_vdb backpropagates the variational discriminator loss with retain_graph=True and steps vdb_optim inside its loop, but every iteration re-runs the discriminator forward, so no backward ever walks a graph built before a step
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
np.random.seed(0)


class Args:
    vdb_update_num = 3
    i_c = 0.5
    alpha_beta = 1e-4


class VDB(nn.Module):
    def __init__(self, num_inputs, hidden=8, z=4):
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, hidden)
        self.fc2 = nn.Linear(hidden, z)
        self.fc3 = nn.Linear(hidden, z)
        self.fc4 = nn.Linear(z, hidden)
        self.fc5 = nn.Linear(hidden, 1)

    def encoder(self, x):
        h = torch.tanh(self.fc1(x))
        return self.fc2(h), self.fc3(h)

    def reparameterize(self, mu, logvar):
        std = torch.exp(logvar / 2)
        return mu + std * torch.randn_like(std)

    def discriminator(self, z):
        return torch.sigmoid(self.fc5(torch.tanh(self.fc4(z))))

    def forward(self, x):
        mu, logvar = self.encoder(x)
        z = self.reparameterize(mu, logvar)
        return self.discriminator(z), mu, logvar


def kl_divergence(mu, logvar):
    return 0.5 * torch.sum(mu.pow(2) + logvar.exp() - logvar - 1, dim=1)


def train_vdb(vdb, memory, vdb_optim, demonstrations, beta, args):
    states = torch.Tensor(np.vstack([m[0] for m in memory]))
    actions = torch.Tensor(np.array([m[1] for m in memory]))
    criterion = torch.nn.BCELoss()
    for _ in range(args.vdb_update_num):
        learner, l_mu, l_logvar = vdb(torch.cat([states, actions], dim=1))
        expert, e_mu, e_logvar = vdb(torch.Tensor(demonstrations))
        kld = 0.5 * (kl_divergence(l_mu, l_logvar).mean() + kl_divergence(e_mu, e_logvar).mean())
        bottleneck_loss = kld - args.i_c
        beta = max(0, beta + args.alpha_beta * bottleneck_loss)
        vdb_loss = (
            criterion(learner, torch.ones((states.shape[0], 1)))
            + criterion(expert, torch.zeros((demonstrations.shape[0], 1)))
            + beta * bottleneck_loss
        )
        vdb_optim.zero_grad()
        vdb_loss.backward(retain_graph=True)
        vdb_optim.step()
    return beta


vdb = VDB(5)
vdb_optim = torch.optim.Adam(vdb.parameters(), lr=1e-4)
memory = [(np.random.randn(3), np.random.randn(2)) for _ in range(6)]
demonstrations = np.random.randn(6, 5)
train_vdb(vdb, memory, vdb_optim, demonstrations, 0.0, Args())
