"""Audio-visual dual encoder trained with a margin InfoNCE loss on the cls tokens."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

from .audio_encoder import AudioEncoder
from .vision_transformer import VisionTransformer


def Margin_InfoNCE_loss(S, margin, img_id=None):
    """S: audio x image similarity matrix; matched pairs on the diagonal."""
    target = torch.arange(S.shape[0])
    deltas = margin * torch.eye(S.shape[0])
    S = S - deltas
    return F.cross_entropy(S, target) + F.cross_entropy(S.t(), target)


class DualEncoder(nn.Module):
    @staticmethod
    def add_args(parser):
        parser.add_argument("--encoder_embed_dim", type=int, default=8)
        parser.add_argument("--encoder_ffn_embed_dim", type=int, default=16)
        parser.add_argument("--encoder_attention_heads", type=int, default=2)
        parser.add_argument("--encoder_layers", type=int, default=2)
        parser.add_argument("--layer_use", type=int, default=1)
        parser.add_argument("--conv_feature_layers", type=str, default="[(8, 10, 5), (8, 3, 2)]")
        parser.add_argument("--conv_bias", action="store_true")
        parser.add_argument("--conv_pos", type=int, default=4)
        parser.add_argument("--conv_pos_groups", type=int, default=2)
        parser.add_argument("--feature_grad_mult", type=float, default=1.0)
        parser.add_argument("--dropout", type=float, default=0.0)
        parser.add_argument("--dropout_input", type=float, default=0.1)
        parser.add_argument("--dropout_features", type=float, default=0.1)
        parser.add_argument("--use_audio_cls_token", action="store_true")
        parser.add_argument("--margin", type=float, default=1.0)

    def __init__(self, args):
        super().__init__()
        self.args = args
        # a copy of the args, in case the audio encoder changes them
        self.audio_encoder = AudioEncoder(argparse.Namespace(**vars(self.args)))
        self.trm = VisionTransformer(embed_dim=args.encoder_embed_dim)
        self.audio_cls_token_proj = nn.Linear(args.encoder_embed_dim, args.encoder_embed_dim)
        self.visual_cls_token_proj = nn.Linear(args.encoder_embed_dim, args.encoder_embed_dim)

    def forward_image(self, images):
        visual_feats, visual_cls = self.trm(images)
        return visual_feats, self.visual_cls_token_proj(visual_cls)

    def forward_audio(self, audio_feats, audio_attention_mask, test=False):
        if test:
            self.audio_encoder.eval()
        else:
            self.audio_encoder.train()
        out = self.audio_encoder(audio_feats, padding_mask=audio_attention_mask,
                                 tgt_layer=self.args.layer_use)
        cls = out["cls_token"] if out["cls_token"] is not None else out["layer_feats"].mean(1)
        return out["layer_feats"], self.audio_cls_token_proj(cls), out["padding_mask"]

    def forward(self, audio_feats, attention_mask=None, images=None, test=False):
        visual_feats, visual_cls = self.forward_image(images)
        audio_feats, audio_cls, mask = self.forward_audio(audio_feats, attention_mask, test=test)
        return audio_feats, audio_cls, mask, visual_feats, visual_cls
