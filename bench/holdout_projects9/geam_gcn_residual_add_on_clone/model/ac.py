"""Graph actor-critic of GEAM's SAC agent (re-typed, DGL replaced by utils_sac.graph)."""
from copy import deepcopy

import torch
import torch.nn as nn
import torch.nn.functional as F

from utils_sac import graph as dgl
from utils_sac.env import N_ATOM_FEATS
from utils_sac.utils import ecfp


class GCN(nn.Module):
    def __init__(self, in_channels, out_channels, agg="sum", is_normalize=False, residual=True):
        super().__init__()
        self.residual = residual
        assert agg in ["sum", "mean"], "Wrong agg type"
        self.agg = agg
        self.is_normalize = is_normalize
        self.linear1 = nn.Linear(in_channels, out_channels, bias=False)
        self.activation = nn.ReLU()

    def forward(self, g):
        h_in = g.ndata["x"]
        dgl.update_all_sum(g)
        h = self.linear1(g.ndata["x"])
        h = self.activation(h)
        if self.is_normalize:
            h = F.normalize(h, p=2, dim=1)
        if self.residual:
            h = h.clone()
            h += h_in
        return h


class GCNEmbed(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.emb_size = args.emb_size * 2
        in_channels = 8
        self.emb_linear = nn.Linear(N_ATOM_FEATS, in_channels, bias=False)
        self.gcn_layers = nn.ModuleList([GCN(in_channels, self.emb_size, agg="sum", residual=False)])
        for _ in range(args.num_layer - 1):
            self.gcn_layers.append(GCN(self.emb_size, self.emb_size, agg="sum"))

    def forward(self, ob):
        ob_g = [o["g"] for o in ob]
        g = deepcopy(dgl.batch(ob_g))
        g.ndata["x"] = self.emb_linear(g.ndata["x"])
        for conv in self.gcn_layers:
            h = conv(g)
            g.ndata["x"] = h
        emb_node = g.ndata["x"]
        emb_graph = dgl.sum_pooling(g, g.ndata["x"])
        return g, emb_node, emb_graph


class GCNQFunction(nn.Module):
    def __init__(self, args, n_actions):
        super().__init__()
        self.ecfp_emb = nn.Linear(16, args.emb_size)
        d = 2 * args.emb_size + args.emb_size + n_actions
        self.qpred_layer = nn.Sequential(
            nn.Linear(d, d // 2, bias=False),
            nn.ReLU(inplace=False),
            nn.Linear(d // 2, 1, bias=True),
        )

    def forward(self, graph_emb, ac_prob, ac_desc):
        ecfp_emb = self.ecfp_emb(ac_desc)
        emb_state_action = torch.cat([graph_emb, ecfp_emb, ac_prob], dim=-1).contiguous()
        return self.qpred_layer(emb_state_action).squeeze(-1)


class SFSPolicy(nn.Module):
    """Picks a fragment from the vocabulary (GEAM's second action only)."""

    def __init__(self, args, n_actions):
        super().__init__()
        self.action2_layers = nn.Sequential(
            nn.Linear(2 * args.emb_size, args.emb_size), nn.ReLU(), nn.Linear(args.emb_size, n_actions)
        )
        self.cand_desc = torch.stack([ecfp(i) for i in range(n_actions)])
        self.tau = args.tau

    def forward(self, graph_emb):
        logits = self.action2_layers(graph_emb)
        ac_prob = F.gumbel_softmax(logits, tau=self.tau, hard=True)
        log_ac_prob = F.log_softmax(logits, dim=-1)
        ac = ac_prob.argmax(-1)
        return ac, ac_prob, log_ac_prob, ac_prob @ self.cand_desc


class GCNActorCritic(nn.Module):
    def __init__(self, args, vocab):
        super().__init__()
        n_actions = len(vocab)
        self.embed = GCNEmbed(args)
        self.pi = SFSPolicy(args, n_actions)
        self.q1 = GCNQFunction(args, n_actions)
        self.q2 = GCNQFunction(args, n_actions)

    def act(self, o):
        with torch.no_grad():
            _, _, o_g_emb = self.embed([o])
            ac, _, _, _ = self.pi(o_g_emb)
        return int(ac[0])
