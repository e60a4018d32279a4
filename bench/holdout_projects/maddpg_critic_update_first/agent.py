import numpy as np
import torch

from maddpg.maddpg import MADDPG


class Agent:
    def __init__(self, agent_id, args):
        self.args = args
        self.agent_id = agent_id
        self.policy = MADDPG(args, agent_id)

    def select_action(self, o, noise_rate):
        inputs = torch.tensor(o, dtype=torch.float32).unsqueeze(0)
        with torch.no_grad():
            u = self.policy.actor_network(inputs).squeeze(0).numpy()
        u = u + noise_rate * self.args.high_action * np.random.randn(*u.shape)
        return np.clip(u, -self.args.high_action, self.args.high_action)

    def learn(self, transitions, other_agents):
        self.policy.train(transitions, other_agents)
