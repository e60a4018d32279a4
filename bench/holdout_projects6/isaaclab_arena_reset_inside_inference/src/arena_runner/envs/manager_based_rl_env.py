import torch


class ManagerBasedRLEnv:
    """Vectorised environment stand-in: buffers are allocated on the first reset()."""

    def __init__(self, num_envs=4, obs_dim=3, act_dim=2, max_episode_length=3, seed=0):
        self.num_envs = num_envs
        self.obs_dim = obs_dim
        self.act_dim = act_dim
        self.max_episode_length = max_episode_length
        self.generator = torch.Generator().manual_seed(seed)
        self._buffers_ready = False

    def _init_buffers(self):
        self.episode_length_buf = torch.zeros(self.num_envs, dtype=torch.long)
        self.obs_buf = torch.zeros(self.num_envs, self.obs_dim)
        self._buffers_ready = True

    def _observations(self):
        return {"policy": self.obs_buf.clone()}

    def reset(self, seed=None):
        if not self._buffers_ready:
            self._init_buffers()
        self.reset_idx(torch.arange(self.num_envs))
        return self._observations(), {}

    def reset_idx(self, env_ids):
        self.episode_length_buf[env_ids] = 0  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode
        fresh = torch.randn(len(env_ids), self.obs_dim, generator=self.generator)
        mask = torch.zeros(self.num_envs, dtype=torch.bool)
        mask[env_ids] = True
        self.obs_buf = torch.where(mask[:, None], torch.zeros_like(self.obs_buf).index_copy(0, env_ids, fresh), self.obs_buf)

    def step(self, actions):
        self.episode_length_buf += 1
        self.obs_buf = self.obs_buf + 0.1 * actions.sum(dim=-1, keepdim=True)
        reward = -self.obs_buf.pow(2).sum(dim=-1)
        terminated = self.obs_buf.abs().max(dim=-1).values > 3.0
        truncated = self.episode_length_buf >= self.max_episode_length
        return self._observations(), reward, terminated, truncated, {}
