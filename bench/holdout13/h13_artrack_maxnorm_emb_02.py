# case: fix as in ARTrack's sequence-training head (lib/models/layers/head_seq.py): the tied output projection uses a copy of the embedding weight (emb_weight = self.word_embeddings.weight.clone(); share_weight = emb_weight.T), so the in-place max_norm renormalisation done by each decoding step's embedding call no longer touches the tensor torch.matmul saved
# source: https://github.com/MIV-XJTU/ARTrack/issues/65
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def generate_square_subsequent_mask(sz):
    return torch.triu(torch.full((sz, sz), float("-inf")), diagonal=1)


class DecoderLayer(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(dim, num_heads)
        self.cross_attn = nn.MultiheadAttention(dim, num_heads)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))
        self.norm1, self.norm2, self.norm3 = nn.LayerNorm(dim), nn.LayerNorm(dim), nn.LayerNorm(dim)

    def forward(self, tgt, memory, query_embed, tgt_mask):
        q = tgt + query_embed
        tgt = self.norm1(tgt + self.self_attn(q, q, tgt, attn_mask=tgt_mask)[0])
        tgt = self.norm2(tgt + self.cross_attn(tgt + query_embed, memory, memory)[0])
        return self.norm3(tgt + self.mlp(tgt))


def build_decoder(decoder_layer, in_channel, num_heads):
    return nn.ModuleList([DecoderLayer(in_channel, num_heads) for _ in range(decoder_layer)])


class Pix2Track(nn.Module):
    def __init__(self, in_channel=16, bins=8, range=2, pre_num=1, decoder_layer=1, num_heads=2):
        super().__init__()
        self.bins, self.range, self.pre_num = bins, range, pre_num
        self.word_embeddings = nn.Embedding(self.bins * self.range + 2, in_channel, padding_idx=self.bins * self.range, max_norm=1, norm_type=2.0)
        self.position_embeddings = nn.Embedding(5, in_channel)
        self.prev_position_embeddings = nn.Embedding(self.pre_num * 4, in_channel)
        self.output_bias = nn.Parameter(torch.zeros(self.bins * self.range + 2))
        nn.init.trunc_normal_(self.word_embeddings.weight, std=0.02)
        self.decoder = build_decoder(decoder_layer, in_channel, num_heads)

    def decode(self, tgt, zx_feat, query_embed, tgt_mask):
        memory = zx_feat.permute(1, 0, 2)
        for layer in self.decoder:
            tgt = layer(tgt, memory, query_embed, tgt_mask)
        return tgt

    def forward(self, zx_feat, seqs_input):
        emb_weight = self.word_embeddings.weight.clone()
        share_weight = emb_weight.T
        bs = zx_feat.shape[0]
        start_token = (torch.ones(bs, 1) * self.bins * self.range).to(seqs_input)
        seqs_input = torch.cat([seqs_input, start_token], dim=1).to(torch.int64)
        out_list = []
        for i in range(4):
            tgt = self.word_embeddings(seqs_input).permute(1, 0, 2)
            query_embed = torch.cat([self.prev_position_embeddings.weight.unsqueeze(1), self.position_embeddings.weight.unsqueeze(1)], dim=0)
            query_embed = query_embed.repeat(1, bs, 1)
            decoder_feat_cls = self.decode(tgt, zx_feat, query_embed[: len(tgt)], generate_square_subsequent_mask(len(tgt)))
            out = torch.matmul(decoder_feat_cls.transpose(0, 1)[:, -1, :], share_weight) + self.output_bias
            out_list.append(out.unsqueeze(0))
            out = out.softmax(-1)
            value, extra_seq = out.topk(dim=-1, k=1)[0], out.topk(dim=-1, k=1)[1]
            seqs_input = torch.cat([seqs_input, extra_seq], dim=-1)
        return {"feat": torch.cat(out_list), "seqs": seqs_input[:, -4:]}


class TinyBackbone(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, 4, 4)
        self.block = nn.TransformerEncoderLayer(dim, 2, dim * 2, dropout=0.0, batch_first=True)

    def forward(self, template, search):
        z = self.patch_embed(template).flatten(2).transpose(1, 2)
        x = self.patch_embed(search).flatten(2).transpose(1, 2)
        return self.block(torch.cat([z, x], dim=1))


cfg = {"BINS": 8, "RANGE": 2, "PRENUM": 1, "SEARCH_SIZE": 16, "GIOU_WEIGHT": 2.0, "FOCAL_WEIGHT": 1.0}
backbone, head = TinyBackbone(), Pix2Track(bins=cfg["BINS"], range=cfg["RANGE"], pre_num=cfg["PRENUM"])
optimizer = torch.optim.AdamW(list(backbone.parameters()) + list(head.parameters()), lr=4e-6, weight_decay=0.05)
magic_num = (cfg["RANGE"] - 1) * 0.5


def compute_sequence_losses(data):
    pre_seq = data["pre_seq"].clamp(-1 * magic_num, 1 + magic_num)
    pre_seq = (pre_seq + magic_num) * (cfg["BINS"] - 1)
    outputs = head(backbone(data["template_images"], data["search_images"]), pre_seq)
    pred_feat = outputs["feat"]
    search_anno = data["search_anno"].clone()
    search_anno[:, 2] = search_anno[:, 2] + search_anno[:, 0]
    search_anno[:, 3] = search_anno[:, 3] + search_anno[:, 1]
    target = ((search_anno / cfg["SEARCH_SIZE"] + 0.5) * (cfg["BINS"] - 1)).clamp(min=0.0, max=cfg["BINS"] * cfg["RANGE"] - 0.0001)
    weight = torch.ones(cfg["BINS"] * cfg["RANGE"] + 2)
    weight[cfg["BINS"] * cfg["RANGE"] :] = 0.1
    varifocal_loss = F.cross_entropy(pred_feat.permute(1, 0, 2).reshape(-1, cfg["BINS"] * cfg["RANGE"] + 2), target.reshape(-1).to(torch.int64), weight=weight)
    out = pred_feat[0:4, :, 0 : cfg["BINS"] * cfg["RANGE"]].softmax(-1)
    mul = torch.linspace(-magic_num, 1 + magic_num, cfg["BINS"] * cfg["RANGE"])
    extra_seq = (out * mul).sum(dim=-1).permute(1, 0)
    giou_loss = (extra_seq - (target / (cfg["BINS"] - 1) - magic_num)).abs().mean()
    return cfg["GIOU_WEIGHT"] * giou_loss + cfg["FOCAL_WEIGHT"] * varifocal_loss


for it in range(2):
    data = {"template_images": torch.rand(2, 3, 8, 8), "search_images": torch.rand(2, 3, 16, 16), "pre_seq": torch.rand(2, 4 * cfg["PRENUM"]), "search_anno": torch.rand(2, 4) * 8}
    loss = compute_sequence_losses(data)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(list(backbone.parameters()) + list(head.parameters()), 0.1)
    optimizer.step()
