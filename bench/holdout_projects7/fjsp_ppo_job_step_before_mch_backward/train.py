# case: End-to-end-DRL-for-FJSP's PPO.update: the job-policy loss is backpropagated (retain_graph=True) and job_optimizer steps, then the machine-policy loss is backpropagated; that loss reaches back into the job actor (the selected operation's embedding and the pooled graph feature feed the machine actor, and it adds the job critic's value loss), whose weights the step just changed (the AddmmBackward0 error)
# source: https://github.com/Lei-Kun/End-to-end-DRL-for-FJSP/issues/3
import torch

from FJSP_Env import FJSP
from mb_agg import g_pool_cal
from Params import configs
from PPOwithValue import PPO, Memory, device

torch.manual_seed(600)


def rollout(ppo, env, memory, n_steps=3):
    adj, fea, candidate, mask, mch_time = env.reset()
    g_pool_step = g_pool_cal(configs.batch_size, configs.n_j * configs.n_m, device)
    rewards, dones = [], []
    for _ in range(n_steps):
        with torch.no_grad():
            _, _, log_a, action_node, action, _, hx = ppo.policy_old_job(
                x=fea, graph_pool=g_pool_step, adj=adj, candidate=candidate, mask=mask
            )
            pi_mch, _ = ppo.policy_old_mch(action_node, hx, mch_time)
            dist = torch.distributions.Categorical(pi_mch)
            mch = dist.sample()
        memory.adj_mb.append(adj)
        memory.fea_mb.append(fea)
        memory.candidate_mb.append(candidate)
        memory.mask_mb.append(mask)
        memory.mch_time.append(mch_time)
        memory.action.append(action)
        memory.mch.append(mch)
        memory.job_logprobs.append(log_a)
        memory.mch_logprobs.append(dist.log_prob(mch))
        reward, done = env.step(action, mch)
        rewards.append(reward)
        dones.append(done)
    memory.r_mb = torch.stack(rewards, 1)
    memory.done_mb = torch.stack(dones, 1)


def main(epochs=1):
    ppo = PPO(configs.lr, configs.gamma, configs.k_epochs, configs.eps_clip)
    for epoch in range(epochs):
        memory = Memory()
        rollout(ppo, FJSP(configs.n_j, configs.n_m, configs.batch_size, seed=epoch), memory)
        job_loss, mch_loss = ppo.update(memory)
        print(epoch, job_loss, mch_loss)


if __name__ == "__main__":
    main()
