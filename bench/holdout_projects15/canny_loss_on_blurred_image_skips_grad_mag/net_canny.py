import numpy as np
import torch
import torch.nn as nn


def gaussian(size, std):
    n = np.arange(size) - (size - 1) / 2.0
    return np.exp(-0.5 * (n / std) ** 2)


class Net(nn.Module):
    def __init__(self, threshold=10.0, use_cuda=False):
        super().__init__()

        self.threshold = threshold
        self.use_cuda = use_cuda

        filter_size = 5
        generated_filters = gaussian(filter_size, std=1.0).reshape([1, filter_size])

        self.gaussian_filter_horizontal = nn.Conv2d(
            in_channels=1, out_channels=1, kernel_size=(1, filter_size), padding=(0, filter_size // 2)
        )
        self.gaussian_filter_horizontal.weight.data.copy_(torch.from_numpy(generated_filters))
        self.gaussian_filter_horizontal.bias.data.copy_(torch.from_numpy(np.array([0.0])))
        self.gaussian_filter_vertical = nn.Conv2d(
            in_channels=1, out_channels=1, kernel_size=(filter_size, 1), padding=(filter_size // 2, 0)
        )
        self.gaussian_filter_vertical.weight.data.copy_(torch.from_numpy(generated_filters.T))
        self.gaussian_filter_vertical.bias.data.copy_(torch.from_numpy(np.array([0.0])))

        sobel_filter = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])

        self.sobel_filter_horizontal = nn.Conv2d(
            in_channels=1, out_channels=1, kernel_size=sobel_filter.shape, padding=sobel_filter.shape[0] // 2
        )
        self.sobel_filter_horizontal.weight.data.copy_(torch.from_numpy(sobel_filter))
        self.sobel_filter_horizontal.bias.data.copy_(torch.from_numpy(np.array([0.0])))
        self.sobel_filter_vertical = nn.Conv2d(
            in_channels=1, out_channels=1, kernel_size=sobel_filter.shape, padding=sobel_filter.shape[0] // 2
        )
        self.sobel_filter_vertical.weight.data.copy_(torch.from_numpy(sobel_filter.T))
        self.sobel_filter_vertical.bias.data.copy_(torch.from_numpy(np.array([0.0])))

        # filters were flipped manually
        filter_0 = np.array([[0, 0, 0], [0, 1, -1], [0, 0, 0]])
        filter_45 = np.array([[0, 0, 0], [0, 1, 0], [0, 0, -1]])
        filter_90 = np.array([[0, 0, 0], [0, 1, 0], [0, -1, 0]])
        filter_135 = np.array([[0, 0, 0], [0, 1, 0], [-1, 0, 0]])
        filter_180 = np.array([[0, 0, 0], [-1, 1, 0], [0, 0, 0]])
        filter_225 = np.array([[-1, 0, 0], [0, 1, 0], [0, 0, 0]])
        filter_270 = np.array([[0, -1, 0], [0, 1, 0], [0, 0, 0]])
        filter_315 = np.array([[0, 0, -1], [0, 1, 0], [0, 0, 0]])

        all_filters = np.stack(
            [filter_0, filter_45, filter_90, filter_135, filter_180, filter_225, filter_270, filter_315]
        )

        self.directional_filter = nn.Conv2d(
            in_channels=1, out_channels=8, kernel_size=filter_0.shape, padding=filter_0.shape[-1] // 2
        )
        self.directional_filter.weight.data.copy_(torch.from_numpy(all_filters[:, None, ...]))
        self.directional_filter.bias.data.copy_(torch.from_numpy(np.zeros(shape=(all_filters.shape[0],))))

    def blur(self, channel):
        blur_horizontal = self.gaussian_filter_horizontal(channel)
        return self.gaussian_filter_vertical(blur_horizontal)

    def forward(self, img):
        channels = [img[:, c : c + 1] for c in range(img.shape[1])]
        blurred = [self.blur(ch) for ch in channels]

        blurred_img = torch.stack(blurred, dim=1)
        blurred_img = torch.stack([torch.squeeze(blurred_img)])

        grad_x = [self.sobel_filter_horizontal(b) for b in blurred]
        grad_y = [self.sobel_filter_vertical(b) for b in blurred]

        # COMPUTE THICK EDGES

        grad_mag = None
        for gx, gy in zip(grad_x, grad_y):
            mag = torch.sqrt(gx**2 + gy**2)
            if grad_mag is None:
                grad_mag = mag
            else:
                grad_mag += mag
        grad_orientation = torch.atan2(sum(grad_y), sum(grad_x)) * (180.0 / 3.14159)
        grad_orientation += 180.0
        grad_orientation = torch.round(grad_orientation / 45.0) * 45.0

        # THIN EDGES (NON-MAX SUPPRESSION)

        all_filtered = self.directional_filter(grad_mag)

        inidices_positive = (grad_orientation / 45) % 8
        inidices_negative = ((grad_orientation / 45) + 4) % 8

        height = inidices_positive.size()[2]
        width = inidices_positive.size()[3]
        pixel_count = height * width
        pixel_range = torch.arange(pixel_count, dtype=torch.float32)[None, :]

        indices = (inidices_positive.view(-1).data * pixel_count + pixel_range).squeeze()
        channel_select_filtered_positive = all_filtered.view(-1)[indices.long()].view(1, height, width)

        indices = (inidices_negative.view(-1).data * pixel_count + pixel_range).squeeze()
        channel_select_filtered_negative = all_filtered.view(-1)[indices.long()].view(1, height, width)

        channel_select_filtered = torch.stack(
            [channel_select_filtered_positive, channel_select_filtered_negative]
        )

        is_max = channel_select_filtered.min(dim=0)[0] > 0.0
        is_max = torch.unsqueeze(is_max, dim=0)

        thin_edges = grad_mag.clone()
        thin_edges[is_max == 0] = 0.0

        # THRESHOLD

        thresholded = thin_edges.clone()
        thresholded[thin_edges < self.threshold] = 0.0

        early_threshold = grad_mag.clone()
        early_threshold[grad_mag < self.threshold] = 0.0

        assert (
            grad_mag.size()
            == grad_orientation.size()
            == thin_edges.size()
            == thresholded.size()
            == early_threshold.size()
        )

        return blurred_img, grad_mag, grad_orientation, thin_edges, thresholded, early_threshold
