# case: RelationalMemory.multihead_attention splits qkv with torch.split and scales the query in place (`q *= key_size ** -0.5`)
# source: https://github.com/williamSYSU/TextGAN-PyTorch/pull/69
import torch
from torch import nn
import torch.nn.functional as F


class RelationalMemory(nn.Module):
    def __init__(self, mem_slots, head_size, input_size, num_heads=1):
        super(RelationalMemory, self).__init__()
        self.mem_slots = mem_slots
        self.head_size = head_size
        self.num_heads = num_heads
        self.mem_size = self.head_size * self.num_heads
        self.mem_slots_plus_input = self.mem_slots + 1
        self.key_size = self.head_size
        self.value_size = self.head_size
        self.qkv_size = 2 * self.key_size + self.value_size
        self.total_qkv_size = self.qkv_size * self.num_heads
        self.qkv_projector = nn.Linear(self.mem_size, self.total_qkv_size)
        self.qkv_layernorm = nn.LayerNorm([self.mem_slots_plus_input, self.total_qkv_size])
        self.attended_memory_layernorm = nn.LayerNorm([self.mem_slots_plus_input, self.mem_size])
        self.input_projector = nn.Linear(input_size, self.mem_size)

    def initial_state(self, batch_size):
        init_state = torch.stack([torch.eye(self.mem_slots) for _ in range(batch_size)])
        if self.mem_size > self.mem_slots:
            difference = self.mem_size - self.mem_slots
            pad = torch.zeros((batch_size, self.mem_slots, difference))
            init_state = torch.cat([init_state, pad], -1)
        elif self.mem_size < self.mem_slots:
            init_state = init_state[:, :, :self.mem_size]
        return init_state

    def multihead_attention(self, memory):
        qkv = self.qkv_projector(memory)
        qkv = self.qkv_layernorm(qkv)
        mem_slots = memory.shape[1]
        qkv_reshape = qkv.view(qkv.shape[0], mem_slots, self.num_heads, self.qkv_size)
        qkv_transpose = qkv_reshape.permute(0, 2, 1, 3)
        q, k, v = torch.split(qkv_transpose, [self.key_size, self.key_size, self.value_size], -1)

        # scale q with d_k, the dimensionality of the key vectors
        q *= (self.key_size ** -0.5)  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views

        dot_product = torch.matmul(q, k.permute(0, 1, 3, 2))
        weights = F.softmax(dot_product, dim=-1)
        output = torch.matmul(weights, v)
        output_transpose = output.permute(0, 2, 1, 3).contiguous()
        new_memory = output_transpose.view((output_transpose.shape[0], output_transpose.shape[1], -1))
        return new_memory

    def forward_step(self, inputs, memory):
        inputs = self.input_projector(inputs.view(inputs.shape[0], -1))
        inputs_reshape = inputs.unsqueeze(dim=1)
        memory_plus_input = torch.cat([memory, inputs_reshape], dim=1)
        attended = self.multihead_attention(memory_plus_input)
        next_memory = self.attended_memory_layernorm(memory_plus_input + attended)
        next_memory = next_memory[:, :-1, :]
        return next_memory.view(next_memory.shape[0], -1), next_memory

    def forward(self, inputs, memory):
        memory = memory.detach()
        logits = []
        for idx_step in range(inputs.shape[1]):
            logit, memory = self.forward_step(inputs[:, idx_step], memory)
            logits.append(logit.unsqueeze(1))
        return torch.cat(logits, dim=1), memory


model = RelationalMemory(mem_slots=1, head_size=4, input_size=6, num_heads=2)
model_memory = model.initial_state(batch_size=3)
random_input = torch.randn((3, 4, 6))
logits, next_memory = model(random_input, model_memory)
logits.pow(2).mean().backward()
