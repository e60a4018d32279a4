# case: the 3DETR encoder used on its own (Model3DETR.forward(encoder_only=True)) for per-point semantic labels, with enc_activation='relu': each encoder layer's feed-forward block applies nn.Dropout(p, inplace=True) to the ReLU output that ReLU saved, so the segmentation loss cannot be backpropagated
# source: https://github.com/facebookresearch/3detr/issues/55
from functools import partial
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

ACTIVATION_DICT = {"relu": nn.ReLU, "gelu": nn.GELU, "leakyrelu": partial(nn.LeakyReLU, negative_slope=0.1)}
NORM_DICT = {"ln": nn.LayerNorm, "bn1d": nn.BatchNorm1d, "id": nn.Identity}


class GenericMLP(nn.Module):
    def __init__(self, input_dim, hidden_dims, output_dim, norm_fn_name=None, activation="relu", dropout=None, output_use_activation=False):
        super().__init__()
        layers, prev_dim = [], input_dim
        for x in hidden_dims:
            layers.append(nn.Conv1d(prev_dim, x, 1, bias=False))
            if norm_fn_name:
                layers.append(NORM_DICT[norm_fn_name](x))
            layers.append(ACTIVATION_DICT[activation]())
            if dropout is not None:
                layers.append(nn.Dropout(p=dropout))
            prev_dim = x
        layers.append(nn.Conv1d(prev_dim, output_dim, 1))
        if output_use_activation:
            layers.append(ACTIVATION_DICT[activation]())
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


class TransformerEncoderLayer(nn.Module):
    def __init__(self, d_model, nhead=4, dim_feedforward=128, dropout=0.1, activation="relu"):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(dropout, inplace=True)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout, inplace=True)
        self.dropout2 = nn.Dropout(dropout, inplace=True)
        self.activation = ACTIVATION_DICT[activation]()

    def forward(self, src, pos=None):
        src2 = self.norm1(src)
        q = k = src2 if pos is None else src2 + pos
        src2 = self.self_attn(q, k, value=src2)[0]
        src = src + self.dropout1(src2)
        src2 = self.norm2(src)
        src2 = self.linear2(self.dropout(self.activation(self.linear1(src2))))  # expect: GG002  # saver
        return src + self.dropout2(src2)


class TransformerDecoderLayer(nn.Module):
    def __init__(self, d_model, nhead=4, dim_feedforward=256, dropout=0.1, activation="relu"):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout)
        self.multihead_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout)
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(d_model), nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout, inplace=True)
        self.dropout2 = nn.Dropout(dropout, inplace=True)
        self.dropout3 = nn.Dropout(dropout, inplace=True)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(dropout, inplace=True)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.activation = ACTIVATION_DICT[activation]()

    def forward(self, tgt, memory, pos=None, query_pos=None):
        tgt2 = self.norm1(tgt)
        q = k = tgt2 + query_pos
        tgt2 = self.self_attn(q, k, value=tgt2)[0]
        tgt = tgt + self.dropout1(tgt2)
        tgt2 = self.norm2(tgt)
        tgt2 = self.multihead_attn(query=tgt2 + query_pos, key=memory + pos, value=memory)[0]
        tgt = tgt + self.dropout2(tgt2)
        tgt2 = self.norm3(tgt)
        tgt2 = self.linear2(self.dropout(self.activation(self.linear1(tgt2))))
        return tgt + self.dropout3(tgt2)


class TransformerDecoder(nn.Module):
    def __init__(self, layer_fn, num_layers, d_model):
        super().__init__()
        self.layers = nn.ModuleList([layer_fn() for _ in range(num_layers)])
        self.norm = nn.LayerNorm(d_model)

    def forward(self, tgt, memory, pos, query_pos):
        intermediate = []
        for layer in self.layers:
            tgt = layer(tgt, memory, pos=pos, query_pos=query_pos)
            intermediate.append(self.norm(tgt))
        return torch.stack(intermediate)


