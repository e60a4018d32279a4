"""Random molecule-like environment: states are small graphs, actions pick a fragment."""
import torch

from utils_sac.graph import Graph

N_ATOM_FEATS = 6


class MoleculeEnv:
    def __init__(self, vocab, max_atoms=5, seed=0):
        self.vocab = vocab
        self.max_atoms = max_atoms
        self.gen = torch.Generator().manual_seed(seed)

    def _graph(self, n):
        adj = torch.zeros(n, n)
        for i in range(1, n):
            j = int(torch.randint(0, i, (1,), generator=self.gen))
            adj[i, j] = adj[j, i] = 1.0
        x = torch.rand(n, N_ATOM_FEATS, generator=self.gen)
        g = Graph(adj, x)
        g.ndata["att_mask"] = torch.zeros(n, dtype=torch.bool)
        g.ndata["att_mask"][n - 1] = True
        return g

    def reset(self):
        self.n = 2
        return {"g": self._graph(self.n), "att": [self.n - 1]}

    def step(self, action):
        self.n = min(self.n + 1, self.max_atoms)
        reward = float(torch.rand((), generator=self.gen)) - 0.1 * action
        done = self.n == self.max_atoms
        return {"g": self._graph(self.n), "att": [self.n - 1]}, reward, done
