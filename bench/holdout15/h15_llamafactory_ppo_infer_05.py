# case: fix of the variant: generate decorated with @torch.no_grad() (as LlamaFactory's trainer after commit eac7f97) instead of @torch.inference_mode(), so the response batch is a normal tensor that torch.gather can save as its index, and the PPO step runs
# source: https://github.com/hiyouga/LlamaFactory/issues/220
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

class LlamaRMSNorm(nn.Module):
    def __init__(self, hidden_size, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(hidden_size))
        self.variance_epsilon = eps

    def forward(self, hidden_states):
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        hidden_states = hidden_states * torch.rsqrt(variance + self.variance_epsilon)
        return self.weight * hidden_states


class LoraLinear(nn.Module):
    def __init__(self, base: nn.Linear, r=4, alpha=8):
        super().__init__()
        self.base = base
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.scaling = alpha / r

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(x)) * self.scaling


class LlamaAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.q_proj = nn.Linear(hidden, hidden, bias=False)
        self.k_proj = nn.Linear(hidden, hidden, bias=False)
        self.v_proj = nn.Linear(hidden, hidden, bias=False)
        self.o_proj = nn.Linear(hidden, hidden, bias=False)

    def forward(self, x):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.o_proj(out.transpose(1, 2).reshape(b, t, -1))


class LlamaDecoderLayer(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.self_attn = LlamaAttention(hidden, heads)
        self.mlp = nn.Sequential(nn.Linear(hidden, 2 * hidden, bias=False), nn.SiLU(), nn.Linear(2 * hidden, hidden, bias=False))
        self.input_layernorm = LlamaRMSNorm(hidden)
        self.post_attention_layernorm = LlamaRMSNorm(hidden)

    def forward(self, x):
        x = x + self.self_attn(self.input_layernorm(x))
        return x + self.mlp(self.post_attention_layernorm(x))


class LlamaModel(nn.Module):
    def __init__(self, vocab, hidden, heads, n_layers):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, hidden)
        self.layers = nn.ModuleList([LlamaDecoderLayer(hidden, heads) for _ in range(n_layers)])
        self.norm = LlamaRMSNorm(hidden)

    def forward(self, input_ids):
        h = self.embed_tokens(input_ids)
        for layer in self.layers:
            h = layer(h)
        return self.norm(h)


class LlamaForCausalLM(nn.Module):
    def __init__(self, vocab=32, hidden=16, heads=2, n_layers=2):
        super().__init__()
        self.model = LlamaModel(vocab, hidden, heads, n_layers)
        self.lm_head = nn.Linear(hidden, vocab, bias=False)

    def forward(self, input_ids):
        hidden = self.model(input_ids)
        return self.lm_head(hidden), hidden

    def generate(self, input_ids, max_new_tokens, top_k=0, top_p=1.0, do_sample=True, eos_token_id=None, pad_token_id=0):
        for _ in range(max_new_tokens):
            logits, _ = self(input_ids)
            probs = torch.softmax(logits[:, -1, :], dim=-1)
            next_token = torch.multinomial(probs, 1) if do_sample else probs.argmax(-1, keepdim=True)
            input_ids = torch.cat([input_ids, next_token], dim=1)
        return input_ids


