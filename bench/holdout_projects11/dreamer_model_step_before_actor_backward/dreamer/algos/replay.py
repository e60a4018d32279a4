import torch

from rlpyt.utils.buffer import namedarraytuple

SamplesToBuffer = namedarraytuple("SamplesToBuffer",
                                  ["observation", "action", "reward", "done"])
SamplesFromReplay = namedarraytuple("SamplesFromReplay",
                                    ["all_observation", "all_action", "all_reward", "done"])


class UniformSequenceReplayBuffer:
    """stand-in for rlpyt's UniformSequenceReplayBuffer: a [T, B] ring of frames; batches are
    random windows of batch_T + 1 consecutive steps"""

    def __init__(self, example, size, B, rnn_state_interval=0, discount=1, n_step_return=1):
        self.T = size // B
        self.B = B
        self.samples = SamplesToBuffer(*(torch.zeros((self.T, B) + tuple(e.shape), dtype=e.dtype) for e in example))
        self.t = 0
        self._buffer_full = False

    def append_samples(self, samples):
        T = samples.reward.shape[0]
        idxs = torch.arange(self.t, self.t + T) % self.T
        for dst, src in zip(self.samples, samples):
            dst[idxs] = src
        self._buffer_full = self._buffer_full or self.t + T >= self.T
        self.t = (self.t + T) % self.T

    def sample_batch(self, batch_B, batch_T):
        high = (self.T if self._buffer_full else self.t) - batch_T - 1
        t_starts = torch.randint(0, high, (batch_B,))
        b_idxs = torch.randint(0, self.B, (batch_B,))
        t_idxs = t_starts[None, :] + torch.arange(batch_T + 1)[:, None]
        obs, act, rew, done = (s[t_idxs, b_idxs[None, :]] for s in self.samples)
        return SamplesFromReplay(obs, act, rew, done)


def initialize_replay_buffer(self, examples, batch_spec, async_=False):
    """Initializes a sequence replay buffer with single frame observations"""
    example_to_buffer = SamplesToBuffer(
        observation=examples["observation"],
        action=examples["action"],
        reward=examples["reward"],
        done=examples["done"],
    )
    replay_kwargs = dict(
        example=example_to_buffer,
        size=self.replay_size,
        B=batch_spec.B,
        rnn_state_interval=0,  # do not save rnn state
        discount=self.discount,
        n_step_return=self.n_step_return,
    )
    replay_buffer = UniformSequenceReplayBuffer(**replay_kwargs)
    return replay_buffer


def samples_to_buffer(samples):
    """Defines how to add data from sampler into the replay buffer."""
    return SamplesToBuffer(
        observation=samples.env.observation,
        action=samples.agent.action,
        reward=samples.env.reward,
        done=samples.env.done,
    )
