import torch


def tensor_load_rgbimage(size):
    """Stand-in for loading the style image: an RGB CxHxW image in [0, 255]."""
    return torch.rand(3, size, size) * 255


def gram_matrix(y):
    (b, ch, h, w) = y.size()
    features = y.view(b, ch, w * h)
    features_t = features.transpose(1, 2)
    return features.bmm(features_t) / (ch * h * w)


def subtract_imagenet_mean_batch(batch):
    """Subtract ImageNet mean pixel-wise from a BGR image."""
    mean = batch.new_zeros(batch.size())
    mean[:, 0, :, :] = 103.939
    mean[:, 1, :, :] = 116.779
    mean[:, 2, :, :] = 123.680
    batch -= mean  # expect: GG002


def preprocess_batch(batch):
    batch = batch.transpose(0, 1)
    (r, g, b) = torch.chunk(batch, 3)
    batch = torch.cat((b, g, r))
    return batch.transpose(0, 1)


def init_vgg16(vgg):
    """Stand-in for copying the converted vgg16.t7 weights into the model."""
    generator = torch.Generator().manual_seed(16)
    for dst in vgg.parameters():
        dst.data[:] = torch.randn(dst.shape, generator=generator) * 0.1
