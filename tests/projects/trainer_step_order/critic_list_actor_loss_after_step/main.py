# case: the same critic ensemble (networks registered by add_module(f"q{i}", net) and kept in a plain list), with the actor loss computed through the critics after the critic optimizer steps: the backward runs
import torch

from agent.nets import Ensemble
from agent.update import update

torch.manual_seed(0)
actor = torch.nn.Linear(3, 2)
critic = Ensemble(5, n_nets=2)
actor_opt = torch.optim.Adam(actor.parameters(), lr=1e-3)
critic_opt = torch.optim.Adam(critic.parameters(), lr=1e-3)
for _ in range(2):
    update(actor, critic, actor_opt, critic_opt, torch.randn(4, 3), torch.randn(4, 2, 1))
print("done")
