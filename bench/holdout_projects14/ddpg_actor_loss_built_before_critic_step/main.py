# case: DDPG optimize() computing loss_critic and loss_actor up front: critic_optimizer.step() rewrites critic weights that the Q(s1, pi(s1)) forward of loss_actor saved
# source: https://github.com/vy007vikas/PyTorch-ActorCriticRL/issues/7
import random

import numpy as np
import torch

import buffer
import env as gym
import train

random.seed(0)
np.random.seed(0)
torch.manual_seed(0)

env = gym.make("Pendulum-v0")

MAX_EPISODES = 2
MAX_STEPS = 24
MAX_BUFFER = 1000
S_DIM = env.observation_space.shape[0]
A_DIM = env.action_space.shape[0]
A_MAX = float(env.action_space.high[0])

print(" State Dimensions :- ", S_DIM)
print(" Action Dimensions :- ", A_DIM)
print(" Action Max :- ", A_MAX)

ram = buffer.MemoryBuffer(MAX_BUFFER)
trainer = train.Trainer(S_DIM, A_DIM, A_MAX, ram)

for _ep in range(MAX_EPISODES):
    observation = env.reset()
    print("EPISODE :- ", _ep)
    for r in range(MAX_STEPS):
        state = np.float32(observation)

        action = trainer.get_exploration_action(state)

        new_observation, reward, done, info = env.step(action)

        if done:
            new_state = None
        else:
            new_state = np.float32(new_observation)
            # push this exp in ram
            ram.add(state, action, reward, new_state)

        observation = new_observation

        # perform optimization once the buffer holds a batch
        if ram.len >= train.BATCH_SIZE:
            trainer.optimize()
        if done:
            break

print("Completed episodes, updates:", trainer.iter)
