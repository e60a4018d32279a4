# case: MiniMind GRPO: TorchRolloutEngine.rollout() calls model.generate(), which MiniMindForCausalLM decorates with @torch.inference_mode(), so output_ids is an inference tensor; grpo_train_epoch feeds it to the policy forward with grad on and the token embedding saves it
# source: https://github.com/jingyaogong/minimind/issues/754
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor


class MiniMindModel(nn.Module):
    def __init__(self, vocab_size=16, hidden_size=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab_size, hidden_size)
        self.dropout = nn.Dropout(0.0)
        self.q = nn.Linear(hidden_size, hidden_size)
        self.mlp = nn.Sequential(nn.Linear(hidden_size, 16), nn.SiLU(), nn.Linear(16, hidden_size))
        self.norm = nn.LayerNorm(hidden_size)

    def forward(self, input_ids, attention_mask=None):
        hidden_states = self.dropout(self.embed_tokens(input_ids))  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
        scores = self.q(hidden_states) @ hidden_states.transpose(1, 2) / hidden_states.size(-1) ** 0.5
        causal = torch.ones(scores.shape[-2:], dtype=torch.bool).tril()
        scores = scores.masked_fill(~causal, float("-inf"))
        hidden_states = hidden_states + scores.softmax(-1) @ hidden_states
        hidden_states = hidden_states + self.mlp(hidden_states)
        return self.norm(hidden_states)


class MiniMindForCausalLM(nn.Module):
    def __init__(self, vocab_size=16, hidden_size=8):
        super().__init__()
        self.model = MiniMindModel(vocab_size, hidden_size)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=False)

    def forward(self, input_ids, attention_mask=None, logits_to_keep=0):
        hidden_states = self.model(input_ids, attention_mask)
        slice_indices = slice(-logits_to_keep, None)
        return self.lm_head(hidden_states[:, slice_indices, :])

    @torch.inference_mode()
    def generate(self, input_ids, attention_mask=None, max_new_tokens=4, temperature=0.85, eos_token_id=2):
        finished = torch.zeros(input_ids.shape[0], dtype=torch.bool)
        for _ in range(max_new_tokens):
            logits = self.forward(input_ids, attention_mask)[:, -1, :] / temperature
            next_token = torch.multinomial(torch.softmax(logits, dim=-1), num_samples=1)
            next_token = torch.where(finished.unsqueeze(-1), next_token.new_full((next_token.shape[0], 1), eos_token_id), next_token)
            input_ids = torch.cat([input_ids, next_token], dim=-1)
            attention_mask = torch.cat([attention_mask, attention_mask.new_ones(attention_mask.shape[0], 1)], -1)
            finished |= next_token.squeeze(-1).eq(eos_token_id)
        return input_ids


def compute_per_token_logps(model, input_ids: Tensor, n_keep: int, attention_mask: Optional[Tensor] = None) -> Tensor:
    input_ids = input_ids.detach().clone() if input_ids.is_inference() else input_ids
    logits = model(input_ids, attention_mask=attention_mask, logits_to_keep=n_keep + 1)[:, :-1, :]
    per_token_logps = []
    for logits_row, ids_row in zip(logits, input_ids[:, -n_keep:]):
        ids_row = ids_row.detach().clone() if ids_row.is_inference() else ids_row
        per_token_logps.append(torch.gather(logits_row.log_softmax(dim=-1), 1, ids_row.unsqueeze(1)).squeeze(1))
    return torch.stack(per_token_logps)


class RolloutResult:
    def __init__(self, output_ids, completion_ids, per_token_logps, prompt_lens):
        self.output_ids = output_ids
        self.completion_ids = completion_ids
        self.per_token_logps = per_token_logps
        self.prompt_lens = prompt_lens


class TorchRolloutEngine:
    def __init__(self, policy_model):
        self.policy_model = policy_model

    def rollout(self, prompt_ids, attention_mask, num_generations, max_new_tokens):
        with torch.no_grad():
            output_ids = self.policy_model.generate(
                input_ids=prompt_ids.repeat_interleave(num_generations, dim=0),
                attention_mask=attention_mask.repeat_interleave(num_generations, dim=0),
                max_new_tokens=max_new_tokens,
            )  # [B*num_gen, P+R]
            prompt_len = prompt_ids.size(1)
            completion_ids = output_ids[:, prompt_len:]
            full_mask = torch.ones_like(output_ids)
            per_token_logps = compute_per_token_logps(self.policy_model, output_ids, completion_ids.size(1), attention_mask=full_mask)
        return RolloutResult(output_ids, completion_ids, per_token_logps,
                             prompt_ids.new_full((output_ids.size(0),), prompt_len))


def grpo_step(model, ref_model, rollout_engine, optimizer, prompt_ids, num_generations=2, beta=0.02, epsilon=0.2):
    attention_mask = torch.ones_like(prompt_ids)
    rollout_result = rollout_engine.rollout(prompt_ids, attention_mask, num_generations, max_new_tokens=3)
    outputs = rollout_result.output_ids
    completion_ids = rollout_result.completion_ids
    old_per_token_logps = rollout_result.per_token_logps
    prompt_lens = rollout_result.prompt_lens
    full_mask = torch.ones_like(outputs)
    logp_pos = prompt_lens.unsqueeze(1) - 1 + torch.arange(completion_ids.size(1)).unsqueeze(0)

    res = model(outputs, attention_mask=full_mask)
    per_token_logps = F.log_softmax(res[:, :-1, :], dim=-1).gather(2, outputs[:, 1:].unsqueeze(-1)).squeeze(-1).gather(1, logp_pos)
    with torch.no_grad():
        ref_per_token_logps = F.log_softmax(ref_model(outputs, attention_mask=full_mask)[:, :-1, :], dim=-1).gather(2, outputs[:, 1:].unsqueeze(-1)).squeeze(-1).gather(1, logp_pos)
    rewards = (completion_ids == 3).float().sum(dim=1)
    grouped_rewards = rewards.view(-1, num_generations)
    mean_r = grouped_rewards.mean(dim=1).repeat_interleave(num_generations)
    std_r = grouped_rewards.std(dim=1, unbiased=False).repeat_interleave(num_generations)
    advantages = (rewards - mean_r) / (std_r + 1e-4)

    kl_div = ref_per_token_logps - per_token_logps
    per_token_kl = torch.exp(kl_div) - kl_div - 1
    ratio = torch.exp(per_token_logps - old_per_token_logps)
    clipped_ratio = torch.clamp(ratio, 1 - epsilon, 1 + epsilon)
    per_token_loss = -(torch.min(ratio * advantages.unsqueeze(1), clipped_ratio * advantages.unsqueeze(1)) - beta * per_token_kl)
    loss = per_token_loss.mean()
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()


torch.manual_seed(0)
model = MiniMindForCausalLM()
ref_model = MiniMindForCausalLM()
ref_model.load_state_dict(model.state_dict())
ref_model.requires_grad_(False)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
engine = TorchRolloutEngine(model)
prompt_ids = torch.tensor([[5, 6, 7], [8, 9, 10]])
for step in range(2):
    grpo_step(model, ref_model, engine, optimizer, prompt_ids)
