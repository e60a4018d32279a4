# source: https://github.com/unslothai/unsloth/issues/2434
# case: GRPO-style step: completions are sampled in a `@torch.inference_mode()` generate helper (as the fast-inference path does), then the same token ids go through the policy's embedding with grad on, and the embedding saves the inference-mode index tensor for backward
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class TinyCausalLM(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.lm_head = nn.Linear(dim, vocab)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
        h = torch.cumsum(h, dim=1)
        return self.lm_head(h)


@torch.inference_mode()
def generate(model, prompt_ids, max_new_tokens=3):
    ids = prompt_ids
    for _ in range(max_new_tokens):
        probs = F.softmax(model(ids)[:, -1], dim=-1)
        ids = torch.cat([ids, torch.multinomial(probs, 1)], dim=1)
    return ids


def per_token_logps(model, input_ids):
    logits = model(input_ids)[:, :-1]
    return torch.gather(logits.log_softmax(-1), 2, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)


model = TinyCausalLM()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
prompts = torch.randint(0, 16, (4, 2))
prompt_completion_ids = generate(model, prompts)
rewards = torch.randn(4)
advantages = (rewards - rewards.mean()) / (rewards.std() + 1e-4)

logps = per_token_logps(model, prompt_completion_ids)
loss = -(logps.exp() / logps.exp().detach() * advantages.unsqueeze(1)).mean()
loss.backward()
optimizer.step()
