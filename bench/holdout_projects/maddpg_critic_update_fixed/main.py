# case: fixed MADDPG update order from the thread: the critic is stepped first and the actor loss is computed afterwards with the updated critic; also keeps the safe in-place action[i] /= max_action in Critic.forward and the .data soft update of the target nets; runs cleanly for 3 updates
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

for step in range(3):
    for agent in agents:
        other_agents = [a for a in agents if a is not agent]
        agent.learn(dict(transitions), other_agents)
print("ok")
