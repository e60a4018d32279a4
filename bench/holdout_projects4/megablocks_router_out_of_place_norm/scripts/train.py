# case: the PR: `expert_weights = expert_weights / torch.norm(expert_weights, ...)` builds a new tensor, so the weights torch.norm saved keep their version
# source: https://github.com/databricks/megablocks/pull/70
# pythonpath: src
import torch

from megablocks import Arguments, MoE

torch.manual_seed(0)
args = Arguments(moe_normalize_expert_weights=1)
moe = MoE(args)
optimizer = torch.optim.AdamW(moe.parameters(), lr=1e-3)
x = torch.randn(2, 3, args.hidden_size)
out, scores = moe(x)
loss = out.pow(2).mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
