# case: MADDPG with the update order swapped to critic-then-actor: critic_optim.step() in maddpg/maddpg.py rewrites the critic weights that actor_loss's graph saved (maddpg/actor_critic.py), so actor_loss.backward() fails; maddpg/ is a namespace package (no __init__.py) as in the repo
# source: https://github.com/starry-sky6688/MADDPG/issues/27
import numpy as np
import torch

from agent import Agent
from common.arguments import get_args

np.random.seed(0)
torch.manual_seed(0)

args = get_args()
agents = [Agent(i, args) for i in range(args.n_agents)]

transitions = {}
for i in range(args.n_agents):
    transitions["o_%d" % i] = np.random.randn(args.batch_size, args.obs_shape[i])
    transitions["u_%d" % i] = np.random.uniform(-1, 1, (args.batch_size, args.action_shape[i]))
    transitions["r_%d" % i] = np.random.randn(args.batch_size)
    transitions["o_next_%d" % i] = np.random.randn(args.batch_size, args.obs_shape[i])

for agent in agents:
    other_agents = [a for a in agents if a is not agent]
    agent.learn(dict(transitions), other_agents)
