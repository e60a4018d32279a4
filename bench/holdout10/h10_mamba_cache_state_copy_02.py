# source: https://github.com/huggingface/transformers/pull/29563
# case: the fix of the PR: `slow_forward` clones the cached state before the scan (`cache_params.ssm_states[layer_idx].clone()`), so the first scan step saves the clone and the final `copy_` into the cache leaves it untouched; training with use_cache=True runs
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class MambaCache:
    def __init__(self, num_layers, batch_size, intermediate_size, state_size, conv_kernel):
        self.ssm_states = [torch.zeros(batch_size, intermediate_size, state_size) for _ in range(num_layers)]
        self.conv_states = [torch.zeros(batch_size, intermediate_size, conv_kernel) for _ in range(num_layers)]


class MambaMixer(nn.Module):
    def __init__(self, hidden_size, intermediate_size, state_size, conv_kernel, time_step_rank, layer_idx):
        super().__init__()
        self.layer_idx = layer_idx
        self.intermediate_size = intermediate_size
        self.ssm_state_size = state_size
        self.conv_kernel_size = conv_kernel
        self.time_step_rank = time_step_rank
        self.in_proj = nn.Linear(hidden_size, intermediate_size * 2, bias=False)
        self.conv1d = nn.Conv1d(intermediate_size, intermediate_size, conv_kernel, groups=intermediate_size, padding=conv_kernel - 1)
        self.x_proj = nn.Linear(intermediate_size, time_step_rank + state_size * 2, bias=False)
        self.dt_proj = nn.Linear(time_step_rank, intermediate_size)
        A = torch.arange(1, state_size + 1, dtype=torch.float32)[None, :].expand(intermediate_size, -1).contiguous()
        self.A_log = nn.Parameter(torch.log(A))
        self.D = nn.Parameter(torch.ones(intermediate_size))
        self.out_proj = nn.Linear(intermediate_size, hidden_size, bias=False)
        self.act = nn.SiLU()

    def slow_forward(self, input_states, cache_params=None):
        batch_size, seq_len, _ = input_states.shape
        projected_states = self.in_proj(input_states).transpose(1, 2)
        hidden_states, gate = projected_states.chunk(2, dim=1)

        if cache_params is not None:
            ssm_state = cache_params.ssm_states[self.layer_idx].clone()
            conv_state = F.pad(hidden_states, (self.conv_kernel_size - hidden_states.shape[-1], 0))
            cache_params.conv_states[self.layer_idx].copy_(conv_state)
        else:
            ssm_state = torch.zeros(batch_size, self.intermediate_size, self.ssm_state_size)
        hidden_states = self.act(self.conv1d(hidden_states)[..., :seq_len])

        ssm_parameters = self.x_proj(hidden_states.transpose(1, 2))
        time_step, B, C = torch.split(ssm_parameters, [self.time_step_rank, self.ssm_state_size, self.ssm_state_size], dim=-1)
        discrete_time_step = F.softplus(self.dt_proj(time_step)).transpose(1, 2)
        A = -torch.exp(self.A_log.float())
        discrete_A = torch.exp(A[None, :, None, :] * discrete_time_step[:, :, :, None])
        discrete_B = discrete_time_step[:, :, :, None] * B[:, None, :, :].float()
        deltaB_u = discrete_B * hidden_states[:, :, :, None].float()

        scan_outputs = []
        for i in range(seq_len):
            ssm_state = discrete_A[:, :, i, :] * ssm_state + deltaB_u[:, :, i, :]
            scan_output = torch.matmul(ssm_state, C[:, i, :].unsqueeze(-1))
            scan_outputs.append(scan_output[:, :, 0])
        scan_output = torch.stack(scan_outputs, dim=-1)
        scan_output = scan_output + hidden_states * self.D[None, :, None]
        scan_output = scan_output * self.act(gate)

        if cache_params is not None:
            cache_params.ssm_states[self.layer_idx].copy_(ssm_state)
        return self.out_proj(scan_output.transpose(1, 2))


class MambaRMSNorm(nn.Module):
    def __init__(self, hidden_size, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(hidden_size))
        self.eps = eps

    def forward(self, x):
        return self.weight * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)


class MambaBlock(nn.Module):
    def __init__(self, layer_idx, hidden_size=8, intermediate_size=16, state_size=4, conv_kernel=4):
        super().__init__()
        self.norm = MambaRMSNorm(hidden_size)
        self.mixer = MambaMixer(hidden_size, intermediate_size, state_size, conv_kernel, 2, layer_idx)

    def forward(self, hidden_states, cache_params=None):
        return hidden_states + self.mixer.slow_forward(self.norm(hidden_states), cache_params)


class MambaForCausalLM(nn.Module):
    def __init__(self, vocab_size=12, hidden_size=8, num_layers=2):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, hidden_size)
        self.layers = nn.ModuleList([MambaBlock(i, hidden_size) for i in range(num_layers)])
        self.norm_f = MambaRMSNorm(hidden_size)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=False)

    def forward(self, input_ids, use_cache=False):
        cache_params = MambaCache(len(self.layers), input_ids.size(0), 16, 4, 4) if use_cache else None
        hidden_states = self.embeddings(input_ids)
        for layer in self.layers:
            hidden_states = layer(hidden_states, cache_params)
        return self.lm_head(self.norm_f(hidden_states)), cache_params


model = MambaForCausalLM()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
input_ids = torch.randint(0, 12, (2, 6))

logits, cache = model(input_ids, use_cache=True)
loss = F.cross_entropy(logits[:, :-1].reshape(-1, 12), input_ids[:, 1:].reshape(-1))
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(round(loss.item(), 4))
