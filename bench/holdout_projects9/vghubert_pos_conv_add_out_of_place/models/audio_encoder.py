"""wav2vec2/HuBERT-style audio encoder: conv features -> positional conv -> transformer."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .utils import LayerNorm, SamePad, TransformerSentenceEncoderLayer, init_bert_params


class ConvFeatureExtractionModel(nn.Module):
    def __init__(self, conv_layers, dropout=0.0, conv_bias=False):
        super().__init__()
        blocks = []
        in_d = 1
        for i, (dim, k, stride) in enumerate(conv_layers):
            layers = [nn.Conv1d(in_d, dim, k, stride=stride, bias=conv_bias), nn.Dropout(dropout)]
            if i == 0:
                layers.append(nn.GroupNorm(dim, dim, affine=True))
            layers.append(nn.GELU())
            blocks.append(nn.Sequential(*layers))
            in_d = dim
        self.conv_layers = nn.ModuleList(blocks)

    def forward(self, x):
        x = x.unsqueeze(1)  # B x T -> B x 1 x T
        for conv in self.conv_layers:
            x = conv(x)
        return x


class TransformerEncoder(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.layer_use = args.layer_use
        self.dropout = args.dropout
        self.embedding_dim = args.encoder_embed_dim
        self.layers = nn.ModuleList(
            [
                TransformerSentenceEncoderLayer(
                    embedding_dim=self.embedding_dim,
                    ffn_embedding_dim=args.encoder_ffn_embed_dim,
                    num_attention_heads=args.encoder_attention_heads,
                    dropout=self.dropout,
                )
                for _ in range(args.encoder_layers)
            ]
        )
        self.layer_norm = LayerNorm(self.embedding_dim)
        self.apply(init_bert_params)

    def forward(self, x, padding_mask=None, tgt_layer=None):
        layer_use = self.layer_use if tgt_layer is None else tgt_layer
        x = self.layer_norm(x)
        x = F.dropout(x, p=self.dropout, training=self.training)
        x = x.transpose(0, 1)  # B x T x C -> T x B x C
        layer_feats = None
        for i, layer in enumerate(self.layers):
            x, _ = layer(x, self_attn_padding_mask=padding_mask)
            if i == layer_use:
                layer_feats = x.transpose(0, 1)
        return x.transpose(0, 1), layer_feats


class AudioEncoder(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.args = args
        conv_layers = eval(args.conv_feature_layers)
        self.embed = conv_layers[-1][0]
        self.feature_extractor = ConvFeatureExtractionModel(conv_layers, dropout=0.0, conv_bias=args.conv_bias)
        self.post_extract_proj = (
            nn.Linear(self.embed, args.encoder_embed_dim)
            if self.embed != args.encoder_embed_dim
            else None
        )
        self.feature_grad_mult = args.feature_grad_mult
        self.dropout_input = nn.Dropout(args.dropout_input)
        self.dropout_features = nn.Dropout(args.dropout_features)
        self.cls_token = nn.Parameter(torch.randn(1, 1, args.encoder_embed_dim) * 0.02)

        self.pos_conv = nn.Conv1d(
            args.encoder_embed_dim,
            args.encoder_embed_dim,
            kernel_size=args.conv_pos,
            padding=args.conv_pos // 2,
            groups=args.conv_pos_groups,
        )
        nn.init.normal_(self.pos_conv.weight, mean=0, std=0.1)
        nn.init.constant_(self.pos_conv.bias, 0)
        self.pos_conv = nn.Sequential(self.pos_conv, SamePad(args.conv_pos), nn.GELU())

        self.encoder = TransformerEncoder(args)
        self.layer_norm = LayerNorm(self.embed)

    def forward(self, source, padding_mask=None, tgt_layer=None):
        if self.feature_grad_mult > 0:
            features = self.feature_extractor(source)
        else:
            with torch.no_grad():
                features = self.feature_extractor(source)
        features = features.transpose(1, 2)
        features = self.layer_norm(features)
        unmasked_features = features.clone()

        if padding_mask is not None:  # resize the mask to the conv frame rate
            extra = padding_mask.size(1) % features.size(1)
            if extra > 0:
                padding_mask = padding_mask[:, :-extra]
            padding_mask = padding_mask.view(padding_mask.size(0), features.size(1), -1).all(-1)
        if self.post_extract_proj is not None:
            features = self.post_extract_proj(features)
        features = self.dropout_input(features)
        unmasked_features = self.dropout_features(unmasked_features)

        x = features
        x_conv = self.pos_conv(x.transpose(1, 2))
        x_conv = x_conv.transpose(1, 2)
        x = x + x_conv
        if self.args.use_audio_cls_token:
            x = torch.cat([self.cls_token.repeat(x.shape[0], 1, 1), x], dim=1)
            if padding_mask is not None:
                cls_pad = torch.zeros((padding_mask.shape[0], 1)).to(padding_mask)
                padding_mask = torch.cat([cls_pad, padding_mask], dim=1)

        features, layer_feats = self.encoder(x, padding_mask=padding_mask, tgt_layer=tgt_layer)
        cls_token = None
        if self.args.use_audio_cls_token:
            cls_token = layer_feats[:, 0]
            features = features[:, 1:]
            layer_feats = layer_feats[:, 1:]
            if padding_mask is not None:
                padding_mask = padding_mask[:, 1:]
        return {"features": features, "layer_feats": layer_feats, "cls_token": cls_token,
                "padding_mask": padding_mask}
