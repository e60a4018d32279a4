"""Soft actor-critic over fragment actions (GEAM's model/sac.py, re-typed and shrunk)."""
import itertools
from copy import deepcopy

import numpy as np
import torch
from torch.optim import Adam

from model.ac import GCNActorCritic


class ReplayBuffer:
    def __init__(self, size):
        self.obs_buf, self.obs2_buf = [], []
        self.act_buf = np.zeros(size, dtype=np.int64)
        self.rew_buf = np.zeros(size, dtype=np.float32)
        self.done_buf = np.zeros(size, dtype=np.float32)
        self.ptr, self.size, self.max_size = 0, 0, size

    def store(self, obs, act, rew, next_obs, done):
        if len(self.obs_buf) < self.max_size:
            self.obs_buf.append(obs)
            self.obs2_buf.append(next_obs)
        else:
            self.obs_buf[self.ptr], self.obs2_buf[self.ptr] = obs, next_obs
        self.act_buf[self.ptr] = act
        self.rew_buf[self.ptr] = rew
        self.done_buf[self.ptr] = done
        self.ptr = (self.ptr + 1) % self.max_size
        self.size = min(self.size + 1, self.max_size)

    def sample_batch(self, batch_size=4):
        idxs = np.arange(self.size)[-batch_size:]
        return dict(
            obs=[self.obs_buf[i] for i in idxs],
            obs2=[self.obs2_buf[i] for i in idxs],
            act=torch.as_tensor(self.act_buf[idxs]),
            rew=torch.as_tensor(self.rew_buf[idxs]),
            done=torch.as_tensor(self.done_buf[idxs]),
        )


class SAC:
    def __init__(self, args, vocab, env_fn):
        self.args = args
        self.env = env_fn()
        self.n_actions = len(vocab)
        self.gamma, self.polyak = 0.99, 0.995
        self.ac = GCNActorCritic(args, vocab)
        self.ac_targ = deepcopy(self.ac)
        for p in self.ac_targ.parameters():
            p.requires_grad = False
        self.log_alpha = torch.tensor([np.log(args.init_alpha)], requires_grad=True)
        self.q_params = itertools.chain(self.ac.q1.parameters(), self.ac.q2.parameters(),
                                        self.ac.embed.parameters())
        self.pi_optimizer = Adam(self.ac.pi.parameters(), lr=args.init_pi_lr)
        self.q_optimizer = Adam(self.q_params, lr=args.init_q_lr)
        self.alpha_optimizer = Adam([self.log_alpha], lr=args.init_alpha_lr)
        self.replay_buffer = ReplayBuffer(int(1e3))

    def compute_loss_q(self, data):
        o, a, r, o2, d = data["obs"], data["act"], data["rew"], data["obs2"], data["done"]
        _, _, o_g_emb = self.ac.embed(o)
        ac_prob = torch.nn.functional.one_hot(a, self.n_actions).float()
        ac_desc = ac_prob @ self.ac.pi.cand_desc
        q1 = self.ac.q1(o_g_emb, ac_prob, ac_desc)
        q2 = self.ac.q2(o_g_emb, ac_prob, ac_desc)
        with torch.no_grad():
            _, _, o2_g_emb = self.ac.embed(o2)
            _, a2_prob, log_a2_prob, a2_desc = self.ac.pi(o2_g_emb)
            _, _, o2_g_emb_t = self.ac_targ.embed(o2)
            q_pi_targ = torch.min(self.ac_targ.q1(o2_g_emb_t, a2_prob, a2_desc),
                                  self.ac_targ.q2(o2_g_emb_t, a2_prob, a2_desc))
            alpha = self.log_alpha.exp()
            entropy = -(a2_prob * log_a2_prob).sum(-1)
            backup = r + self.gamma * (1 - d) * (q_pi_targ + alpha * entropy)
        loss_q1 = ((q1 - backup) ** 2).mean()
        loss_q2 = ((q2 - backup) ** 2).mean()
        return loss_q1 + loss_q2

    def compute_loss_pi(self, data):
        with torch.no_grad():
            _, _, o_g_emb = self.ac.embed(data["obs"])
        _, ac_prob, log_ac_prob, ac_desc = self.ac.pi(o_g_emb)
        q_pi = torch.min(self.ac.q1(o_g_emb, ac_prob, ac_desc), self.ac.q2(o_g_emb, ac_prob, ac_desc))
        loss_policy = torch.mean(-q_pi)
        alpha = min(self.log_alpha.exp().item(), self.args.alpha_max)
        alpha = max(alpha, self.args.alpha_min)
        probs = log_ac_prob.exp()
        loss_entropy = (alpha * probs * log_ac_prob).sum(dim=1).mean()
        loss_alpha = -(self.log_alpha * (log_ac_prob.detach() * probs.detach()).sum(1).mean()
                       + self.args.target_entropy).mean()
        return loss_entropy, loss_policy, loss_alpha

    def update(self, data):
        loss_q = self.compute_loss_q(data)
        self.q_optimizer.zero_grad()
        loss_q.backward()  # raises: RuntimeError: modified by an inplace operation
        self.q_optimizer.step()

        for p in self.ac.q1.parameters():
            p.requires_grad = False
        for p in self.ac.q2.parameters():
            p.requires_grad = False
        loss_entropy, loss_policy, loss_alpha = self.compute_loss_pi(data)
        loss_pi = loss_entropy + loss_policy
        self.pi_optimizer.zero_grad()
        loss_pi.backward()
        self.pi_optimizer.step()
        self.alpha_optimizer.zero_grad()
        loss_alpha.backward()
        self.alpha_optimizer.step()
        for p in self.ac.q1.parameters():
            p.requires_grad = True
        for p in self.ac.q2.parameters():
            p.requires_grad = True

        with torch.no_grad():
            for p, p_targ in zip(self.ac.parameters(), self.ac_targ.parameters()):
                p_targ.data.mul_(self.polyak)
                p_targ.data.add_((1 - self.polyak) * p.data)
        return float(loss_q), float(loss_pi)

    def run(self):
        o = self.env.reset()
        for t in range(self.args.total_steps):
            if t < self.args.start_steps:
                a = t % self.n_actions
            else:
                a = self.ac.act(o)
            o2, r, d = self.env.step(a)
            self.replay_buffer.store(o, a, r, o2, d)
            o = self.env.reset() if d else o2
            if t >= self.args.update_after and t % self.args.update_every == 0:
                batch = self.replay_buffer.sample_batch(self.args.batch_size)
                loss_q, loss_pi = self.update(batch)
                print(f"t={t} loss_q={loss_q:.4f} loss_pi={loss_pi:.4f}")
