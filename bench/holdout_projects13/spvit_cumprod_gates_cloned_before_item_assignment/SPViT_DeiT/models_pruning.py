# Modifications copyright (c) 2021 Zhuang AI Group, Haoyu He (re-typed and shrunk for a CPU test project)
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F
from model_registry import register_model
from params import args
from torch.distributions.utils import clamp_probs

__all__ = ["spvit_deit_tiny_patch4_16"]


def relaxed_bernoulli_logits(probs, temperature):
    probs = clamp_probs(probs)
    uniforms = clamp_probs(torch.rand(probs.shape, dtype=probs.dtype, device=probs.device))
    return (uniforms.log() - (-uniforms).log1p() + probs.log() - (-probs).log1p()) / temperature


def bernoulli_sample(probs, temperature=1.0):
    logits = relaxed_bernoulli_logits(probs, temperature)
    y_soft = torch.sigmoid(logits)
    y_hard = (logits > 0.0).float()
    ret = y_hard.detach() - y_soft.detach() + y_soft
    return ret


class UnifiedMlp(nn.Module):
    def __init__(
        self, in_features, hidden_features=None, out_features=None, act_layer=nn.GELU, drop=0.0, theta=0.0, ffn_indicators=None
    ):
        super().__init__()
        self.in_features = in_features
        out_features = out_features or in_features
        self.hidden_features = hidden_features = hidden_features or in_features
        self.act = act_layer()
        self.drop = nn.Dropout(drop)

        self.fc1 = nn.Linear(in_features, hidden_features)
        self.fc2 = nn.Linear(hidden_features, out_features)

        # Threshold parameters
        self.register_parameter("ffn_thresholds", nn.Parameter(torch.tensor([theta] * hidden_features)))
        self.fine_tuning = ffn_indicators is not None

    def forward(self, x):
        ffn_probs = F.sigmoid(self.ffn_thresholds)
        if self.training:
            ffn_indicators = bernoulli_sample(ffn_probs)
        else:
            ffn_indicators = (ffn_probs > 0.5).float()

        x = self.fc1(x)
        x = self.act(x)

        x = ffn_indicators.unsqueeze(0).unsqueeze(0) * x
        x = self.drop(x)
        x = self.fc2(x)
        x = self.drop(x)

        # We derive the FFN indicators by expectation, and
        # ffn_indicators are kept to calculate complexity loss
        self.ffn_indicators = (
            (ffn_probs > 0.5).float() - torch.sigmoid(ffn_probs - 0.5).detach() + torch.sigmoid(ffn_probs - 0.5)
        )
        return x, torch.sum(self.ffn_indicators)


