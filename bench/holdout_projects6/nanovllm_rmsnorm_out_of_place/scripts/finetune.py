# case: the same fine-tuning loop with RMSNorm written out of place (`x = x * torch.rsqrt(var + eps)`, `x = x.to(orig_dtype) * self.weight`, and `x = x.float() + residual.float()`), so neither the tensor pow saved nor the residual alias is overwritten and the LM loss backpropagates
# source: https://github.com/GeeeekExplorer/nano-vllm/issues/170
# pythonpath: .
import torch
import torch.nn.functional as F

from nanovllm import Config
from nanovllm.models.qwen3 import Qwen3ForCausalLM

torch.manual_seed(0)

config = Config()
model = Qwen3ForCausalLM(config)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)

for step in range(2):
    input_ids = torch.randint(0, config.vocab_size, (2, 6))
    positions = torch.arange(6).expand(2, 6)
    hidden = model(input_ids[:, :-1], positions[:, :-1])
    logits = model.compute_logits(hidden)
    loss = F.cross_entropy(logits.reshape(-1, config.vocab_size), input_ids[:, 1:].reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