class ValueHead(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.summary = nn.Linear(hidden, 1)

    def forward(self, hidden):
        return self.summary(hidden).squeeze(-1)


class AutoModelForCausalLMWithValueHead(nn.Module):
    def __init__(self, pretrained_model):
        super().__init__()
        self.pretrained_model = pretrained_model
        self.v_head = ValueHead(pretrained_model.lm_head.in_features)

    def forward(self, input_ids):
        logits, hidden = self.pretrained_model(input_ids)
        return logits, None, self.v_head(hidden)


def load_model_with_lora():
    base = LlamaForCausalLM()
    base.requires_grad_(False)
    for layer in base.model.layers:
        layer.self_attn.q_proj = LoraLinear(layer.self_attn.q_proj)
        layer.self_attn.v_proj = LoraLinear(layer.self_attn.v_proj)
    model = AutoModelForCausalLMWithValueHead(base)
    model.reward_head_weight = torch.randn(1, 16) * 0.1
    model.reward_head_bias = torch.zeros(1)
    return model


def replace_model(model, target):
    if target == "reward":  # save default head temporarily
        state = model.v_head.state_dict()
        model.default_head_weight = state["summary.weight"].clone()
        model.default_head_bias = state["summary.bias"].clone()
    model.v_head.load_state_dict(
        {"summary.weight": getattr(model, f"{target}_head_weight"), "summary.bias": getattr(model, f"{target}_head_bias")}
    )


def logprobs_from_logits(logits, labels):
    logp = F.log_softmax(logits, dim=2)
    return torch.gather(logp, 2, labels.unsqueeze(2)).squeeze(-1)


class PPOPeftTrainer:
    def __init__(self, model, optimizer, pad_token_id=0, eos_token_id=1, cliprange=0.2, cliprange_value=0.2, vf_coef=0.1, gamma=1.0, lam=0.95):
        self.model = model
        self.optimizer = optimizer
        self.pad_token_id, self.eos_token_id = pad_token_id, eos_token_id
        self.cliprange, self.cliprange_value, self.vf_coef = cliprange, cliprange_value, vf_coef
        self.gamma, self.lam = gamma, lam

    @torch.no_grad()
    def generate(self, inputs, max_new_tokens, return_prompt=True, **generation_kwargs):
        response = self.model.pretrained_model.generate(inputs["input_ids"], max_new_tokens, **generation_kwargs)
        if not return_prompt:
            return response[:, inputs["input_ids"].size(1) :]
        return response

    def prepare_model_inputs(self, queries, responses):
        return torch.stack([torch.cat([q, r]) for q, r in zip(queries, responses)])

    def compute_advantages(self, values, rewards):
        lastgaelam = 0
        advantages_reversed = []
        gen_len = rewards.shape[-1]
        for t in reversed(range(gen_len)):
            nextvalues = values[:, t + 1] if t < gen_len - 1 else 0.0
            delta = rewards[:, t] + self.gamma * nextvalues - values[:, t]
            lastgaelam = delta + self.gamma * self.lam * lastgaelam
            advantages_reversed.append(lastgaelam)
        advantages = torch.stack(advantages_reversed[::-1]).transpose(0, 1)
        returns = advantages + values
        advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
        return advantages.detach(), returns.detach()

    def step(self, queries, response_tensors, scores):
        input_ids = self.prepare_model_inputs(queries, list(response_tensors))
        q_len = queries[0].size(0)
        with torch.no_grad():
            logits, _, values = self.model(input_ids)
            old_logprobs = logprobs_from_logits(logits[:, q_len - 1 : -1, :], response_tensors)
            old_values = values[:, q_len - 1 : -1]
        rewards = torch.zeros_like(old_logprobs)
        rewards[:, -1] += torch.stack(scores)
        advantages, returns = self.compute_advantages(old_values, rewards)

        logits, _, vpred = self.model(input_ids)
        logprob = logprobs_from_logits(logits[:, q_len - 1 : -1, :], response_tensors)
        vpred = vpred[:, q_len - 1 : -1]
        vpredclipped = old_values + torch.clamp(vpred - old_values, -self.cliprange_value, self.cliprange_value)
        vf_loss = 0.5 * torch.max((vpred - returns) ** 2, (vpredclipped - returns) ** 2).mean()
        ratio = torch.exp(logprob - old_logprobs)
        pg_losses = -advantages * ratio
        pg_losses2 = -advantages * torch.clamp(ratio, 1.0 - self.cliprange, 1.0 + self.cliprange)
        pg_loss = torch.max(pg_losses, pg_losses2).mean()
        loss = pg_loss + self.vf_coef * vf_loss
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return {"ppo/loss/total": loss.item()}

    def ppo_train(self, dataloader, max_target_length, max_steps=2):
        gen_kwargs = {"top_k": 0, "top_p": 1.0, "do_sample": True, "pad_token_id": self.pad_token_id, "eos_token_id": self.eos_token_id}
        dataiter = iter(dataloader)
        for step in range(max_steps):
            batch = next(dataiter)
            query_tensors = batch["input_ids"]
            response_tensors = self.generate(batch, max_new_tokens=max_target_length, return_prompt=False, **gen_kwargs)
            queries = [query_tensors[i] for i in range(len(query_tensors))]
            responses = [response_tensors[i] for i in range(len(response_tensors))]

            # compute rewards with the reward head
            replace_model(self.model, target="reward")
            _, _, values = self.model(self.prepare_model_inputs(queries, responses))
            rewards = [reward for reward in values[:, -1].to(torch.float32)]
            replace_model(self.model, target="default")

            stats = self.step(queries, response_tensors, [r.detach() for r in rewards])
            print(f"step {step} loss {stats['ppo/loss/total']:.4f}")


model = load_model_with_lora()
optimizer = torch.optim.AdamW(filter(lambda p: p.requires_grad, model.parameters()), lr=1e-4)
prompts = torch.randint(2, 32, (4, 5))
dataloader = torch.utils.data.DataLoader([{"input_ids": p} for p in prompts], batch_size=2)
trainer = PPOPeftTrainer(model, optimizer)
trainer.ppo_train(dataloader, max_target_length=4)
