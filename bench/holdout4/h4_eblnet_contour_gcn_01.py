# case: EBLNet ContourPointGCN: the GloRe-style GCN does `z = self.relu(z)` and then the Laplacian smoothing `z += x` adds into the ReLU output that ReluBackward saved; the thresholding `edge[edge < thr] = 0` on a detached sigmoid map is harmless
# source: https://github.com/hehao13/EBLNet/issues/9
import torch
import torch.nn as nn
import torch.nn.functional as F


def get_uncertain_point_coords_on_grid(uncertainty_map, num_points):
    R, _, H, W = uncertainty_map.shape
    num_points = min(H * W, num_points)
    point_indices = torch.topk(uncertainty_map.view(R, H * W), k=num_points, dim=1)[1]
    point_coords = torch.zeros(R, num_points, 2, dtype=torch.float, device=uncertainty_map.device)
    point_coords[:, :, 0] = point_indices % W
    point_coords[:, :, 1] = point_indices // W
    return point_indices, point_coords


def point_sample(input, point_indices, **kwargs):
    N, C, H, W = input.shape
    point_indices = point_indices.unsqueeze(1).expand(-1, C, -1)
    flatten_input = input.flatten(start_dim=2)
    return flatten_input.gather(dim=2, index=point_indices).view_as(point_indices)


class GCN(nn.Module):
    def __init__(self, node_num, node_fea):
        super(GCN, self).__init__()
        self.conv_adj = nn.Conv1d(node_num, node_num, kernel_size=1, bias=False)
        self.bn_adj = nn.BatchNorm1d(node_num)
        self.conv_wg = nn.Conv1d(node_fea, node_fea, kernel_size=1, bias=False)
        self.bn_wg = nn.BatchNorm1d(node_fea)
        self.relu = nn.ReLU()

    def forward(self, x):
        z = self.conv_adj(x)
        z = self.bn_adj(z)
        z = self.relu(z)

        # Laplacian smoothing
        z += x  # expect: GG002
        z = z.transpose(1, 2).contiguous()  # (b, d, n)
        z = self.conv_wg(z)
        z = self.bn_wg(z)
        z = self.relu(z)
        return z.transpose(1, 2).contiguous()  # (b, n, d)


class ContourPointGCN(nn.Module):
    def __init__(self, inplance, num_points, thresholds=0.8):
        super(ContourPointGCN, self).__init__()
        self.num_points = num_points
        self.thresholds = thresholds
        self.gcn = GCN(num_points, inplance)

    def forward(self, x, edge):
        B, C, H, W = x.size()
        edge[edge < self.thresholds] = 0
        edge_index, point_coords = get_uncertain_point_coords_on_grid(edge, self.num_points)
        gcn_features = point_sample(x, edge_index).permute(0, 2, 1)  # b, n, c
        gcn_features_reasoned = self.gcn(gcn_features).permute(0, 2, 1)  # b, c, n
        edge_index = edge_index.unsqueeze(1).expand(-1, C, -1)
        return x.reshape(B, C, H * W).scatter(2, edge_index, gcn_features_reasoned).view(B, C, H, W)


class EBLNet(nn.Module):
    def __init__(self, num_classes=2, dim=8, num_points=6, threshold=0.8):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, dim, 3, 2, 1), nn.BatchNorm2d(dim), nn.ReLU(inplace=True))
        self.edge_extractor = nn.Sequential(nn.Conv2d(dim, dim, 3, padding=1), nn.BatchNorm2d(dim), nn.ReLU(inplace=True))
        self.edge_out_pre = nn.Sequential(nn.Conv2d(dim, dim, 3, padding=1), nn.BatchNorm2d(dim), nn.ReLU(inplace=True))
        self.edge_out = nn.Conv2d(dim, 1, kernel_size=1, bias=False)
        self.refine = ContourPointGCN(dim, num_points, threshold)
        self.final_seg = nn.Conv2d(dim, num_classes, 1)

    def forward(self, x):
        feat = self.backbone(x)
        seg_edge = self.edge_extractor(feat)
        seg_body = feat - seg_edge
        seg_edge_out_pre = self.edge_out(self.edge_out_pre(seg_edge))
        seg_out = seg_body + seg_edge
        seg_out = self.refine(seg_out, torch.sigmoid(seg_edge_out_pre.clone().detach()))
        seg_final = F.interpolate(self.final_seg(seg_out), size=x.shape[2:], mode="bilinear", align_corners=True)
        seg_edge_out = F.interpolate(seg_edge_out_pre, size=x.shape[2:], mode="bilinear", align_corners=True)
        return seg_final, seg_edge_out


net = EBLNet()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
images = torch.randn(2, 3, 16, 16)
gts = torch.randint(0, 2, (2, 16, 16))
edge_gts = torch.rand(2, 1, 16, 16).round()
for i in range(2):
    optimizer.zero_grad()
    seg_final, seg_edge_out = net(images)
    main_loss = F.cross_entropy(seg_final, gts) + F.binary_cross_entropy_with_logits(seg_edge_out, edge_gts)
    main_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
