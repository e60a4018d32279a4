"""Stand-in for gym.make('Pendulum-v0'): a small deterministic continuous-control task in NumPy."""

import numpy as np


class Box:
    def __init__(self, low, high):
        self.low = np.asarray(low, dtype=np.float32)
        self.high = np.asarray(high, dtype=np.float32)
        self.shape = self.low.shape


class ToyPendulum:
    max_speed = 8.0
    max_torque = 2.0
    dt = 0.05

    def __init__(self, seed=0):
        self.rng = np.random.RandomState(seed)
        self.observation_space = Box([-1.0, -1.0, -self.max_speed], [1.0, 1.0, self.max_speed])
        self.action_space = Box([-self.max_torque], [self.max_torque])
        self.state = None

    def _obs(self):
        th, thdot = self.state
        return np.array([np.cos(th), np.sin(th), thdot], dtype=np.float32)

    def reset(self):
        self.state = self.rng.uniform(low=[-np.pi, -1.0], high=[np.pi, 1.0])
        return self._obs()

    def step(self, u):
        th, thdot = self.state
        u = float(np.clip(u, -self.max_torque, self.max_torque)[0])
        cost = ((th + np.pi) % (2 * np.pi) - np.pi) ** 2 + 0.1 * thdot**2 + 0.001 * u**2
        thdot = np.clip(thdot + (3 * 10.0 / 2 * np.sin(th) + 3.0 * u) * self.dt, -self.max_speed, self.max_speed)
        self.state = np.array([th + thdot * self.dt, thdot])
        return self._obs(), -cost, False, {}


def make(name):
    if name != "Pendulum-v0":
        raise ValueError("only the toy pendulum is available: " + name)
    return ToyPendulum()
