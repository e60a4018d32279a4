# case: fix of the CL-LoRA second-task step: the distillation step (backward, lora_A gradient rescaling, optimizer.step()) runs first and the classification logits are computed afterwards from the updated adapters, so the last backward sees only weights at the version its forward saved
# source: https://github.com/JiangpengHe/CL-LoRA/issues/1
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Adapter_lora(nn.Module):
    def __init__(self, d_model, bottleneck):
        super().__init__()
        self.lora_A = nn.Linear(bottleneck, d_model, bias=False)
        self.lora_B = nn.Linear(d_model, bottleneck, bias=False)
        q, r = torch.linalg.qr(torch.rand(d_model, bottleneck))
        with torch.no_grad():
            self.lora_B.weight.copy_(q.T)
        self.lora_B.weight.data *= 1.0
        with torch.no_grad():
            nn.init.zeros_(self.lora_A.weight)

    def forward(self, x):
        inter_x = self.lora_B(x)
        return self.lora_A(inter_x)


class Attention_lora(nn.Module):
    def __init__(self, dim, num_heads, msa):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = dim // num_heads
        self.scale = self.head_dim**-0.5
        self.q_proj = nn.Linear(dim, dim)
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.proj = nn.Linear(dim, dim)
        self.msa = msa

    def _shape(self, t, B):
        return t.view(B, -1, self.num_heads, self.head_dim).transpose(1, 2).reshape(B * self.num_heads, -1, self.head_dim)

    def forward(self, x, adapt=None, block_weight=None):
        B, N, C = x.shape
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        if adapt is not None:
            if block_weight is None:
                block_weight = torch.ones(3, device=x.device)
            if self.msa[0] == 1:
                q += block_weight[0] * adapt[0](x)
            if self.msa[2] == 1:
                v += block_weight[2] * adapt[2](x)
        q, k, v = self._shape(q, B), self._shape(k, B), self._shape(v, B)
        attn = F.softmax(torch.bmm(q, k.transpose(1, 2)) * self.scale, dim=-1)
        out = torch.bmm(attn, v).view(B, self.num_heads, N, self.head_dim).transpose(1, 2).reshape(B, N, C)
        return self.proj(out)


class Block(nn.Module):
    def __init__(self, dim, num_heads, msa):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention_lora(dim, num_heads, msa)
        self.norm2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, 2 * dim)
        self.fc2 = nn.Linear(2 * dim, dim)

    def forward(self, x, adapt=None, block_weight=None):
        x = x + self.attn(self.norm1(x), adapt, block_weight)
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


class VisionTransformer(nn.Module):
    def __init__(self, dim=8, depth=4, heads=2, bottleneck=2, general_pos=(0, 1), specfic_pos=(2, 3), msa=(1, 0, 1)):
        super().__init__()
        self.msa, self.bottleneck, self.dim = list(msa), bottleneck, dim
        self.general_pos, self.specfic_pos = list(general_pos), list(specfic_pos)
        self.adapt_pos = sorted(self.general_pos + self.specfic_pos)
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=4, stride=4)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(0.02 * torch.randn(1, 5, dim))
        self.blocks = nn.ModuleList([Block(dim, heads, self.msa) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.block_weight = nn.Parameter(torch.empty(3, len(self.specfic_pos)).uniform_(0.5, 1.5))
        self.block_weight_list, self.adapter_list, self.old_adapter_list = [], [], nn.ModuleList()
        self.cur_adapter = nn.ModuleList([self._new_adapter() for _ in self.adapt_pos])

    def _new_adapter(self):
        return nn.ModuleList([Adapter_lora(self.dim, self.bottleneck) if j == 1 else nn.Identity() for j in self.msa])

    def freeze(self):
        for p in self.parameters():
            p.requires_grad = False
        self.cur_adapter.requires_grad_(True)
        self.block_weight.requires_grad_(True)

    def add_adapter_to_list(self):
        self.adapter_list.append([copy.deepcopy(self.cur_adapter[self.adapt_pos.index(i)]).requires_grad_(False) for i in self.specfic_pos])
        self.block_weight_list.append(copy.deepcopy(self.block_weight).requires_grad_(False))
        self.block_weight = nn.Parameter(torch.empty(3, len(self.specfic_pos)).uniform_(0.5, 1.5))
        self.old_adapter_list.append(copy.deepcopy(self.cur_adapter).requires_grad_(False))
        for i in self.specfic_pos:
            self.cur_adapter[self.adapt_pos.index(i)] = self._new_adapter()
        for i in self.general_pos:
            for j, use in enumerate(self.msa):
                if use == 1:
                    self.cur_adapter[self.adapt_pos.index(i)][j].lora_B.requires_grad_(False)

    def embed(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        return x + self.pos_embed

    def forward_train(self, x):
        x = self.embed(x)
        for idx, blk in enumerate(self.blocks):
            pos = self.adapt_pos.index(idx)
            if idx in self.specfic_pos:
                x = blk(x, self.cur_adapter[pos], block_weight=self.block_weight[:, self.specfic_pos.index(idx)])
            else:
                x = blk(x, self.cur_adapter[pos])
        return self.norm(x)[:, 0]

    def forward_general_cls(self, x, t_idx):
        x = self.embed(x)
        x_teacher = copy.deepcopy(x)
        for j in self.general_pos:
            x = self.blocks[j](x, self.cur_adapter[self.adapt_pos.index(j)])
        for j in self.general_pos:
            x_teacher = self.blocks[j](x_teacher, self.old_adapter_list[t_idx - 1][self.adapt_pos.index(j)])
        return self.norm(x)[:, 0], self.norm(x_teacher)[:, 0]


def _KD_loss(pred, soft, T):
    pred = torch.log_softmax(pred / T, dim=1)
    soft = torch.softmax(soft / T, dim=1)
    return -1 * torch.mul(soft, pred).sum() / pred.shape[0]


backbone = VisionTransformer()
backbone.freeze()
proxy_fc = nn.Linear(8, 3)


def train_task(cur_task, epochs=1):
    params = [p for p in backbone.parameters() if p.requires_grad] + list(proxy_fc.parameters())
    optimizer = torch.optim.SGD(params, lr=0.1, momentum=0.9)
    for _ in range(epochs):
        inputs = torch.randn(4, 3, 8, 8)
        aux_targets = torch.randint(0, 3, (4,))
        if cur_task > 0:
            x_new, x_teacher = backbone.forward_general_cls(inputs, cur_task)
            loss_kd = 5.0 * _KD_loss(proxy_fc(x_new), proxy_fc(x_teacher), T=2)
            optimizer.zero_grad()
            loss_kd.backward()
            for j in backbone.general_pos:
                pos = backbone.adapt_pos.index(j)
                for jj, use in enumerate(backbone.msa):
                    if use == 1:
                        w = torch.norm(backbone.old_adapter_list[cur_task - 1][pos][jj].lora_A.weight, dim=1)
                        w = len(w) * w / (torch.sum(w) + 1e-8)
                        lora_A = backbone.cur_adapter[pos][jj].lora_A.weight
                        lora_A.grad = w.unsqueeze(1) * lora_A.grad
            optimizer.step()
        logits = proxy_fc(backbone.forward_train(inputs))
        loss = F.cross_entropy(logits, aux_targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

train_task(0)
backbone.add_adapter_to_list()
train_task(1)
