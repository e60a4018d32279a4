import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions.categorical import Categorical

from .mlp import MLP, MLPActor


class GraphCNN(nn.Module):
    def __init__(self, num_layers, input_dim, hidden_dim):
        super().__init__()
        self.mlps = nn.ModuleList(MLP(2, input_dim if i == 0 else hidden_dim, hidden_dim, hidden_dim) for i in range(num_layers))

    def forward(self, x, graph_pool, adj):
        h = x
        for mlp in self.mlps:
            h = F.relu(mlp(torch.mm(adj, h)))
        return torch.sparse.mm(graph_pool, h), h


class Job_Actor(nn.Module):
    def __init__(self, n_j, n_m, num_layers, input_dim, hidden_dim, device):
        super().__init__()
        self.n_j, self.n_ops = n_j, n_j * n_m
        self.device = device
        self.encoder = GraphCNN(num_layers, input_dim, hidden_dim)
        self.actor = MLPActor(2, hidden_dim * 2, hidden_dim, 1)
        self.critic = MLPActor(2, hidden_dim, hidden_dim, 1)

    def forward(self, x, graph_pool, adj, candidate, mask, old_action=None):
        h_pooled, h_nodes = self.encoder(x, graph_pool, adj)
        batch = candidate.size(0)
        h_nodes = h_nodes.reshape(batch, self.n_ops, -1)
        candidate_feature = torch.gather(h_nodes, 1, candidate.unsqueeze(-1).expand(-1, -1, h_nodes.size(-1)))
        concat = torch.cat((candidate_feature, h_pooled.unsqueeze(1).expand_as(candidate_feature)), dim=-1)
        scores = self.actor(concat).squeeze(-1).masked_fill(mask, float("-inf"))
        pi = F.softmax(scores, dim=1)
        dist = Categorical(pi)
        action = dist.sample() if old_action is None else old_action
        log_a = dist.log_prob(action)
        action_node = candidate_feature[torch.arange(batch), action]
        v = self.critic(h_pooled)
        return dist.entropy(), v, log_a, action_node, action, None, h_pooled


class Mch_Actor(nn.Module):
    def __init__(self, n_m, hidden_dim):
        super().__init__()
        self.n_m = n_m
        self.fc = nn.Linear(hidden_dim * 2 + 1, hidden_dim)
        self.out = nn.Linear(hidden_dim, n_m)

    def forward(self, action_node, hx, mch_time, mask_mch=None):
        feature = torch.cat((action_node, hx, mch_time.mean(-1, keepdim=True)), dim=-1)
        scores = self.out(torch.tanh(self.fc(feature)))
        if mask_mch is not None:
            scores = scores.masked_fill(mask_mch, float("-inf"))
        return F.softmax(scores, dim=-1), hx
