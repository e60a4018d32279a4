# case: dreamer-pytorch (main.py -> Dreamer.optimize_agent in dreamer/algos/dreamer_algo.py) after the repository's fix for pytorch 1.5 (4a09f00, "fix gradients to run on new pytorch"): the actor loss (through the reward and value heads, dreamer/models/dense.py) and the value loss are backpropagated and stepped first, and the world-model loss is backpropagated and `model_optimizer.step()` runs last, so no backward meets weights a step already rewrote
# source: https://github.com/juliusfrost/dreamer-pytorch/issues/52
import argparse
from collections import namedtuple

import torch

from dreamer.algos.dreamer_algo import Dreamer
from dreamer.models.agent import AgentModel

BatchSpec = namedtuple('BatchSpec', ['T', 'B'])
EnvSamples = namedtuple('EnvSamples', ['observation', 'reward', 'done'])
AgentSamples = namedtuple('AgentSamples', ['action'])
Samples = namedtuple('Samples', ['env', 'agent'])


class AtariDreamerAgent:
    """stand-in for rlpyt's agent wrapper: holds the model and its device"""

    def __init__(self, action_shape, image_shape, **model_kwargs):
        self.model = AgentModel(action_shape=action_shape, image_shape=image_shape, **model_kwargs)
        self.device = torch.device('cpu')


def collect(batch_spec, image_shape, n_actions, gen):
    """stand-in for the serial sampler in the pong environment: random frames, one-hot actions, rewards"""
    T, B = batch_spec
    observation = torch.randint(0, 256, (T, B) + image_shape, generator=gen, dtype=torch.uint8)
    action = torch.nn.functional.one_hot(torch.randint(0, n_actions, (T, B), generator=gen), n_actions).float()
    reward = (torch.rand(T, B, generator=gen) < 0.1).float()
    done = torch.zeros(T, B, dtype=torch.bool)
    return Samples(EnvSamples(observation, reward, done), AgentSamples(action))


def build_and_train(game="pong", n_steps=4):
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    image_shape, n_actions = (3, 16, 16), 4
    batch_spec = BatchSpec(T=8, B=1)
    algo = Dreamer(batch_size=2, batch_length=5, train_every=2, train_steps=1, prefill=2, horizon=4,
                   kl_scale=0.1, replay_size=64)
    agent = AtariDreamerAgent(action_shape=(n_actions,), image_shape=image_shape, stochastic_size=4,
                              deterministic_size=8, hidden_size=8, action_hidden_size=8, action_layers=2,
                              reward_layers=2, reward_hidden=8, value_layers=2, value_hidden=8, depth=2)
    examples = dict(observation=torch.zeros(image_shape, dtype=torch.uint8), action=torch.zeros(n_actions),
                    reward=torch.zeros(()), done=torch.zeros((), dtype=torch.bool))
    algo.initialize(agent, n_itr=n_steps, batch_spec=batch_spec, mid_batch_reset=True, examples=examples)
    for itr in range(n_steps):
        samples = collect(batch_spec, image_shape, n_actions, gen)
        opt_info = algo.optimize_agent(itr, samples)
        if opt_info.loss:
            print('itr {} ({}): loss {:.3f}'.format(itr, game, sum(opt_info.loss) / len(opt_info.loss)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument('--game', help='Atari game', default='pong')
    args = parser.parse_args([])
    build_and_train(args.game)
