# case: megablocks MoE with `moe_normalize_expert_weights=1`: the router normalises the top-k weights in place (`expert_weights /= torch.norm(expert_weights, ...)`) after torch.norm saved them, then the MoE output is backpropagated
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
loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
optimizer.step()
