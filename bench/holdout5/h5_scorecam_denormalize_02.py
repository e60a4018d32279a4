# source: https://github.com/haofanwang/Score-CAM/issues/28
# case: the workaround posted in the thread: `denormalized[0][count] = denormalized[0][count].mul(std)` then `.add(mean)` with a counter; the writes go through fresh select views of the clone, the unbind outputs are never used
import torch
import torch.nn.functional as F


def apply_transforms(image, size=8):
    means = [0.485, 0.456, 0.406]
    stds = [0.229, 0.224, 0.225]
    tensor = F.interpolate(image.unsqueeze(0), size=(size, size), mode='bilinear', align_corners=False)
    tensor = (tensor - torch.tensor(means).view(1, 3, 1, 1)) / torch.tensor(stds).view(1, 3, 1, 1)
    tensor.requires_grad = True
    return tensor


def denormalize(tensor):
    means = [0.485, 0.456, 0.406]
    stds = [0.229, 0.224, 0.225]

    denormalized = tensor.clone()

    count = 0
    for channel, mean, std in zip(denormalized[0], means, stds):
        denormalized[0][count] = denormalized[0][count].mul(std)
        denormalized[0][count] = denormalized[0][count].add(mean)
        count += 1

    return denormalized


def format_for_plotting(tensor):
    has_batch_dimension = len(tensor.shape) == 4
    formatted = tensor.clone()
    if has_batch_dimension:
        formatted = tensor.squeeze(0)
    if formatted.shape[0] == 1:
        return formatted.squeeze(0).detach()
    else:
        return formatted.permute(1, 2, 0).detach()


def basic_visualize(input_, activation_map, save_path=None):
    input_ = format_for_plotting(denormalize(input_))
    overlay = input_.mean(-1) * activation_map.squeeze()
    return overlay


class ScoreCAMStandIn(torch.nn.Module):
    """A small conv net standing in for alexnet + ScoreCAM: returns a normalised saliency map."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, input_):
        with torch.no_grad():
            act = F.relu(self.features(input_)).sum(1, keepdim=True)
            return (act - act.min()) / (act.max() - act.min() + 1e-8)


input_image = torch.rand(3, 16, 16)
input_ = apply_transforms(input_image)
alexnet_scorecam = ScoreCAMStandIn()
scorecam_map = alexnet_scorecam(input_)
result = basic_visualize(input_.cpu(), scorecam_map.type(torch.FloatTensor).cpu(), save_path='resnet.png')
print(result.shape)
