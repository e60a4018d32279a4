# case: a policy rolled out under inference_mode keeps its decoding state (the first node of each tour); a later training pass re-runs the decoder, which picks each row's current-node embedding by advanced indexing with that state as the index: indexing saves its index tensors for backward, and an inference tensor cannot be saved
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, n_loc=5, dim=8):
        super().__init__()
        self.embed = nn.Linear(2, dim)
        self.project = nn.Linear(dim, 1)

    def forward(self, locs, first_node):
        emb = self.embed(locs)
        rows = torch.arange(locs.shape[0])
        current = emb[rows, first_node]  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
        return self.project(current).squeeze(-1)


def reset(locs):
    return {"locs": locs, "first_node": torch.zeros(locs.shape[0], dtype=torch.long)}


decoder = Decoder()
opt = torch.optim.SGD(decoder.parameters(), lr=0.1)
batch = torch.rand(4, 5, 2)
with torch.inference_mode():
    state = reset(batch)
    baseline = decoder(state["locs"], state["first_node"])

score = decoder(batch, state["first_node"])
loss = (score - baseline.clone()).pow(2).mean()
opt.zero_grad()
loss.backward()
opt.step()
