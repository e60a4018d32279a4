# case: Break-A-Scene style DreamBooth step with a prompt-to-prompt AttentionStore hooked into every cross-attention through an attention processor; AttentionControl.__call__ writes the stored half back into the attention probabilities (attn[h // 2:] = self.forward(attn[h // 2:], ...)), and in float32 the probabilities are the softmax output itself, so the denoising + attention loss cannot be backpropagated (SoftmaxBackward0)
# source: https://github.com/google/break-a-scene/pull/20
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class AttentionControl:
    def __init__(self):
        self.cur_step = 0
        self.num_att_layers = -1
        self.cur_att_layer = 0

    def between_steps(self):
        return

    def __call__(self, attn, is_cross, place_in_unet):
        h = attn.shape[0]
        attn[h // 2 :] = self.forward(attn[h // 2 :], is_cross, place_in_unet)  # expect: GG002
        self.cur_att_layer += 1
        if self.cur_att_layer == self.num_att_layers:
            self.cur_att_layer = 0
            self.cur_step += 1
            self.between_steps()
        return attn


class AttentionStore(AttentionControl):
    @staticmethod
    def get_empty_store():
        return {"down_cross": [], "mid_cross": [], "up_cross": [], "down_self": [], "mid_self": [], "up_self": []}

    def __init__(self):
        super().__init__()
        self.step_store = self.get_empty_store()
        self.attention_store = {}

    def forward(self, attn, is_cross, place_in_unet):
        key = f"{place_in_unet}_{'cross' if is_cross else 'self'}"
        if attn.shape[1] <= 32**2:
            self.step_store[key].append(attn)
        return attn

    def between_steps(self):
        if len(self.attention_store) == 0:
            self.attention_store = self.step_store
        else:
            for key in self.attention_store:
                for i in range(len(self.attention_store[key])):
                    self.attention_store[key][i] += self.step_store[key][i]
        self.step_store = self.get_empty_store()


class CrossAttention(nn.Module):
    def __init__(self, dim, context_dim, heads=2, upcast_softmax=False):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.upcast_softmax = upcast_softmax
        self.to_q = nn.Linear(dim, dim, bias=False)
        self.to_k = nn.Linear(context_dim, dim, bias=False)
        self.to_v = nn.Linear(context_dim, dim, bias=False)
        self.to_out = nn.ModuleList([nn.Linear(dim, dim), nn.Dropout(0.0)])
        self.processor = None

    def head_to_batch_dim(self, t):
        b, n, d = t.shape
        return t.reshape(b, n, self.heads, d // self.heads).permute(0, 2, 1, 3).reshape(b * self.heads, n, d // self.heads)

    def batch_to_head_dim(self, t):
        bh, n, d = t.shape
        return t.reshape(bh // self.heads, self.heads, n, d).permute(0, 2, 1, 3).reshape(bh // self.heads, n, d * self.heads)

    def get_attention_scores(self, query, key):
        dtype = query.dtype
        scores = torch.bmm(query, key.transpose(-1, -2)) * self.scale
        if self.upcast_softmax:
            scores = scores.float()
        attention_probs = scores.softmax(dim=-1)  # saver
        return attention_probs.to(dtype)

    def forward(self, hidden_states, encoder_hidden_states):
        return self.processor(self, hidden_states, encoder_hidden_states)


class P2PCrossAttnProcessor:
    def __init__(self, controller, place_in_unet):
        self.controller = controller
        self.place_in_unet = place_in_unet

    def __call__(self, attn, hidden_states, encoder_hidden_states):
        query = attn.head_to_batch_dim(attn.to_q(hidden_states))
        key = attn.head_to_batch_dim(attn.to_k(encoder_hidden_states))
        value = attn.head_to_batch_dim(attn.to_v(encoder_hidden_states))
        attention_probs = attn.get_attention_scores(query, key)
        self.controller(attention_probs, True, self.place_in_unet)
        hidden_states = attn.batch_to_head_dim(torch.bmm(attention_probs, value))
        return attn.to_out[1](attn.to_out[0](hidden_states))


class TinyUNet(nn.Module):
    def __init__(self, ch=8, ctx=6):
        super().__init__()
        self.conv_in = nn.Conv2d(4, ch, 3, padding=1)
        self.down_attn = CrossAttention(ch, ctx)
        self.up_attn = CrossAttention(ch, ctx)
        self.conv_out = nn.Conv2d(ch, 4, 3, padding=1)

    def forward(self, latents, context):
        h = self.conv_in(latents)
        b, c, hh, ww = h.shape
        tokens = h.flatten(2).transpose(1, 2)
        tokens = tokens + self.down_attn(tokens, context)
        tokens = tokens + self.up_attn(tokens, context)
        h = tokens.transpose(1, 2).reshape(b, c, hh, ww)
        return self.conv_out(h)


def register_attention_control(unet, controller):
    count = 0
    for name, module in unet.named_modules():
        if isinstance(module, CrossAttention):
            module.processor = P2PCrossAttnProcessor(controller, name.split("_")[0])
            count += 1
    controller.num_att_layers = count


def aggregate_attention(controller, res, batch_size, select):
    out = []
    for location in ("up", "down"):
        for item in controller.attention_store[f"{location}_cross"]:
            if item.shape[1] == res**2:
                out.append(item.reshape(batch_size, -1, res, res, item.shape[-1])[select])
    out = torch.cat(out, dim=0)
    return out.sum(0) / out.shape[0]


unet = TinyUNet()
controller = AttentionStore()
register_attention_control(unet, controller)
optimizer = torch.optim.AdamW(unet.parameters(), lr=1e-3)

latents = torch.randn(2, 4, 4, 4)
context = torch.randn(2, 5, 6)
noise = torch.randn_like(latents)
gt_masks = (torch.rand(1, 4, 4) > 0.5).float()
for step in range(2):
    model_pred = unet(latents + noise, context)
    loss = F.mse_loss(model_pred.float(), noise.float())
    agg_attn = aggregate_attention(controller, res=4, batch_size=1, select=0)
    asset_attn_mask = agg_attn[..., 2] / agg_attn[..., 2].max()
    loss = loss + 0.01 * F.mse_loss(gt_masks[0], asset_attn_mask.float())
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
    controller.attention_store = {}
    controller.cur_step = 0
