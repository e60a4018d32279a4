# case: look-alike from rl4co's REINFORCE with a rollout baseline (RolloutBaseline.eval and rollout keep torch.inference_mode() at HEAD): the greedy rollout of the frozen baseline policy runs in inference mode and returns inference-tensor rewards, but they only enter advantage = reward - bl_val, an out-of-place op that returns a normal tensor, and the policy's own rollout runs with grad mode on, so training runs
# source: https://github.com/ai4co/rl4co/commit/7d5f2a81754d7d9f451ebf58b6b8245edb22d74f
import copy
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

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


class RolloutBaseline:
    """Rollout baseline: use greedy rollout of a frozen copy of the policy as baseline"""

    def __init__(self, bl_alpha=0.05):
        self.bl_alpha = bl_alpha

    def setup(self, policy, env, dataset):
        self.model = copy.deepcopy(policy)
        self.dataset = dataset
        self.bl_vals = self.rollout(self.model, env, dataset)
        self.mean = self.bl_vals.mean().item()

    def eval(self, td, reward, env):
        with torch.inference_mode():
            reward = self.model(td, env)["reward"]
        return reward, 0

    def rollout(self, model, env, dataset):
        model.eval()

        def eval_model(batch):
            with torch.inference_mode():
                batch = env.reset(batch)
                return model(batch, env, phase="val")["reward"]

        return torch.cat([eval_model(batch) for batch in dataset], 0)

    def epoch_callback(self, policy, env):
        candidate_vals = self.rollout(policy, env, self.dataset)
        if candidate_vals.mean().item() > self.mean:
            self.setup(policy, env, self.dataset)
        policy.train()


class REINFORCE:
    def __init__(self, env, policy, baseline, lr=1e-4):
        self.env = env
        self.policy = policy
        self.baseline = baseline
        self.optimizer = torch.optim.Adam(self.policy.parameters(), lr=lr)

    def shared_step(self, batch, phase="train"):
        td = self.env.reset(batch)
        out = self.policy(td, self.env, phase=phase)
        if phase == "train":
            out = self.calculate_loss(td, batch, out)
        return out

    def calculate_loss(self, td, batch, policy_out):
        extra = batch.get("extra", None)
        reward = policy_out["reward"]
        log_likelihood = policy_out["log_likelihood"].sum(-1)
        bl_val, bl_loss = self.baseline.eval(td, reward, self.env) if extra is None else (extra, 0)
        advantage = reward - bl_val  # advantage = reward - baseline
        reinforce_loss = -(advantage * log_likelihood).mean()
        policy_out.update({"loss": reinforce_loss + bl_loss, "bl_val": bl_val})
        return policy_out

    def training_step(self, batch):
        out = self.shared_step(batch, phase="train")
        self.optimizer.zero_grad()
        out["loss"].backward()
        self.optimizer.step()
        return out["loss"].item()


env = TSPEnv(num_loc=6)
policy = AttentionModelPolicy()
baseline = RolloutBaseline()
baseline.setup(policy, env, [env.generate(batch_size=4) for _ in range(2)])
model = REINFORCE(env, policy, baseline, lr=1e-3)
policy.train()
for epoch in range(2):
    losses = [model.training_step(env.generate(batch_size=4)) for _ in range(2)]
    baseline.epoch_callback(policy, env)
    print(epoch, losses)
