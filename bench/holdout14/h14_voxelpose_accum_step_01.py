# case: VoxelPose multi-person 3D pose training (train_3d) on the Campus/Shelf setting (precomputed 2D heatmaps, no backbone): the root-localisation loss loss_3d is accumulated over 4 iterations (accu_loss_3d += loss_3d / 4) while every iteration runs (loss_2d + loss_cord).backward() and optimizer.step() on the single Adam optimiser; with zero_grad filling gradients with zeros (set_to_none=False, the behaviour of torch 1.7 in the issue) Adam also steps the root network, so the delayed accu_loss_3d.backward() meets Conv3d weights that were modified after its graphs were built
# source: https://github.com/microsoft/voxelpose-pytorch/issues/19
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Basic3DBlock(nn.Module):
    def __init__(self, in_planes, out_planes, kernel_size):
        super().__init__()
        self.block = nn.Sequential(nn.Conv3d(in_planes, out_planes, kernel_size, 1, (kernel_size - 1) // 2), nn.BatchNorm3d(out_planes), nn.ReLU(True))

    def forward(self, x):
        return self.block(x)


class Res3DBlock(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.res_branch = nn.Sequential(nn.Conv3d(in_planes, out_planes, 3, 1, 1), nn.BatchNorm3d(out_planes), nn.ReLU(True), nn.Conv3d(out_planes, out_planes, 3, 1, 1), nn.BatchNorm3d(out_planes))
        self.skip_con = nn.Sequential() if in_planes == out_planes else nn.Sequential(nn.Conv3d(in_planes, out_planes, 1), nn.BatchNorm3d(out_planes))

    def forward(self, x):
        res = self.res_branch(x)
        skip = self.skip_con(x)
        return F.relu(res + skip, True)


class V2VNet(nn.Module):
    def __init__(self, input_channels, output_channels):
        super().__init__()
        self.front_layers = nn.Sequential(Basic3DBlock(input_channels, 4, 3), Res3DBlock(4, 8))
        self.encoder_res1 = Res3DBlock(8, 8)
        self.decoder_upsample1 = nn.Sequential(nn.ConvTranspose3d(8, 8, 2, 2), nn.BatchNorm3d(8), nn.ReLU(True))
        self.skip_res1 = Res3DBlock(8, 8)
        self.output_layer = nn.Conv3d(8, output_channels, 1)

    def forward(self, x):
        x = self.front_layers(x)
        skip_x1 = self.skip_res1(x)
        x = self.encoder_res1(F.max_pool3d(x, 2, 2))
        x = self.decoder_upsample1(x) + skip_x1
        return self.output_layer(x)  # saver


def project_heatmaps(all_heatmaps, centers, cube_size):
    # stand-in for ProjectLayer: back-projects the per-view 2D heatmaps into a cube around each center
    heat = torch.stack(all_heatmaps, 0).mean(0)
    cube = F.interpolate(heat, size=(cube_size, cube_size), mode="bilinear", align_corners=False)
    cube = cube.unsqueeze(2).expand(-1, -1, cube_size, -1, -1)
    return cube * (1.0 + 0.01 * centers[:, :1, None, None, None])


class CuboidProposalNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cube_size, self.num_cand = cfg.INITIAL_CUBE_SIZE, cfg.MAX_PEOPLE_NUM
        self.v2v_net = V2VNet(cfg.NUM_JOINTS, 1)

    def forward(self, all_heatmaps, meta):
        batch_size = all_heatmaps[0].shape[0]
        initial_cubes = project_heatmaps(all_heatmaps, torch.zeros(batch_size, 3), self.cube_size)
        root_cubes = self.v2v_net(initial_cubes).squeeze(1)
        topk_values, topk_index = root_cubes.detach().flatten(1).topk(self.num_cand)  # nms stand-in
        grid_centers = torch.zeros(batch_size, self.num_cand, 5)
        grid_centers[:, :, 0:3] = topk_index.unsqueeze(-1).float() / root_cubes[0].numel()
        grid_centers[:, :, 4] = topk_values
        for i in range(batch_size):
            grid_centers[i, :, 3] = -1.0
            grid_centers[i, : meta[0]["num_person"][i], 3] = torch.arange(int(meta[0]["num_person"][i])).float()  # match gt
        return root_cubes, grid_centers


class PoseRegressionNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cube_size, self.beta = cfg.CUBE_SIZE, cfg.BETA
        self.v2v_net = V2VNet(cfg.NUM_JOINTS, cfg.NUM_JOINTS)

    def forward(self, all_heatmaps, meta, grid_centers):
        batch_size, num_joints = all_heatmaps[0].shape[:2]
        pred = torch.zeros(batch_size, num_joints, 3)
        cubes = project_heatmaps(all_heatmaps, grid_centers[:, :3], self.cube_size)
        grids = torch.rand(batch_size, self.cube_size**3, 3)
        index = grid_centers[:, 3] >= 0
        valid_cubes = self.v2v_net(cubes[index])
        x = F.softmax(self.beta * valid_cubes.reshape(valid_cubes.shape[0], num_joints, -1, 1), dim=2)
        pred[index] = torch.sum(x * grids[index].unsqueeze(1), dim=2)  # soft-argmax
        return pred


class MultiPersonPoseNet(nn.Module):
    def __init__(self, backbone, cfg):
        super().__init__()
        self.num_cand, self.num_joints = cfg.MAX_PEOPLE_NUM, cfg.NUM_JOINTS
        self.backbone = backbone
        self.root_net = CuboidProposalNet(cfg)
        self.pose_net = PoseRegressionNet(cfg)

    def forward(self, views=None, meta=None, targets_2d=None, targets_3d=None, input_heatmaps=None):
        if views is not None:
            all_heatmaps = [self.backbone(view) for view in views]
        else:
            all_heatmaps = input_heatmaps
        batch_size = all_heatmaps[0].shape[0]
        criterion = nn.MSELoss()
        loss_2d = criterion(torch.zeros(1), torch.zeros(1))
        if targets_2d is not None:
            for t, o in zip(targets_2d, all_heatmaps):
                loss_2d += criterion(o, t)
            loss_2d /= len(all_heatmaps)
        root_cubes, grid_centers = self.root_net(all_heatmaps, meta)
        loss_3d = criterion(root_cubes, targets_3d)
        pred = torch.zeros(batch_size, self.num_cand, self.num_joints, 5)
        pred[:, :, :, 3:] = grid_centers[:, :, 3:].reshape(batch_size, -1, 1, 2)
        loss_cord = criterion(torch.zeros(1), torch.zeros(1))
        count = 0
        for n in range(self.num_cand):
            index = pred[:, n, 0, 3] >= 0
            if torch.sum(index) > 0:
                single_pose = self.pose_net(all_heatmaps, meta, grid_centers[:, n])
                pred[:, n, :, 0:3] = single_pose.detach()
                gt_3d = meta[0]["joints_3d"].float()
                for i in range(batch_size):
                    if pred[i, n, 0, 3] >= 0:
                        targets = gt_3d[i : i + 1, pred[i, n, 0, 3].long()]
                        count += 1
                        loss_cord = (loss_cord * (count - 1) + F.l1_loss(single_pose[i : i + 1], targets)) / count
        return pred, all_heatmaps, grid_centers, loss_2d, loss_3d, loss_cord


def train_3d(config, model, optimizer, loader, epoch):
    model.train()
    if model.backbone is not None:
        model.backbone.eval()
    accumulation_steps = 4
    accu_loss_3d = 0
    for i, (inputs, targets_2d, targets_3d, meta, input_heatmap) in enumerate(loader):
        if config.DATASET == "panoptic":
            pred, heatmaps, grid_centers, loss_2d, loss_3d, loss_cord = model(views=inputs, meta=meta, targets_2d=targets_2d, targets_3d=targets_3d[0])
        else:
            pred, heatmaps, grid_centers, loss_2d, loss_3d, loss_cord = model(meta=meta, targets_3d=targets_3d[0], input_heatmaps=input_heatmap)
        loss_2d, loss_3d, loss_cord = loss_2d.mean(), loss_3d.mean(), loss_cord.mean()
        if loss_cord > 0:
            optimizer.zero_grad(set_to_none=False)
            (loss_2d + loss_cord).backward()
            optimizer.step()  # expect: GG002
        if accu_loss_3d > 0 and (i + 1) % accumulation_steps == 0:
            optimizer.zero_grad(set_to_none=False)
            accu_loss_3d.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            optimizer.step()
            accu_loss_3d = 0.0
        else:
            accu_loss_3d += loss_3d / accumulation_steps


config = SimpleNamespace(DATASET="campus", MAX_PEOPLE_NUM=2, NUM_JOINTS=3, INITIAL_CUBE_SIZE=8, CUBE_SIZE=4, BETA=100.0, LR=1e-3)
model = MultiPersonPoseNet(None, config)
for p in model.root_net.parameters():
    p.requires_grad = True
for p in model.pose_net.parameters():
    p.requires_grad = True
optimizer = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=config.LR)
loader = []
for _ in range(8):
    heatmaps = [torch.rand(1, config.NUM_JOINTS, 8, 8) for _ in range(2)]
    meta = [{"num_person": torch.tensor([1]), "joints_3d": torch.rand(1, 2, config.NUM_JOINTS, 3)}]
    loader.append((None, None, [torch.rand(1, 8, 8, 8)], meta, heatmaps))
train_3d(config, model, optimizer, loader, epoch=0)
