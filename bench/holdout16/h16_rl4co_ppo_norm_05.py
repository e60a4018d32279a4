# case: fix of the reward-standardising variant (ours): with the same inference-mode rollout and permutation mini-batches, the rewards are standardised out of place, td["reward"] = (td["reward"] - mean) / std, which makes a normal tensor; the mini-batches index (copy) the remaining inference tensors, so nothing saved for backward is an inference tensor and the PPO updates run
# source: https://github.com/ai4co/rl4co/commit/49301674ca1171c3a6604c2a794b78381b0fe786
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

PPO_CFG = {
    "clip_range": 0.2,
    "ppo_epochs": 2,
    "mini_batch_size": 0.5,
    "vf_lambda": 0.5,
    "entropy_lambda": 0.01,
    "normalize_adv": False,
    "normalize_reward": True,
    "max_grad_norm": 0.5,
}


class TSPEnv:
    def __init__(self, num_loc=6):
        self.num_loc = num_loc

    def generate(self, batch_size):
        return {"locs": torch.rand(batch_size, self.num_loc, 2)}

    def reset(self, batch):
        locs = batch["locs"]
        bs = locs.shape[0]
        return {
            "locs": locs,
            "first_node": torch.zeros(bs, dtype=torch.long),
            "action_mask": torch.ones(bs, self.num_loc, dtype=torch.bool),
        }

    def get_reward(self, td, actions):
        tour = td["locs"].gather(1, actions.unsqueeze(-1).expand(-1, -1, 2))
        lengths = (tour - tour.roll(-1, dims=1)).norm(p=2, dim=-1).sum(-1)
        return -lengths


class AttentionModelPolicy(nn.Module):
    def __init__(self, embed_dim=16, num_heads=2):
        super().__init__()
        self.init_embed = nn.Linear(2, embed_dim)
        self.encoder = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True)
        self.norm = nn.LayerNorm(embed_dim)
        self.project_context = nn.Linear(2 * embed_dim, embed_dim, bias=False)
        self.project_keys = nn.Linear(embed_dim, embed_dim, bias=False)
        self.tanh_clipping = 10.0

    def encode(self, td):
        h = self.init_embed(td["locs"])
        attn, _ = self.encoder(h, h, h)
        return self.norm(h + attn)

    def forward(self, td, env, phase="train", actions=None, return_entropy=False):
        embeddings = self.encode(td)
        keys = self.project_keys(embeddings)
        graph = embeddings.mean(1)
        bs, n, d = embeddings.shape
        mask = td["action_mask"].clone()
        current = td["first_node"]
        log_probs, entropies, chosen = [], [], []
        for step in range(n):
            cur_emb = embeddings[torch.arange(bs), current]
            query = self.project_context(torch.cat([graph, cur_emb], dim=-1))
            logits = torch.einsum("bd,bnd->bn", query, keys) / math.sqrt(d)
            logits = self.tanh_clipping * torch.tanh(logits)
            logits = logits.masked_fill(~mask, float("-inf"))
            logp = F.log_softmax(logits, dim=-1)
            if actions is not None:
                action = actions[:, step]
            elif step == 0:
                action = current
            else:
                action = torch.multinomial(logp.exp(), 1).squeeze(-1)
            log_probs.append(logp.gather(1, action.unsqueeze(-1)).squeeze(-1))
            entropies.append(-(logp.exp() * logp.clamp(min=-1e9)).sum(-1))
            chosen.append(action)
            mask = mask.scatter(1, action.unsqueeze(-1), False)
            current = action
        actions = torch.stack(chosen, 1)
        out = {
            "log_likelihood": torch.stack(log_probs, 1),
            "actions": actions,
            "reward": env.get_reward(td, actions),
        }
        if return_entropy:
            out["entropy"] = torch.stack(entropies, 1).mean(1)
        return out


class CriticNetwork(nn.Module):
    def __init__(self, embed_dim=16):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(2, embed_dim), nn.ReLU(), nn.Linear(embed_dim, embed_dim))
        self.value_head = nn.Sequential(nn.Linear(embed_dim, embed_dim), nn.ReLU(), nn.Linear(embed_dim, 1))

    def forward(self, td):
        return self.value_head(self.encoder(td["locs"]).mean(1))


class PPO:
    def __init__(self, env, policy, critic, lr=1e-3, **ppo_cfg):
        self.env = env
        self.policy = policy
        self.critic = critic
        self.ppo_cfg = ppo_cfg
        params = list(self.policy.parameters()) + list(self.critic.parameters())
        self.optimizer = torch.optim.Adam(params, lr=lr)

    def shared_step(self, batch, phase="train"):
        # Evaluate old actions, log probabilities, and rewards
        with torch.inference_mode():
            td = self.env.reset(batch)
            out = self.policy(td, self.env, phase=phase)

        batch_size = out["actions"].shape[0]
        mini_batch_size = int(batch_size * self.ppo_cfg["mini_batch_size"])
        td["logprobs"] = out["log_likelihood"].sum(-1)
        td["reward"] = out["reward"]
        td["action"] = out["actions"]
        if self.ppo_cfg["normalize_reward"]:
            td["reward"] = (td["reward"] - td["reward"].mean()) / (td["reward"].std() + 1e-8)

        for _ in range(self.ppo_cfg["ppo_epochs"]):  # PPO inner epoch, K
            perm = torch.randperm(batch_size)
            for start in range(0, batch_size, mini_batch_size):
                idx = perm[start : start + mini_batch_size]
                sub_td = {k: v[idx] for k, v in td.items()}
                previous_reward = sub_td["reward"].view(-1, 1)
                out = self.policy(sub_td, self.env, actions=sub_td["action"], return_entropy=True)
                ll, entropy = out["log_likelihood"], out["entropy"]
                ratio = torch.exp(ll.sum(dim=-1) - sub_td["logprobs"]).view(-1, 1)
                value_pred = self.critic(sub_td)
                adv = previous_reward - value_pred.detach()
                if self.ppo_cfg["normalize_adv"]:
                    adv = (adv - adv.mean()) / (adv.std() + 1e-8)
                clip = self.ppo_cfg["clip_range"]
                surrogate_loss = -torch.min(ratio * adv, torch.clamp(ratio, 1 - clip, 1 + clip) * adv).mean()
                value_loss = F.huber_loss(value_pred, previous_reward)
                loss = (
                    surrogate_loss
                    + self.ppo_cfg["vf_lambda"] * value_loss
                    - self.ppo_cfg["entropy_lambda"] * entropy.mean()
                )
                self.optimizer.zero_grad()
                loss.backward()
                params = list(self.policy.parameters()) + list(self.critic.parameters())
                nn.utils.clip_grad_norm_(params, self.ppo_cfg["max_grad_norm"])
                self.optimizer.step()
        return {"loss": loss.item(), "reward": td["reward"].mean().item()}


env = TSPEnv(num_loc=6)
model = PPO(env, AttentionModelPolicy(), CriticNetwork(), lr=1e-3, **PPO_CFG)
for epoch in range(2):
    metrics = model.shared_step(env.generate(batch_size=8))
    print(epoch, metrics)
