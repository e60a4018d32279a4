# source: https://github.com/xtcpete/rdd/issues/11
# case: RDD keeps a SoftDetect module whose local grid is cached as an attribute; an `@torch.inference_mode()` extract() call moves it with `self.hw_grid = self.hw_grid.to(patches)` (an inference tensor from then on), model.train() keeps the same SoftDetect, and the detector loss's soft-argmax `x_exp @ self.hw_grid` saves that grid for backward
import torch
import torch.nn as nn

torch.manual_seed(0)


class SoftDetect(nn.Module):
    def __init__(self, radius=2, top_k=0, scores_th=0.2):
        super().__init__()
        self.radius = radius
        self.top_k = top_k
        self.scores_th = scores_th
        self.kernel_size = 2 * self.radius + 1
        self.temperature = 0.1
        self.unfold = nn.Unfold(kernel_size=self.kernel_size, padding=self.radius)
        x = torch.linspace(-self.radius, self.radius, self.kernel_size)
        self.hw_grid = torch.stack(torch.meshgrid([x, x], indexing="ij")).view(2, -1).t()[:, [1, 0]]

    def detect_keypoints(self, scores_map):
        b, c, h, w = scores_map.shape
        scores_nograd = scores_map.detach()
        indices_keypoints = torch.topk(scores_nograd.view(b, -1), self.top_k).indices
        patches = self.unfold(scores_map)  # B x (kernel**2) x (H*W)
        self.hw_grid = self.hw_grid.to(patches)  # to device
        xy_residual_list = []
        for b_idx in range(b):
            patch = patches[b_idx].t()  # (H*W) x (kernel**2)
            patch_scores = patch[indices_keypoints[b_idx]]  # M x (kernel**2)
            max_v = patch_scores.max(dim=1).values.detach()[:, None]
            x_exp = ((patch_scores - max_v) / self.temperature).exp()
            xy_residual = x_exp @ self.hw_grid / x_exp.sum(dim=1)[:, None]  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
            xy_residual_list.append(xy_residual)
        return xy_residual_list

    def forward(self, scores_map):
        return self.detect_keypoints(scores_map)


class RDD(nn.Module):
    def __init__(self, top_k=8):
        super().__init__()
        self.detector = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 1, 1), nn.Sigmoid())
        self.top_k = top_k
        self.softdetect = None

    def train(self, mode=True):
        super().train(mode)
        if self.softdetect is None:
            self.set_softdetect(top_k=5, scores_th=0.2)
        return self

    def eval(self):
        super().eval()
        self.set_softdetect(top_k=self.top_k, scores_th=0.01)
        return self

    def set_softdetect(self, top_k=4096, scores_th=0.01):
        self.softdetect = SoftDetect(radius=2, top_k=top_k, scores_th=scores_th)

    @torch.inference_mode()
    def extract(self, x):
        K1 = self.detector(x)
        return self.softdetect(K1)


model = RDD().double()  # double scores maps stand in for the CUDA move of the CPU-built grid
optimizer = torch.optim.AdamW(model.detector.parameters(), lr=1e-4)

model.eval()
model.extract(torch.rand(1, 3, 12, 12, dtype=torch.float64))  # e.g. a benchmark pass between epochs

model.train()
for step in range(2):
    scores_map = model.detector(torch.rand(2, 3, 12, 12, dtype=torch.float64))
    kps = model.softdetect.detect_keypoints(scores_map)
    loss = sum(k.pow(2).mean() for k in kps)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