class Model3DETR(nn.Module):
    def __init__(self, args, num_semcls=3, num_angle_bin=4):
        super().__init__()
        self.pre_encoder = nn.Sequential(nn.Linear(3, args.enc_dim), nn.ReLU())  # stands in for PointnetSAModuleVotes
        self.encoder = nn.ModuleList([TransformerEncoderLayer(args.enc_dim, args.enc_nhead, args.enc_ffn_dim, args.enc_dropout, args.enc_activation) for _ in range(args.enc_nlayers)])
        self.encoder_to_decoder_projection = GenericMLP(args.enc_dim, [args.enc_dim], args.dec_dim, norm_fn_name="bn1d", output_use_activation=True)
        self.pos_embedding = nn.Linear(3, args.dec_dim)
        self.query_projection = GenericMLP(args.dec_dim, [args.dec_dim], args.dec_dim, output_use_activation=True)
        self.decoder = TransformerDecoder(partial(TransformerDecoderLayer, args.dec_dim, args.dec_nhead, args.dec_ffn_dim, args.dec_dropout), args.dec_nlayers, args.dec_dim)
        mlp_func = partial(GenericMLP, input_dim=args.dec_dim, hidden_dims=[args.dec_dim], norm_fn_name="bn1d", dropout=args.mlp_dropout)
        self.mlp_heads = nn.ModuleDict({"sem_cls_head": mlp_func(output_dim=num_semcls + 1), "center_head": mlp_func(output_dim=3), "angle_cls_head": mlp_func(output_dim=num_angle_bin)})
        self.nqueries = args.nqueries

    def run_encoder(self, point_clouds):
        xyz = point_clouds[..., 0:3].contiguous()
        feats = self.pre_encoder(xyz).permute(1, 0, 2)
        for layer in self.encoder:
            feats = layer(feats)
        return xyz, feats

    def forward(self, inputs, encoder_only=False):
        enc_xyz, enc_features = self.run_encoder(inputs["point_clouds"])
        enc_features = self.encoder_to_decoder_projection(enc_features.permute(1, 2, 0)).permute(2, 0, 1)
        if encoder_only:
            return enc_xyz, enc_features.transpose(0, 1)
        query_xyz = enc_xyz[:, : self.nqueries]  # furthest point sampling stand-in
        query_embed = self.query_projection(self.pos_embedding(query_xyz).permute(0, 2, 1)).permute(2, 0, 1)
        enc_pos = self.pos_embedding(enc_xyz).permute(1, 0, 2)
        tgt = torch.zeros_like(query_embed)
        box_features = self.decoder(tgt, enc_features, pos=enc_pos, query_pos=query_embed)
        outputs = []
        for feats in box_features:
            feats = feats.permute(1, 2, 0)
            outputs.append({k: head(feats).transpose(1, 2) for k, head in self.mlp_heads.items()})
        return {"outputs": outputs[-1], "aux_outputs": outputs[:-1]}


def criterion(outputs, targets):
    loss = 0
    for out in [outputs["outputs"], *outputs["aux_outputs"]]:
        loss = loss + F.cross_entropy(out["sem_cls_head"].flatten(0, 1), targets["sem_cls_label"].flatten())
        loss = loss + F.l1_loss(out["center_head"], targets["center_normalized"])
    return loss


args = SimpleNamespace(enc_dim=16, enc_nhead=2, enc_ffn_dim=32, enc_dropout=0.1, enc_activation="relu", enc_nlayers=2, dec_dim=16, dec_nhead=2, dec_ffn_dim=32, dec_dropout=0.1, dec_nlayers=2, mlp_dropout=0.3, nqueries=6, base_lr=1e-3)
model = Model3DETR(args)
seg_head = nn.Linear(args.dec_dim, 4)  # per-point semantic head on the encoder features
optimizer = torch.optim.AdamW([*model.parameters(), *seg_head.parameters()], lr=args.base_lr)
model.train()
for step in range(2):
    batch = {"point_clouds": torch.randn(2, 12, 3), "sem_cls_label": torch.randint(0, 4, (2, args.nqueries)), "point_sem_label": torch.randint(0, 4, (2, 12))}
    enc_xyz, enc_features = model(batch, encoder_only=True)
    loss = F.cross_entropy(seg_head(enc_features).flatten(0, 1), batch["point_sem_label"].flatten())
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
