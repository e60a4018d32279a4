# case: a small fp32 fine-tuning loop over nano-vllm's Qwen3 layers: RMSNorm.rms_forward calls `x = x.float()`, which for an fp32 input returns the same tensor, then squares it (pow saves x) and normalises it in place (`x.mul_(torch.rsqrt(var + eps))`); the in-place write also hits the residual alias the decoder layer kept, and backpropagating the LM loss fails
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
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
