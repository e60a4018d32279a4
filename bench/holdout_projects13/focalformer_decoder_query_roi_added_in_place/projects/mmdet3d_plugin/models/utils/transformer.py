from torch import nn

__all__ = ["DetrTransformerDecoderLayer", "build_transformer_layer_sequence"]


class DetrTransformerDecoderLayer(nn.Module):
    """Self-attention over the queries, cross-attention to the BEV features, FFN; post-norm.

    A dense stand-in for the deformable decoder layer of the repository (which samples the BEV
    features around the reference points with a CUDA op); the reference points are returned unchanged.
    """

    def __init__(self, embed_dims, num_heads, ffn_channels=256, dropout=0.1):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(embed_dims, num_heads, dropout=dropout)
        self.cross_attn = nn.MultiheadAttention(embed_dims, num_heads, dropout=dropout)
        self.ffn = nn.Sequential(
            nn.Linear(embed_dims, ffn_channels), nn.ReLU(inplace=True), nn.Dropout(dropout), nn.Linear(ffn_channels, embed_dims)
        )
        self.norms = nn.ModuleList([nn.LayerNorm(embed_dims) for _ in range(3)])

    def forward(self, query, key=None, value=None, query_pos=None, reference_points=None, **kwargs):
        # query: [Pq, B, C], value: [Pk, B, C], query_pos: [Pq, B, C]
        q = k = query + query_pos
        query = self.norms[0](query + self.self_attn(q, k, query)[0])
        key = value if key is None else key
        query = self.norms[1](query + self.cross_attn(query + query_pos, key, value)[0])
        query = self.norms[2](query + self.ffn(query))
        return query, reference_points


def build_transformer_layer_sequence(cfg, embed_dims, num_heads):
    args = dict(cfg)
    layer_type = args.pop("type")
    assert layer_type == "DetrTransformerDecoderLayer", layer_type
    return DetrTransformerDecoderLayer(embed_dims, num_heads, **args)