class UnifiedAttention(nn.Module):
    def __init__(
        self,
        dim,
        num_heads=8,
        qkv_bias=False,
        qk_scale=None,
        attn_drop=0.0,
        proj_drop=0.0,
        window_size=None,
        alpha=1e-2,
        theta=0.0,
        msa_indicators=None,
    ):
        super().__init__()
        self.dim = dim
        self.num_heads = num_heads
        self.head_dim = head_dim = dim // num_heads
        self.window_size = window_size
        self.scale = qk_scale or head_dim**-0.5
        self.max_kernel_size = 3
        self.msa_indicators = msa_indicators
        self.alpha = alpha

        threshold_num = 3

        # We separate qk from v here
        self.qk = nn.Linear(dim, dim * 2, bias=qkv_bias)
        self.v = nn.Linear(dim, dim, bias=qkv_bias)

        self.attn_drop = nn.Dropout(attn_drop)
        self.proj = nn.Linear(dim, dim)
        self.proj_drop = nn.Dropout(proj_drop)

        self.bn_1x1 = nn.BatchNorm2d(head_dim)
        self.bn_3x3 = nn.BatchNorm2d(head_dim)
        self.conv_act = nn.ReLU()

        self.register_parameter("kernel_thresholds", nn.Parameter(torch.tensor([theta] * threshold_num)))
        self.register_parameter("head_probs", nn.Parameter(torch.ones([self.num_heads, (self.max_kernel_size**2)])))

    def forward(self, x):
        return self.search_forward(x)

    def search_forward(self, x):
        indicators = self.single_path_init()

        B, N, C = x.shape
        N_patches = N - 1

        v_weight = F.linear(x, self.v.weight)
        v = (v_weight + self.v.bias).reshape(B, N, -1, C // self.num_heads).permute(0, 2, 1, 3)
        attn = self.get_attention(x)

        msa_out = (attn @ v).transpose(1, 2).reshape(B, N, C)
        msa_out = self.proj(msa_out)
        msa_out = self.proj_drop(msa_out)

        cls_token = x[:, 0].unsqueeze(1)

        head_probs = (self.head_probs.view(self.num_heads, (self.max_kernel_size**2)) / self.alpha).softmax(0)

        # Scaling the attention heads
        new_v_weight = (
            v_weight[:, 1:].view(B, N_patches, self.num_heads, self.head_dim).permute(0, 1, 3, 2) @ head_probs
        ).permute(0, 1, 3, 2)  # B * N * 9 * head_dim
        new_v_bias = self.v.bias.view(self.num_heads, self.head_dim).permute(1, 0) @ head_probs  # head_dim * 9
        new_proj = self.proj.weight.view(self.dim, self.num_heads, self.head_dim).permute(0, 2, 1) @ head_probs

        H = W = int(N_patches**0.5)

        v_weight_1x1 = new_v_weight[:, :, 4]
        v_bias_1x1 = new_v_bias[:, 4]
        proj_weight_1x1 = new_proj[..., 4]

        conv_1x1_out = v_weight_1x1 + v_bias_1x1
        conv_1x1_out = self.conv_act(
            self.bn_1x1(conv_1x1_out.view(B, H, W, self.head_dim).permute(0, 3, 1, 2))
        ).permute(0, 2, 3, 1)
        conv_1x1_out = F.linear(conv_1x1_out.reshape(B, N_patches, -1), proj_weight_1x1)

        # The nine shifted head outputs of a 3x3 convolution (the repository gathers them with precomputed indices)
        padded = F.pad(new_v_weight.reshape(B, H, W, 9, self.head_dim), pad=(0, 0, 0, 0, 1, 1, 1, 1))
        conv_3x3_out = sum(padded[:, h2 : h2 + H, h1 : h1 + W, h1 + 3 * h2] for h1 in range(3) for h2 in range(3))
        conv_3x3_out = (conv_3x3_out + new_v_bias[:, :9].sum(dim=-1)).permute(0, 3, 1, 2)
        conv_3x3_out = self.conv_act(self.bn_3x3(conv_3x3_out)).permute(0, 2, 3, 1).flatten(1, 2)
        conv_3x3_out = F.linear(conv_3x3_out, new_proj[..., :9].sum(-1))

        conv_1x1_out = torch.cat([cls_token, conv_1x1_out + self.proj.bias], dim=1)
        conv_3x3_out = torch.cat([cls_token, conv_3x3_out + self.proj.bias], dim=1)

        outputs = (
            indicators[2] * msa_out
            + indicators[1] * (1 - indicators[2]) * conv_3x3_out
            + indicators[0] * torch.prod(1 - indicators[1:], dim=0) * conv_1x1_out
        )

        kernel_thresholds = F.sigmoid(self.kernel_thresholds)
        kernel_indicators = (
            (kernel_thresholds > 0.5).float()
            - torch.sigmoid(kernel_thresholds - 0.5).detach()
            + torch.sigmoid(kernel_thresholds - 0.5)
        )

        # kernel_indicators are kept to calculate complexity loss
        self.kernel_indicators = torch.cumprod(kernel_indicators, dim=0)

        return outputs, self.kernel_indicators.detach(), kernel_thresholds.detach()

    def single_path_init(self):
        kernel_probs = F.sigmoid(self.kernel_thresholds)

        if self.training:
            kernel_indicators = bernoulli_sample(kernel_probs)
        else:
            kernel_indicators = (kernel_probs > 0.5).float()

        kernel_indicators = torch.cumprod(kernel_indicators, dim=0).clone()

        # Slow down the gradient for less-complex gates
        if kernel_indicators[0] and kernel_indicators[1]:
            kernel_indicators[0] = kernel_indicators[0].detach()
            if kernel_indicators[2]:
                kernel_indicators[1] = kernel_indicators[1].detach()

        return kernel_indicators

    def get_attention(self, x):
        B, N, C = x.shape
        qk = self.qk(x).reshape(B, N, 2, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k = qk[0], qk[1]  # make torchscript happy (cannot use tensor as tuple)

        q = q * self.scale
        attn = q @ k.transpose(-2, -1)

        attn = attn.softmax(dim=-1)
        attn = self.attn_drop(attn)

        return attn


class PruningBlock(nn.Module):
    def __init__(
        self,
        dim,
        num_heads,
        mlp_ratio=4.0,
        qkv_bias=False,
        qk_scale=None,
        drop=0.0,
        attn_drop=0.0,
        drop_path=0.0,
        act_layer=nn.GELU,
        norm_layer=nn.LayerNorm,
        att_layer=None,
        ffn_layer=None,
        window_size=None,
        theta=0.0,
        msa_indicators=None,
        ffn_indicators=None,
    ):
        super().__init__()
        self.dim = dim
        self.num_heads = num_heads

        self.norm1 = norm_layer(dim)
        self.attn = att_layer(
            dim,
            num_heads=num_heads,
            qkv_bias=qkv_bias,
            qk_scale=qk_scale,
            attn_drop=attn_drop,
            proj_drop=drop,
            window_size=window_size,
            theta=theta,
            msa_indicators=msa_indicators,
        )
        self.drop_path = nn.Identity()
        self.norm2 = norm_layer(dim)
        self.mlp_hidden_dim = mlp_hidden_dim = int(dim * mlp_ratio)
        self.mlp = ffn_layer(
            in_features=dim,
            hidden_features=mlp_hidden_dim,
            act_layer=act_layer,
            drop=drop,
            theta=theta,
            ffn_indicators=ffn_indicators,
        )

    def forward(self, x):
        shortcut = x
        x, kernel_indicators, kernel_thresholds = self.attn(self.norm1(x))

        x = shortcut + self.drop_path(x)

        ffn_shortcut = x
        x, ffn_indicators = self.mlp(self.norm2(x))

        x = ffn_shortcut + self.drop_path(x)
        return x, kernel_indicators, kernel_thresholds, ffn_indicators


class PatchEmbed(nn.Module):
    """Image to Patch Embedding"""

    def __init__(self, img_size=224, patch_size=16, in_chans=3, embed_dim=768):
        super().__init__()
        self.patches_resolution = (img_size // patch_size, img_size // patch_size)
        self.num_patches = self.patches_resolution[0] * self.patches_resolution[1]
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class SPVisionTransformer(nn.Module):
    """Vision Transformer with support for patch or hybrid CNN input stage"""

    def __init__(
        self,
        img_size=224,
        patch_size=16,
        in_chans=3,
        num_classes=1000,
        embed_dim=768,
        depth=12,
        num_heads=12,
        mlp_ratio=4.0,
        qkv_bias=False,
        qk_scale=None,
        drop_rate=0.0,
        attn_drop_rate=0.0,
        drop_path_rate=0.0,
        norm_layer=nn.LayerNorm,
        att_layer=None,
        ffn_layer=None,
        loss_lambda=None,
        target_flops=None,
        theta=0.0,
        msa_indicators=None,
        ffn_indicators=None,
    ):
        super().__init__()

        att_layer = eval(att_layer)
        ffn_layer = eval(ffn_layer)

        self.loss_lambda = loss_lambda
        self.target_flops = target_flops

        # We use assigned_indicators as the fine-tune flag
        self.assigned_indicators = msa_indicators

        self.num_classes = num_classes
        self.num_features = self.embed_dim = embed_dim

        self.patch_embed = PatchEmbed(img_size=img_size, patch_size=patch_size, in_chans=in_chans, embed_dim=embed_dim)
        num_patches = self.patch_embed.num_patches

        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, num_patches + 1, embed_dim))
        self.pos_drop = nn.Dropout(p=drop_rate)

        self.blocks = nn.ModuleList(
            [
                PruningBlock(
                    dim=embed_dim,
                    num_heads=num_heads,
                    mlp_ratio=mlp_ratio,
                    qkv_bias=qkv_bias,
                    qk_scale=qk_scale,
                    drop=drop_rate,
                    attn_drop=attn_drop_rate,
                    norm_layer=norm_layer,
                    att_layer=att_layer,
                    ffn_layer=ffn_layer,
                    window_size=(img_size // patch_size, img_size // patch_size),
                    theta=theta,
                )
                for i in range(depth)
            ]
        )

        self.norm = norm_layer(embed_dim)
        self.head = nn.Linear(embed_dim, num_classes) if num_classes > 0 else nn.Identity()

        nn.init.trunc_normal_(self.pos_embed, std=0.02)
        nn.init.trunc_normal_(self.cls_token, std=0.02)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.constant_(m.bias, 0)
        elif isinstance(m, nn.LayerNorm):
            nn.init.constant_(m.bias, 0)
            nn.init.constant_(m.weight, 1.0)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.constant_(m.weight, 1)
            nn.init.constant_(m.bias, 0)

    def no_weight_decay(self):
        return {"pos_embed", "cls_token"}

    def forward_features(self, x):
        B = x.shape[0]
        x = self.patch_embed(x)

        cls_tokens = self.cls_token.expand(B, -1, -1)
        x = torch.cat((cls_tokens, x), dim=1)
        x = x + self.pos_embed
        x = self.pos_drop(x)

        kernel_indicators_list = []
        kernel_thresholds_list = []
        ffn_indicators_list = []

        for blk in self.blocks:
            x, kernel_indicators, kernel_thresholds, ffn_indicators = blk(x)
            kernel_indicators_list.append(kernel_indicators)
            kernel_thresholds_list.append(kernel_thresholds)
            ffn_indicators_list.append(ffn_indicators)

        x = self.norm(x)
        return x[:, 0], kernel_indicators_list, kernel_thresholds_list, ffn_indicators_list

    def forward(self, x):
        x, kernel_indicators_list, kernel_thresholds_list, ffn_indicators_list = self.forward_features(x)
        x = self.head(x)
        return x, kernel_indicators_list, kernel_thresholds_list, ffn_indicators_list

    def flops(self):
        flops = 0
        flops += self.num_features * self.num_classes

        H, W = self.patch_embed.patches_resolution
        att_flops = 0
        ffn_flops = 0

        for block in self.blocks:
            conv_1x1_flops = (1 * block.dim * (block.dim // block.num_heads) + (block.dim // block.num_heads) * block.dim) * (
                H * W
            )
            conv_3x3_flops = (3 * 3 * block.dim * (block.dim // block.num_heads) + (block.dim // block.num_heads) * block.dim) * (
                H * W
            )
            msa_flops = 4 * (H * W + 1) * block.dim**2 + 2 * block.dim * (H * W + 1) ** 2

            # Attention
            block_indicators = block.attn.kernel_indicators
            conv_1x1_flops = torch.tensor(conv_1x1_flops).to(block_indicators[0].device)
            conv_3x3_flops = torch.tensor(conv_3x3_flops).to(block_indicators[0].device)
            msa_flops = torch.tensor(msa_flops).to(block_indicators[0].device)
            block_att = (
                block_indicators[0] * conv_1x1_flops
                + block_indicators[1] * (conv_3x3_flops - conv_1x1_flops)
                + block_indicators[2] * (msa_flops - conv_3x3_flops)
            )
            att_flops += block_att

            # MLP
            ffn_indicators = block.mlp.ffn_indicators
            sum_ffn_indicators = torch.sum(ffn_indicators)
            block_mlp = 2 * H * W * block.dim * sum_ffn_indicators
            ffn_flops += block_mlp

            # Norms
            flops += block.dim * (H * W + 1) * 2
            flops += block_att + block_mlp

        return flops, att_flops, ffn_flops

    def calculate_bops_loss(self):
        flops, att_flops, ffn_flops = self.flops()
        bops = (torch.tensor(self.target_flops).to(flops.device) - flops / 1e9) ** 2
        bops_loss = bops * self.loss_lambda
        return bops_loss


@register_model
def spvit_deit_tiny_patch4_16(pretrained=False, **kwargs):
    model = SPVisionTransformer(
        img_size=args.input_size,
        patch_size=4,
        embed_dim=12,
        depth=2,
        num_heads=3,
        mlp_ratio=2,
        qkv_bias=True,
        norm_layer=partial(nn.LayerNorm, eps=1e-6),
        **kwargs,
    )
    return model
