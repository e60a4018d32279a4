# case: X-Avatar (implicit SDF avatar, RGB-D training): the shape network output is torch.split into per-part chunks, each reshaped (still a view of the split output) and passed to masked_softmax(mode='min'), which does `vec[~mask.bool()] = 1` on that view
# source: https://github.com/Skype-line/X-Avatar/issues/12
import torch
import torch.nn as nn


def masked_softmax(vec, mask, dim=-1, mode="softmax", soft_blend=1):
    if mode == "softmax":
        vec = torch.distributions.Bernoulli(logits=vec).probs
        masked_exps = torch.exp(soft_blend * vec) * mask.float()
        masked_exps_sum = masked_exps.sum(dim)
        output = torch.zeros_like(vec)
        output[masked_exps_sum > 0, :] = masked_exps[masked_exps_sum > 0, :] / masked_exps_sum[masked_exps_sum > 0].unsqueeze(-1)
        output = (output * vec).sum(dim, keepdim=True)
        value = torch.distributions.Bernoulli(probs=output).logits
        index = None
    elif mode == "max":
        vec[~mask.bool()] = -100
        value, index = torch.max(vec, dim, keepdim=True)
    elif mode == "min":
        vec[~mask.bool()] = 1  # expect: GG003  # raises: RuntimeError: This view is the output of a function that returns multiple views
        value, index = torch.min(vec, dim, keepdim=True)
    else:
        raise NotImplementedError
    return value, index


class ImplicitNetwork(nn.Module):
    def __init__(self, d_in=3, cond_dim=6, d_hidden=16):
        super().__init__()
        self.lin0 = nn.Linear(d_in + cond_dim, d_hidden)
        self.lin1 = nn.Linear(d_hidden, 1)
        self.softplus = nn.Softplus(beta=100)

    def forward(self, pts, cond):
        n_batch, n_point, _ = pts.shape
        cond = cond.unsqueeze(1).expand(n_batch, n_point, cond.shape[-1])
        x = self.softplus(self.lin0(torch.cat([pts, cond], dim=-1)))
        return self.lin1(x)


class Deformer(nn.Module):
    """Stand-in for the root-finding ForwardDeformer: num_init canonical candidates per point."""

    def __init__(self, num_init=3):
        super().__init__()
        self.num_init = num_init
        self.offsets = nn.Parameter(torch.randn(num_init, 3) * 0.01)

    def forward(self, pts_d, smpl_tfs):
        pts_c = pts_d.unsqueeze(2) + self.offsets
        valid_ids = torch.rand(pts_c.shape[:3]) > 0.2
        return pts_c, {"valid_ids": valid_ids}


class XAVATARModel(nn.Module):
    def __init__(self, representation="sdf"):
        super().__init__()
        self.representation = representation
        self.shape_net = ImplicitNetwork()
        self.deformer = Deformer()

    def forward(self, pts_d, smpl_tfs, cond, eval_mode=True, split_numbers=None, part_type_list=None):
        accum_shape, pts_c_list, mask_list, split_num_list, index_list = [], [], [], [], []
        for part_type, pts_d_split in zip(part_type_list, torch.split(pts_d, split_numbers, dim=1)):
            pts_c, intermediates = self.deformer(pts_d_split, smpl_tfs)
            mask_list.append(intermediates["valid_ids"])
            num_batch, num_point, num_init, num_dim = pts_c.shape
            pts_c = pts_c.reshape(num_batch, num_point * num_init, num_dim)
            pts_c_list.append(pts_c)
            split_num_list.append(pts_c.shape[1])
        pts_c = torch.cat(pts_c_list, dim=1)
        shape_pd = self.shape_net(pts_c, cond)
        shape_pd_list = torch.split(shape_pd, split_num_list, dim=1)

        for shape_pd, mask in zip(shape_pd_list, mask_list):
            num_batch, num_point, num_init = mask.shape
            shape_pd = shape_pd.reshape(num_batch, num_point, num_init)
            if eval_mode:
                mode = "max" if self.representation == "occ" else "min"
                shape_pd, index = masked_softmax(shape_pd, mask, dim=-1, mode=mode)
            else:
                shape_pd, index = masked_softmax(shape_pd, mask, dim=-1, mode="softmax")
            accum_shape.append(shape_pd)
            index_list.append(index)
        return torch.cat(accum_shape, 1)


torch.manual_seed(0)
model = XAVATARModel(representation="sdf")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
pts_surf = torch.randn(1, 10, 3)
cond = torch.randn(1, 6)
smpl_tfs = torch.eye(4).expand(1, 24, 4, 4)
# RGB-D training step: surface points should have SDF 0
shape_pd = model(pts_surf, smpl_tfs, cond, eval_mode=True, split_numbers=[6, 4], part_type_list=["body", "hand"])
loss = shape_pd.abs().mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
